import type { MetricInfo, TrendDto } from '../../api/analytics';
import type { ChartClickEvent, ChartOption } from '../echarts';
import { formatCompact } from '../format';
import type { ChartTable } from '../table';
import { axisTooltip, type TooltipItem } from '../tooltip';
import { metricName } from './common';

/**
 * Metrics over years (GET /api/analytics/trend): one series per metric × group. Counts go on
 * the left axis, percentages on the right, so 公开率 is not flattened by 收到申请数.
 */

export interface TrendChartOptions {
  /** `auto`: percentages as lines, counts as bars unless there are many series. */
  type?: 'auto' | 'bar' | 'line';
  /** Stack the series (shares that add up to 100 %, e.g. outcomes or applicant mix). */
  stacked?: boolean;
  /** Header of the year column of the table. */
  yearLabel: string;
  /** `{year}年` → category label. */
  yearName?: (year: number) => string;
  locale?: string;
}

interface SeriesSpec {
  name: string;
  unit: string;
  percent: boolean;
  values: (number | null)[];
  reports: number[];
}

function seriesSpecs(answer: TrendDto, locale: string): SeriesSpec[] {
  const metrics = new Map<string, MetricInfo>(answer.metrics.map((m) => [m.key, m]));
  const grouped = answer.groupBy !== 'none';
  const years = yearsOf(answer);
  return answer.series.map((series) => {
    const metric = metrics.get(series.metric);
    const name = metric ? metricName(metric, locale) : series.metric;
    const byYear = new Map(series.points.map((p) => [p.year, p]));
    return {
      name: grouped ? `${name} · ${series.group.name}` : name,
      unit: metric?.unit ?? '',
      percent: metric?.unit === '%',
      values: years.map((year) => byYear.get(year)?.value ?? null),
      reports: years.map((year) => byYear.get(year)?.reports ?? 0),
    };
  });
}

export function yearsOf(answer: Pick<TrendDto, 'fromYear' | 'toYear'>): number[] {
  const years: number[] = [];
  for (let year = answer.fromYear; year <= answer.toYear; year += 1) years.push(year);
  return years;
}

/** Whether the answer has any value at all (else the panel shows its empty state). */
export function trendHasValues(answer: TrendDto | null | undefined): boolean {
  return !!answer && answer.series.some((s) => s.points.some((p) => p.value !== null));
}

export function buildTrendOption(answer: TrendDto, options: TrendChartOptions): ChartOption {
  const locale = options.locale ?? 'zh-CN';
  const specs = seriesSpecs(answer, locale);
  const years = yearsOf(answer);
  const hasCounts = specs.some((s) => !s.percent);
  const hasPercents = specs.some((s) => s.percent);
  const dual = hasCounts && hasPercents;
  const type = options.type ?? 'auto';
  const seriesType = (spec: SeriesSpec): 'bar' | 'line' => {
    if (options.stacked) return 'bar';
    if (type !== 'auto') return type;
    return spec.percent || specs.length > 4 ? 'line' : 'bar';
  };
  const axisFor = (spec: SeriesSpec) => (dual && spec.percent ? 1 : 0);
  const countAxis = {
    type: 'value' as const,
    axisLabel: { formatter: (v: number) => formatCompact(v, locale) },
  };
  const percentAxis = {
    type: 'value' as const,
    axisLabel: { formatter: (v: number) => `${v}%` },
    // Stacked shares add up to 100 (give or take rounding); a lone rate rarely passes it.
    max: options.stacked ? 100 : (extent: { max: number }) => (extent.max <= 100 ? 100 : null),
    min: 0,
    ...(dual ? { splitLine: { show: false } } : {}),
  };
  const yAxis = dual ? [countAxis, percentAxis] : hasPercents ? [percentAxis] : [countAxis];
  const many = specs.length > 6;

  return {
    aria: { enabled: true },
    grid: { left: 16, right: 24, top: many ? 64 : 44, bottom: 8, containLabel: true },
    legend: { type: 'scroll', top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: options.stacked ? 'shadow' : 'line' },
      confine: true,
      formatter: (params: unknown) =>
        axisTooltip(params as TooltipItem[], (index) => specs[index]?.unit),
    },
    xAxis: {
      type: 'category',
      data: years.map((year) => (options.yearName ? options.yearName(year) : String(year))),
      axisTick: { alignWithLabel: true },
    },
    yAxis,
    series: specs.map((spec) => {
      const kind = seriesType(spec);
      const common = {
        name: spec.name,
        data: spec.values,
        yAxisIndex: axisFor(spec),
        ...(options.stacked ? { stack: 'total' } : {}),
      };
      return kind === 'line'
        ? { ...common, type: 'line' as const, connectNulls: false, symbolSize: 6 }
        : { ...common, type: 'bar' as const, barMaxWidth: 28 };
    }),
  } as ChartOption;
}

/** Years down, series across: what the data view shows and the CSV holds. */
export function trendTable(answer: TrendDto, options: TrendChartOptions): ChartTable {
  const locale = options.locale ?? 'zh-CN';
  const specs = seriesSpecs(answer, locale);
  return {
    columns: [
      { key: 'year', label: options.yearLabel },
      ...specs.map((spec, index) => ({
        key: `s${index}`,
        label: spec.name,
        unit: spec.unit,
        numeric: true,
      })),
    ],
    rows: yearsOf(answer).map((year, row) => ({
      year: options.yearName ? options.yearName(year) : String(year),
      ...Object.fromEntries(specs.map((spec, index) => [`s${index}`, spec.values[row] ?? null])),
    })),
  };
}

const AGENCY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a point or bar of a trend stands for: a metric in a year, for a child region if grouped so. */
export interface TrendClickTarget {
  metric: string;
  year: number;
  /** The child region of the series when grouped by child region (not 本级), else null. */
  agencyId: string | null;
}

/** The metric, year and region a click on a trend's point or bar stands for; null off the data. */
export function trendClickTarget(
  answer: TrendDto,
  event: ChartClickEvent,
): TrendClickTarget | null {
  if (event.componentType !== 'series') return null;
  const series = typeof event.seriesIndex === 'number' ? answer.series[event.seriesIndex] : null;
  const year = typeof event.dataIndex === 'number' ? yearsOf(answer)[event.dataIndex] : undefined;
  if (!series || year === undefined) return null;
  if (!series.points.some((point) => point.year === year && point.value !== null)) return null;
  const agencyId =
    answer.groupBy === 'child' && AGENCY_ID.test(series.group.key) ? series.group.key : null;
  return { metric: series.metric, year, agencyId };
}
