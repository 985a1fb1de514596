import type { YoyCell, YoyDto, YoyMetric } from '../../api/analytics';
import type { ChartOption } from '../echarts';
import { formatWithUnit } from '../format';
import { DIVERGING_COLORS } from '../palette';
import type { ChartTable } from '../table';
import { escapeHtml } from '../tooltip';
import {
  changeDirection,
  CHANGE_COLORS,
  formatChange,
  formatChangeAbsolute,
  isPercentUnit,
  metricName,
} from './common';

/**
 * Year over year: the cells of tables 2, 3 and 4 regrouped into the template's grids (rows ×
 * columns, each cell with both years and the change), and the metrics' changes as bars (counts
 * in percent, rates in percentage points).
 */

export interface YoyGrid {
  table: string;
  columns: string[];
  rows: { row: string; cells: (YoyCell | null)[] }[];
}

/** The cells of each table as a grid, in the order the API lists them (the template's). */
export function yoyGrids(cells: readonly YoyCell[]): YoyGrid[] {
  const tables = new Map<string, { columns: string[]; rows: Map<string, Map<string, YoyCell>> }>();
  for (const cell of cells) {
    let table = tables.get(cell.table);
    if (!table) {
      table = { columns: [], rows: new Map() };
      tables.set(cell.table, table);
    }
    if (!table.columns.includes(cell.column)) table.columns.push(cell.column);
    let row = table.rows.get(cell.row);
    if (!row) {
      row = new Map();
      table.rows.set(cell.row, row);
    }
    row.set(cell.column, cell);
  }
  return [...tables.entries()].map(([table, grid]) => ({
    table,
    columns: grid.columns,
    rows: [...grid.rows.entries()].map(([row, byColumn]) => ({
      row,
      cells: grid.columns.map((column) => byColumn.get(column) ?? null),
    })),
  }));
}

export interface YoyLabels {
  metric: string;
  current: string;
  base: string;
  change: string;
  changePercent: string;
}

/** A metric's change as charted: a rate's in percentage points, a count's in percent. */
export function chartedChange(m: YoyMetric): number | null {
  const value = isPercentUnit(m.metric.unit) ? m.change?.absolute : m.change?.percent;
  return value === undefined || value === null ? null : Math.round(value * 10) / 10;
}

function metricsWithChange(answer: YoyDto): YoyMetric[] {
  return answer.metrics.filter((m) => chartedChange(m) !== null);
}

/**
 * The change of every metric with a base, as bars left (down) and right (up) of zero; each bar
 * says its unit, since rates (points) and counts (percent) share the axis.
 */
export function buildYoyMetricsOption(
  answer: YoyDto,
  labels: YoyLabels,
  locale = 'zh-CN',
): ChartOption {
  const metrics = metricsWithChange(answer);
  return {
    aria: { enabled: true },
    grid: { left: 8, right: 56, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, data: [labels.changePercent] },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const index = (params as { dataIndex: number }).dataIndex;
        const m = metrics[index];
        if (!m) return '';
        const unit = m.metric.unit;
        return [
          `<b>${escapeHtml(metricName(m.metric, locale))}</b>`,
          `${escapeHtml(labels.current)}：${escapeHtml(formatWithUnit(m.current, unit, { locale }))}`,
          `${escapeHtml(labels.base)}：${escapeHtml(formatWithUnit(m.base, unit, { locale }))}`,
          `${escapeHtml(labels.change)}：${escapeHtml(formatChangeAbsolute(m.change, unit, locale))}${isPercentUnit(unit) ? '' : `（${escapeHtml(formatChange(m.change, unit, locale))}）`}`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      inverse: true,
      data: metrics.map((m) => metricName(m.metric, locale)),
      axisTick: { show: false },
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: labels.changePercent,
        barMaxWidth: 16,
        data: metrics.map((m) => ({
          value: chartedChange(m) ?? 0,
          itemStyle: { color: CHANGE_COLORS[changeDirection(m.change, m.metric.unit)] },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: (params: { dataIndex: number }) => {
            const m = metrics[params.dataIndex];
            return m ? formatChange(m.change, m.metric.unit, locale) : '';
          },
        },
      },
    ],
  } as ChartOption;
}

export function yoyMetricsHeight(answer: YoyDto | null): string {
  return `${Math.max(220, (answer ? metricsWithChange(answer).length : 0) * 24 + 60)}px`;
}

export function yoyMetricsTable(answer: YoyDto, labels: YoyLabels, locale = 'zh-CN'): ChartTable {
  return {
    columns: [
      { key: 'metric', label: labels.metric },
      { key: 'unit', label: 'unit' },
      { key: 'current', label: labels.current, numeric: true },
      { key: 'base', label: labels.base, numeric: true },
      { key: 'absolute', label: labels.change, numeric: true },
      { key: 'percent', label: labels.changePercent, unit: '%', numeric: true },
    ].filter((c) => c.key !== 'unit'),
    rows: answer.metrics.map((m) => ({
      metric: `${metricName(m.metric, locale)}（${m.metric.unit}）`,
      current: m.current,
      base: m.base,
      absolute: m.change?.absolute ?? null,
      // Percent of a rate would read as the rate's own change; its change is in points.
      percent: isPercentUnit(m.metric.unit) ? null : (m.change?.percent ?? null),
    })),
  };
}

/** Colour for a changed number (diverging palette ends), `undefined` for no change. */
export function changeColor(cell: Pick<YoyCell, 'change'>): string | undefined {
  const direction = changeDirection(cell.change);
  if (direction === 'up') return DIVERGING_COLORS[4];
  if (direction === 'down') return DIVERGING_COLORS[0];
  return undefined;
}
