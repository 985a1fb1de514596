import {
  cellTotalsSource,
  evaluate,
  evaluateNarrativeTotals,
  evaluateQuality,
  isMetricKey,
  layoutIndexOf,
  metric,
  METRICS,
  type MetricKey,
} from '@atlas/metrics';
import type { MetricInfo } from '@atlas/api-contract';
import { FACT_METRIC_KEYS, narrativeTotalsFromVector, type RollupTotals } from '../projection/analytics-fact';
import type { CellSelection, CounterKey, TotalsRead } from './totals-rows';

export function metricInfo(key: MetricKey): MetricInfo {
  const m = metric(key);
  return {
    key: m.key,
    nameZh: m.nameZh,
    nameEn: m.nameEn,
    unit: m.unit,
    definition: m.definition,
    source: m.source,
    ratio: m.unit === '%',
  };
}

export const METRIC_INFOS: readonly MetricInfo[] = METRICS.map((m) => metricInfo(m.key));

export { isMetricKey };

/** The layout positions of every cell the metrics read ('all' is never needed for metrics). */
export function cellsFor(keys: readonly MetricKey[]): CellSelection {
  const indexes = new Set<number>();
  for (const key of keys) {
    const m = metric(key);
    if (m.source !== 'cells') continue;
    for (const address of m.cells) {
      const index = layoutIndexOf(address);
      if (index !== undefined) indexes.add(index);
    }
  }
  return [...indexes].sort((a, b) => a - b);
}

/**
 * A metric on totals of many (or one) reports. `expected` is the number of reports due, for
 * the submission metrics; null where it is unknown.
 */
export function metricValue(
  key: MetricKey,
  totals: RollupTotals,
  expected: number | null,
): number | null {
  const m = metric(key);
  switch (m.source) {
    case 'cells':
      return totals.reportCount === 0 ? null : evaluate(m, cellTotalsSource(totals.cells));
    case 'narrative':
      return evaluateNarrativeTotals(m.key, narrativeTotalsFromVector(totals.narrative));
    case 'quality': {
      // Reports with errors are counted report by report when facts are stored (errorCount > 0).
      if (m.input === 'reportFindings') return totals.errorReportCount;
      const submitted = totals.reportCount;
      return evaluateQuality(m.key as 'onTimeRate' | 'missingReports', {
        expected: expected ?? submitted,
        submitted,
        onTime: totals.onTimeCount,
      });
    }
  }
}

const FACT_METRIC_INDEX = new Map(FACT_METRIC_KEYS.map((key, index) => [key, index]));

/**
 * A metric from the values stored with a single roll-up row or fact when there are some (no
 * cells need to be read), otherwise computed from the totals.
 */
export function storedOrComputed(
  key: MetricKey,
  totals: RollupTotals,
  expected: number | null,
  stored: readonly (number | null)[] | null | undefined,
): number | null {
  const index = FACT_METRIC_INDEX.get(key);
  if (stored && index !== undefined) return stored[index] ?? null;
  return metricValue(key, totals, expected);
}

/** Whether every metric can be answered from stored values and counters alone. */
export function answeredWithoutCells(keys: readonly MetricKey[]): boolean {
  return keys.every((key) => metric(key).source === 'quality' || FACT_METRIC_KEYS.includes(key));
}

/**
 * What to read of roll-up rows or facts for the metrics: their stored values when every group
 * is one row (`stored`), otherwise the cells and narrative totals they are computed from.
 * Of the counters, only those metricValue reads for them.
 */
export function totalsReadFor(keys: readonly MetricKey[], stored: boolean): TotalsRead {
  if (stored)
    return {
      cells: [],
      counters: countersFor(keys),
      metrics: keys.map((key) => FACT_METRIC_KEYS.indexOf(key)).filter((index) => index >= 0),
    };
  return {
    cells: cellsFor(keys),
    counters: countersFor(keys),
    narrative: keys.some((key) => metric(key).source === 'narrative'),
  };
}

/** The counters metricValue reads for the metrics: reports always (no reports, no value). */
export function countersFor(keys: readonly MetricKey[]): CounterKey[] {
  const counters = new Set<CounterKey>(['reportCount']);
  for (const key of keys) {
    const m = metric(key);
    if (m.source !== 'quality') continue;
    counters.add(m.input === 'reportFindings' ? 'errorReportCount' : 'onTimeCount');
  }
  return [...counters];
}
