import { runSingleReportChecks, type CanonicalReport } from '@atlas/report-model';
import type { AnyGeneratedReport } from '../generated-reports';

/**
 * What a parse of a document is compared with: the report as printed (cells, format, table-3
 * layout, the numbers its text states), the findings its own numbers produce, and among them
 * the defects planted on purpose.
 */
export interface ExpectedFinding {
  rule: string;
  /** The cells the finding names; absent: any finding of the rule matches (corpus). */
  cells?: string[];
}

export interface Truth {
  report: CanonicalReport;
  /** Findings a right parse must report (defects of the document). */
  expectedFindings: ExpectedFinding[];
  /** T3.*, T4.*, N.* findings the document itself produces: not false alarms. */
  ownFindings: ExpectedFinding[];
  /** Cells the document alone does not determine: right when reported in F.AMBIGUOUS. */
  ambiguousCells?: string[];
  /**
   * Planted defects the printed document does not show: it is byte for byte the document of a
   * report without them (see undecided.ts). Neither missed when absent nor false when reported.
   */
  invisibleDefects?: ExpectedFinding[];
}

/** The truth with what the document was proven not to decide. */
export function withUndecided(
  truth: Truth,
  undecided: { cells: readonly string[]; defects: readonly ExpectedFinding[] },
): Truth {
  if (undecided.cells.length === 0 && undecided.defects.length === 0) return truth;
  const invisible = new Set(undecided.defects);
  return {
    ...truth,
    ambiguousCells: [...new Set([...(truth.ambiguousCells ?? []), ...undecided.cells])],
    expectedFindings: truth.expectedFindings.filter((defect) => !invisible.has(defect)),
    invisibleDefects: [...(truth.invisibleDefects ?? []), ...undecided.defects],
  };
}

/** The truth of a generated report, with the numbers its part 一 states. */
export function truthOfGenerated(generated: AnyGeneratedReport): Truth {
  const report = structuredClone(generated.report);
  report.narrative.metrics.applicationsReceived = generated.applicationsStated;
  if (generated.casesStated) {
    report.narrative.metrics.reviewCount = generated.casesStated.reviews;
    report.narrative.metrics.litigationCount = generated.casesStated.lawsuits;
  }
  return {
    report,
    expectedFindings: generated.brokenRules.map(({ rule, cells }) => ({ rule, cells })),
    ownFindings: runSingleReportChecks(report).map(({ rule, cells }) => ({ rule, cells })),
  };
}
