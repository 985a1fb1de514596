/*
 * Cutting a run of digits back into cell values. Text copied from web pages often loses the
 * separators between the cells of a table row (`801000081` = 80,1,0,0,0,0,81); this module lists
 * the ways such a run can be cut. Two rules hold for every cut:
 * - a multi-digit value never starts with 0 (nobody prints a count as `05`), so a 0 followed by
 *   more digits is always a value of its own;
 * - whitespace inside a run is a cell boundary that survived the copy: a cut must fall there.
 */

/** A digit run ready to be cut: ASCII digits, and for each digit where its segment ends. */
export interface DigitRun {
  /** The digits without whitespace; full-width digits are already ASCII. */
  readonly digits: string;
  /** For digit i: the index just after the last digit of its whitespace-delimited segment. */
  readonly segmentEnd: readonly number[];
}

export interface DigitRunOptions {
  /**
   * Longest value, in digits. Default 12: no count in these tables comes close, sums of such
   * values stay exact in a JS number, and a tighter bound prunes long runs early.
   */
  readonly maxDigits?: number;
  /**
   * Work limit, in search steps, for one call. When it is reached the answer is partial and says
   * so (`complete: false`) instead of running on; real tables need a few hundred steps.
   */
  readonly maxSteps?: number;
  /** At most this many splits are listed (default 1 000). */
  readonly maxSplits?: number;
}

export const DEFAULT_MAX_DIGITS = 12;
export const DEFAULT_MAX_STEPS = 100_000;
export const DEFAULT_MAX_SPLITS = 1_000;

/** Largest value length that keeps a JS number exact (and sums of a table exact too). */
const MAX_EXACT_DIGITS = 15;

const FULL_WIDTH_ZERO = 0xff10;

function isAsciiDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

/** Full-width digits (０-９) become ASCII; anything else is returned unchanged. */
function asciiDigit(char: string): string {
  const offset = char.charCodeAt(0) - FULL_WIDTH_ZERO;
  return char.length === 1 && offset >= 0 && offset <= 9 ? String(offset) : char;
}

/** True if the text is digits (ASCII or full-width) and whitespace, with at least one digit. */
export function isDigitRun(text: string): boolean {
  let digits = 0;
  for (const raw of text) {
    const char = asciiDigit(raw);
    if (isAsciiDigit(char)) digits += 1;
    else if (!/\s/u.test(char)) return false;
  }
  return digits > 0;
}

/** Parses a run; throws a RangeError on anything but digits and whitespace. */
export function parseDigitRun(text: string): DigitRun {
  let digits = '';
  const segmentStarts: number[] = [];
  let inSegment = false;
  for (const raw of text) {
    const char = asciiDigit(raw);
    if (isAsciiDigit(char)) {
      if (!inSegment) segmentStarts.push(digits.length);
      inSegment = true;
      digits += char;
    } else if (/\s/u.test(char)) {
      inSegment = false;
    } else {
      throw new RangeError(`Not a digit run: ${JSON.stringify(text)}`);
    }
  }
  const segmentEnd: number[] = [];
  segmentStarts.forEach((start, index) => {
    const end = segmentStarts[index + 1] ?? digits.length;
    for (let i = start; i < end; i += 1) segmentEnd.push(end);
  });
  return { digits, segmentEnd };
}

/** Shared step counter: every search node costs one step, whoever runs it. */
export class SearchBudget {
  private steps = 0;
  private stopped = false;

  constructor(private readonly maxSteps: number) {}

  /** Takes one step; false once the limit is reached (and from then on). */
  take(): boolean {
    if (this.steps >= this.maxSteps) this.stopped = true;
    else this.steps += 1;
    return !this.stopped;
  }

  get exhausted(): boolean {
    return this.stopped;
  }

  get used(): number {
    return this.steps;
  }
}

/** Below this many possible cuts a plain search is cheaper than computing sum bounds. */
const FEW_CUTS = 256;

/** Whether `digits` digits have more than `limit` cuts into `count` values: C(digits−1, count−1). */
function cutsExceed(digits: number, count: number, limit: number): boolean {
  const n = digits - 1;
  const k = Math.min(count - 1, n - (count - 1));
  let cuts = 1;
  for (let i = 1; i <= k; i += 1) {
    cuts = (cuts * (n - k + i)) / i;
    if (cuts > limit) return true;
  }
  return false;
}

export function digitCount(value: number): number {
  return value < 10 ? 1 : String(value).length;
}

/** Returns false to stop the enumeration. */
type Emit = (values: number[]) => boolean;

/** low[k][at] / high[k][at]: least / greatest sum of a cut of [at, end) into k values. */
interface SumTables {
  readonly low: number[][];
  readonly high: number[][];
}

/**
 * Enumerates cuts of a run (or of a slice [from, to) of it). Methods return false when the
 * enumeration stopped early: the budget ran out or the consumer asked to stop.
 */
export class RunSplitter {
  readonly length: number;
  private readonly maxDigits: number;
  private readonly minPartsCache = new Map<number, number[]>();
  /** Sum bounds per end of the slice, grown to larger counts on demand. */
  private readonly sumRangeCache = new Map<number, SumTables>();

  constructor(
    readonly run: DigitRun,
    readonly budget: SearchBudget,
    maxDigits: number = DEFAULT_MAX_DIGITS,
  ) {
    this.length = run.digits.length;
    this.maxDigits = Math.max(1, Math.min(maxDigits, MAX_EXACT_DIGITS));
  }

  /** Longest value that may start at `at` and end by `to` (0 if none can). */
  maxLength(at: number, to: number): number {
    if (at >= to) return 0;
    if (this.run.digits[at] === '0') return 1;
    return Math.min(this.maxDigits, to - at, (this.run.segmentEnd[at] ?? to) - at);
  }

  /** The value of `length` digits from `at` (length at most maxDigits, so it is exact). */
  value(at: number, length: number): number {
    let value = 0;
    for (let i = at; i < at + length; i += 1) {
      value = value * 10 + this.run.digits.charCodeAt(i) - 48;
    }
    return value;
  }

  /** Whether [at, to) is exactly one valid value. */
  isValue(at: number, to: number): boolean {
    return to > at && to - at <= this.maxLength(at, to);
  }

  /** Whether `values`, printed one after the other, are a cut of the whole run. */
  isCut(values: readonly number[]): boolean {
    let at = 0;
    for (const value of values) {
      if (!Number.isSafeInteger(value) || value < 0) return false;
      const printed = String(value);
      const to = at + printed.length;
      if (this.run.digits.slice(at, to) !== printed || !this.isValue(at, to)) return false;
      at = to;
    }
    return at === this.length;
  }

  /** Fewest values [at, to) can be cut into (Infinity if none). Cached per `to`. */
  minParts(at: number, to: number): number {
    let table = this.minPartsCache.get(to);
    if (table === undefined) {
      table = new Array<number>(to + 1).fill(-1);
      table[to] = 0;
      for (let i = to - 1; i >= 0; i -= 1) {
        let best = -1;
        const longest = this.maxLength(i, to);
        for (let length = 1; length <= longest; length += 1) {
          const rest = table[i + length] ?? -1;
          if (rest >= 0 && (best < 0 || rest + 1 < best)) best = rest + 1;
        }
        table[i] = best;
      }
      this.minPartsCache.set(to, table);
    }
    const parts = table[at] ?? -1;
    return parts < 0 ? Infinity : parts;
  }

  /**
   * The least and greatest sum of the cuts of [at, to) into `count` values (low > high if there
   * is no such cut). Dynamic programming per `to`, extended to larger counts on demand.
   */
  sumRange(at: number, to: number, count: number): { low: number; high: number } {
    const tables = this.sumTables(to, count);
    return {
      low: tables.low[count]?.[at] ?? Infinity,
      high: tables.high[count]?.[at] ?? -Infinity,
    };
  }

  /** The tables behind sumRange for one `to`, covering counts up to `count`. */
  private sumTables(to: number, count: number): SumTables {
    let tables = this.sumRangeCache.get(to);
    if (tables === undefined) {
      const low = new Array<number>(to + 1).fill(Infinity);
      const high = new Array<number>(to + 1).fill(-Infinity);
      low[to] = 0;
      high[to] = 0;
      tables = { low: [low], high: [high] };
      this.sumRangeCache.set(to, tables);
    }
    for (let k = tables.low.length; k <= count; k += 1) {
      const previousLow = tables.low[k - 1] ?? [];
      const previousHigh = tables.high[k - 1] ?? [];
      const low = new Array<number>(to + 1).fill(Infinity);
      const high = new Array<number>(to + 1).fill(-Infinity);
      const digits = this.run.digits;
      for (let i = to - 1; i >= 0; i -= 1) {
        const longest = this.maxLength(i, to);
        let least = Infinity;
        let greatest = -Infinity;
        let value = 0;
        for (let length = 1; length <= longest; length += 1) {
          value = value * 10 + digits.charCodeAt(i + length - 1) - 48;
          least = Math.min(least, value + (previousLow[i + length] ?? Infinity));
          greatest = Math.max(greatest, value + (previousHigh[i + length] ?? -Infinity));
        }
        low[i] = least;
        high[i] = greatest;
      }
      tables.low.push(low);
      tables.high.push(high);
    }
    return tables;
  }

  /**
   * Whether [at, to) can be cut into exactly `count` values. Every count between the fewest and
   * one value per digit works: cutting the last digit off a multi-digit value adds one value and
   * never creates a leading zero.
   */
  canSplit(at: number, to: number, count: number): boolean {
    if (count === 0) return at === to;
    return count <= to - at && this.minParts(at, to) <= count;
  }

  /**
   * Every cut of [from, to) into `count` values, shortest first value first (then second, …);
   * with `sum` set, only cuts whose values add up to it.
   */
  each(from: number, to: number, count: number, sum: number | null, emit: Emit): boolean {
    if (!this.canSplit(from, to, count)) return true;
    // The sum bounds cost a small table per `to`; worth it only where cuts are many.
    const bounds =
      sum !== null && count > 0 && cutsExceed(to - from, count, FEW_CUTS)
        ? this.sumTables(to, count)
        : null;
    // Whether some cut of [at, to) into k values might add up to `target` (bounds only).
    const reachable = (tables: SumTables, at: number, k: number, target: number): boolean =>
      (tables.low[k]?.[at] ?? Infinity) <= target && target <= (tables.high[k]?.[at] ?? -Infinity);
    if (bounds !== null && sum !== null && !reachable(bounds, from, count, sum)) return true;
    const values: number[] = [];
    const visit = (at: number, left: number, remaining: number): boolean => {
      if (!this.budget.take()) return false;
      if (left === 1) {
        if (!this.isValue(at, to)) return true;
        const last = this.value(at, to - at);
        if (sum !== null && last !== remaining) return true;
        values.push(last);
        const more = emit([...values]);
        values.pop();
        return more;
      }
      const longest = Math.min(this.maxLength(at, to), to - at - (left - 1));
      for (let length = 1; length <= longest; length += 1) {
        const value = this.value(at, length);
        const next = at + length;
        if (sum !== null) {
          // Values grow with their length (no leading zeros), so nothing longer fits either.
          if (value > remaining) break;
          const rest = remaining - value;
          if (bounds !== null) {
            // The rest must be able to add up to what remains: its least and greatest sums.
            if (!reachable(bounds, next, left - 1, rest)) continue;
          } else {
            // Each value still to come is at most what remains, so has at most that many digits.
            if (to - next > (left - 1) * digitCount(rest)) continue;
            if (!this.canSplit(next, to, left - 1)) continue;
          }
        } else if (!this.canSplit(next, to, left - 1)) continue;
        values.push(value);
        const more = visit(next, left - 1, sum === null ? 0 : remaining - value);
        values.pop();
        if (!more) return false;
      }
      return true;
    };
    return count === 0
      ? sum === null || sum === 0
        ? emit([])
        : true
      : visit(from, count, sum ?? 0);
  }

  /**
   * Cuts of [from, to) into `parts` values where the last is a row total: `offset` (cells of the
   * row known from elsewhere) plus the other values add up to it. The total is tried first, so
   * the sum prunes the rest; the result is sorted like `each` lists (shortest values first).
   */
  eachWithTotal(from: number, to: number, parts: number, offset: number, emit: Emit): boolean {
    const found: number[][] = [];
    let complete = true;
    for (let start = to - 1; start >= from + parts - 1; start -= 1) {
      if (to - start > this.maxDigits || (this.run.segmentEnd[start] ?? to) < to) break;
      if (!this.isValue(start, to)) continue;
      const total = this.value(start, to - start);
      if (total < offset) continue;
      complete = this.each(from, start, parts - 1, total - offset, (values) => {
        found.push([...values, total]);
        return true;
      });
      if (!complete) break;
    }
    found.sort(compareByLengths);
    for (const values of found) if (!emit(values)) return false;
    return complete;
  }
}

/** Orders splits of one run the way `each` lists them: by the length of each value in turn. */
export function compareByLengths(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const difference = digitCount(a[i] ?? 0) - digitCount(b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

export interface SplitList {
  readonly splits: number[][];
  /** False when `maxSplits` or `maxSteps` cut the list short. */
  readonly complete: boolean;
}

/** Collects splits up to a count; `complete` tells whether that was all of them. */
export function collectSplits(maxSplits: number, enumerate: (emit: Emit) => boolean): SplitList {
  const splits: number[][] = [];
  let overflow = false;
  const finished = enumerate((values) => {
    if (splits.length >= maxSplits) {
      overflow = true;
      return false;
    }
    splits.push(values);
    return true;
  });
  return { splits, complete: finished && !overflow };
}

function splitterFor(run: string, options: DigitRunOptions): RunSplitter {
  return new RunSplitter(
    parseDigitRun(run),
    new SearchBudget(options.maxSteps ?? DEFAULT_MAX_STEPS),
    options.maxDigits,
  );
}

/**
 * All ways to cut `run` into `count` non-negative integers, shortest first value first (then
 * second, …): `splitDigitRun('693665', 3)` starts [6,9,3665], [6,93,665], [6,936,65], ….
 * Whitespace in the run is a cut that must be kept: `'500000 5'` ends with the value 5.
 * Throws a RangeError if the run holds anything but digits and whitespace. At most `maxSplits`
 * are returned; `listDigitRunSplits` says whether the list is complete.
 */
export function splitDigitRun(
  run: string,
  count: number,
  options: DigitRunOptions = {},
): number[][] {
  return listDigitRunSplits(run, count, options).splits;
}

/** splitDigitRun, saying whether the list is complete. */
export function listDigitRunSplits(
  run: string,
  count: number,
  options: DigitRunOptions = {},
): SplitList {
  const splitter = splitterFor(run, options);
  return collectSplits(options.maxSplits ?? DEFAULT_MAX_SPLITS, (emit) =>
    splitter.each(0, splitter.length, count, null, emit),
  );
}

/**
 * The splits of a row whose last cell is its total: the first `parts − 1` values add up to the
 * last (rule T3.ROWSUM, T4.TOTAL). Same order as splitDigitRun.
 */
export function splitRowWithTotal(
  run: string,
  parts: number,
  options: DigitRunOptions = {},
): number[][] {
  return listRowSplitsWithTotal(run, parts, options).splits;
}

/** splitRowWithTotal, saying whether the list is complete. */
export function listRowSplitsWithTotal(
  run: string,
  parts: number,
  options: DigitRunOptions = {},
): SplitList {
  const splitter = splitterFor(run, options);
  return collectSplits(options.maxSplits ?? DEFAULT_MAX_SPLITS, (emit) =>
    splitter.eachWithTotal(0, splitter.length, parts, 0, emit),
  );
}

/**
 * How many ways splitDigitRun has, without listing them (dynamic programming, no limit; beyond
 * 2^53 the count is approximate).
 */
export function countDigitRunSplits(
  run: string,
  count: number,
  options: Pick<DigitRunOptions, 'maxDigits'> = {},
): number {
  const splitter = new RunSplitter(parseDigitRun(run), new SearchBudget(0), options.maxDigits);
  const length = splitter.length;
  // ways[i][k]: cuts of digits i… into k values.
  let ways: number[] = new Array<number>(length + 1).fill(0);
  ways[length] = 1;
  for (let k = 1; k <= count; k += 1) {
    const next = new Array<number>(length + 1).fill(0);
    for (let at = length - 1; at >= 0; at -= 1) {
      const longest = splitter.maxLength(at, length);
      let total = 0;
      for (let size = 1; size <= longest; size += 1) total += ways[at + size] ?? 0;
      next[at] = total;
    }
    ways = next;
  }
  return count === 0 ? (length === 0 ? 1 : 0) : (ways[0] ?? 0);
}

/** One value as a cut may leave it: an optional sign, no leading zero, optional decimals. */
const MIXED_VALUE = /^-?(?:0|[1-9]\d{0,11})(?:\.\d+)?$/u;

/**
 * The cuts of a run that holds decimals or signs besides digits (`3 1234.56`, `12-430`), into
 * `count` values. Only for rows of few cells (table 2): every combination of cut positions is
 * tried, so runs longer than `maxLength` characters are not cut at all. Whitespace is a cut that
 * must be kept, as in splitDigitRun.
 */
export function listMixedRunSplits(run: string, count: number, maxLength = 40): SplitList {
  const text = run
    .trim()
    .replace(/[０-９．－]/gu, (char) => (char === '．' ? '.' : char === '－' ? '-' : String(char.charCodeAt(0) - FULL_WIDTH_ZERO)));
  const segments = text.split(/\s+/u).filter((segment) => segment !== '');
  const length = segments.reduce((total, segment) => total + segment.length, 0);
  if (count < 1 || length > maxLength || segments.some((segment) => !/^[\d.-]+$/u.test(segment))) {
    return { splits: [], complete: true };
  }
  const splits: number[][] = [];
  const cut = (segment: number, at: number, values: number[]): void => {
    const piece = segments[segment];
    if (piece === undefined) {
      if (values.length === count) splits.push([...values]);
      return;
    }
    if (values.length >= count) return;
    for (let end = at + 1; end <= piece.length; end += 1) {
      const value = piece.slice(at, end);
      if (!MIXED_VALUE.test(value)) continue;
      values.push(Number(value));
      if (end === piece.length) cut(segment + 1, 0, values);
      else cut(segment, end, values);
      values.pop();
    }
  };
  cut(0, 0, []);
  return { splits, complete: true };
}
