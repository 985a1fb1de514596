import {
  AGENCY_KINDS,
  AGENCY_LEVELS,
  type AgencyKind,
  type AgencyLevel,
} from '@atlas/api-contract';

// The keys, code rule and limits are the API contract's; the Chinese labels and parsing are here.
export {
  AGENCY_CODE_MAX_LENGTH,
  AGENCY_CODE_PATTERN,
  AGENCY_KINDS,
  AGENCY_LEVELS,
  AGENCY_NAME_MAX_LENGTH,
  AGENCY_YEAR_MAX,
  AGENCY_YEAR_MIN,
  type AgencyKind,
  type AgencyLevel,
} from '@atlas/api-contract';

export const AGENCY_LEVEL_LABELS: Readonly<Record<AgencyLevel, string>> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇级',
  other: '其他',
};

export const AGENCY_KIND_LABELS: Readonly<Record<AgencyKind, string>> = {
  government: '人民政府',
  department: '部门',
  development_zone: '开发区',
  subdistrict: '街道',
  town: '乡镇',
  other: '其他',
};

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
