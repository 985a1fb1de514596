import type { MetricInfo, TrendDto } from '../../api/analytics';
import type { ChartClickEvent, ChartOption } from '../echarts';
import { formatCompact, formatWithUnit } from '../format';
import type { ChartTable } from '../table';
import { axisTooltip, escapeHtml, type TooltipItem } from '../tooltip';
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
  /** Name of the groups folded into a band: `其他 {count} 个地区`. */
  othersName?: (count: number) => string;
  locale?: string;
}

/** Grouped trends draw about this many lines in all; the other groups become one band. */
export const TREND_LINE_BUDGET = 8;
/** A metric keeps at least this many groups of its own as lines, however many metrics. */
const MIN_LINES_PER_METRIC = 3;
/** Units of whole things: their axis never shows a tick at 0.5. */
const WHOLE_UNITS = new Set(['件', '个', '份']);
/** Neutral tints, one per metric's band, so that two bands on two axes stay apart. */
const BAND_COLORS = ['#9CA3AF', '#C8B38A', '#8FB3C9'];

interface SeriesSpec {
  name: string;
  metric: string;
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
      metric: series.metric,
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

/**
 * The part of an answer about some of its metrics, in the order given: a page asks for the
 * metrics of all its charts at once and hands each chart its own. Metrics the answer lacks are
 * left out.
 */
export function trendOfMetrics(answer: TrendDto, metrics: readonly string[]): TrendDto {
  const infos = new Map(answer.metrics.map((info) => [info.key, info]));
  const wanted = metrics.filter((key) => infos.has(key));
  return {
    ...answer,
    metrics: wanted.map((key) => infos.get(key) as MetricInfo),
    series: wanted.flatMap((key) => answer.series.filter((series) => series.metric === key)),
  };
}

/** Whether the answer has any value at all (else the panel shows its empty state). */
export function trendHasValues(answer: TrendDto | null | undefined): boolean {
  return !!answer && answer.series.some((s) => s.points.some((p) => p.value !== null));
}

/** What the chart draws of a metric: some of its series as lines, the rest (if any) as a band. */
export interface TrendMetricLayout {
  metric: string;
  /** Indexes into `answer.series`, drawn as lines, highest latest value first when folded. */
  lines: number[];
  /** Indexes into `answer.series` folded into one min–max band; empty when all are lines. */
  others: number[];
}

/**
 * Which series are lines and which are folded. Grouped by child region a scope can have a
 * hundred groups: a hundred lines and a legend of thirty pages say nothing. Each metric keeps
 * its top groups by the latest year with values, and the rest become one min–max band rather
 * than an aggregate line: a sum of a hundred regions would dwarf the top lines (and a sum of
 * rates means nothing), while a band keeps the scale and still shows where the others lie.
 */
export function trendLayout(answer: TrendDto): TrendMetricLayout[] {
  const metrics = [...new Set(answer.series.map((s) => s.metric))];
  const perMetric = Math.max(
    MIN_LINES_PER_METRIC,
    Math.floor(TREND_LINE_BUDGET / Math.max(1, metrics.length)),
  );
  const years = yearsOf(answer);
  return metrics.map((metric) => {
    const indexes = answer.series.flatMap((s, index) => (s.metric === metric ? [index] : []));
    // Folding one or two groups into a band would hide them for nothing.
    if (answer.groupBy === 'none' || indexes.length <= perMetric + 2) {
      return { metric, lines: indexes, others: [] };
    }
    const valueIn = (index: number, year: number) =>
      answer.series[index]?.points.find((p) => p.year === year)?.value ?? null;
    const latest = [...years].reverse().find((y) => indexes.some((i) => valueIn(i, y) !== null));
    const ranked = indexes
      .map((index, order) => ({
        index,
        order,
        value: latest === undefined ? null : valueIn(index, latest),
      }))
      .sort(
        (a, b) =>
          (b.value ?? Number.NEGATIVE_INFINITY) - (a.value ?? Number.NEGATIVE_INFINITY) ||
          a.order - b.order,
      )
      .map((r) => r.index);
    return { metric, lines: ranked.slice(0, perMetric), others: ranked.slice(perMetric) };
  });
}

/** One series of the chart: a line or bar of an answer series, or a part of a band. */
interface DrawnSeries {
  spec: SeriesSpec;
  /** Index into `answer.series`; null for a band. */
  source: number | null;
  /** `base`: the band's invisible lower edge; `band`: its height (max − min) stacked on it. */
  role: 'series' | 'base' | 'band';
  /** For a band: the lowest and highest value of its groups, year by year. */
  min?: (number | null)[];
  color?: string;
  max?: (number | null)[];
}

function drawnSeries(answer: TrendDto, options: TrendChartOptions, locale: string): DrawnSeries[] {
  const specs = seriesSpecs(answer, locale);
  const metrics = new Map(answer.metrics.map((m) => [m.key, m]));
  let bands = 0;
  return trendLayout(answer).flatMap((layout) => {
    const lines = layout.lines.map((index): DrawnSeries => ({
      spec: specs[index] as SeriesSpec,
      source: index,
      role: 'series',
    }));
    if (layout.others.length === 0) return lines;
    const members = layout.others.map((index) => specs[index] as SeriesSpec);
    const yearCount = yearsOf(answer).length;
    const min: (number | null)[] = [];
    const max: (number | null)[] = [];
    for (let year = 0; year < yearCount; year += 1) {
      const values = members.map((m) => m.values[year]).filter((v): v is number => v != null);
      min.push(values.length > 0 ? Math.min(...values) : null);
      max.push(values.length > 0 ? Math.max(...values) : null);
    }
    const metric = metrics.get(layout.metric);
    const metricLabel = metric ? metricName(metric, locale) : layout.metric;
    const others = options.othersName
      ? options.othersName(members.length)
      : `其他 ${members.length} 个`;
    const first = members[0] as SeriesSpec;
    const spec: SeriesSpec = {
      ...first,
      name: `${metricLabel} · ${others}`,
      values: max,
      reports: [],
    };
    const color = BAND_COLORS[bands++ % BAND_COLORS.length];
    return [
      ...lines,
      { spec, source: null, role: 'base', min, max, color },
      { spec, source: null, role: 'band', min, max, color },
    ];
  });
}

/**
 * The range a rate axis shows. From 0 to 100 as a rule; when every value is high (rates of
 * 97–100 %), 0–100 would draw the lines on top of each other, so the axis is zoomed to the data
 * with a little room below, still ending at 100.
 */
export function percentAxisRange(values: readonly (number | null)[]): {
  min: number;
  max: number | null;
} {
  const present = values.filter((v): v is number => v != null && Number.isFinite(v));
  if (present.length === 0) return { min: 0, max: 100 };
  const low = Math.min(...present);
  const high = Math.max(...present);
  const max = high <= 100 ? 100 : null;
  if (low <= 50) return { min: 0, max };
  const pad = Math.max(1, (high - low) * 0.2);
  return { min: Math.max(0, Math.floor((low - pad) / 5) * 5), max };
}

type TrendTooltipItem = TooltipItem & { dataIndex?: number };

function tooltipRow(item: TrendTooltipItem, value: string): string {
  const marker = typeof item.marker === 'string' ? item.marker : '';
  return (
    `<div class="atlas-tooltip__row">${marker}<span>${escapeHtml(item.seriesName ?? '')}</span>` +
    `<b style="margin-left:16px;float:right;font-variant-numeric:tabular-nums">${escapeHtml(value)}</b></div>`
  );
}

/** As `axisTooltip`, except that a band says the range of its groups, not its height. */
function trendTooltip(params: unknown, drawn: readonly DrawnSeries[], locale: string): string {
  const items = (Array.isArray(params) ? params : [params]) as TrendTooltipItem[];
  if (!drawn.some((d) => d.role === 'band')) {
    return axisTooltip(items, (index) => drawn[index]?.spec.unit);
  }
  const title = items[0]?.axisValueLabel ?? items[0]?.name ?? '';
  const rows = items.flatMap((item) => {
    const series = drawn[item.seriesIndex ?? 0];
    if (!series || series.role === 'base') return [];
    const unit = series.spec.unit;
    if (series.role === 'series') {
      const value = typeof item.value === 'number' ? item.value : null;
      return [tooltipRow(item, formatWithUnit(value, unit, { locale }))];
    }
    const year = item.dataIndex ?? -1;
    const low = formatWithUnit(series.min?.[year] ?? null, unit, { locale });
    const high = formatWithUnit(series.max?.[year] ?? null, unit, { locale });
    return [tooltipRow(item, low === high ? low : `${low} – ${high}`)];
  });
  return `<div class="atlas-tooltip"><div style="margin-bottom:4px;font-weight:600">${escapeHtml(title)}</div>${rows.join('')}</div>`;
}

export function buildTrendOption(answer: TrendDto, options: TrendChartOptions): ChartOption {
  const locale = options.locale ?? 'zh-CN';
  const drawn = drawnSeries(answer, options, locale);
  const specs = drawn.map((d) => d.spec);
  const years = yearsOf(answer);
  const hasCounts = specs.some((s) => !s.percent);
  const hasPercents = specs.some((s) => s.percent);
  const dual = hasCounts && hasPercents;
  const folded = drawn.some((d) => d.role === 'band');
  const lineCount = drawn.filter((d) => d.role !== 'base').length;
  const type = options.type ?? 'auto';
  const seriesType = (spec: SeriesSpec): 'bar' | 'line' => {
    if (options.stacked) return 'bar';
    if (folded) return 'line';
    if (type !== 'auto') return type;
    return spec.percent || specs.length > 4 ? 'line' : 'bar';
  };
  const axisFor = (spec: SeriesSpec) => (dual && spec.percent ? 1 : 0);
  const countUnits = [...new Set(specs.filter((s) => !s.percent).map((s) => s.unit))].filter(
    Boolean,
  );
  const countAxis = {
    type: 'value' as const,
    name: countUnits.join(' / '),
    nameTextStyle: { align: 'right' as const },
    // Whole things: no tick at 0.5 件 when the values are small.
    ...(countUnits.length > 0 && countUnits.every((u) => WHOLE_UNITS.has(u))
      ? { minInterval: 1 }
      : {}),
    axisLabel: { formatter: (v: number) => formatCompact(v, locale) },
  };
  const percentValues = drawn
    .filter((d) => d.spec.percent)
    .flatMap((d) => (d.role === 'series' ? d.spec.values : [...(d.min ?? []), ...(d.max ?? [])]));
  // Zoomed only for lines: a bar's length must stay true to its value.
  const percentBars = drawn.some((d) => d.spec.percent && seriesType(d.spec) === 'bar');
  const percentRange =
    options.stacked || percentBars ? { min: 0, max: 100 } : percentAxisRange(percentValues);
  const percentAxis = {
    type: 'value' as const,
    name: '%',
    nameTextStyle: { align: dual ? ('left' as const) : ('right' as const) },
    axisLabel: { formatter: (v: number) => `${v}%` },
    // Stacked shares add up to 100 (give or take rounding); a lone rate rarely passes it.
    max: options.stacked
      ? 100
      : (extent: { max: number }) => (extent.max <= 100 ? (percentRange.max ?? extent.max) : null),
    min: percentRange.min,
    ...(dual ? { splitLine: { show: false } } : {}),
  };
  const yAxis = dual ? [countAxis, percentAxis] : hasPercents ? [percentAxis] : [countAxis];
  // A folded chart has a dozen entries at most: one legend page, wrapping onto a few rows.
  const legendRows = folded ? Math.ceil(lineCount / 4) : 1;
  const many = lineCount > 6;
  const top = folded ? 20 + legendRows * 22 : many ? 64 : 44;

  return {
    aria: { enabled: true },
    grid: { left: 16, right: 24, top, bottom: 8, containLabel: true },
    legend: folded
      ? {
          type: 'plain',
          top: 0,
          data: drawn
            .filter((d) => d.role !== 'base')
            .map((d) =>
              d.role === 'band'
                ? { name: d.spec.name, icon: 'roundRect', itemStyle: { color: d.color } }
                : d.spec.name,
            ),
        }
      : { type: 'scroll', top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: options.stacked ? 'shadow' : 'line' },
      confine: true,
      formatter: (params: unknown) => trendTooltip(params, drawn, locale),
    },
    xAxis: {
      type: 'category',
      data: years.map((year) => (options.yearName ? options.yearName(year) : String(year))),
      axisTick: { alignWithLabel: true },
    },
    yAxis,
    series: drawn.map((d, index) => {
      const spec = d.spec;
      if (d.role !== 'series') {
        // The band: an invisible lower edge with its height stacked on top, filled between.
        const stack = `others-${index - (d.role === 'band' ? 1 : 0)}`;
        const data =
          d.role === 'base'
            ? (d.min ?? [])
            : (d.max ?? []).map((high, year) => {
                const low = d.min?.[year];
                return high == null || low == null ? null : high - low;
              });
        return {
          name: spec.name,
          type: 'line' as const,
          data,
          yAxisIndex: axisFor(spec),
          stack,
          symbol: 'none',
          silent: true,
          color: d.color,
          lineStyle: { opacity: 0 },
          ...(d.role === 'band' ? { areaStyle: { color: d.color, opacity: 0.3 } } : {}),
          z: 1,
        };
      }
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
  // Chart series are in layout order (lines, then a band), not in the answer's order.
  const sources = trendLayout(answer).flatMap((layout) => [
    ...layout.lines,
    ...(layout.others.length > 0 ? [null, null] : []),
  ]);
  const source = typeof event.seriesIndex === 'number' ? sources[event.seriesIndex] : null;
  const series = source == null ? null : answer.series[source];
  const year = typeof event.dataIndex === 'number' ? yearsOf(answer)[event.dataIndex] : undefined;
  if (!series || year === undefined) return null;
  if (!series.points.some((point) => point.year === year && point.value !== null)) return null;
  const agencyId =
    answer.groupBy === 'child' && AGENCY_ID.test(series.group.key) ? series.group.key : null;
  return { metric: series.metric, year, agencyId };
}
