import type { CanonicalReport, Finding } from '@atlas/report-model';
import { useAuthStore } from '../stores/auth';
import {
  ApiError,
  CLIENT_ERROR_CODES,
  download,
  http,
  toApiError,
  type DownloadedFile,
} from './request';
import { i18n } from '../locales';

/** Where a report is in its workflow (apps/api reports/report-status.ts). */
export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_ACTIONS = [
  'upload',
  'correct',
  'submit',
  'accept',
  'return',
  'reopen',
] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

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

export type DeadlineSource = 'agency' | 'ancestor' | 'year' | 'statutory';

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
  deadline: string;
  deadlineSource: DeadlineSource;
  onTime: boolean | null;
  daysLate: number | null;
  /** Null when never sent back, or submitted again since. */
  reviewComment: ReviewComment | null;
  createdAt: string;
  updatedAt: string;
}

/** Where a value was read in the original (libs/report-parser document.ts). */
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

/** Where one cell's value came from: a copy of libs/report-parser's CellSource (not a web dep). */
export interface CellSource {
  source: SourceLocation;
  /** The text as printed (for a value split out of a run of digits: the whole run). */
  raw: string;
  method?: CellMethod;
  certainty?: CellCertainty;
  /** The printed row or line the value was read from, when it says more than `raw`. */
  context?: string;
}

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

export interface ReportPreview {
  report: CanonicalReport;
  findings: Finding[];
  provenance: Provenance;
  warnings: ReportWarning[];
  format: string;
  yearSource: 'title' | 'period' | 'body' | 'fileName' | null;
}

export interface CellChange {
  address: string;
  value: number;
}

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
  return http.get<ReportDiff>(`${reportPath(id)}/diff`, { query: { from, to } });
}

export function getReportHistory(id: string): Promise<ReportEvent[]> {
  return http.get<ReportEvent[]>(`${reportPath(id)}/history`);
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
    { reason, changes },
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
  return http.post<ReportWriteResult>(`${reportPath(id)}/return`, { comment }, { silent: true });
}

/** Accepted → returned: the unit may correct or upload again. */
export function reopenReport(id: string, reason: string): Promise<ReportWriteResult> {
  return http.post<ReportWriteResult>(`${reportPath(id)}/reopen`, { reason }, { silent: true });
}

// ── uploads ──────────────────────────────────────────────────────────────────────────────────

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

export interface ReportUpload {
  agencyId: string;
  year: number;
  /** Exactly one of a file and pasted text. */
  file?: File;
  text?: string;
  fileName?: string;
}

/**
 * POST /api/reports: stores a new draft version. A file goes as multipart through
 * XMLHttpRequest, whose upload events give the progress fetch cannot; pasted text goes as JSON.
 * Silent: the upload page explains failures (unreadable file, wrong year, duplicate, too large).
 */
export function uploadReport(
  input: ReportUpload,
  options: UploadOptions = {},
): Promise<ReportWriteResult> {
  if (input.file) {
    const form = new FormData();
    form.append('agencyId', input.agencyId);
    form.append('year', String(input.year));
    form.append('file', input.file, input.file.name);
    return postMultipart<ReportWriteResult>('/reports', form, options);
  }
  return http.post<ReportWriteResult>(
    '/reports',
    {
      agencyId: input.agencyId,
      year: input.year,
      text: input.text ?? '',
      ...(input.fileName ? { fileName: input.fileName } : {}),
    },
    { silent: true, signal: options.signal },
  );
}

/**
 * A multipart POST under /api with upload progress, the bearer token of the signed-in user and
 * failures as ApiError (never shown here: callers present them).
 */
export function postMultipart<T>(
  path: string,
  form: FormData,
  options: UploadOptions = {},
): Promise<T> {
  const token = useAuthStore().token;
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable)
        options.onProgress?.({ loaded: event.loaded, total: event.total });
    });
    xhr.addEventListener('load', () => {
      const body = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(toApiError(xhr.status, body));
    });
    const networkError = () =>
      reject(new ApiError(0, CLIENT_ERROR_CODES.network, i18n.global.t('errors.network')));
    xhr.addEventListener('error', networkError);
    xhr.addEventListener('timeout', networkError);
    xhr.addEventListener('abort', () => reject(new DOMException('Upload aborted', 'AbortError')));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
