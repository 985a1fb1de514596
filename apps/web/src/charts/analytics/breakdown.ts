import type { BreakdownDto } from '../../api/analytics';
import type { ChartOption } from '../echarts';
import { formatNumber } from '../format';
import type { ChartTable } from '../table';
import { escapeHtml } from '../tooltip';

/**
 * 申请人 × 办理结果: table 3 summed over a scope, as a heat map of the outcome rows (down) by
 * applicant (across) — who asks, and how their requests end. The 总计 column and the rows that
 * are not outcomes (新收, 结转) stay in the table, not the map, so the colours compare outcomes.
 */

export interface BreakdownLabels {
  outcome: string;
  applicant: string;
  /** Unit of request counts (件). */
  unit: string;
}

const TOTAL_COLUMN = 'total';

type Row = BreakdownDto['rows'][number];
type Column = BreakdownDto['columns'][number];

const label = (item: { label: string; labelEn: string }, locale: string) => (locale.startsWith('zh') ? item.label : item.labelEn);
const rowLabel = (row: Row, locale: string) => (locale.startsWith('zh') ? row.shortLabel || row.label : row.labelEn);

/** The outcome rows and applicant columns the map shows (no totals). */
export function breakdownAxes(answer: BreakdownDto): { rows: Row[]; columns: Column[] } {
  return {
    rows: answer.rows.filter((row) => row.outcome),
    columns: answer.columns.filter((column) => column.key !== TOTAL_COLUMN),
  };
}

/** Height of the map: a band per outcome row, so long label lists stay readable. */
export function breakdownHeight(answer: BreakdownDto | null | undefined): string {
  const rows = answer ? breakdownAxes(answer).rows.length : 0;
  return `${Math.max(360, 120 + rows * 26)}px`;
}

export function buildBreakdownOption(answer: BreakdownDto, labels: BreakdownLabels, locale = 'zh-CN'): ChartOption {
  const { rows, columns } = breakdownAxes(answer);
  const data: [number, number, number][] = [];
  rows.forEach((row, y) => columns.forEach((column, x) => data.push([x, y, row.values[column.key] ?? 0])));
  const max = Math.max(1, ...data.map((datum) => datum[2]));
  return {
    aria: { enabled: true },
    grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const value = (params as { value?: [number, number, number] }).value;
        if (!value) return '';
        const row = rows[value[1]];
        const column = columns[value[0]];
        if (!row || !column) return '';
        return (
          `<div style="font-weight:600">${escapeHtml(rowLabel(row, locale))}</div>` +
          `<div>${escapeHtml(label(column, locale))}<b style="float:right;margin-left:16px">` +
          `${escapeHtml(formatNumber(value[2], { locale }))}${escapeHtml(labels.unit)}</b></div>`
        );
      },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max,
      orient: 'horizontal',
      top: 0,
      left: 0,
      calculable: false,
      text: [formatNumber(max, { locale }), '0'],
      inRange: { color: ['#F3F6FB', '#1E5AA8'] },
    },
    xAxis: {
      type: 'category',
      position: 'top',
      data: columns.map((column) => label(column, locale)),
      axisLabel: { interval: 0, rotate: 0, width: 72, overflow: 'break' },
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((row) => rowLabel(row, locale)),
      axisLabel: { width: 200, overflow: 'truncate' },
      splitArea: { show: true },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: true,
          formatter: (params: unknown) => {
            const value = (params as { value?: [number, number, number] }).value?.[2] ?? 0;
            return value === 0 ? '' : formatNumber(value, { locale });
          },
        },
        emphasis: { itemStyle: { borderColor: '#111827', borderWidth: 1 } },
      },
    ],
  };
}

/** Every row of table 3 with every applicant column and the total, as the data view and CSV. */
export function breakdownTable(answer: BreakdownDto, labels: BreakdownLabels, locale = 'zh-CN'): ChartTable {
  return {
    columns: [
      { key: 'row', label: labels.outcome },
      ...answer.columns.map((column) => ({ key: column.key, label: label(column, locale), unit: labels.unit, numeric: true })),
    ],
    rows: answer.rows.map((row) => ({
      row: rowLabel(row, locale),
      ...Object.fromEntries(answer.columns.map((column) => [column.key, row.values[column.key] ?? 0])),
    })),
  };
}
