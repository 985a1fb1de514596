import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getCell, listCells } from '@atlas/report-model';
import { type CorpusExpected } from '@atlas/report-samples';
import { parseReport } from './parse-report';

/** The hand-checked corpus lives next to the repository (../shared/corpus). */
const CORPUS = resolve(__dirname, '../../../../../shared/corpus');
const folders = existsSync(CORPUS) ? readdirSync(CORPUS).filter((name) => existsSync(join(CORPUS, name, 'expected.json'))) : [];

/** A corpus folder's expected.json (its shape is written once, in @atlas/report-samples). */
type Expected = CorpusExpected;

const ARITHMETIC_RULE = /^T[34]\./;

function expectedCells(expected: Expected): [string, number][] {
  const cells: [string, number][] = [];
  for (const table of ['proactive', 'applications', 'reviewLitigation'] as const) {
    for (const [row, columns] of Object.entries(expected[table])) {
      for (const [column, value] of Object.entries(columns)) cells.push([`${table}.${row}.${column}`, value]);
    }
  }
  return cells;
}

(folders.length > 0 ? describe : describe.skip)('the corpus of real reports', () => {
  it.each(folders)('%s: every cell, the year, the format and the findings', async (folder) => {
    const expected = JSON.parse(readFileSync(join(CORPUS, folder, 'expected.json'), 'utf8')) as Expected;
    const bytes = new Uint8Array(readFileSync(join(CORPUS, folder, expected.source)));
    const { report } = await parseReport(bytes, { fileName: expected.source });

    const ambiguousReported = new Set(report.findings.filter((f) => f.rule === 'F.AMBIGUOUS').flatMap((f) => f.cells));
    const acceptedAmbiguous = new Set(expected.ambiguousCells ?? []);
    const wrong = expectedCells(expected)
      .filter(([address, value]) => {
        const actual = getCell(report, address);
        if (actual !== undefined && Math.abs(actual - value) < 1e-9) return false;
        return !(acceptedAmbiguous.has(address) && ambiguousReported.has(address));
      })
      .map(([address, value]) => `${address}: expected ${value}, read ${getCell(report, address)}`);
    expect(wrong).toEqual([]);
    // The parse has no cells the document lacks (e.g. a single （六） row read as three).
    expect(listCells(report).length).toBe(expectedCells(expected).length);

    expect({ year: report.year, formatVersion: report.formatVersion }).toEqual({
      year: expected.year,
      formatVersion: expected.formatVersion,
    });
    const rules = new Set(report.findings.map((finding) => finding.rule));
    for (const rule of expected.expectedFindings) expect(rules).toContain(rule);
    const unexpectedArithmetic = [...rules].filter((rule) => ARITHMETIC_RULE.test(rule) && !expected.expectedFindings.includes(rule));
    expect(unexpectedArithmetic).toEqual([]);
    const strayAmbiguity = [...ambiguousReported].filter((address) => !acceptedAmbiguous.has(address));
    expect(strayAmbiguity).toEqual([]);

    const statedApplications = expected.narrative?.metrics?.applicationsReceived ?? null;
    expect(report.narrative.metrics.applicationsReceived).toBe(statedApplications);
  });

  it('says the blank official template is a template (F.TEMPLATE, an error), and no published report', async () => {
    const templated: string[] = [];
    for (const folder of folders) {
      const expected = JSON.parse(readFileSync(join(CORPUS, folder, 'expected.json'), 'utf8')) as Expected;
      const { report } = await parseReport(new Uint8Array(readFileSync(join(CORPUS, folder, expected.source))), { fileName: expected.source });
      const finding = report.findings.find((candidate) => candidate.rule === 'F.TEMPLATE');
      if (finding) templated.push(`${folder} ${finding.severity}`);
    }
    // The template is the one document without a year: nobody's published report.
    expect(templated).toEqual(folders.filter((folder) => folder.startsWith('template-')).map((folder) => `${folder} error`));
  });
});
