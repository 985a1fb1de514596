import { emptyReport, runSingleReportChecks, setCell, type FormatVersion } from '@atlas/report-model';
import type { Truth } from './truth';

/** A corpus folder's expected.json (see shared/corpus/README.md). */
export interface CorpusExpected {
  source: string;
  year: number | null;
  formatVersion: FormatVersion;
  proactive: Record<string, Record<string, number>>;
  applications: Record<string, Record<string, number>>;
  reviewLitigation: Record<string, Record<string, number>>;
  narrative?: { metrics?: { applicationsReceived?: number } };
  /** Rules the document's own numbers break (rule names only). */
  expectedFindings: string[];
  ambiguousCells?: string[];
}

/**
 * The truth of a hand-checked corpus document: its cells as recorded, the rules it breaks both
 * as defects to report and as findings that are no false alarm, and its undetermined cells.
 */
export function truthOfCorpus(expected: CorpusExpected): Truth {
  const layout =
    expected.applications['otherHandling'] !== undefined
      ? 'singleOtherHandling'
      : 'itemizedOtherHandling';
  const report = emptyReport(expected.formatVersion, layout);
  for (const table of ['proactive', 'applications', 'reviewLitigation'] as const) {
    for (const [row, columns] of Object.entries(expected[table])) {
      for (const [column, value] of Object.entries(columns))
        setCell(report, `${table}.${row}.${column}`, value);
    }
  }
  report.year = expected.year;
  report.narrative.metrics.applicationsReceived =
    expected.narrative?.metrics?.applicationsReceived ?? null;
  const findings = expected.expectedFindings.map((rule) => ({ rule }));
  // What the recorded text states against the recorded tables (N.*) is the document's own too:
  // hongze-2024 states 17 applications in part 一 and prints 95 in table 3.
  const narrative = runSingleReportChecks(report)
    .filter((finding) => finding.rule.startsWith('N.'))
    .map(({ rule, cells }) => ({ rule, cells }));
  return {
    report,
    expectedFindings: findings,
    ownFindings: [...findings, ...narrative],
    ...(expected.ambiguousCells ? { ambiguousCells: expected.ambiguousCells } : {}),
  };
}
