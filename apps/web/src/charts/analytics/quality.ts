import type { QualityDto } from '../../api/analytics';
import type { ChartClickEvent, ChartOption } from '../echarts';
import { formatNumber } from '../format';
import { OKABE_ITO } from '../palette';
import type { ChartTable } from '../table';
import { escapeHtml } from '../tooltip';

/** Reports per failed check rule (GET /api/analytics/quality `rules`), most frequent first. */

export interface RuleLabels {
  rule: string;
  reports: string;
  /** Unit of report counts (份). */
  unit: string;
  /** What a rule key means, e.g. T3.BALANCE → 表三收支平衡; unknown rules show their key. */
  describe?: (rule: string) => string | undefined;
}

// Rule keys are ASCII (T3.BALANCE): compared by code unit, since a first localeCompare sets up
// an ICU collator, which cost the 合规 page about 12 ms of a menu click.
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortedRules(answer: Pick<QualityDto, 'rules'>) {
  return [...answer.rules].sort((a, b) => b.reports - a.reports || byKey(a.rule, b.rule));
}

export function buildRuleOption(
  answer: Pick<QualityDto, 'rules'>,
  labels: RuleLabels,
  locale = 'zh-CN',
): ChartOption {
  const rules = sortedRules(answer);
  return {
    aria: { enabled: true },
    grid: { left: 8, right: 48, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, data: [labels.reports] },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const { name, value } = params as { name: string; value: number };
        const description = labels.describe?.(name);
        return `<b>${escapeHtml(name)}</b>${description ? `<br/>${escapeHtml(description)}` : ''}<br/>${escapeHtml(labels.reports)}：${escapeHtml(formatNumber(value, { locale }))}${escapeHtml(labels.unit)}`;
      },
    },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rules.map((r) => r.rule),
      axisTick: { show: false },
      triggerEvent: true,
    },
    series: [
      {
        type: 'bar',
        name: labels.reports,
        barMaxWidth: 18,
        cursor: 'pointer',
        itemStyle: { color: OKABE_ITO.vermillion },
        label: { show: true, position: 'right' },
        data: rules.map((r) => r.reports),
      },
    ],
  } as ChartOption;
}

export function ruleTable(answer: Pick<QualityDto, 'rules'>, labels: RuleLabels): ChartTable {
  return {
    columns: [
      { key: 'rule', label: labels.rule },
      { key: 'description', label: '' },
      { key: 'reports', label: labels.reports, unit: labels.unit, numeric: true },
    ].filter((column) => column.key !== 'description' || labels.describe),
    rows: sortedRules(answer).map((r) => ({
      rule: r.rule,
      ...(labels.describe ? { description: labels.describe(r.rule) ?? '' } : {}),
      reports: r.reports,
    })),
  };
}

export function ruleHeight(answer: Pick<QualityDto, 'rules'> | null): string {
  return `${Math.max(200, (answer?.rules.length ?? 0) * 28 + 60)}px`;
}

/** The rule a click on its bar or on its name on the axis stands for. */
export function ruleOfClick(
  answer: Pick<QualityDto, 'rules'>,
  event: ChartClickEvent,
): string | null {
  const name =
    event.componentType === 'yAxis'
      ? event.value
      : event.componentType === 'series'
        ? event.name
        : null;
  return typeof name === 'string' && answer.rules.some((r) => r.rule === name) ? name : null;
}
