import { performance } from 'node:perf_hooks';

/** Median of a list of durations. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Runs `work` `warmup` times unmeasured (JIT, lazily loaded modules), then `runs` times, and
 * returns each measured duration in milliseconds.
 */
export async function timeRuns(
  work: () => Promise<unknown> | unknown,
  runs: number,
  warmup = 3,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work();
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    durations.push(performance.now() - start);
  }
  return durations;
}

/**
 * Times several pieces of work against each other: each round runs every piece once, in turn, so
 * that all of them see the same machine (load, GC, CPU clock) rather than one block each. The
 * first `warmup` rounds are timed separately: they show how the code does while the JIT is still
 * compiling it; the rest show the steady state a long-running server sees.
 */
export async function timeInterleaved(
  works: ReadonlyArray<() => Promise<unknown> | unknown>,
  runs: number,
  warmup: number,
): Promise<{ warming: number[][]; steady: number[][] }> {
  const warming = works.map(() => [] as number[]);
  const steady = works.map(() => [] as number[]);
  for (let round = 0; round < warmup + runs; round++) {
    for (const [index, work] of works.entries()) {
      const start = performance.now();
      await work();
      (round < warmup ? warming : steady)[index]?.push(performance.now() - start);
    }
  }
  return { warming, steady };
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The nearest-rank percentile (p in 0–100) of a list of durations; 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}
