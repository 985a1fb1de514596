import {
  COMPLIANCE_STATUSES,
  type ComplianceCell,
  type ComplianceDto,
  type ComplianceRow,
  type ComplianceStatus,
} from '../../api/analytics';
import type { ChartClickEvent, ChartOption } from '../echarts';
import { formatNumber, formatPercent } from '../format';
import { OKABE_ITO } from '../palette';
import type { ChartTable } from '../table';
import { escapeHtml } from '../tooltip';

/**
 * Compliance heat map: child regions (or agencies) down, years across, one cell per row × year
 * coloured by its check status. Okabe–Ito colours *and* a mark in every cell (✓ ! ◷ ✕ ?),
 * so the statuses stay apart for colour-blind readers and in greyscale prints.
 */

export const STATUS_STYLE: Record<ComplianceStatus, { color: string; text: string; mark: string }> =
  {
    ok: { color: OKABE_ITO.bluishGreen, text: '#FFFFFF', mark: '✓' },
    warning: { color: OKABE_ITO.yellow, text: '#1F2937', mark: '!' },
    late: { color: OKABE_ITO.orange, text: '#1F2937', mark: '◷' },
    failing: { color: OKABE_ITO.vermillion, text: '#FFFFFF', mark: '✕' },
    missing: { color: '#374151', text: '#FFFFFF', mark: '?' },
    'not-expected': { color: '#E5E7EB', text: '#6B7280', mark: '' },
  };

export interface ComplianceLabels {
  status: Record<ComplianceStatus, string>;
  /** Header of the status column (检查状态). */
  statusHeader: string;
  row: string;
  year: string;
  expected: string;
  submitted: string;
  onTime: string;
  late: string;
  missing: string;
  withErrors: string;
  withWarnings: string;
  onTimeRate: string;
  inspectionPassRate: string;
  completionRate: string;
  /** Unit of report counts (份). */
  unit: string;
  yearName?: (year: number) => string;
}

export function complianceYears(answer: Pick<ComplianceDto, 'fromYear' | 'toYear'>): number[] {
  const years: number[] = [];
  for (let year = answer.fromYear; year <= answer.toYear; year += 1) years.push(year);
  return years;
}

interface HeatDatum {
  value: [number, number, number];
  year: number;
  row: string;
  cell: ComplianceCell | null;
  /** Dark marks on pale cells, white on dark ones. */
  label: { color: string };
}

function cellTooltip(datum: HeatDatum, labels: ComplianceLabels, locale: string): string {
  const { cell } = datum;
  const year = labels.yearName ? labels.yearName(datum.year) : String(datum.year);
  if (!cell) return `${escapeHtml(datum.row)} · ${escapeHtml(year)}`;
  const style = STATUS_STYLE[cell.status];
  const n = (value: number) => `${formatNumber(value, { locale })}${labels.unit}`;
  const rows: [string, string][] = [
    [labels.expected, n(cell.expected)],
    [labels.submitted, n(cell.submitted)],
    [labels.onTime, n(cell.onTime)],
    [labels.late, n(cell.late)],
    [labels.missing, n(cell.missing)],
    [labels.withErrors, n(cell.withErrors)],
    [labels.withWarnings, n(cell.withWarnings)],
    [labels.onTimeRate, formatPercent(cell.onTimeRate, { locale })],
    [labels.inspectionPassRate, formatPercent(cell.inspectionPassRate, { locale })],
    [labels.completionRate, formatPercent(cell.completionRate, { locale })],
  ];
  return (
    `<div style="font-weight:600">${escapeHtml(datum.row)} · ${escapeHtml(year)}</div>` +
    `<div style="margin:4px 0"><span style="display:inline-block;width:10px;height:10px;margin-right:6px;border:1px solid #9CA3AF;background:${style.color}"></span>` +
    `${escapeHtml(style.mark)} ${escapeHtml(labels.status[cell.status])}</div>` +
    rows
      .map(
        ([label, value]) =>
          `<div>${escapeHtml(label)}<b style="float:right;margin-left:16px">${escapeHtml(value)}</b></div>`,
      )
      .join('')
  );
}

export function buildComplianceOption(
  answer: ComplianceDto,
  labels: ComplianceLabels,
  locale = 'zh-CN',
): ChartOption {
  const years = complianceYears(answer);
  const yearName = labels.yearName ?? ((year: number) => String(year));
  const data: HeatDatum[] = [];
  answer.rows.forEach((row, rowIndex) => {
    const byYear = new Map(row.years.map((cell) => [cell.year, cell]));
    years.forEach((year, yearIndex) => {
      const cell = byYear.get(year) ?? null;
      const status = cell?.status ?? 'not-expected';
      data.push({
        value: [yearIndex, rowIndex, COMPLIANCE_STATUSES.indexOf(status)],
        year,
        row: row.name,
        cell,
        label: { color: STATUS_STYLE[status].text },
      });
    });
  });
  return {
    aria: { enabled: true },
    grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const datum = (params as { data?: HeatDatum }).data;
        if (!datum) return '';
        return cellTooltip(datum, { ...labels, yearName }, locale);
      },
    },
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      top: 0,
      left: 0,
      itemWidth: 14,
      itemHeight: 14,
      pieces: COMPLIANCE_STATUSES.map((status, index) => ({
        value: index,
        label: `${STATUS_STYLE[status].mark ? `${STATUS_STYLE[status].mark} ` : ''}${labels.status[status]}`,
        color: STATUS_STYLE[status].color,
      })),
      textStyle: { color: '#374151' },
    },
    xAxis: {
      type: 'category',
      position: 'top',
      data: years.map(yearName),
      splitArea: { show: false },
      axisTick: { show: false },
      offset: 0,
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: answer.rows.map((row) => row.name),
      axisTick: { show: false },
      axisLabel: { width: 160, overflow: 'truncate' },
      triggerEvent: true,
    },
    series: [
      {
        type: 'heatmap',
        name: labels.status.ok,
        data,
        cursor: 'pointer',
        itemStyle: { borderColor: '#FFFFFF', borderWidth: 2 },
        label: {
          show: true,
          fontSize: 12,
          formatter: (params: { data?: unknown }) => {
            const cell = (params.data as HeatDatum | undefined)?.cell;
            return cell ? STATUS_STYLE[cell.status].mark : '';
          },
        },
        emphasis: { itemStyle: { borderColor: '#111827', borderWidth: 2 } },
      },
    ],
  } as ChartOption;
}

/**
 * The row (region or agency) and year a heat-map click landed on: a cell gives both, a row's
 * name on the axis gives the row alone (year null).
 */
export function complianceClickTarget(
  answer: Pick<ComplianceDto, 'rows'>,
  event: ChartClickEvent,
): { row: ComplianceRow; year: number | null } | null {
  const datum = event.data as Partial<HeatDatum> | undefined;
  if (datum && Array.isArray(datum.value) && typeof datum.year === 'number') {
    const row = answer.rows[datum.value[1]];
    return row ? { row, year: datum.year } : null;
  }
  if (event.componentType === 'yAxis' && typeof event.value === 'string') {
    const row = answer.rows.find((r) => r.name === event.value);
    return row ? { row, year: null } : null;
  }
  return null;
}

export function complianceHeight(answer: ComplianceDto | null): string {
  const rows = answer?.rows.length ?? 0;
  return `${Math.max(220, rows * 28 + 96)}px`;
}

/** One row per region × year with every number of the tooltip, for the data view and CSV. */
export function complianceTable(answer: ComplianceDto, labels: ComplianceLabels): ChartTable {
  const yearName = labels.yearName ?? ((year: number) => String(year));
  const count = (key: string, label: string) => ({ key, label, unit: labels.unit, numeric: true });
  return {
    columns: [
      { key: 'row', label: labels.row },
      { key: 'year', label: labels.year },
      { key: 'status', label: labels.statusHeader },
      count('expected', labels.expected),
      count('submitted', labels.submitted),
      count('onTime', labels.onTime),
      count('late', labels.late),
      count('missing', labels.missing),
      count('withErrors', labels.withErrors),
      { key: 'onTimeRate', label: labels.onTimeRate, unit: '%', numeric: true },
      { key: 'inspectionPassRate', label: labels.inspectionPassRate, unit: '%', numeric: true },
      { key: 'completionRate', label: labels.completionRate, unit: '%', numeric: true },
    ],
    rows: answer.rows.flatMap((row) =>
      row.years.map((cell) => ({
        row: row.name,
        year: yearName(cell.year),
        status: labels.status[cell.status],
        expected: cell.expected,
        submitted: cell.submitted,
        onTime: cell.onTime,
        late: cell.late,
        missing: cell.missing,
        withErrors: cell.withErrors,
        onTimeRate: cell.onTimeRate,
        inspectionPassRate: cell.inspectionPassRate,
        completionRate: cell.completionRate,
      })),
    ),
  };
}
