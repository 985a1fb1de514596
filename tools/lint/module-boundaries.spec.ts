import { ESLint } from 'eslint';
import { join } from 'node:path';

/*
 * The layer rules of eslint.config.mjs, proved on planted files: the lint of the workspace's own
 * config must fail a wrong-way import and pass the same import the right way round. The files
 * are linted as text at paths inside the projects; nothing is written to disk.
 */

const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  it('fails the web app importing API code', async () => {
    const errors = await boundaryErrors(
      'apps/web/src/planted.ts',
      "import { ReportsService } from '../../api/src/modules/reports/reports.service';\nexport const planted = ReportsService;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('fails a util library importing a feature, and passes the feature importing the util', async () => {
    const wrongWay = await boundaryErrors('libs/metrics/src/planted.ts', "import { parseReport } from '@atlas/report-parser';\nexport const planted = parseReport;\n");
    expect(wrongWay.join('\n')).toMatch(/"type:util" can only depend on libs tagged with "type:util"/);
    const rightWay = await boundaryErrors('libs/report-parser/src/planted.ts', "import { listCells } from '@atlas/report-model';\nexport const planted = listCells;\n");
    expect(rightWay).toEqual([]);
  });

  it('fails a data library importing a feature outside its tests', async () => {
    const code = "import { parseReport } from '@atlas/report-parser';\nexport const planted = parseReport;\n";
    expect(await boundaryErrors('libs/demo-data/src/planted.ts', code)).not.toEqual([]);
    // Its spec may read its documents back with the parser.
    expect(await boundaryErrors('libs/demo-data/src/planted.spec.ts', code)).toEqual([]);
  });
});
