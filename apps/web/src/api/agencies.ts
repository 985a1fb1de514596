import type {
  AgencyDto,
  AgencyFileFormat,
  AgencyImportError,
  AgencyImportResult,
  AgencyTreeNode,
  CreateAgencyRequest,
  ExportAgenciesQuery,
  UpdateAgencyRequest,
} from '@atlas/api-contract';
import { download, http, type DownloadedFile } from './request';

/* The agencies endpoints (apps/api agencies.controller.ts); their types are @atlas/api-contract's. */

export {
  AGENCY_CODE_MAX_LENGTH,
  AGENCY_CODE_PATTERN,
  AGENCY_FILE_COLUMNS,
  AGENCY_FILE_FORMATS,
  AGENCY_KINDS,
  AGENCY_LEVELS,
  AGENCY_NAME_MAX_LENGTH,
  AGENCY_YEAR_MAX,
  AGENCY_YEAR_MIN,
  type AgencyDto,
  type AgencyFileFormat,
  type AgencyImportError,
  type AgencyImportResult,
  type AgencyKind,
  type AgencyLevel,
  type AgencyTreeNode,
} from '@atlas/api-contract';

/** What the agency form sends: every field, null where it is empty. */
export type AgencyInput = Required<CreateAgencyRequest>;

/** The part of the tree the caller may see (oversight: rooted at its scope; uploader: its agency). */
export function getAgencyTree(): Promise<AgencyTreeNode[]> {
  return http.get<AgencyTreeNode[]>('/agencies/tree');
}

/** Silent: the agency form shows the API's reason (code taken, cycle, …) itself. */
export function createAgency(input: AgencyInput): Promise<AgencyDto> {
  return http.post<AgencyDto>('/agencies', input, { silent: true });
}

export function updateAgency(id: string, input: UpdateAgencyRequest): Promise<AgencyDto> {
  return http.patch<AgencyDto>(`/agencies/${encodeURIComponent(id)}`, input, { silent: true });
}

export function deleteAgency(id: string): Promise<void> {
  return http.delete<void>(`/agencies/${encodeURIComponent(id)}`, { silent: true });
}

/** All or nothing: a refused file is a 422 `AGENCY_IMPORT_INVALID` whose body lists the rows. */
export function importAgencies(file: File): Promise<AgencyImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.post<AgencyImportResult>('/agencies/import', form, { silent: true });
}

export function exportAgencies(format: AgencyFileFormat): Promise<DownloadedFile> {
  return download('/agencies/export', { query: { format } satisfies ExportAgenciesQuery });
}

/** The per-row problems of a refused import, from the error body. */
export function importErrorsOf(body: unknown): AgencyImportError[] {
  if (typeof body !== 'object' || body === null) return [];
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (item): item is AgencyImportError =>
      typeof item === 'object' && item !== null && typeof item.message === 'string',
  );
}
