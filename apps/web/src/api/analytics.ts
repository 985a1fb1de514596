import { download, http, type DownloadedFile } from './request';

/*
 * The analytics endpoints (apps/api analytics.controller.ts). Shapes follow analytics.types.ts;
 * every answer is already limited to what the signed-in user may see.
 */

export interface MetricInfo {
  key: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  definition: string;
  source: 'cells' | 'narrative' | 'quality';
  /** A percentage (a ratio of sums), never summed. */
  ratio: boolean;
}

export interface YearOverYearChange {
  absolute: number;
  /** null when last year's value was 0. */
  percent: number | null;
}

export interface AgencyRef {
  id: string;
  code: string;
  name: string;
}

export interface ScopeRef {
  agencies: AgencyRef[];
  subtree: boolean;
}

export interface Kpi {
  metric: MetricInfo;
  value: number | null;
  previous: number | null;
  change: YearOverYearChange | null;
  sparkline: { year: number; value: number | null }[];
}

export interface SubmissionProgress {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  accepted: number;
  returned: number;
  withErrors: number;
  withWarnings: number;
}

export interface QualityCounts {
  submitted: number;
  missing: number;
  late: number;
  failing: number;
  warningOnly: number;
  carryOverMismatches: number;
}

export const QUALITY_TYPES = ['failing', 'missing', 'late', 'warning'] as const;
export type QualityType = (typeof QUALITY_TYPES)[number];

export interface QualityFinding {
  rule: string;
  severity: string;
  message: string;
  cells: string[];
}

export interface QualityItem {
  type: QualityType;
  agency: AgencyRef;
  reportId: string | null;
  errorCount: number;
  warningCount: number;
  daysLate: number | null;
  onTime: boolean | null;
  findings: QualityFinding[];
}

export interface OverviewDto {
  scope: ScopeRef;
  year: number;
  kpis: Kpi[];
  submissions: SubmissionProgress;
  issues: QualityItem[];
  issueCounts: QualityCounts;
}

export const TREND_GROUPS = ['none', 'kind', 'level', 'child'] as const;
export type TrendGroupBy = (typeof TREND_GROUPS)[number];

export interface TrendPoint {
  year: number;
  value: number | null;
  reports: number;
}

export interface TrendSeries {
  metric: string;
  group: { key: string; name: string; code: string | null };
  points: TrendPoint[];
}

export interface TrendDto {
  scope: ScopeRef;
  fromYear: number;
  toYear: number;
  groupBy: TrendGroupBy;
  metrics: MetricInfo[];
  series: TrendSeries[];
}

export type CompareBy = 'agency' | 'child';

export interface CompareItem {
  agency: AgencyRef;
  value: number | null;
  secondValue: number | null;
  rank: number;
  percentile: number | null;
  previous: number | null;
  change: YearOverYearChange | null;
  reports: number;
}

export interface CompareDto {
  scope: ScopeRef;
  year: number;
  by: CompareBy;
  metric: MetricInfo;
  secondMetric: MetricInfo | null;
  total: number;
  withoutValue: number;
  stats: {
    count: number;
    min: number | null;
    max: number | null;
    mean: number | null;
    median: number | null;
  };
  items: CompareItem[];
}

export interface YoyCell {
  address: string;
  table: string;
  row: string;
  column: string;
  current: number | null;
  base: number | null;
  change: YearOverYearChange | null;
}

export interface YoyMetric {
  metric: MetricInfo;
  current: number | null;
  base: number | null;
  change: YearOverYearChange | null;
}

export interface YoyDto {
  scope: ScopeRef;
  year: number;
  baseYear: number;
  reports: { current: number; base: number };
  metrics: YoyMetric[];
  cells: YoyCell[];
}

export interface BreakdownDto {
  scope: ScopeRef;
  year: number;
  reports: number;
  columns: { key: string; label: string; labelEn: string }[];
  rows: {
    key: string;
    label: string;
    shortLabel: string;
    labelEn: string;
    outcome: boolean;
    values: Record<string, number>;
  }[];
}

export const COMPLIANCE_STATUSES = [
  'ok',
  'warning',
  'late',
  'failing',
  'missing',
  'not-expected',
] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface ComplianceCell {
  year: number;
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  withErrors: number;
  withWarnings: number;
  onTimeRate: number | null;
  inspectionPassRate: number | null;
  completionRate: number | null;
  status: ComplianceStatus;
}

export interface ComplianceRow {
  agency: AgencyRef | null;
  name: string;
  years: ComplianceCell[];
}

export interface ComplianceDto {
  scope: ScopeRef;
  fromYear: number;
  toYear: number;
  by: CompareBy;
  total: number;
  rows: ComplianceRow[];
}

export interface QualityDto {
  scope: ScopeRef;
  year: number;
  counts: QualityCounts;
  rules: { rule: string; reports: number }[];
  total: number;
  items: QualityItem[];
}

/** Parameters every view takes: an agency subtree (default: all the user may see). */
export interface ScopeParams {
  scope?: string | null;
  /** false: only the scope agency's own reports. */
  subtree?: boolean;
}

export interface YearParams extends ScopeParams {
  year: number;
}

export interface TrendParams extends ScopeParams {
  metrics: readonly string[];
  fromYear: number;
  toYear: number;
  groupBy?: TrendGroupBy;
}

export interface CompareParams extends YearParams {
  metric: string;
  secondMetric?: string | null;
  by?: CompareBy;
  order?: 'desc' | 'asc';
  limit?: number;
  offset?: number;
}

export interface YoyParams extends YearParams {
  baseYear: number;
}

export interface ComplianceParams extends ScopeParams {
  fromYear: number;
  toYear: number;
  by?: CompareBy;
  limit?: number;
  offset?: number;
}

export interface QualityParams extends YearParams {
  type?: QualityType | null;
  rule?: string | null;
  limit?: number;
  offset?: number;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Drops empty values so the API applies its defaults; a list is written comma-separated. */
export function toQuery(params: object): Query {
  const query: Query = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    query[key] = Array.isArray(value) ? value.join(',') : (value as Query[string]);
  }
  return query;
}

interface CallOptions {
  signal?: AbortSignal;
}

// Views show failures in their panels, so requests are silent (no toast on top).
const get = <T>(path: string, params: object, options: CallOptions = {}) =>
  http.get<T>(`/analytics/${path}`, {
    query: toQuery(params),
    signal: options.signal,
    silent: true,
  });

export const getMetricCatalogue = (options?: CallOptions) =>
  get<MetricInfo[]>('metrics', {}, options);

export const getOverview = (params: YearParams, options?: CallOptions) =>
  get<OverviewDto>('overview', params, options);

export const getTrend = (params: TrendParams, options?: CallOptions) =>
  get<TrendDto>('trend', params, options);

export const getCompare = (params: CompareParams, options?: CallOptions) =>
  get<CompareDto>('compare', params, options);

export const getYoy = (params: YoyParams, options?: CallOptions) =>
  get<YoyDto>('yoy', params, options);

export const getBreakdown = (params: YearParams, options?: CallOptions) =>
  get<BreakdownDto>('breakdown', params, options);

export const getCompliance = (params: ComplianceParams, options?: CallOptions) =>
  get<ComplianceDto>('compliance', params, options);

export const getQuality = (params: QualityParams, options?: CallOptions) =>
  get<QualityDto>('quality', params, options);

export const ANALYTICS_VIEWS = [
  'overview',
  'trend',
  'compare',
  'yoy',
  'breakdown',
  'compliance',
  'quality',
  'rollup',
] as const;
export type AnalyticsView = (typeof ANALYTICS_VIEWS)[number];

/**
 * A view's export (`/api/analytics/<view>/export`) with the bearer token; the roll-up XLSX is
 * the national template's layout. Failures are shown as a message by the request client.
 */
export function downloadAnalyticsExport(
  view: AnalyticsView,
  params: object,
  format: 'csv' | 'xlsx' = 'xlsx',
): Promise<DownloadedFile> {
  return download(`/analytics/${view}/export`, { query: { ...toQuery(params), format } });
}
