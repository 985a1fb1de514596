import { computed, reactive } from 'vue';
import { ApiError, CLIENT_ERROR_CODES } from '../../api/request';
import {
  correctCells,
  getReport,
  getReportVersion,
  listReports,
  submitReport,
  uploadReport,
  type CellChange,
  type ReportDetail,
  type ReportUpload,
  type ReportVersionDetail,
  type ReportWarning,
} from '../../api/reports';
import { i18n } from '../../locales';

/**
 * The states of one upload: choosing → uploading (bytes on their way, with progress) → parsing
 * (the API reads and checks) → review (the stored draft, corrected cell by cell) → submitting →
 * submitted. A refusal goes back to choosing with a problem that says why, in Chinese.
 */
export type UploadPhase =
  'select' | 'uploading' | 'parsing' | 'review' | 'submitting' | 'submitted';

export type ProblemKind =
  | 'unreadable'
  | 'unsupported'
  | 'empty'
  | 'tooLarge'
  | 'yearMismatch'
  | 'yearNotEnded'
  | 'duplicate'
  | 'locked'
  | 'forbidden'
  | 'agency'
  | 'invalid'
  | 'network'
  | 'failed';

export interface UploadProblem {
  kind: ProblemKind;
  /** The API's code, or the client's own for checks made before sending. */
  code: string;
  /** Why, as the API (or the client) said it. */
  message: string;
  /** A duplicate, or a report that already was accepted: the report there is. */
  existingReportId?: string;
}

/** The file types the parser reads (libs/report-parser detect-format). */
export const REPORT_FILE_EXTENSIONS = [
  'docx',
  'pdf',
  'html',
  'htm',
  'xlsx',
  'txt',
  'md',
  'markdown',
] as const;
export const REPORT_FILE_ACCEPT = REPORT_FILE_EXTENSIONS.map((extension) => `.${extension}`).join(
  ',',
);

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** Refuses what the API would refuse anyway, before sending any bytes. */
export function checkReportFile(file: Pick<File, 'name' | 'size'>): UploadProblem | null {
  const t = i18n.global.t;
  const extension = extensionOf(file.name);
  if (!(REPORT_FILE_EXTENSIONS as readonly string[]).includes(extension)) {
    return {
      kind: 'unsupported',
      code: 'CLIENT_UNSUPPORTED_TYPE',
      message: t('upload.problem.unsupportedMessage', {
        extension: extension ? `.${extension}` : file.name,
      }),
    };
  }
  if (file.size === 0) {
    return {
      kind: 'empty',
      code: 'CLIENT_EMPTY_FILE',
      message: t('upload.problem.emptyMessage', { name: file.name }),
    };
  }
  return null;
}

const KIND_BY_CODE: Record<string, ProblemKind> = {
  PARSE_EMPTY_FILE: 'empty',
  PARSE_UNSUPPORTED_TYPE: 'unsupported',
  PARSE_TOO_LARGE: 'tooLarge',
  PAYLOAD_TOO_LARGE: 'tooLarge',
  YEAR_MISMATCH: 'yearMismatch',
  YEAR_NOT_ENDED: 'yearNotEnded',
  REPORT_DUPLICATE: 'duplicate',
  REPORT_LOCKED: 'locked',
  FORBIDDEN: 'forbidden',
  AGENCY_NOT_FOUND: 'agency',
  VALIDATION_FAILED: 'invalid',
  REPORT_SOURCE_MISSING: 'invalid',
  REPORT_SOURCE_AMBIGUOUS: 'invalid',
  MALFORMED_MULTIPART: 'invalid',
  [CLIENT_ERROR_CODES.network]: 'network',
};

/** An upload refusal as the page shows it: what kind of problem, and the API's reason. */
export function describeUploadError(error: unknown): UploadProblem {
  if (error instanceof ApiError) {
    const kind =
      KIND_BY_CODE[error.code] ??
      (error.code.startsWith('PARSE_')
        ? 'unreadable'
        : error.statusCode === 413
          ? 'tooLarge'
          : 'failed');
    return { kind, code: error.code, message: error.message };
  }
  return {
    kind: 'failed',
    code: 'UNKNOWN',
    message: error instanceof Error ? error.message : String(error),
  };
}

export interface UploadFlowApi {
  uploadReport: typeof uploadReport;
  getReport: typeof getReport;
  getReportVersion: typeof getReportVersion;
  correctCells: typeof correctCells;
  submitReport: typeof submitReport;
  listReports: typeof listReports;
}

const defaultApi: UploadFlowApi = {
  uploadReport,
  getReport,
  getReportVersion,
  correctCells,
  submitReport,
  listReports,
};

interface UploadState {
  phase: UploadPhase;
  /** Upload progress in percent, while uploading. */
  percent: number;
  problem: UploadProblem | null;
  /** Warnings of the upload (e.g. the year in the body differs). */
  warnings: ReportWarning[];
  detail: ReportDetail | null;
  version: ReportVersionDetail | null;
  submitError: string | null;
}

export function useUploadFlow(api: UploadFlowApi = defaultApi) {
  const state = reactive<UploadState>({
    phase: 'select',
    percent: 0,
    problem: null,
    warnings: [],
    detail: null,
    version: null,
    submitError: null,
  });

  const busy = computed(() => ['uploading', 'parsing', 'submitting'].includes(state.phase));

  async function loadReport(id: string) {
    const detail = await api.getReport(id);
    const version = await api.getReportVersion(id, detail.version);
    state.detail = detail;
    state.version = version;
  }

  async function upload(input: ReportUpload): Promise<boolean> {
    if (busy.value) return false;
    state.problem = input.file ? checkReportFile(input.file) : null;
    if (state.problem) return false;
    state.phase = 'uploading';
    state.percent = 0;
    state.submitError = null;
    try {
      const result = await api.uploadReport(input, {
        onProgress: ({ loaded, total }) => {
          state.percent = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
          // Every byte sent: the API is reading and checking the report now.
          if (loaded >= total) state.phase = 'parsing';
        },
      });
      state.phase = 'parsing';
      state.warnings = result.warnings;
      await loadReport(result.id);
      state.phase = 'review';
      return true;
    } catch (error) {
      state.problem = describeUploadError(error);
      if (state.problem.kind === 'duplicate' || state.problem.kind === 'locked') {
        state.problem.existingReportId = await findExisting(input.agencyId, input.year);
      }
      state.phase = 'select';
      return false;
    }
  }

  async function findExisting(agencyId: string, year: number): Promise<string | undefined> {
    try {
      const page = await api.listReports({ agencyId, year, pageSize: 1 }, undefined, {
        silent: true,
      });
      return page.items[0]?.id;
    } catch {
      return undefined;
    }
  }

  /** Rejects with the API's reason, for the correction form to show. */
  async function correct(change: CellChange & { reason: string }): Promise<void> {
    const detail = state.detail;
    if (!detail) return;
    await api.correctCells(detail.id, change.reason, [
      { address: change.address, value: change.value },
    ]);
    await loadReport(detail.id);
  }

  async function submit(): Promise<boolean> {
    const detail = state.detail;
    if (!detail || state.phase !== 'review') return false;
    state.phase = 'submitting';
    state.submitError = null;
    try {
      await api.submitReport(detail.id);
      await loadReport(detail.id);
      state.phase = 'submitted';
      return true;
    } catch (error) {
      state.submitError = error instanceof Error ? error.message : String(error);
      state.phase = 'review';
      return false;
    }
  }

  function reset() {
    Object.assign(state, {
      phase: 'select',
      percent: 0,
      problem: null,
      warnings: [],
      detail: null,
      version: null,
      submitError: null,
    } satisfies UploadState);
  }

  function dismissProblem() {
    state.problem = null;
  }

  return { state, busy, upload, correct, submit, reset, dismissProblem };
}
