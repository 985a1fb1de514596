import { ESLint } from 'eslint';
import { join } from 'node:path';

/*
 * The layer rules of eslint.config.mjs, proved on planted files: the lint of the workspace's own
 * config must fail a wrong-way import and pass the same import the right way round. The files
 * are linted as text at paths inside the projects; nothing is written to disk.
 */

const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function ruleErrors(rule: string, filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

const boundaryErrors = (filePath: string, code: string) =>
  ruleErrors('@nx/enforce-module-boundaries', filePath, code);
const surfaceErrors = (filePath: string, code: string) =>
  ruleErrors('atlas/api-module-surface', filePath, code);

describe('module boundaries', () => {
  it('fails the web app importing API code', async () => {
    const errors = await boundaryErrors(
      'apps/web/src/planted.ts',
      "import { ReportsService } from '../../api/src/modules/reports/reports.service';\nexport const planted = ReportsService;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('fails a util library importing a feature, and passes the feature importing the util', async () => {
    const wrongWay = await boundaryErrors(
      'libs/metrics/src/planted.ts',
      "import { parseReport } from '@atlas/report-parser';\nexport const planted = parseReport;\n",
    );
    expect(wrongWay.join('\n')).toMatch(
      /"type:util" can only depend on libs tagged with "type:util"/,
    );
    const rightWay = await boundaryErrors(
      'libs/report-parser/src/planted.ts',
      "import { listCells } from '@atlas/report-model';\nexport const planted = listCells;\n",
    );
    expect(rightWay).toEqual([]);
  });

  it('fails a data library importing a feature outside its tests', async () => {
    const code =
      "import { parseReport } from '@atlas/report-parser';\nexport const planted = parseReport;\n";
    expect(await boundaryErrors('libs/demo-data/src/planted.ts', code)).not.toEqual([]);
    // Its spec may read its documents back with the parser.
    expect(await boundaryErrors('libs/demo-data/src/planted.spec.ts', code)).toEqual([]);
  });

  it('fails an API module reaching inside another, and passes the same import through its index.ts', async () => {
    const inside = await surfaceErrors(
      'apps/api/src/modules/analytics/read/planted.ts',
      "import { countedNumbers } from '../../reports/report-snapshot';\nexport const planted = countedNumbers;\n",
    );
    expect(inside.join('\n')).toMatch(
      /reaches inside the reports module: import it through its public surface '\.\.\/\.\.\/reports'/,
    );
    // The request decorators of another module's DTOs are its internals too.
    expect(
      await surfaceErrors(
        'apps/api/src/modules/analytics/http/dto/planted.ts',
        "import { FileNameField } from '../../../reports/dto/report-fields';\nexport const planted = FileNameField;\n",
      ),
    ).not.toEqual([]);
    const throughIndex = await surfaceErrors(
      'apps/api/src/modules/analytics/read/planted.ts',
      "import { countedNumbers } from '../../reports';\nexport const planted = countedNumbers;\n",
    );
    expect(throughIndex).toEqual([]);
    // Inside its own module a file imports what it likes.
    expect(
      await surfaceErrors(
        'apps/api/src/modules/reports/planted.ts',
        "import { countedNumbers } from './report-snapshot';\nexport const planted = countedNumbers;\n",
      ),
    ).toEqual([]);
  });

  it('holds scripts to the same surface: no repository, entity or projection internals', async () => {
    const code =
      "import { rebuildRollups } from '../modules/analytics/projection/rollup-writes';\nexport const planted = rebuildRollups;\n";
    expect(await surfaceErrors('apps/api/src/scripts/planted.ts', code)).not.toEqual([]);
  });
});
