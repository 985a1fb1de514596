import type { Severity } from '@atlas/report-model';

/*
 * Data-quality metrics describe the collection of reports (were they published, on time, do
 * they contradict themselves), so they read findings and submission counts, not table cells.
 */

/** What `reportsWithErrors` reads: the findings of each report. */
export interface ReportFindingsInput {
  readonly findings: readonly { readonly severity: Severity }[];
}

/** What the submission metrics read, for one agency set and year. */
export interface SubmissionCounts {
  /** Reports that should exist (one per agency and year). */
  readonly expected: number;
  /** Reports found. */
  readonly submitted: number;
  /** Of those, published by the deadline (31 January, 条例 第四十九条). */
  readonly onTime: number;
}

/** Reports with at least one `error` finding; warnings alone do not make a report wrong. */
export function reportsWithErrors(reports: readonly ReportFindingsInput[]): number {
  return reports.filter((report) => report.findings.some((f) => f.severity === 'error')).length;
}

/** Percent of submitted reports published on time; null when nothing was submitted. */
export function onTimeRate(submitted: number, onTime: number): number | null {
  return submitted === 0 ? null : (onTime / submitted) * 100;
}

/** Reports expected but not found (never negative: extra reports do not offset missing ones). */
export function missingReports(expected: number, submitted: number): number {
  return Math.max(0, expected - submitted);
}
