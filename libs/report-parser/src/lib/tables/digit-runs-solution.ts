import type { CellAddress } from '@atlas/report-model';
import type { DigitRunOptions } from './digit-runs-split';

export interface DigitRunSolveOptions extends DigitRunOptions {
  /** At most this many readings are kept as candidates of an ambiguity (default 100). */
  readonly maxReadings?: number;
}

export const DEFAULT_MAX_READINGS = 100;

/**
 * Cells a digit run does not determine, in the shape of an F.AMBIGUOUS finding: `cells` are
 * the cells that differ between the readings, `candidates` the readings, each with one value
 * per entry of `cells`. The first candidate is the reading the solver chose.
 */
export interface DigitRunAmbiguity {
  readonly cells: CellAddress[];
  readonly candidates: number[][];
  /** False when the search stopped at its limit: there may be more candidates. */
  readonly complete: boolean;
}

/** What every table solver reports besides the values. */
export interface DigitRunVerdict {
  /** Empty when the values were read unambiguously. */
  readonly ambiguities: readonly DigitRunAmbiguity[];
  /** How many readings tied for best (0 when the search gave up before finding one). */
  readonly readings: number;
  /**
   * Rule instances (T3.ROWSUM per row, T3.OUTCOMES and T3.BALANCE per column, T4.TOTAL per
   * group) the chosen reading breaks. 0 unless the document's own numbers are inconsistent.
   */
  readonly brokenRules: number;
  /** False when the search hit its step limit: readings and candidates may be incomplete. */
  readonly complete: boolean;
}

/**
 * The order in which readings are preferred when several fit equally well: the smallest sum
 * first (a general prior, not evidence: most counts in these tables are small, and reading two
 * cells as one number, 2,7 as 27, only makes them bigger), then the smallest values in document
 * order. It makes the choice deterministic; an ambiguity is reported all the same.
 */
export function compareReadings(a: readonly number[], b: readonly number[]): number {
  const bySum = sumOf(a) - sumOf(b);
  if (bySum !== 0) return bySum;
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** Sorts readings by compareReadings, each sum computed once. */
export function sortReadings(readings: number[][]): number[][] {
  return readings
    .map((reading) => ({ reading, sum: sumOf(reading) }))
    .sort((a, b) => a.sum - b.sum || compareReadings(a.reading, b.reading))
    .map(({ reading }) => reading);
}

export function sumOf(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/**
 * The ambiguity among readings of the same cells (each reading: one value per cell, readings
 * distinct, the chosen one first): only the cells that differ are kept. Null if they all agree.
 */
export function ambiguityAmong(
  cells: readonly CellAddress[],
  readings: readonly (readonly number[])[],
  complete: boolean,
): DigitRunAmbiguity | null {
  const first = readings[0];
  if (first === undefined || readings.length < 2) return null;
  const differing = cells
    .map((_, index) => index)
    .filter((index) => readings.some((reading) => reading[index] !== first[index]));
  if (differing.length === 0) return null;
  const seen = new Set<string>();
  const candidates: number[][] = [];
  for (const reading of readings) {
    const candidate = differing.map((index) => reading[index] ?? 0);
    const key = candidate.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push(candidate);
  }
  return {
    cells: differing.map((index) => cells[index]).filter((cell) => cell !== undefined),
    candidates,
    complete,
  };
}

/**
 * Collects the readings a search finds: how many, the best in the order of compareReadings,
 * and the first `maxReadings` (as candidates of an ambiguity). `payload` is what the solver
 * needs to rebuild a reading (e.g. which candidate each row took).
 */
export class ReadingCollector<T> {
  private bestEntry: { reading: number[]; payload: T } | null = null;
  private readonly entries: { reading: number[]; payload: T }[] = [];
  private found = 0;

  constructor(private readonly maxReadings: number) {}

  add(reading: number[], payload: T): void {
    this.found += 1;
    const entry = { reading, payload };
    if (this.bestEntry === null || compareReadings(reading, this.bestEntry.reading) < 0) {
      this.bestEntry = entry;
    }
    if (this.entries.length < this.maxReadings) this.entries.push(entry);
  }

  get count(): number {
    return this.found;
  }

  get best(): { readonly reading: number[]; readonly payload: T } | null {
    return this.bestEntry;
  }

  /** Whether every reading found was kept. */
  get keptAll(): boolean {
    return this.found <= this.entries.length;
  }

  /** The payloads of the kept readings, in the order found. */
  keptPayloads(): T[] {
    return this.entries.map((entry) => entry.payload);
  }

  /** The kept readings, best first (even if it was found after the limit), then in order. */
  ordered(): number[][] {
    const best = this.bestEntry;
    if (best === null) return [];
    const others = this.entries
      .filter((entry) => entry !== best)
      .map((entry) => entry.reading)
      .sort(compareReadings);
    return [best.reading, ...others];
  }
}
