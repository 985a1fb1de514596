import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPORT_PARTS, runSingleReportChecks, setCell } from '@atlas/report-model';
import { type CorpusExpected } from '@atlas/report-samples';
import { parseReport } from './parse-report';

/*
 * The single-report rules of issue 17 (structure, text against tables) on the real reports: each
 * report's text as the parser reads it, with the hand-checked numbers of its expected.json in
 * place of the numbers read, so that what is judged is the document, not the reading.
 */
const CORPUS = resolve(__dirname, '../../../../../shared/corpus');
const folders = existsSync(CORPUS)
  ? readdirSync(CORPUS).filter((name) => existsSync(join(CORPUS, name, 'expected.json')))
  : [];

const NEW_RULES = new Set<string>([
  'S.PARTS',
  'S.PERIOD',
  'N.FEE',
  'N.COMPLETION',
  'N.PUBLISHED',
  'N.PASS_RATE',
]);

async function checkedReport(folder: string) {
  const expected = JSON.parse(
    readFileSync(join(CORPUS, folder, 'expected.json'), 'utf8'),
  ) as CorpusExpected;
  const bytes = new Uint8Array(readFileSync(join(CORPUS, folder, expected.source)));
  const { report } = await parseReport(bytes, { fileName: expected.source });
  for (const table of ['proactive', 'applications', 'reviewLitigation'] as const) {
    for (const [row, columns] of Object.entries(expected[table])) {
      for (const [column, value] of Object.entries(columns))
        setCell(report, `${table}.${row}.${column}`, value);
    }
  }
  report.year = expected.year;
  return { report, expected };
}

(folders.length > 0 ? describe : describe.skip)('the rules of issue 17 on the corpus', () => {
  it.each(folders)(
    '%s: no false alarm from S.*, N.FEE, N.COMPLETION, N.PUBLISHED, N.PASS_RATE',
    async (folder) => {
      const { report, expected } = await checkedReport(folder);
      expect(
        runSingleReportChecks(report).filter((finding) => NEW_RULES.has(finding.rule)),
      ).toEqual([]);
      // What the rules read is there: every report prints the six parts and states its period.
      expect(report.narrative.partsFound).toEqual(REPORT_PARTS.map((part) => part.key));
      if (expected.year !== null)
        expect(report.narrative.period?.start).toBe(`${expected.year}-01-01`);
    },
  );

  it('warns on a corpus report whose year is changed (the rules can fail)', async () => {
    const { report } = await checkedReport(
      folders.find((f) => f.startsWith('huaian')) ?? folders[0],
    );
    report.year = (report.year ?? 2000) + 1;
    report.narrative.partsFound = report.narrative.partsFound?.filter((part) => part !== 'other');
    const rules = runSingleReportChecks(report).map((finding) => finding.rule);
    expect(rules).toEqual(expect.arrayContaining(['S.PERIOD', 'S.PARTS']));
  });
});
