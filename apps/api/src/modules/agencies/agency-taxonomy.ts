/** 层级: where in the administrative hierarchy an agency reports. */
export const AGENCY_LEVELS = ['province', 'city', 'county', 'township', 'other'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export const AGENCY_LEVEL_LABELS: Readonly<Record<AgencyLevel, string>> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇级',
  other: '其他',
};

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

export const AGENCY_KIND_LABELS: Readonly<Record<AgencyKind, string>> = {
  government: '人民政府',
  department: '部门',
  development_zone: '开发区',
  subdistrict: '街道',
  town: '乡镇',
  other: '其他',
};

/** ASCII only: codes are typed into spreadsheets and URLs, and must compare exactly. */
export const AGENCY_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const AGENCY_CODE_MAX_LENGTH = 64;
export const AGENCY_NAME_MAX_LENGTH = 200;
export const AGENCY_YEAR_MIN = 1900;
export const AGENCY_YEAR_MAX = 2100;

export const AGENCY_CODE_RULE =
  '编码只能包含字母、数字、点(.)、连字符(-)和下划线(_)，且以字母或数字开头';

/** Accepts the key (`city`, any case) or the Chinese label (`市级`). */
export function parseAgencyLevel(text: string): AgencyLevel | null {
  return parseTerm(text, AGENCY_LEVELS, AGENCY_LEVEL_LABELS);
}

/** Accepts the key (`department`, any case) or the Chinese label (`部门`). */
export function parseAgencyKind(text: string): AgencyKind | null {
  return parseTerm(text, AGENCY_KINDS, AGENCY_KIND_LABELS);
}

function parseTerm<T extends string>(
  text: string,
  keys: readonly T[],
  labels: Readonly<Record<T, string>>,
): T | null {
  const value = text.trim();
  const lower = value.toLowerCase();
  return keys.find((key) => key === lower || labels[key] === value) ?? null;
}
