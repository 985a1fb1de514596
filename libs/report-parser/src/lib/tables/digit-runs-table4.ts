import {
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  reviewLitigationCell,
  type CellAddress,
  type ReviewCells,
  type ReviewColumnKey,
  type ReviewGroupKey,
  type ReviewLitigationTable,
} from '@atlas/report-model';
import {
  collectSplits,
  DEFAULT_MAX_SPLITS,
  DEFAULT_MAX_STEPS,
  parseDigitRun,
  RunSplitter,
  SearchBudget,
} from './digit-runs-split';
import {
  ambiguityAmong,
  compareReadings,
  DEFAULT_MAX_READINGS,
  ReadingCollector,
  type DigitRunSolveOptions,
  type DigitRunVerdict,
} from './digit-runs-solution';

export interface Table4Solution extends DigitRunVerdict {
  /** The chosen reading; null if the digits cannot be cut into 15 values at all. */
  readonly reviewLitigation: ReviewLitigationTable | null;
  /**
   * Groups whose total fails in every reading the search settles on (a finished search, no
   * reading keeping every total, each of the readings breaking the fewest totals breaking this
   * one): T4.TOTAL is the document's for them even where the cut, and so each cell, is in doubt.
   */
  readonly groupsAlwaysBroken: readonly ReviewGroupKey[];
}

const GROUP_KEYS: readonly ReviewGroupKey[] = REVIEW_GROUPS.map((group) => group.key);
// The total is the last column of a group, as printed; T4.TOTAL sums the ones before it.
const COLUMN_KEYS: readonly ReviewColumnKey[] = REVIEW_COLUMNS.map((column) => column.key);
const GROUP_SIZE = COLUMN_KEYS.length;
const GROUP_COUNT = REVIEW_GROUPS.length;

/** One way to read one group: where it ends and its five values. */
interface GroupReading {
  readonly end: number;
  readonly values: readonly number[];
}

/** Every cell of table 4 in document order: the groups side by side, five columns each. */
const CELLS: readonly CellAddress[] = REVIEW_GROUPS.flatMap((group) =>
  REVIEW_COLUMNS.map((column) => reviewLitigationCell(group.key, column.key)),
);

/**
 * Reads table 4 from its 15 numbers run together (one run, or several: each is cut separately,
 * as if a space separated them). Each group's 总计 must equal the sum of its four results
 * (T4.TOTAL), which usually leaves one reading. Same contract as solveTable3: several readings
 * give an ambiguity over the cells that differ, the chosen reading being the first in the order
 * of compareReadings; with no reading satisfying every group, the fewest broken groups win.
 */
export function solveTable4(
  runs: string | readonly string[],
  options: DigitRunSolveOptions = {},
): Table4Solution {
  const text = typeof runs === 'string' ? runs : runs.join(' ');
  const budget = new SearchBudget(options.maxSteps ?? DEFAULT_MAX_STEPS);
  const splitter = new RunSplitter(parseDigitRun(text), budget, options.maxDigits);
  const maxSplits = options.maxSplits ?? DEFAULT_MAX_SPLITS;
  const maxReadings = options.maxReadings ?? DEFAULT_MAX_READINGS;
  const length = splitter.length;
  let listsComplete = true;

  // Readings of group `group` starting at `start`, either satisfying T4.TOTAL or breaking it.
  const memo = new Map<string, GroupReading[]>();
  const groupReadings = (group: number, start: number, holds: boolean): GroupReading[] => {
    const key = `${group}:${start}:${holds}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    const readings: GroupReading[] = [];
    const valuesAfter = GROUP_SIZE * (GROUP_COUNT - group - 1);
    for (let end = start + GROUP_SIZE; end <= length; end += 1) {
      if (!splitter.canSplit(end, length, valuesAfter)) continue;
      const list = collectSplits(maxSplits, (emit) =>
        holds
          ? splitter.eachWithTotal(start, end, GROUP_SIZE, 0, emit)
          : splitter.each(start, end, GROUP_SIZE, null, (values) =>
              totalHolds(values) ? true : emit(values),
            ),
      );
      listsComplete &&= list.complete;
      for (const values of list.splits) readings.push({ end, values });
    }
    memo.set(key, readings);
    return readings;
  };

  const values: number[] = [];
  let found = new ReadingCollector<null>(maxReadings);
  const visit = (group: number, start: number, broken: number, allowed: number): boolean => {
    if (!budget.take()) return false;
    if (group === GROUP_COUNT) {
      found.add([...values], null);
      return true;
    }
    for (const holds of [true, false]) {
      const cost = broken + (holds ? 0 : 1);
      if (cost > allowed) continue;
      for (const reading of groupReadings(group, start, holds)) {
        values.push(...reading.values);
        const more = visit(group + 1, reading.end, cost, allowed);
        values.length -= GROUP_SIZE;
        if (!more) return false;
      }
    }
    return true;
  };

  // Allow more broken groups only when no reading keeps them all (iterative deepening).
  let brokenRules = 0;
  for (let allowed = 0; allowed <= GROUP_COUNT; allowed += 1) {
    found = new ReadingCollector<null>(maxReadings);
    brokenRules = allowed;
    if (!visit(0, 0, 0, allowed) || found.count > 0) break;
  }

  const complete = !budget.exhausted && listsComplete;
  const best = found.best;
  if (best === null) {
    return complete
      ? { reviewLitigation: null, ambiguities: [], readings: 0, brokenRules: 0, complete, groupsAlwaysBroken: [] }
      : fallbackReading(text, options);
  }

  // Whether some cut lets group `held` add up, the others as they may.
  const groupCanHold = (held: number): boolean | null => {
    const search = new SearchBudget(options.maxSteps ?? DEFAULT_MAX_STEPS);
    const walk = (group: number, start: number): boolean => {
      if (!search.take()) return false;
      if (group === GROUP_COUNT) return true;
      for (const holds of group === held ? [true] : [true, false]) {
        for (const reading of groupReadings(group, start, holds)) if (walk(group + 1, reading.end)) return true;
      }
      return false;
    };
    const found = walk(0, 0);
    return found || (!search.exhausted && listsComplete) ? found : null;
  };
  const readings = found.ordered();
  // With every reading kept, a group broken in each of them is broken in the document; with
  // some dropped, only a group that cannot add up under any cut is sure.
  const brokenInEach = (group: number): boolean =>
    found.keptAll
      ? readings.every((reading) => !totalHolds(reading.slice(group * GROUP_SIZE, (group + 1) * GROUP_SIZE)))
      : groupCanHold(group) === false;
  const groupsAlwaysBroken = brokenRules > 0 && complete ? GROUP_KEYS.filter((_, group) => brokenInEach(group)) : [];
  const ambiguity = ambiguityAmong(CELLS, readings, complete && found.keptAll);
  return {
    reviewLitigation: toTable(best.reading),
    ambiguities: ambiguity === null ? [] : [ambiguity],
    readings: found.count,
    brokenRules,
    complete,
    groupsAlwaysBroken,
  };
}

/** Steps for the fallback listing: the first cuts come in a few steps each. */
const FALLBACK_STEPS = 10_000;

/**
 * When the search hit its limit before finding any reading: a few plain cuts of the run, the
 * fewest broken totals first, as a partial answer whose every differing cell is ambiguous.
 */
function fallbackReading(text: string, options: DigitRunSolveOptions): Table4Solution {
  const splitter = new RunSplitter(
    parseDigitRun(text),
    new SearchBudget(FALLBACK_STEPS),
    options.maxDigits,
  );
  const listed = collectSplits(options.maxReadings ?? DEFAULT_MAX_READINGS, (emit) =>
    splitter.each(0, splitter.length, GROUP_SIZE * GROUP_COUNT, null, emit),
  );
  const readings = listed.splits.sort(
    (a, b) => brokenGroups(a) - brokenGroups(b) || compareReadings(a, b),
  );
  const chosen = readings[0];
  if (chosen === undefined) {
    return {
      reviewLitigation: null,
      ambiguities: [],
      readings: 0,
      brokenRules: 0,
      complete: false,
      groupsAlwaysBroken: [],
    };
  }
  const ambiguity = ambiguityAmong(CELLS, readings, false);
  return {
    reviewLitigation: toTable(chosen),
    ambiguities: ambiguity === null ? [] : [ambiguity],
    readings: 0,
    brokenRules: brokenGroups(chosen),
    complete: false,
    groupsAlwaysBroken: [],
  };
}

function brokenGroups(values: readonly number[]): number {
  let broken = 0;
  for (let group = 0; group < GROUP_COUNT; group += 1) {
    const offset = group * GROUP_SIZE;
    if (!totalHolds(values.slice(offset, offset + GROUP_SIZE))) broken += 1;
  }
  return broken;
}

/** T4.TOTAL for one group's five values (total last). */
function totalHolds(values: readonly number[]): boolean {
  let results = 0;
  for (let i = 0; i < GROUP_SIZE - 1; i += 1) results += values[i] ?? 0;
  return results === values[GROUP_SIZE - 1];
}

function toTable(values: readonly number[]): ReviewLitigationTable {
  const groupAt = (group: ReviewGroupKey): ReviewCells => {
    const offset = GROUP_KEYS.indexOf(group) * GROUP_SIZE;
    const at = (column: ReviewColumnKey): number =>
      values[offset + COLUMN_KEYS.indexOf(column)] ?? 0;
    return {
      upheld: at('upheld'),
      corrected: at('corrected'),
      other: at('other'),
      pending: at('pending'),
      total: at('total'),
    };
  };
  return {
    review: groupAt('review'),
    litigationDirect: groupAt('litigationDirect'),
    litigationAfterReview: groupAt('litigationAfterReview'),
  };
}
