import type { CompareDto, CompareItem } from '../../api/analytics';
import type { ChartClickEvent, ChartOption } from '../echarts';
import { formatCompact, formatNumber, formatWithUnit } from '../format';
import { OKABE_ITO } from '../palette';
import type { ChartTable } from '../table';
import { escapeHtml } from '../tooltip';
import { formatChange, isPercentUnit, metricName, percentagePointUnit } from './common';

/**
 * The comparison page: a ranking of agencies or child regions by one metric (bars with the
 * mean and median as lines) and a scatter of two metrics. Each data point carries the agency
 * id so that a click can open it.
 */

export interface CompareLabels {
  agency: string;
  rank: string;
  percentile: string;
  previous: string;
  change: string;
  mean: string;
  median: string;
  reports: string;
}

export interface CompareDatum {
  name: string;
  value: number | [number, number];
  agencyId: string;
}

function tooltipLines(
  item: CompareItem,
  answer: CompareDto,
  labels: CompareLabels,
  locale: string,
): string[] {
  const unit = answer.metric.unit;
  const lines = [
    `${escapeHtml(metricName(answer.metric, locale))}：<b>${escapeHtml(formatWithUnit(item.value, unit, { locale }))}</b>`,
  ];
  if (answer.secondMetric) {
    lines.push(
      `${escapeHtml(metricName(answer.secondMetric, locale))}：<b>${escapeHtml(formatWithUnit(item.secondValue, answer.secondMetric.unit, { locale }))}</b>`,
    );
  }
  lines.push(
    `${escapeHtml(labels.rank)}：${item.rank} / ${answer.stats.count}`,
    `${escapeHtml(labels.percentile)}：${escapeHtml(formatNumber(item.percentile, { maximumFractionDigits: 1, locale }))}`,
    `${escapeHtml(labels.previous)}：${escapeHtml(formatWithUnit(item.previous, unit, { locale }))}（${escapeHtml(labels.change)} ${escapeHtml(formatChange(item.change, unit, locale))}）`,
    `${escapeHtml(labels.reports)}：${item.reports}`,
  );
  return lines;
}

function itemTooltip(answer: CompareDto, labels: CompareLabels, locale: string) {
  const byId = new Map(answer.items.map((item) => [item.agency.id, item]));
  return (params: unknown) => {
    const data = (Array.isArray(params) ? params[0] : params) as
      { data?: CompareDatum } | undefined;
    const item = data?.data ? byId.get(data.data.agencyId) : undefined;
    if (!item) return '';
    return `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(item.agency.name)}</div>${tooltipLines(item, answer, labels, locale).join('<br/>')}`;
  };
}

/** Height of one row of mark-line labels above the ranking's plot. */
const LABEL_ROW = 18;
/** Room above the ranking's plot: the legend, then a row for each of the mean and median labels. */
export const RANKING_GRID_TOP = 28 + 2 * LABEL_ROW + 8;

/** Items with a value, in the order the API ranked them. */
function ranked(answer: CompareDto): CompareItem[] {
  return answer.items.filter((item) => item.value !== null);
}

export function buildRankingOption(
  answer: CompareDto,
  labels: CompareLabels,
  locale = 'zh-CN',
): ChartOption {
  const items = ranked(answer);
  const unit = answer.metric.unit;
  const percent = unit === '%';
  // Both lines are labelled above the plot, one row each (mean nearer the plot), so their
  // labels clear the value axis, the bar labels and each other even when mean ≈ median. With
  // the category axis inverted, a vertical line starts at the top of the plot.
  const markLabel = (row: number) => ({
    position: 'start' as const,
    distance: 4 + row * LABEL_ROW,
  });
  const markData = [
    answer.stats.mean !== null
      ? { name: labels.mean, xAxis: answer.stats.mean, label: markLabel(0) }
      : null,
    answer.stats.median !== null
      ? { name: labels.median, xAxis: answer.stats.median, label: markLabel(1) }
      : null,
  ].filter((d) => d !== null);
  return {
    aria: { enabled: true },
    grid: { left: 8, right: 72, top: RANKING_GRID_TOP, bottom: 28, containLabel: true },
    legend: { show: true, top: 0, data: [metricName(answer.metric, locale)] },
    tooltip: { trigger: 'item', confine: true, formatter: itemTooltip(answer, labels, locale) },
    xAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => (percent ? `${v}%` : formatCompact(v, locale)) },
      ...(percent ? { max: (extent: { max: number }) => (extent.max <= 100 ? 100 : null) } : {}),
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map((item) => item.agency.name),
      axisTick: { show: false },
      axisLabel: { width: 150, overflow: 'truncate' },
      triggerEvent: true,
    },
    series: [
      {
        type: 'bar',
        name: metricName(answer.metric, locale),
        barMaxWidth: 18,
        cursor: 'pointer',
        itemStyle: { color: OKABE_ITO.blue },
        label: {
          show: true,
          position: 'right',
          formatter: (params: { value: unknown }) =>
            formatWithUnit(typeof params.value === 'number' ? params.value : null, unit, {
              locale,
            }),
        },
        data: items.map((item): CompareDatum => ({
          name: item.agency.name,
          value: item.value as number,
          agencyId: item.agency.id,
        })),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: OKABE_ITO.vermillion },
          label: {
            color: OKABE_ITO.vermillion,
            formatter: (params: { name?: string; value?: unknown }) =>
              `${params.name ?? ''} ${formatWithUnit(typeof params.value === 'number' ? params.value : null, unit, { locale })}`,
          },
          data: markData,
        },
      },
    ],
  } as ChartOption;
}

/** Pixel height that fits one bar per item. */
export function rankingHeight(answer: CompareDto | null): string {
  const count = answer ? ranked(answer).length : 0;
  return `${Math.max(240, Math.min(count, 60) * 26 + RANKING_GRID_TOP + 40)}px`;
}

/** The scatter's default second metric, and the one it falls back to when both would be the same. */
export const DEFAULT_SECOND_METRIC = 'disclosureRate';
const FALLBACK_SECOND_METRIC = 'applicationsReceived';

/**
 * The metric plotted against `metric` in the scatter: the one chosen, unless that is `metric`
 * itself (a scatter of a metric against itself says nothing), else a default that differs.
 */
export function pairedMetric(metric: string, chosen?: string | null): string {
  if (chosen && chosen !== metric) return chosen;
  return metric === DEFAULT_SECOND_METRIC ? FALLBACK_SECOND_METRIC : DEFAULT_SECOND_METRIC;
}

export function buildScatterOption(
  answer: CompareDto,
  labels: CompareLabels,
  locale = 'zh-CN',
): ChartOption {
  const second = answer.secondMetric;
  const axis = (unit: string, name: string) => ({
    type: 'value' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap: 32,
    scale: true,
    axisLabel: { formatter: (v: number) => (unit === '%' ? `${v}%` : formatCompact(v, locale)) },
  });
  const points = answer.items
    .filter((item) => item.value !== null && item.secondValue !== null)
    .map((item): CompareDatum => ({
      name: item.agency.name,
      value: [item.value as number, item.secondValue as number],
      agencyId: item.agency.id,
    }));
  const seriesName = second
    ? `${metricName(answer.metric, locale)} × ${metricName(second, locale)}`
    : metricName(answer.metric, locale);
  return {
    aria: { enabled: true },
    grid: { left: 24, right: 32, top: 36, bottom: 36, containLabel: true },
    legend: { top: 0, data: [seriesName] },
    tooltip: { trigger: 'item', confine: true, formatter: itemTooltip(answer, labels, locale) },
    xAxis: axis(
      answer.metric.unit,
      `${metricName(answer.metric, locale)}（${answer.metric.unit}）`,
    ),
    yAxis: second
      ? axis(second.unit, `${metricName(second, locale)}（${second.unit}）`)
      : { type: 'value' },
    series: [
      {
        type: 'scatter',
        name: seriesName,
        symbolSize: 12,
        cursor: 'pointer',
        itemStyle: {
          color: OKABE_ITO.orange,
          borderColor: '#7A5200',
          borderWidth: 1,
          opacity: 0.9,
        },
        emphasis: { label: { show: true, formatter: '{b}', position: 'top' } },
        data: points,
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dotted', color: '#9CA3AF' },
          label: { show: false },
          data: answer.stats.median !== null ? [{ xAxis: answer.stats.median }] : [],
        },
      },
    ],
  } as ChartOption;
}

export function compareTable(
  answer: CompareDto,
  labels: CompareLabels,
  locale = 'zh-CN',
): ChartTable {
  const second = answer.secondMetric;
  const rate = isPercentUnit(answer.metric.unit);
  const changeUnit = rate ? percentagePointUnit(locale) : '%';
  return {
    columns: [
      { key: 'rank', label: labels.rank, numeric: true },
      { key: 'agency', label: labels.agency },
      {
        key: 'value',
        label: metricName(answer.metric, locale),
        unit: answer.metric.unit,
        numeric: true,
      },
      ...(second
        ? [{ key: 'second', label: metricName(second, locale), unit: second.unit, numeric: true }]
        : []),
      { key: 'percentile', label: labels.percentile, numeric: true },
      { key: 'previous', label: labels.previous, unit: answer.metric.unit, numeric: true },
      // A rate's change in percentage points, a count's in percent (see formatChange).
      { key: 'change', label: labels.change, unit: changeUnit, numeric: true },
    ],
    rows: answer.items.map((item) => ({
      rank: item.value === null ? null : item.rank,
      agency: item.agency.name,
      value: item.value,
      ...(second ? { second: item.secondValue } : {}),
      percentile: item.percentile,
      previous: item.previous,
      change: (rate ? item.change?.absolute : item.change?.percent) ?? null,
    })),
  };
}

/** The agency id a chart click landed on (a bar, a point or a category label), if any. */
export function agencyIdOfClick(answer: CompareDto, event: ChartClickEvent): string | null {
  const data = event.data as Partial<CompareDatum> | undefined;
  if (data && typeof data.agencyId === 'string') return data.agencyId;
  if (event.componentType === 'yAxis' && typeof event.value === 'string') {
    return answer.items.find((item) => item.agency.name === event.value)?.agency.id ?? null;
  }
  return null;
}
