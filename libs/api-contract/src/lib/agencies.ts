import type { FilePart } from './http';

/* /api/agencies: the tree of reporting units. */

/** 层级: where in the administrative hierarchy an agency reports. */
export const AGENCY_LEVELS = ['province', 'city', 'county', 'township', 'other'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

/** 类型: what kind of body the agency is. */
export const AGENCY_KINDS = [
  'government',
  'department',
  'development_zone',
  'subdistrict',
  'town',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** ASCII only: codes are typed into spreadsheets and URLs, and must compare exactly. */
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

export interface ListAgenciesQuery {
  /** Name or code contains this text (any case). */
  q?: string;
  /** Only the direct children of this agency. */
  parentId?: string;
  level?: AgencyLevel;
  kind?: AgencyKind;
}

export interface CreateAgencyRequest {
  code: string;
  name: string;
  level: AgencyLevel;
  kind: AgencyKind;
  /** Omitted or null: a root. */
  parentId?: string | null;
  /** Omitted: this year (a new unit is not missing in past years); null: no limit. */
  activeFromYear?: number | null;
  activeToYear?: number | null;
}

/** Only the fields sent change; `parentId: null` moves the agency (and its subtree) to the top. */
export type UpdateAgencyRequest = Partial<CreateAgencyRequest>;

export const AGENCY_FILE_FORMATS = ['csv', 'xlsx'] as const;
export type AgencyFileFormat = (typeof AGENCY_FILE_FORMATS)[number];

export interface ExportAgenciesQuery {
  /** Default csv. */
  format?: AgencyFileFormat;
}

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
export type AgencyFileColumn = (typeof AGENCY_FILE_COLUMNS)[number]['key'];

/** POST /api/agencies/import: multipart, one `file` (.csv or .xlsx). */
export interface AgencyImportRequest {
  file: FilePart;
}

export interface AgencyImportResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Statements the rows were written in (at most 1,000 rows each), all in one transaction. */
  batches: number;
}

/** One problem of a refused import; `row` as Excel shows it (the header is row 1). */
export interface AgencyImportError {
  row: number | null;
  column: AgencyFileColumn | null;
  message: string;
}
