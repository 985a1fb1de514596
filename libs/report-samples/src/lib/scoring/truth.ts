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
