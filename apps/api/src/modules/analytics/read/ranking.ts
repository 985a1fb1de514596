import { percentileRanks } from '@atlas/metrics';
import type * as R from '../analytics.types';
import { change, round } from './answer-parts';
import type { CompareQuery as Params } from './query-params';

/* Rankings: the page of ranked units and the statistics of every ranked value. */

/** What a ranking ranks: the entries, and how many units were compared (with or without value). */
export interface CompareCandidates {
  entries: CompareEntry[];
  compared: number;
}

/** One page of a ranking, with the statistics of every ranked value. */
export interface Ranking {
  items: R.CompareItem[];
  /** Units compared, with or without a value. */
  compared: number;
  stats: R.CompareDto['stats'];
}

export interface RankedAgencyRow {
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  median: number | null;
  /** Null on the one row of an empty page. */
  agency_id: string | null;
  agency_code: string | null;
  agency_name: string | null;
  value: number | null;
  below: number | null;
  at_or_below: number | null;
  previous: number | null;
  second_value: number | null;
}

/** A ranking of a few hundred units at most (child regions), computed here. */
export function rankInMemory(candidates: CompareCandidates, query: Pick<Params, 'order' | 'limit' | 'offset'>): Ranking {
  const ranked = candidates.entries.filter((e) => e.value !== null) as (CompareEntry & {
    value: number;
  })[];
  const percentiles = percentileRanks(ranked.map((e) => e.value));
  const direction = query.order === 'asc' ? 1 : -1;
  const order = ranked
    .map((entry, i) => ({ entry, percentile: percentiles[i] }))
    .sort(
      (a, b) =>
        direction * (a.entry.value - b.entry.value) ||
        (a.entry.agency.code < b.entry.agency.code ? -1 : 1),
    );
  // Competition ranking: equal values share a rank.
  let rank = 0;
  const items = order.map(({ entry, percentile }, i) => {
    if (i === 0 || order[i - 1].entry.value !== entry.value) rank = i + 1;
    return {
      agency: entry.agency,
      value: round(entry.value),
      secondValue: round(entry.secondValue),
      rank,
      percentile: round(percentile, 2),
      previous: round(entry.previous),
      change: change(entry.value, entry.previous),
      reports: entry.reports,
    };
  });
  const values = ranked.map((e) => e.value).sort((a, b) => a - b);
  const mid = values.length / 2;
  return {
    items: items.slice(query.offset, query.offset + query.limit),
    compared: candidates.compared,
    stats: {
      count: values.length,
      min: round(values[0] ?? null),
      max: round(values[values.length - 1] ?? null),
      mean: round(values.length ? values.reduce((s, v) => s + v, 0) / values.length : null),
      median: round(
        values.length === 0
          ? null
          : values.length % 2
            ? values[Math.floor(mid)]
            : (values[mid - 1] + values[mid]) / 2,
      ),
    },
  };
}

export interface CompareEntry {
  agency: R.AgencyRef;
  value: number | null;
  secondValue: number | null;
  previous: number | null;
  reports: number;
}
