import type {
  ImportCreated,
  ImportJob,
  ImportJobPage,
  ImportPreview,
  ManifestProblem,
} from '@atlas/api-contract';
import { http, upload, type UploadOptions } from './request';

/* The bulk import endpoints (apps/api imports.controller.ts); their types are @atlas/api-contract's. */

export {
  IMPORT_ITEM_STATUSES,
  IMPORT_JOB_STATUSES,
  type ImportCreated,
  type ImportInference,
  type ImportItem,
  type ImportItemStatus,
  type ImportJob,
  type ImportJobPage,
  type ImportJobStatus,
  type ImportJobSummary,
  type ImportPreview,
  type ImportPreviewFile,
  type ManifestProblem,
} from '@atlas/api-contract';

/** The zip goes as multipart with upload progress; silent: the import page shows failures. */
export function createImport(
  zip: Blob,
  fileName: string,
  options: UploadOptions = {},
): Promise<ImportCreated> {
  return postZip<ImportCreated>('/imports', zip, fileName, options);
}

function postZip<T>(path: string, zip: Blob, fileName: string, options: UploadOptions): Promise<T> {
  const form = new FormData();
  form.append('file', zip, fileName);
  return upload<T>(path, form, { ...options, silent: true });
}

/** Reads every file of the zip once, imports nothing; silent like createImport. */
export function previewImport(
  zip: Blob,
  fileName: string,
  options: UploadOptions = {},
): Promise<ImportPreview> {
  return postZip<ImportPreview>('/imports/previews', zip, fileName, options);
}

/**
 * Imports exactly what the preview read: the same zip goes again, and the API refuses (409
 * IMPORT_PREVIEW_CHANGED / IMPORT_PREVIEW_EXPIRED) when a file differs or the preview is gone.
 */
export function confirmImport(
  previewId: string,
  zip: Blob,
  fileName: string,
  options: UploadOptions = {},
): Promise<ImportCreated> {
  const path = `/imports/previews/${encodeURIComponent(previewId)}/confirm`;
  return postZip<ImportCreated>(path, zip, fileName, options);
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
