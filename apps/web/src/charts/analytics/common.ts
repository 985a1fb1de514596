import type { MetricInfo, YearOverYearChange } from '../../api/analytics';
import { formatNumber, formatPercent, formatWithUnit, isPresent, MISSING_VALUE } from '../format';
import { OKABE_ITO } from '../palette';

/** Helpers shared by the analytics option builders and cards. Pure. */

export type ChangeDirection = 'up' | 'down' | 'flat' | 'none';

/**
 * Up, down or flat. With the metric's unit, a rate's change is judged as shown (to 0.1 point),
 * so a change of 0.02 points is not an arrow down beside 「0个百分点」.
 */
export function changeDirection(
  change: YearOverYearChange | null | undefined,
  unit?: string,
): ChangeDirection {
  if (!change || !isPresent(change.absolute)) return 'none';
  const absolute = isPercentUnit(unit) ? Math.round(change.absolute * 10) / 10 : change.absolute;
  if (absolute > 0) return 'up';
  if (absolute < 0) return 'down';
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

/** The unit of a change of a rate: percentage points. */
export function percentagePointUnit(locale = 'zh-CN'): string {
  return locale === 'en' ? 'pp' : '个百分点';
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
  if (isPercentUnit(unit)) {
    const points = formatNumber(change.absolute, {
      signed: true,
      maximumFractionDigits: 1,
      locale,
    });
    return locale === 'en'
      ? `${points} ${percentagePointUnit(locale)}`
      : `${points}${percentagePointUnit(locale)}`;
  }
  return formatWithUnit(change.absolute, unit, { signed: true, locale });
}

/**
 * The change on last year as it should be read: a rate's in percentage points (6.7% → 11.8%
 * is `+5.1个百分点`; `+76.1%` would read as the rate itself having risen by 76%), a count's in
 * percent, or absolute when there is no base to divide by (last year 0).
 */
export function formatChange(
  change: YearOverYearChange | null | undefined,
  unit: string | undefined,
  locale = 'zh-CN',
): string {
  if (isPercentUnit(unit) || (change && !isPresent(change.percent)))
    return formatChangeAbsolute(change, unit, locale);
  return formatChangePercent(change, locale);
}

/** The metric's name in the interface language. */
export function metricName(
  metric: Pick<MetricInfo, 'nameZh' | 'nameEn'>,
  locale = 'zh-CN',
): string {
  return locale === 'en' ? metric.nameEn : metric.nameZh;
}

/** Whether a metric is a rate or share (its unit is `%`), whose changes are in points. */
export function isPercentUnit(unit: string | undefined): boolean {
  return unit === '%';
}
