import type { MetricInfo, YearOverYearChange } from '../../api/analytics';
import { formatNumber, formatPercent, formatWithUnit, isPresent, MISSING_VALUE } from '../format';
import { OKABE_ITO } from '../palette';

/** Helpers shared by the analytics option builders and cards. Pure. */

export type ChangeDirection = 'up' | 'down' | 'flat' | 'none';

export function changeDirection(change: YearOverYearChange | null | undefined): ChangeDirection {
  if (!change || !isPresent(change.absolute)) return 'none';
  if (change.absolute > 0) return 'up';
  if (change.absolute < 0) return 'down';
  return 'flat';
}

/**
 * Up and down as colour *and* arrow: vermillion ▲ and blue ▼ (Okabe–Ito) stay apart for
 * red–green colour blindness; neither says "good" or "bad", which depends on the metric.
 */
export const CHANGE_COLORS: Record<ChangeDirection, string> = {
  up: OKABE_ITO.vermillion,
  down: OKABE_ITO.blue,
  flat: '#6B7280',
  none: '#9CA3AF',
};

export const CHANGE_ARROWS: Record<ChangeDirection, string> = {
  up: '▲',
  down: '▼',
  flat: '＝',
  none: '',
};

/** `+12.3%`; `—` without a base to compare with. */
export function formatChangePercent(
  change: YearOverYearChange | null | undefined,
  locale = 'zh-CN',
): string {
  if (!change || !isPresent(change.percent)) return MISSING_VALUE;
  return formatPercent(change.percent, { signed: true, locale });
}

/**
 * The absolute change with the metric's unit: `+16件`; a change of a percentage is in
 * percentage points (`+3.2个百分点`, `+3.2 pp`), never `%`, which would read as relative.
 */
export function formatChangeAbsolute(
  change: YearOverYearChange | null | undefined,
  unit: string | undefined,
  locale = 'zh-CN',
): string {
  if (!change || !isPresent(change.absolute)) return MISSING_VALUE;
  if (unit === '%') {
    const points = formatNumber(change.absolute, {
      signed: true,
      maximumFractionDigits: 1,
      locale,
    });
    return locale === 'en' ? `${points} pp` : `${points}个百分点`;
  }
  return formatWithUnit(change.absolute, unit, { signed: true, locale });
}

/** The metric's name in the interface language. */
export function metricName(
  metric: Pick<MetricInfo, 'nameZh' | 'nameEn'>,
  locale = 'zh-CN',
): string {
  return locale === 'en' ? metric.nameEn : metric.nameZh;
}

/** The value axis label: `30%` for percentages, compact counts otherwise. */
export function isPercentUnit(unit: string | undefined): boolean {
  return unit === '%';
}
