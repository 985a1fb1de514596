import type {
  AnalyticsScopeQuery,
  AnalyticsYearQuery,
  BreakdownDto,
  CompareDto,
  CompareQuery,
  ComplianceDto,
  ComplianceQuery,
  MetricInfo,
  OverviewDto,
  QualityDto,
  QualityQuery,
  TrendDto,
  TrendQuery,
  YoyDto,
  YoyQuery,
} from '@atlas/api-contract';
import { download, http, type DownloadedFile } from './request';

/*
 * The analytics endpoints (apps/api analytics.controller.ts). Their answers are the contract in
 * @atlas/api-contract, shared with the API; every answer is already limited to what the
 * signed-in user may see.
 */

export type {
  AgencyRef,
  BreakdownDto,
  CompareBy,
  CompareDto,
  CompareItem,
  ComplianceCell,
  ComplianceDto,
  ComplianceRow,
  ComplianceStatus,
  GroupRef,
  Kpi,
  MetricInfo,
  OverviewDto,
  QualityCounts,
  QualityDto,
  QualityFinding,
  QualityItem,
  QualityType,
  ScopeRef,
  SubmissionProgress,
  TrendDto,
  TrendGroupBy,
  TrendPoint,
  TrendSeries,
  YearOverYearChange,
  YoyCell,
  YoyDto,
  YoyMetric,
} from '@atlas/api-contract';

export { COMPLIANCE_STATUSES, QUALITY_TYPES, TREND_GROUPS } from '@atlas/api-contract';

/*
 * What the views pass: the contract's queries (@atlas/api-contract), with the numbers a view
 * always gives required, null for "not chosen" and the trend's metrics as a list (`toQuery`
 * writes what the API reads).
 */
type Chosen<Query> = { [Key in keyof Query]?: Query[Key] | null };

/** Parameters every view takes: an agency subtree (default: all the user may see). */
export type ScopeParams = Chosen<AnalyticsScopeQuery>;

export type YearParams = ScopeParams & Required<Pick<AnalyticsYearQuery, 'year'>>;

export type TrendParams = ScopeParams &
  Required<Pick<TrendQuery, 'fromYear' | 'toYear'>> &
  Pick<TrendQuery, 'groupBy'> & { metrics: readonly string[] };

export type CompareParams = YearParams &
  Required<Pick<CompareQuery, 'metric'>> &
  Chosen<Pick<CompareQuery, 'secondMetric'>> &
  Pick<CompareQuery, 'by' | 'order' | 'limit' | 'offset'>;

export type YoyParams = YearParams & Required<Pick<YoyQuery, 'baseYear'>>;

export type ComplianceParams = ScopeParams &
  Required<Pick<ComplianceQuery, 'fromYear' | 'toYear'>> &
  Pick<ComplianceQuery, 'by' | 'sort' | 'limit' | 'offset'>;

/** A year, or a range whose latest year with a problem the API answers for. */
export type QualityParams = ScopeParams &
  Pick<QualityQuery, 'year' | 'fromYear' | 'toYear'> &
  Chosen<Pick<QualityQuery, 'type' | 'rule'>> &
  Pick<QualityQuery, 'limit' | 'offset'>;

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
