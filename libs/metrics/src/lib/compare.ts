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
  return ((below + equal / 2) / values.length) * 100;
}
