import type { CellSource } from './cell-source';
import {
  METRICS,
  metric,
  type CellMetric,
  type CellMetricKey,
  type Metric,
  type NarrativeMetricKey,
  type QualityInputs,
  type QualityMetricKey,
} from './catalogue';
import { narrativeTotals, type NarrativeInput, type NarrativeTotals } from './narrative';

/** Keys of the metrics computed from table cells, in catalogue order. */
export const CELL_METRIC_KEYS: readonly CellMetricKey[] = METRICS.filter(
  (m): m is Extract<Metric, { source: 'cells' }> => m.source === 'cells',
).map((m) => m.key);

/**
 * The value of a table metric on a source (one report, or cells summed over many).
 * Null when the source has none of the metric's cells (e.g. 规章 columns on a 2019 report) or,
 * for a ratio, when the denominator is 0. Ratios are percent.
 */
export function evaluate(
  metricOrKey: CellMetricKey | CellMetric,
  source: CellSource,
): number | null {
  const definition: CellMetric =
    typeof metricOrKey === 'string' ? metric(metricOrKey) : metricOrKey;
  if (!definition.cells.some((address) => source.has(address))) return null;
  if (definition.kind === 'count') return definition.formula.compute(source);
  const denominator = definition.denominator.compute(source);
  if (denominator === 0) return null;
  return (definition.numerator.compute(source) / denominator) * 100;
}

/** Every table metric on one source, by key (e.g. for a report page). */
export function evaluateAll(source: CellSource): Record<CellMetricKey, number | null> {
  const values: Partial<Record<CellMetricKey, number | null>> = {};
  for (const key of CELL_METRIC_KEYS) values[key] = evaluate(key, source);
  return values as Record<CellMetricKey, number | null>;
}

/** A narrative metric over the `narrative.metrics` of one or more reports. */
export function evaluateNarrative(
  key: NarrativeMetricKey,
  inputs: readonly NarrativeInput[],
): number | null {
  return metric(key).fromTotals(narrativeTotals(inputs));
}

/** A narrative metric over totals kept for many reports (a region's year). */
export function evaluateNarrativeTotals(
  key: NarrativeMetricKey,
  totals: NarrativeTotals,
): number | null {
  return metric(key).fromTotals(totals);
}

type QualityInputOf<K extends QualityMetricKey> = QualityInputs[Extract<
  Metric,
  { key: K }
>['input']];

/** A data-quality metric from the input its catalogue entry names. */
export function evaluateQuality<K extends QualityMetricKey>(
  key: K,
  input: QualityInputOf<K>,
): number | null {
  // The entry's `input` tag and QualityInputOf<K> name the same type; TS cannot correlate them.
  const entry: Extract<Metric, { source: 'quality' }> = metric<QualityMetricKey>(key);
  const compute = entry.compute as (value: QualityInputOf<K>) => number | null;
  return compute(input);
}
