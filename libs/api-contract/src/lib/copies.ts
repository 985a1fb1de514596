import type { NarrativePartKey } from '@atlas/report-model';
import type { ReportStatus } from './reports';

/* Copied text (内容雷同, N.COPIED): the two passages side by side, and the copies of a region. */

export type { NarrativePartKey };

/** shared: stands in the other passage (marked); boilerplate: common wording; text: its own. */
export const COPY_SPAN_KINDS = ['shared', 'boilerplate', 'text'] as const;
export type CopySpanKind = (typeof COPY_SPAN_KINDS)[number];

/** A piece of a passage as written; a passage's spans, joined, are the passage. */
export interface CopySpan {
  text: string;
  kind: CopySpanKind;
}

/** One report's part, marked up. */
export interface CopyPassage {
  reportId: string;
  agencyId: string;
  agencyName: string | null;
  year: number;
  /** The version whose text this is. */
  version: number;
  /** Whether the caller may open this report (otherwise it is shown for this finding only). */
  linkable: boolean;
  spans: CopySpan[];
}

/** GET /api/reports/{id}/copies: per N.COPIED finding of the report's current version. */
export interface ReportCopyComparison {
  part: NarrativePartKey;
  /** As the finding measured it (0–1). */
  similarity: number;
  /** This report's part. */
  report: CopyPassage;
  /** The same part of the report it stands in. */
  other: CopyPassage;
}

export interface CopiedReportsQuery {
  year: number;
  /** A region (its whole subtree); the caller's whole scope when absent. */
  scope?: string;
  page?: number;
  pageSize?: number;
}

/** The report a copied part stands in. */
export interface CopiedReportSource {
  reportId: string;
  agencyId: string;
  agencyName: string | null;
  year: number;
  /** Whether the caller may open that report. */
  visible: boolean;
}

/** One copied part of a report (a report with two copied parts is listed twice). */
export interface CopiedReportItem {
  reportId: string;
  agencyId: string;
  agencyName: string | null;
  year: number;
  status: ReportStatus;
  part: NarrativePartKey;
  similarity: number;
  /** How many of this report's sentences stand in the other. */
  sharedSentences: number;
  other: CopiedReportSource;
}

/** GET /api/reports/copies: most similar first. */
export interface CopiedReportPage {
  year: number;
  items: CopiedReportItem[];
  total: number;
  page: number;
  pageSize: number;
}
