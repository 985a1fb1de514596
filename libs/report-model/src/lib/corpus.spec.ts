import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FormatVersion } from './format-version';
import { listCells, setCell } from './cells';
import { checkNarrativeApplications } from './checks/narrative';
import { runCrossReportChecks, runTableChecks } from './checks/run-checks';
import { emptyReport, type CanonicalReport } from './report';
import { RULES, type RuleId } from './rules';

/*
 * The shared corpus of real reports sits next to the repository (/work/shared/corpus beside
 * /work/main). Its expected.json files hold hand-checked numbers and `expectedFindings`, the
 * arithmetic rules (T3.*, T4.*) each document's own numbers break.
 */
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/corpus');

type Table = Record<string, Record<string, number>>;

interface ExpectedReport {
  year: number | null;
  formatVersion: FormatVersion;
  proactive: Table;
  applications: Table;
  reviewLitigation: Table;
  narrative?: { metrics?: { applicationsReceived?: number } };
  expectedFindings: string[];
}

interface CorpusDocument {
  folder: string;
  expected: ExpectedReport;
  report: CanonicalReport;
  /** How many numbers expected.json gives for tables 2–4. */
  expectedCellCount: number;
}

/** A report with expected.json's numbers; setCell throws on any key the model does not know. */
function loadDocument(folder: string): CorpusDocument {
  const file = path.join(CORPUS_DIR, folder, 'expected.json');
  const expected = JSON.parse(readFileSync(file, 'utf8')) as ExpectedReport;
  const layout =
    'otherHandling' in expected.applications ? 'singleOtherHandling' : 'itemizedOtherHandling';
  const report = emptyReport(expected.formatVersion, layout);
  report.year = expected.year;
  report.narrative.metrics.applicationsReceived =
    expected.narrative?.metrics?.applicationsReceived ?? null;
  let expectedCellCount = 0;
  for (const table of ['proactive', 'applications', 'reviewLitigation'] as const) {
    for (const [row, cells] of Object.entries(expected[table])) {
      for (const [column, value] of Object.entries(cells)) {
        setCell(report, `${table}.${row}.${column}`, value);
        expectedCellCount += 1;
      }
    }
  }
  return { folder, expected, report, expectedCellCount };
}

const TABLE_RULES = new Set<string>(['T3.BALANCE', 'T3.OUTCOMES', 'T3.ROWSUM', 'T4.TOTAL']);

const folders = existsSync(CORPUS_DIR)
  ? readdirSync(CORPUS_DIR, { withFileTypes: true })
      .filter(
        (entry) =>
          entry.isDirectory() && existsSync(path.join(CORPUS_DIR, entry.name, 'expected.json')),
      )
      .map((entry) => entry.name)
      .sort()
  : [];

if (folders.length === 0) {
  console.warn(`Corpus tests skipped: no expected.json under ${CORPUS_DIR}`);
}

const describeCorpus = folders.length > 0 ? describe : describe.skip;

describeCorpus('shared corpus', () => {
  const documents = new Map(folders.map((folder) => [folder, loadDocument(folder)]));
  const documentOf = (folder: string): CorpusDocument => {
    const document = documents.get(folder);
    if (document === undefined) throw new Error(`corpus folder ${folder} is missing`);
    return document;
  };
  const cases = folders.length > 0 ? folders : ['(none)'];

  it.each(cases)('%s uses exactly the cells of the model', (folder) => {
    const { report, expectedCellCount } = documentOf(folder);
    expect(listCells(report)).toHaveLength(expectedCellCount);
  });

  it.each(cases)('%s breaks exactly its expected table rules', (folder) => {
    const { report, expected } = documentOf(folder);
    const knownRules = new Set<string>(RULES.map((rule) => rule.id));
    expect(expected.expectedFindings.filter((rule) => !knownRules.has(rule))).toEqual([]);
    const found = new Set<RuleId>(runTableChecks(report).map((finding) => finding.rule));
    const expectedTableRules = expected.expectedFindings.filter((rule) => TABLE_RULES.has(rule));
    expect([...found].sort()).toEqual([...new Set(expectedTableRules)].sort());
  });

  it('flags the one report whose text counts applications differently (hongze-2024: 17 vs 95)', () => {
    const warned = folders.filter(
      (folder) => checkNarrativeApplications(documentOf(folder).report).length > 0,
    );
    expect(warned).toEqual(['hongze-2024']);
  });

  it.each([
    ['pingtan-2021', 'pingtan-2022'],
    ['pingtan-2022', 'pingtan-2023-html'],
    ['pingtan-2022', 'pingtan-2023-text'],
    ['pingtan-2023-html', 'pingtan-2024'],
    ['hongze-2023', 'hongze-2024'],
  ])('%s → %s: carried-over numbers continue', (previousFolder, folder) => {
    const findings = runCrossReportChecks(
      documentOf(folder).report,
      documentOf(previousFolder).report,
    );
    expect(findings.filter((finding) => finding.rule === 'X.CARRY')).toEqual([]);
  });

  it('pingtan 2023 normative documents in force do not follow from 2022 (a T2.STOCK warning)', () => {
    const findings = runCrossReportChecks(
      documentOf('pingtan-2023-html').report,
      documentOf('pingtan-2022').report,
    );
    expect(findings.map((finding) => finding.message)).toEqual([
      '表二 行政规范性文件：现行有效件数 470 ≠ 2022年报告现行有效件数 698 + 本年制发件数 77 − 本年废止件数 132 = 643',
    ]);
  });
});
