export interface YearOverYearChange {
  readonly absolute: number;
  /** Percent change; null when the previous value is 0 (no base to compare with). */
  readonly percent: number | null;
}

/** Change from last year; null when either year has no value. */
export function yearOverYearChange(
  current: number | null,
  previous: number | null,
): YearOverYearChange | null {
  if (current === null || previous === null) return null;
  const absolute = current - previous;
  return { absolute, percent: previous === 0 ? null : (absolute / Math.abs(previous)) * 100 };
}

/**
 * Where `value` stands among `values`, 0–100: the percent of values below it, with ties counted
 * half (mid-rank), so identical values all rank 50 rather than 0 or 100. Null for no values.
 */
export function percentileRank(values: readonly number[], value: number): number | null {
  if (values.length === 0) return null;
  const below = values.filter((v) => v < value).length;
  const equal = values.filter((v) => v === value).length;
  return midRankPercentile(below, equal, values.length);
}

/** The mid-rank percentile from counts: `below` values lower, `equal` equal, of `count`. */
export function midRankPercentile(below: number, equal: number, count: number): number {
  return ((below + equal / 2) / count) * 100;
}

/**
 * percentileRank of every value among all of them, in one sort (n log n instead of n²):
 * result[i] = percentileRank(values, values[i]).
 */
export function percentileRanks(values: readonly number[]): number[] {
  const n = values.length;
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(n);
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && order[end + 1].value === order[start].value) end++;
    const equal = end - start + 1;
    const rank = midRankPercentile(start, equal, n);
    for (let k = start; k <= end; k++) ranks[order[k].index] = rank;
    start = end + 1;
  }
  return ranks;
}
