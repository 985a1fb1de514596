import type { CellSource } from './cell-source';
import { metric, type MetricKey } from './catalogue';

/*
 * Threshold alerts (预警): a rule on one catalogue metric with a yellow and a red bound, a
 * direction and the smallest sample it judges. Pure, so the API, the web app and the tests
 * decide a level the same way.
 */

/** 'above': higher is worse (复议纠错率); 'below': lower is worse (公开率). */
export type AlertDirection = 'above' | 'below';

export type AlertLevel = 'red' | 'yellow';

export interface AlertThresholds {
  readonly direction: AlertDirection;
  readonly yellow: number;
  readonly red: number;
  /** The least sample (a ratio's denominator, e.g. decided reviews) the rule judges; 0: any. */
  readonly minSample: number;
}

/** A metric's value on a region or an agency, with the sample it rests on (null: not a ratio). */
export interface MetricObservation {
  readonly value: number | null;
  readonly sample: number | null;
}

/**
 * What a rule says of an observation: red or yellow; 'normal' within bounds; 'insufficient'
 * when the sample is below the rule's minimum; 'none' when there is no value.
 */
export type AlertOutcome = AlertLevel | 'normal' | 'insufficient' | 'none';

const beyond = (direction: AlertDirection, value: number, bound: number): boolean =>
  direction === 'above' ? value > bound : value < bound;

export function alertOutcome(rule: AlertThresholds, observation: MetricObservation): AlertOutcome {
  if (observation.value === null) return 'none';
  if (rule.minSample > 0 && observation.sample !== null && observation.sample < rule.minSample)
    return 'insufficient';
  if (beyond(rule.direction, observation.value, rule.red)) return 'red';
  if (beyond(rule.direction, observation.value, rule.yellow)) return 'yellow';
  return 'normal';
}

export function isAlertLevel(outcome: AlertOutcome): outcome is AlertLevel {
  return outcome === 'red' || outcome === 'yellow';
}

/** Red before yellow; within a level the worse value first. */
export function compareAlerts(
  direction: AlertDirection,
  a: { level: AlertLevel; value: number },
  b: { level: AlertLevel; value: number },
): number {
  if (a.level !== b.level) return a.level === 'red' ? -1 : 1;
  return direction === 'above' ? b.value - a.value : a.value - b.value;
}

/**
 * Why the bounds cannot work, in Chinese, or null: the red bound must be at least as far on the
 * bad side as the yellow one, and a rate lies between 0 and 100.
 */
export function alertThresholdProblem(key: MetricKey, rule: AlertThresholds): string | null {
  const m = metric(key);
  for (const [name, bound] of [
    ['黄色阈值', rule.yellow],
    ['红色阈值', rule.red],
  ] as const) {
    if (!Number.isFinite(bound)) return `${name}必须是数字`;
    if (m.unit === '%' && (bound < 0 || bound > 100))
      return `${m.nameZh}是百分比，${name}应在 0 到 100 之间（现为 ${bound}）`;
  }
  if (!Number.isInteger(rule.minSample) || rule.minSample < 0)
    return `最小样本量应为不小于 0 的整数（现为 ${rule.minSample}）`;
  if (rule.direction === 'above' && rule.red < rule.yellow)
    return `“高于”预警的红色阈值（${rule.red}）不能低于黄色阈值（${rule.yellow}）`;
  if (rule.direction === 'below' && rule.red > rule.yellow)
    return `“低于”预警的红色阈值（${rule.red}）不能高于黄色阈值（${rule.yellow}）`;
  return null;
}

/**
 * The sample a table metric rests on: a ratio's denominator (null when the source has none of
 * its cells); null for counts, which need no sample.
 */
export function cellMetricSample(key: MetricKey, source: CellSource): number | null {
  const m = metric(key);
  if (m.source !== 'cells' || m.kind !== 'ratio') return null;
  if (!m.cells.some((address) => source.has(address))) return null;
  return m.denominator.compute(source);
}
