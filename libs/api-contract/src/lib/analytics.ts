import type { YearOverYearChange } from '@atlas/metrics';

/* GET /api/analytics/*: the queries every answer takes and the answers. */

export type { YearOverYearChange };

/** How a metric is described to clients: the catalogue without its formulas. */
export interface MetricInfo {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly unit: string;
  readonly definition: string;
  readonly source: 'cells' | 'narrative' | 'quality';
  /** Whether the value is a percentage (averaged as a ratio of sums, never summed). */
  readonly ratio: boolean;
}

export interface AgencyRef {
  id: string;
  code: string;
  name: string;
}

export interface ScopeRef {
  /** The scope's root agencies. */
  agencies: AgencyRef[];
  /** Whether everything below them counts, or only the agencies themselves. */
  subtree: boolean;
}

export interface GroupRef {
  key: string;
  name: string;
  code: string | null;
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
  group: GroupRef;
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

/** Units compared or listed: child regions, or single agencies. */
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

export interface RollupDto {
  scope: ScopeRef;
  year: number;
  formatVersion: '2021' | '2019';
  reports: number;
  proactive: {
    key: string;
    label: string;
    clause: string;
    cells: { column: string; label: string; value: number | null }[];
  }[];
  applications: {
    key: string;
    label: string;
    headings: string[];
    values: Record<string, number | null>;
  }[];
  reviewLitigation: { key: string; label: string; values: Record<string, number | null> }[];
  units: {
    included: number;
    missing: number;
    includedList: {
      agency: AgencyRef;
      reportId: string | null;
      status: string | null;
      onTime: boolean | null;
      daysLate: number | null;
      errorCount: number | null;
    }[];
    missingList: { agency: AgencyRef }[];
  };
}

// ── queries (every parameter optional: the API fills in defaults) ──────────────────────────────

/** Every answer is about an agency subtree (default: all the caller may see). */
export interface AnalyticsScopeQuery {
  /** An agency id. */
  scope?: string;
  /** false: only the scope agency's own reports. */
  subtree?: boolean;
}

export interface AnalyticsYearQuery extends AnalyticsScopeQuery {
  /** Default: the previous year. */
  year?: number;
}

export interface AnalyticsYearRangeQuery extends AnalyticsScopeQuery {
  fromYear?: number;
  toYear?: number;
}

export interface TrendQuery extends AnalyticsYearRangeQuery {
  /** Metric keys, comma-separated. */
  metrics?: string;
  groupBy?: TrendGroupBy;
}

export interface PageQuery {
  limit?: number;
  offset?: number;
}

export interface CompareQuery extends AnalyticsYearQuery, PageQuery {
  metric?: string;
  secondMetric?: string;
  by?: CompareBy;
  order?: 'desc' | 'asc';
}

export interface YoyQuery extends AnalyticsYearQuery {
  baseYear?: number;
}

export interface ComplianceQuery extends AnalyticsYearRangeQuery, PageQuery {
  by?: CompareBy;
  /** problems: rows with missing, failing or late reports first. */
  sort?: 'code' | 'problems';
}

export interface QualityQuery extends AnalyticsYearQuery, PageQuery {
  type?: QualityType;
  rule?: string;
  /**
   * Without `year`: the answer is for the latest year from `fromYear` to `toYear` with a problem
   * (a report missing, late, failing or with warnings), or `toYear` when every year is clean.
   */
  fromYear?: number;
  toYear?: number;
}

export type RollupQuery = AnalyticsYearQuery & PageQuery;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatQuery {
  /** Default xlsx. */
  format?: ExportFormat;
}

/** The query of an answer's `/export`: the answer's own, and the file format. */
export type ExportQuery<Query> = Query & ExportFormatQuery;
export type OverviewExportQuery = ExportQuery<AnalyticsYearQuery>;
export type TrendExportQuery = ExportQuery<TrendQuery>;
export type CompareExportQuery = ExportQuery<CompareQuery>;
export type YoyExportQuery = ExportQuery<YoyQuery>;
export type BreakdownExportQuery = ExportQuery<AnalyticsYearQuery>;
export type ComplianceExportQuery = ExportQuery<ComplianceQuery>;
export type QualityExportQuery = ExportQuery<QualityQuery>;
export type RollupExportQuery = ExportQuery<RollupQuery>;
