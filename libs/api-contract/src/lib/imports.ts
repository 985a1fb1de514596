import type { FilePart } from './http';
import type { FindingCounts, YearSource } from './reports';

/* /api/imports: bulk imports of zipped reports, worked off a queue. */

/** Where an import job is: waiting for the queue, being worked off, done (whatever the outcomes). */
export const IMPORT_JOB_STATUSES = ['queued', 'running', 'finished'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** What became of one file: stored as a new version, already there, or refused with a reason. */
export const IMPORT_ITEM_STATUSES = ['queued', 'imported', 'duplicate', 'failed'] as const;
export type ImportItemStatus = (typeof IMPORT_ITEM_STATUSES)[number];

/**
 * How an item's agency was found when the manifest did not give it: `name` — the document's
 * agency name equals one visible agency's name exactly; `uploader` — the document names no agency
 * and an uploader imports for its own.
 */
export const AGENCY_INFERENCES = ['name', 'uploader'] as const;
export type AgencyInference = (typeof AGENCY_INFERENCES)[number];

/** POST /api/imports: multipart, one `file` (a zip, with an optional manifest.csv). */
export interface CreateImportRequest {
  file: FilePart;
}

/** The 202 answer to an accepted zip: the job waits for the queue. */
export interface ImportCreated {
  id: string;
  status: 'queued';
  total: number;
}

/** What the API inferred for an item when the manifest did not say. */
export interface ImportInference {
  agency?: AgencyInference;
  /** document: the year was read from the file (`yearSource` says where). */
  year?: 'document';
  yearSource?: YearSource;
}

/** One file of a zip: where it goes (given by the manifest or inferred) and how it was read. */
export interface ImportFile {
  /** Path inside the zip. */
  fileName: string;
  size: number;
  sha256: string;
  agencyId: string | null;
  agencyCode: string | null;
  agencyName: string | null;
  year: number | null;
  inferred: ImportInference;
  findingCounts: FindingCounts | null;
  /** Why it was not (or will not be) imported, or a note. */
  code: string | null;
  message: string | null;
}

export interface ImportItem extends ImportFile {
  status: ImportItemStatus;
  reportId: string | null;
  /** The version stored (or the identical one already there). */
  version: number | null;
  finishedAt: string | null;
}

export interface ImportJobSummary {
  id: string;
  status: ImportJobStatus;
  fileName: string;
  createdBy: string;
  total: number;
  done: number;
  imported: number;
  duplicates: number;
  failed: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ImportJob extends ImportJobSummary {
  items: ImportItem[];
}

export interface ImportJobPage {
  items: ImportJobSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** What a previewed file will become: imported once confirmed, or not (`message` says why). */
export const PREVIEW_FILE_STATUSES = ['ready', 'failed'] as const;
export type PreviewFileStatus = (typeof PREVIEW_FILE_STATUSES)[number];

/**
 * One file of a preview; a confirmation must upload it with the same SHA-256 again. Its finding
 * counts are of the checks within the report (cross-year checks run on import).
 */
export interface ImportPreviewFile extends ImportFile {
  status: PreviewFileStatus;
  format: string | null;
}

/**
 * POST /api/imports/previews (a `CreateImportRequest`): every file read once and kept until
 * confirmed (POST /api/imports/previews/{id}/confirm, the same zip again) or expired.
 */
export interface ImportPreview {
  id: string;
  fileName: string;
  expiresAt: string;
  total: number;
  /** Files a confirmation will import. */
  ready: number;
  failed: number;
  files: ImportPreviewFile[];
}

export interface ListImportsQuery {
  page?: number;
  pageSize?: number;
}

/** One problem of a refused manifest.csv (422 IMPORT_MANIFEST_INVALID); row 1 is the header. */
export interface ManifestProblem {
  row: number | null;
  column: 'file' | 'agency_code' | 'year' | null;
  message: string;
}
