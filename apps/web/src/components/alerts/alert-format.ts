import type { AlertItem, AlertRuleSettings } from '../../api/alerts';
import { formatWithUnit } from '../../charts/format';

/** `高于 10% 黄色 / 15% 红色` in the rule's unit. */
export function boundsText(
  rule: AlertRuleSettings & { unit: string },
  t: (key: string, values?: Record<string, unknown>) => string,
  locale: string,
): string {
  // Element Plus measures a table column with an empty row: nothing to say of it.
  if (!rule.direction) return '';
  const bounds = t('alerts.bounds', {
    direction: t(`alerts.direction.${rule.direction}`),
    yellow: formatWithUnit(rule.yellow, rule.unit, { locale }),
    red: formatWithUnit(rule.red, rule.unit, { locale }),
  });
  return rule.minSample > 0 ? `${bounds}，${t('alerts.minSample', { n: rule.minSample })}` : bounds;
}

/** The alerts at a level, red first (the API's order). */
export function firingAlerts(items: readonly AlertItem[]): AlertItem[] {
  return items.filter((item) => item.level !== null);
}
