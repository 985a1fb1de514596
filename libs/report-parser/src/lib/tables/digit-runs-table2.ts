import {
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  proactiveCell,
  type FormatVersion,
  type ProactiveColumnKey,
  type ProactiveRowKey,
} from '@atlas/report-model';
import {
  collectSplits,
  DEFAULT_MAX_SPLITS,
  DEFAULT_MAX_STEPS,
  isDigitRun,
  listMixedRunSplits,
  parseDigitRun,
  RunSplitter,
  SearchBudget,
} from './digit-runs-split';
import {
  ambiguityAmong,
  compareReadings,
  type DigitRunAmbiguity,
  type DigitRunSolveOptions,
} from './digit-runs-solution';

/** Values of table-2 cells stated elsewhere in the report (part 一: 本年度制发的规范性文件77件). */
export type ProactiveHints = Partial<Record<ProactiveColumnKey, number>>;

export interface ProactiveRunRow {
  readonly rowKey: ProactiveRowKey;
  /** The row's cells run together, or the one cell of a one-value row (fees: `24252.311082`). */
  readonly run: string;
  readonly hints?: ProactiveHints;
}

export interface ProactiveRowSolution {
  /** The chosen reading, by column key; null if the run cannot be cut into the row's cells. */
  readonly values: Partial<Record<ProactiveColumnKey, number>> | null;
  /** Set when more than one reading agrees with the hints: every such reading, chosen first. */
  readonly ambiguity: DigitRunAmbiguity | null;
  /**
   * Hints the chosen reading contradicts: empty unless no reading agrees with every hint (the
   * text and the table disagree, as in reports that state an old 现行有效 count).
   */
  readonly unmatchedHints: readonly ProactiveColumnKey[];
  /** How many readings agree with the most hints. */
  readonly readings: number;
  /** False when a limit cut the list of readings short. */
  readonly complete: boolean;
}

/**
 * Pairs (smaller, larger) that hold in a plausible reading. Documents issued this year are
 * still in force unless repealed, and what is repealed came from the stock, so by T2.STOCK
 * (inForce = last year's inForce + issued − repealed) inForce ≥ issued. Likewise what was
 * published this year is part of everything published.
 */
const PLAUSIBLE_ORDER: Readonly<
  Record<FormatVersion, readonly (readonly [ProactiveColumnKey, ProactiveColumnKey])[]>
> = {
  '2021': [['issued', 'inForce']],
  '2019': [['newlyPublished', 'totalPublished']],
};

const DECIMAL = /^-?\d+(?:\.\d+)?$/u;

function rowColumns(
  rowKey: ProactiveRowKey,
  formatVersion: FormatVersion,
): readonly ProactiveColumnKey[] {
  const rows = formatVersion === '2021' ? PROACTIVE_ROWS_2021 : PROACTIVE_ROWS_2019;
  const row = rows.find((candidate) => candidate.key === rowKey);
  if (row === undefined) {
    throw new RangeError(`Table 2 of format ${formatVersion} has no row ${rowKey}`);
  }
  return row.columns;
}

/** The one value of a one-cell row: digits, optionally with decimals (fees in 万元) or a sign. */
function singleValue(run: string): number | null {
  const text = run
    .trim()
    .replace(/[０-９．－]/gu, (char) => (char === '．' ? '.' : char === '－' ? '-' : String(char.charCodeAt(0) - 0xff10)));
  return DECIMAL.test(text) ? Number(text) : null;
}

/**
 * Reads one row of table 2 from its cells run together. Table 2 has no sums, so a run such as
 * `693665` (issued, repealed, inForce) has many readings; hints from the text narrow them
 * (a reading must agree with as many hints as any reading does). What remains is ordered:
 * plausible readings first (inForce ≥ issued, see PLAUSIBLE_ORDER), then by compareReadings
 * (smallest sum, then smallest values left to right); the first is chosen, and with more than
 * one the ambiguity lists them all. A one-cell row is its value as printed, decimals included
 * (`24252.311082` is one fee, not digits to cut).
 */
export function solveProactiveRow(
  row: ProactiveRunRow,
  formatVersion: FormatVersion = '2021',
  options: DigitRunSolveOptions = {},
): ProactiveRowSolution {
  const columns = rowColumns(row.rowKey, formatVersion);
  const hints = row.hints ?? {};
  let readings: number[][];
  let complete = true;
  if (columns.length === 1) {
    const value = singleValue(row.run);
    readings = value === null ? [] : [[value]];
  } else if (!isDigitRun(row.run)) {
    // Decimals or signs in the run (a fee, a change printed as -4): cut by trying every position.
    readings = listMixedRunSplits(row.run, columns.length).splits;
  } else {
    const splitter = new RunSplitter(
      parseDigitRun(row.run),
      new SearchBudget(options.maxSteps ?? DEFAULT_MAX_STEPS),
      options.maxDigits,
    );
    const list = collectSplits(options.maxSplits ?? DEFAULT_MAX_SPLITS, (emit) =>
      splitter.each(0, splitter.length, columns.length, null, emit),
    );
    readings = list.splits;
    complete = list.complete;
  }
  // Only a change (本年增/减) can be negative: a count below zero is no reading.
  const signed = readings.filter((reading) => reading.every((value, index) => value >= 0 || columns[index] === 'change'));
  if (signed.length > 0) readings = signed;
  if (readings.length === 0) {
    return { values: null, ambiguity: null, unmatchedHints: [], readings: 0, complete };
  }

  const columnIndex = (column: ProactiveColumnKey): number => columns.indexOf(column);
  const hinted = columns.filter((column) => hints[column] !== undefined);
  const matches = (reading: readonly number[]): number =>
    hinted.filter((column) => reading[columnIndex(column)] === hints[column]).length;
  const plausibility = (reading: readonly number[]): number =>
    PLAUSIBLE_ORDER[formatVersion].filter(([smaller, larger]) => {
      const low = reading[columnIndex(smaller)];
      const high = reading[columnIndex(larger)];
      return low === undefined || high === undefined || low <= high;
    }).length;

  const mostMatches = Math.max(...readings.map(matches));
  const ranked = readings
    .filter((reading) => matches(reading) === mostMatches)
    .sort((a, b) => plausibility(b) - plausibility(a) || compareReadings(a, b));
  const chosen = ranked[0] ?? [];
  const values: Partial<Record<ProactiveColumnKey, number>> = {};
  columns.forEach((column, index) => {
    values[column] = chosen[index] ?? 0;
  });
  return {
    values,
    ambiguity: ambiguityAmong(
      columns.map((column) => proactiveCell(row.rowKey, column)),
      ranked,
      complete,
    ),
    unmatchedHints: hinted.filter((column) => values[column] !== hints[column]),
    readings: ranked.length,
    complete,
  };
}
