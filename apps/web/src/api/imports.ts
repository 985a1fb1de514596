import { http } from './request';
import { postMultipart, type FindingCounts, type UploadOptions } from './reports';

/** apps/api imports/import-status.ts */
export const IMPORT_JOB_STATUSES = ['queued', 'running', 'finished'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

export const IMPORT_ITEM_STATUSES = ['queued', 'imported', 'duplicate', 'failed'] as const;
export type ImportItemStatus = (typeof IMPORT_ITEM_STATUSES)[number];

/** The 202 answer to an accepted zip. */
export interface ImportCreated {
  id: string;
  status: 'queued';
  total: number;
}

/** What the API inferred for an item when the manifest did not say. */
export interface ImportInference {
  agency?: 'name' | 'uploader';
  year?: 'document';
  yearSource?: 'title' | 'period' | 'body' | 'fileName';
}

export interface ImportItem {
  /** Path inside the zip. */
  fileName: string;
  size: number;
  sha256: string;
  agencyId: string | null;
  agencyCode: string | null;
  agencyName: string | null;
  year: number | null;
  inferred: ImportInference;
  status: ImportItemStatus;
  reportId: string | null;
  version: number | null;
  findingCounts: FindingCounts | null;
  code: string | null;
  message: string | null;
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

/** One problem of a refused manifest.csv (422 IMPORT_MANIFEST_INVALID); row 1 is the header. */
export interface ManifestProblem {
  row: number | null;
  column: 'file' | 'agency_code' | 'year' | null;
  message: string;
}

/** The zip goes as multipart with upload progress; silent: the import page shows failures. */
export function createImport(
  zip: Blob,
  fileName: string,
  options: UploadOptions = {},
): Promise<ImportCreated> {
  const form = new FormData();
  form.append('file', zip, fileName);
  return postMultipart<ImportCreated>('/imports', form, options);
}

export function listImports(page = 1, pageSize = 10): Promise<ImportJobPage> {
  return http.get<ImportJobPage>('/imports', { query: { page, pageSize } });
}

/** Silent: polled; the page decides what to say when a poll fails. */
export function getImport(id: string, signal?: AbortSignal): Promise<ImportJob> {
  return http.get<ImportJob>(`/imports/${encodeURIComponent(id)}`, { silent: true, signal });
}

/** The per-row problems of a refused manifest, from the error body. */
export function manifestProblemsOf(body: unknown): ManifestProblem[] {
  if (typeof body !== 'object' || body === null) return [];
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (item): item is ManifestProblem =>
      typeof item === 'object' && item !== null && typeof item.message === 'string',
  );
}
