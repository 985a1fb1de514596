import type { Finding } from '@atlas/report-model';
import type { CellVector, NarrativeTotals } from '@atlas/metrics';

/**
 * What analytics counts of one report, published by the reports module inside the transaction
 * of every change that alters it (a version uploaded, corrected, submitted, accepted, returned
 * or reopened) and replayed for every report when analytics rebuilds its projection.
 */
export interface ReportSnapshot {
  readonly reportId: string;
  readonly agencyId: string;
  readonly year: number;
  /** The report's workflow status now; a newer draft leaves the counted version as it was. */
  readonly status: string;
  /** The latest submitted version: what analytics counts. Null until one is submitted. */
  readonly counted: CountedVersion | null;
}

export interface CountedVersion {
  readonly versionId: string;
  readonly submittedAt: Date;
  readonly onTime: boolean;
  readonly daysLate: number;
  /** Every number of tables 2–4, in CELL_LAYOUT order (null: not in the report). */
  readonly cells: CellVector;
  /** Every metric one report has a value of by itself (cell and narrative metrics), by key. */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** The narrative figures the narrative metrics are computed from. */
  readonly narrative: NarrativeTotals;
  /** The version's findings (rule checks and cross-report checks). */
  readonly findings: readonly Finding[];
}
