import { download, http, type DownloadedFile } from './request';

/** 层级 and 类型 keys of the API (agency-taxonomy.ts); their labels are in the admin messages. */
export const AGENCY_LEVELS = ['province', 'city', 'county', 'township', 'other'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export const AGENCY_KINDS = [
  'government',
  'department',
  'development_zone',
  'subdistrict',
  'town',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** The API's code rule: ASCII letters, digits, `.`, `-`, `_`, starting with a letter or digit. */
export const AGENCY_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const AGENCY_CODE_MAX_LENGTH = 64;
export const AGENCY_NAME_MAX_LENGTH = 200;
export const AGENCY_YEAR_MIN = 1900;
export const AGENCY_YEAR_MAX = 2100;

export interface AgencyDto {
  id: string;
  code: string;
  name: string;
  level: AgencyLevel;
  kind: AgencyKind;
  parentId: string | null;
  /** Ids from the root down to this agency, inclusive. */
  path: string[];
  /** 0 for a root. */
  depth: number;
  activeFromYear: number | null;
  activeToYear: number | null;
}

export interface AgencyTreeNode extends AgencyDto {
  children: AgencyTreeNode[];
}

export interface AgencyInput {
  code: string;
  name: string;
  level: AgencyLevel;
  kind: AgencyKind;
  /** null: a root (or, on update, move to the top). */
  parentId: string | null;
  activeFromYear: number | null;
  activeToYear: number | null;
}

export interface AgencyImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** One problem of a refused import; `row` as Excel shows it (the header is row 1). */
export interface AgencyImportError {
  row: number | null;
  column: string | null;
  message: string;
}

export const AGENCY_FILE_FORMATS = ['csv', 'xlsx'] as const;
export type AgencyFileFormat = (typeof AGENCY_FILE_FORMATS)[number];

/** The columns of an import file, in file order (Chinese headers are accepted as well). */
export const AGENCY_FILE_COLUMNS = [
  { key: 'code', label: '编码' },
  { key: 'name', label: '名称' },
  { key: 'level', label: '层级' },
  { key: 'kind', label: '类型' },
  { key: 'parent_code', label: '上级编码' },
  { key: 'active_from_year', label: '起始年度' },
  { key: 'active_to_year', label: '终止年度' },
] as const;

/** The part of the tree the caller may see (oversight: rooted at its scope; uploader: its agency). */
export function getAgencyTree(): Promise<AgencyTreeNode[]> {
  return http.get<AgencyTreeNode[]>('/agencies/tree');
}

/** Silent: the agency form shows the API's reason (code taken, cycle, …) itself. */
export function createAgency(input: AgencyInput): Promise<AgencyDto> {
  return http.post<AgencyDto>('/agencies', input, { silent: true });
}

export function updateAgency(id: string, input: Partial<AgencyInput>): Promise<AgencyDto> {
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
  return download('/agencies/export', { query: { format } });
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
