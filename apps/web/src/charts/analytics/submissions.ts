import type { SubmissionProgress } from '../../api/analytics';
import type { ChartClickEvent, ChartOption } from '../echarts';
import { formatNumber, formatPercent } from '../format';
import { STATUS_COLORS } from '../palette';
import type { ChartTable } from '../table';
import { escapeHtml } from '../tooltip';

/**
 * Submission progress for one year as one stacked bar of the reports due: on time, late and
 * missing side by side, each with its count and share of the reports due.
 */

export interface SubmissionLabels {
  /** The bar's name, e.g. 应报单位. */
  expected: string;
  onTime: string;
  late: string;
  missing: string;
  /** Column headers of the data table. */
  status: string;
  count: string;
  share: string;
  /** Unit of the counts (份). */
  unit: string;
}

const PARTS = ['onTime', 'late', 'missing'] as const;
const COLORS = {
  onTime: STATUS_COLORS.good,
  late: STATUS_COLORS.warning,
  missing: STATUS_COLORS.bad,
} as const;
// Patterns besides colours, so the parts stay apart in greyscale and for colour-blind readers.
const DECALS = {
  onTime: { symbol: 'none' },
  late: {
    symbol: 'rect',
    dashArrayX: [1, 0],
    dashArrayY: [2, 5],
    rotation: Math.PI / 4,
    color: 'rgba(0,0,0,0.28)',
  },
  missing: {
    symbol: 'circle',
    symbolSize: 0.6,
    dashArrayX: [[4, 4]],
    dashArrayY: [4, 4],
    color: 'rgba(255,255,255,0.55)',
  },
} as const;

function shareOf(count: number, expected: number): number | null {
  return expected > 0 ? (count / expected) * 100 : null;
}

export function buildSubmissionOption(
  progress: SubmissionProgress,
  labels: SubmissionLabels,
  locale = 'zh-CN',
): ChartOption {
  const line = (part: (typeof PARTS)[number]) =>
    `${labels[part]} ${formatNumber(progress[part], { locale })}${labels.unit}（${formatPercent(shareOf(progress[part], progress.expected), { locale })}）`;
  return {
    aria: { enabled: true, decal: { show: true } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: {
      top: 0,
      left: 0,
      data: PARTS.map((part) => labels[part]),
      formatter: (name: string) => {
        const part = PARTS.find((p) => labels[p] === name);
        return part ? `${name} ${formatNumber(progress[part], { locale })}` : name;
      },
    },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const { seriesIndex } = params as { seriesIndex: number };
        const part = PARTS[seriesIndex] ?? 'onTime';
        return `<b>${escapeHtml(labels.expected)} ${formatNumber(progress.expected, { locale })}${escapeHtml(labels.unit)}</b><br/>${escapeHtml(line(part))}`;
      },
    },
    xAxis: {
      type: 'value',
      max: Math.max(progress.expected, progress.onTime + progress.late + progress.missing, 1),
      show: false,
    },
    yAxis: {
      type: 'category',
      data: [`${labels.expected} ${formatNumber(progress.expected, { locale })}`],
      axisTick: { show: false },
      axisLine: { show: false },
    },
    series: PARTS.map((part) => ({
      type: 'bar' as const,
      name: labels[part],
      stack: 'submissions',
      barWidth: 36,
      data: [progress[part]],
      itemStyle: { color: COLORS[part], decal: DECALS[part] },
      label: {
        show: progress[part] > 0,
        position: 'inside' as const,
        color: part === 'late' ? '#1F2937' : '#FFFFFF',
        fontWeight: 600,
        formatter: () => formatNumber(progress[part], { locale }),
      },
    })),
  } as ChartOption;
}

export function submissionTable(
  progress: SubmissionProgress,
  labels: SubmissionLabels,
): ChartTable {
  return {
    columns: [
      { key: 'status', label: labels.status },
      { key: 'count', label: labels.count, unit: labels.unit, numeric: true },
      { key: 'share', label: labels.share, unit: '%', numeric: true },
    ],
    rows: [
      {
        status: labels.expected,
        count: progress.expected,
        share: progress.expected > 0 ? 100 : null,
      },
      ...PARTS.map((part) => ({
        status: labels[part],
        count: progress[part],
        share: shareOf(progress[part], progress.expected),
      })),
    ],
  };
}

/** The part of the bar (on time, late, missing) a click landed on. */
export function submissionPartOfClick(event: ChartClickEvent): (typeof PARTS)[number] | null {
  if (event.componentType !== 'series' || typeof event.seriesIndex !== 'number') return null;
  return PARTS[event.seriesIndex] ?? null;
}
