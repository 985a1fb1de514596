import type { CanonicalReport, Finding } from '@atlas/report-model';
import type { FilePart } from './http';

/* /api/reports: uploads, versions, corrections and the review workflow. */

export type { CanonicalReport, Finding };

/** Where a report is in its workflow: draft → submitted → accepted or returned (reopen: returned). */
export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The steps of a report's history. */
export const REPORT_ACTIONS = [
  'upload',
  'correct',
  'submit',
  'accept',
  'return',
  'reopen',
] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** Where the deadline that applies comes from: the agency's own, an ancestor's, the year's, the statute's. */
export const DEADLINE_SOURCES = ['agency', 'ancestor', 'year', 'statutory'] as const;
export type DeadlineSource = (typeof DEADLINE_SOURCES)[number];

/** Where in a document its year was read. */
export const YEAR_SOURCES = ['title', 'period', 'body', 'fileName'] as const;
export type YearSource = (typeof YEAR_SOURCES)[number];

export interface FindingCounts {
  errors: number;
  warnings: number;
}

/** Something about an upload worth telling that does not stop it (e.g. YEAR_DIFFERS). */
export interface ReportWarning {
  code: string;
  message: string;
}

/** What an upload, a correction and a workflow step answer. */
export interface ReportWriteResult {
  id: string;
  agencyId: string;
  year: number;
  version: number;
  status: ReportStatus;
  findings: Finding[];
  warnings: ReportWarning[];
}

export interface ReportListItem {
  id: string;
  agencyId: string;
  agencyName: string | null;
  year: number;
  status: ReportStatus;
  version: number;
  findingCounts: FindingCounts;
  submittedAt: string | null;
  onTime: boolean | null;
  daysLate: number | null;
  updatedAt: string;
}

export interface ReportPage {
  items: ReportListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ReportListQuery {
  agencyId?: string;
  year?: number;
  status?: ReportStatus;
  page?: number;
  pageSize?: number;
}

export interface ReportVersionSummary {
  version: number;
  /** After the latest workflow step that concerned this version. */
  status: ReportStatus;
  createdAt: string;
  createdBy: string;
  createdByName: string | null;
  fileName: string | null;
  sha256: string | null;
  size: number | null;
  format: string | null;
  /** The version a returned report was copied from to be corrected. */
  basedOnVersion: number | null;
  submittedAt: string | null;
  submittedBy: string | null;
  onTime: boolean | null;
  daysLate: number | null;
  findingCounts: FindingCounts;
}

/** The reviewer's comment a returned or reopened report carries until it is submitted again. */
export interface ReviewComment {
  action: 'return' | 'reopen';
  /** The version it was written on; later versions made to answer it carry it too. */
  version: number;
  comment: string;
  actorId: string;
  actorName: string;
  at: string;
}

export interface ReportDetail {
  id: string;
  agencyId: string;
  agencyName: string | null;
  year: number;
  status: ReportStatus;
  version: number;
  report: CanonicalReport;
  findings: Finding[];
  warnings: ReportWarning[];
  versions: ReportVersionSummary[];
  /** YYYY-MM-DD: the deadline that applies. */
  deadline: string;
  deadlineSource: DeadlineSource;
  /** Whether the current version was submitted on time; null until submitted. */
  onTime: boolean | null;
  daysLate: number | null;
  /** Null when never sent back, or submitted again since. */
  reviewComment: ReviewComment | null;
  createdAt: string;
  updatedAt: string;
}

/** Where a value was read in the original. */
export interface SourceLocation {
  page?: number;
  sheet?: string;
  table?: number;
  row?: number;
  column?: number;
  line?: number;
}

/**
 * How a value was obtained when it was not simply read from its own cell: split out of digits
 * run together, taken by row order, a blank cell read as 0, a row not found (0).
 */
export type CellMethod = 'digit-run' | 'row-order' | 'blank' | 'missing';

/**
 * How sure the placement of a value is. Absent: read from its own cell in a row found as the
 * layout has it. `inferred`: placed by reasoning the table's own sums confirm. `uncertain`: the
 * layout did not settle it (an F.LAYOUT or F.AMBIGUOUS finding names the cell).
 */
export type CellCertainty = 'inferred' | 'uncertain';

/** Where one cell's value came from, as the parser (libs/report-parser provenance.ts) records it. */
export interface CellSource {
  source: SourceLocation;
  /** The text as printed (for a value split out of a run of digits: the whole run). */
  raw: string;
  method?: CellMethod;
  certainty?: CellCertainty;
  /** The printed row or line the value was read from, when it says more than `raw`. */
  context?: string;
}

/** Cell address → where its value was read. */
export type Provenance = Record<string, CellSource>;

export interface CellCorrection {
  address: string;
  from: number;
  to: number;
  reason: string;
  userId: string;
  at: string;
}

export interface ReportVersionDetail extends ReportVersionSummary {
  reportId: string;
  report: CanonicalReport;
  findings: Finding[];
  warnings: ReportWarning[];
  provenance: Provenance;
  corrections: CellCorrection[];
}

export interface ReportDiffQuery {
  from: number;
  to: number;
}

export interface CellDifference {
  address: string;
  /** null when that version has no such cell. */
  from: number | null;
  to: number | null;
}

export interface ReportDiff {
  from: number;
  to: number;
  differences: CellDifference[];
}

/** One cell a correction changed. */
export interface ReportEventChange {
  address: string;
  from: number;
  to: number;
}

export interface ReportEvent {
  version: number;
  action: ReportAction;
  /** A return's comment, a reopen's or a correction's reason. */
  comment: string | null;
  /** For a correction: the cells it changed; empty for other steps. */
  changes: ReportEventChange[];
  actorId: string;
  actorName: string;
  at: string;
}

/**
 * POST /api/reports: JSON with pasted `text`, or multipart with `file` instead. Exactly one of
 * the two.
 */
export interface UploadReportRequest {
  agencyId: string;
  /** The year reported on (not the year of publication). */
  year: number;
  text?: string;
  /** The name pasted text is stored under. */
  fileName?: string;
  file?: FilePart;
}

/** POST /api/reports/preview: parses and checks without storing. */
export interface PreviewReportRequest {
  /** Given: checked against the agency's previous year (X.CARRY, T2.STOCK). */
  agencyId?: string;
  /** Given: the document's year is checked against it. */
  year?: number;
  text?: string;
  fileName?: string;
  file?: FilePart;
}

export interface ReportPreview {
  report: CanonicalReport;
  findings: Finding[];
  provenance: Provenance;
  warnings: ReportWarning[];
  format: string;
  yearSource: YearSource | null;
}

export interface CellChange {
  address: string;
  value: number;
}

export interface CorrectCellsRequest {
  reason: string;
  changes: CellChange[];
}

export interface ReturnReportRequest {
  comment: string;
}

export interface ReopenReportRequest {
  reason: string;
}

// ── deadlines (/api/deadlines) ─────────────────────────────────────────────────────────────────

/** A deadline set for a year: the year default (`agencyId` null) or an agency subtree's own. */
export interface DeadlineDto {
  id: string;
  year: number;
  agencyId: string | null;
  agencyName: string | null;
  /** YYYY-MM-DD. */
  dueDate: string;
}

/** The deadline that applies to one agency, and who set it. */
export interface EffectiveDeadline {
  agencyId: string;
  dueDate: string;
  source: DeadlineSource;
  setByAgencyId: string | null;
}

export interface DeadlineList {
  year: number;
  /** 条例第四十九条: 31 January of the next year (departments, towns, zones). */
  statutoryDueDate: string;
  /** 条例第四十九条: 31 March of the next year, for a people's government's own report. */
  governmentStatutoryDueDate: string;
  /** What applies where no agency has its own. */
  defaultDueDate: string;
  deadlines: DeadlineDto[];
  /** Asked with an agency: the deadline that applies to it. */
  effective?: EffectiveDeadline;
}

export interface ListDeadlinesQuery {
  year: number;
  agencyId?: string;
}

export interface SetDeadlineRequest {
  year: number;
  /** Omitted or null: the year default. */
  agencyId?: string | null;
  dueDate: string;
}
