import type {
  CellChange,
  CopiedReportPage,
  CopiedReportsQuery,
  ReportCopyComparison,
  CorrectCellsRequest,
  ReportDetail,
  ReportDiff,
  ReportDiffQuery,
  ReportEvent,
  ReportListQuery,
  ReportPage,
  ReportVersionDetail,
  ReportWriteResult,
  ReopenReportRequest,
  ReturnReportRequest,
  UploadReportRequest,
} from '@atlas/api-contract';
import { download, http, upload, type DownloadedFile, type UploadOptions } from './request';

/* The reports endpoints (apps/api reports.controller.ts); their types are @atlas/api-contract's. */

export {
  REPORT_ACTIONS,
  REPORT_STATUSES,
  type CanonicalReport,
  type CellCertainty,
  type CellChange,
  type CellCorrection,
  type CellDifference,
  type CellMethod,
  type CellSource,
  type CopiedReportItem,
  type CopiedReportPage,
  type CopySpan,
  type DeadlineSource,
  type Finding,
  type FindingCounts,
  type Provenance,
  type ReportAction,
  type ReportCopyComparison,
  type ReportDetail,
  type ReportDiff,
  type ReportEvent,
  type ReportEventChange,
  type ReportListItem,
  type ReportListQuery,
  type ReportPage,
  type ReportPreview,
  type ReportStatus,
  type ReportVersionDetail,
  type ReportVersionSummary,
  type ReportWarning,
  type ReportWriteResult,
  type ReviewComment,
  type SourceLocation,
} from '@atlas/api-contract';
export type { UploadOptions, UploadProgress } from './request';

const reportPath = (id: string) => `/reports/${encodeURIComponent(id)}`;

export function listReports(
  query: ReportListQuery = {},
  signal?: AbortSignal,
  options: { silent?: boolean } = {},
): Promise<ReportPage> {
  return http.get<ReportPage>('/reports', { query: { ...query }, signal, silent: options.silent });
}

export function getReport(id: string, signal?: AbortSignal): Promise<ReportDetail> {
  return http.get<ReportDetail>(reportPath(id), { signal, silent: true });
}

export function getReportVersion(id: string, version: number): Promise<ReportVersionDetail> {
  return http.get<ReportVersionDetail>(`${reportPath(id)}/versions/${version}`, { silent: true });
}

export function getReportDiff(id: string, from: number, to: number): Promise<ReportDiff> {
  return http.get<ReportDiff>(`${reportPath(id)}/diff`, {
    query: { from, to } satisfies ReportDiffQuery,
  });
}

export function getReportHistory(id: string): Promise<ReportEvent[]> {
  return http.get<ReportEvent[]>(`${reportPath(id)}/history`);
}

/** Per copied part (N.COPIED) of the current version: both passages, shared sentences marked. */
export function getReportCopies(id: string): Promise<ReportCopyComparison[]> {
  return http.get<ReportCopyComparison[]>(`${reportPath(id)}/copies`, { silent: true });
}

/** The copied parts of a year's reports in a region, most similar first. */
export function listCopiedReports(
  query: CopiedReportsQuery,
  signal?: AbortSignal,
): Promise<CopiedReportPage> {
  return http.get<CopiedReportPage>('/reports/copies', {
    query: { ...query },
    signal,
    silent: true,
  });
}

/** The original file of a version (pasted text comes back as a .txt file). */

export function downloadOriginal(id: string, version: number): Promise<DownloadedFile> {
  return download(`${reportPath(id)}/versions/${version}/original`);
}

/** Silent: the correction form shows the reason itself. */
export function correctCells(
  id: string,
  reason: string,
  changes: CellChange[],
): Promise<ReportWriteResult> {
  return http.patch<ReportWriteResult>(
    `${reportPath(id)}/cells`,
    { reason, changes } satisfies CorrectCellsRequest,
    { silent: true },
  );
}

export function submitReport(id: string): Promise<ReportWriteResult> {
  return http.post<ReportWriteResult>(`${reportPath(id)}/submit`, undefined, { silent: true });
}

export function acceptReport(id: string): Promise<ReportWriteResult> {
  return http.post<ReportWriteResult>(`${reportPath(id)}/accept`, undefined, { silent: true });
}

export function returnReport(id: string, comment: string): Promise<ReportWriteResult> {
  const body: ReturnReportRequest = { comment };
  return http.post<ReportWriteResult>(`${reportPath(id)}/return`, body, { silent: true });
}

/** Accepted → returned: the unit may correct or upload again. */
export function reopenReport(id: string, reason: string): Promise<ReportWriteResult> {
  const body: ReopenReportRequest = { reason };
  return http.post<ReportWriteResult>(`${reportPath(id)}/reopen`, body, { silent: true });
}

// ── uploads ──────────────────────────────────────────────────────────────────────────────────

/** What the upload page sends: exactly one of a file and pasted text. */
export type ReportUpload = Pick<UploadReportRequest, 'agencyId' | 'year' | 'text' | 'fileName'> & {
  file?: File;
};

/**
 * POST /api/reports: stores a new draft version. A file goes as multipart with upload progress;
 * pasted text goes as JSON. Silent: the upload page explains failures (unreadable file, wrong
 * year, duplicate, too large).
 */
export function uploadReport(
  input: ReportUpload,
  options: Pick<UploadOptions, 'onProgress' | 'signal'> = {},
): Promise<ReportWriteResult> {
  if (input.file) {
    const form = new FormData();
    form.append('agencyId', input.agencyId);
    form.append('year', String(input.year));
    form.append('file', input.file, input.file.name);
    return upload<ReportWriteResult>('/reports', form, { ...options, silent: true });
  }
  const body: UploadReportRequest = {
    agencyId: input.agencyId,
    year: input.year,
    text: input.text ?? '',
    ...(input.fileName ? { fileName: input.fileName } : {}),
  };
  return http.post<ReportWriteResult>('/reports', body, { silent: true, signal: options.signal });
}
