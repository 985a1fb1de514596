import {
  APPLICANT_COLUMNS,
  APPLICANT_TYPE_COLUMN_KEYS,
  applicationCell,
  applicationRowKeysFor,
  outcomeRowKeysFor,
  type ApplicantCells,
  type ApplicantColumnKey,
  type ApplicationRowKey,
  type CellAddress,
  type Table3Layout,
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
  DEFAULT_MAX_READINGS,
  ReadingCollector,
  sortReadings,
  sumOf,
  type DigitRunAmbiguity,
  type DigitRunSolveOptions,
  type DigitRunVerdict,
} from './digit-runs-solution';

/** A row of table 3 whose seven values were read cleanly, in column order (自然人 … 总计). */
export interface Table3CleanRow {
  readonly rowKey: ApplicationRowKey;
  readonly cells: readonly number[];
}

/**
 * A row of table 3 whose values ran together. Whitespace left in the run is a cell boundary.
 * With `known`, some cells were read cleanly and the run holds only the other columns, in
 * column order (e.g. the 总计 cell was separate: `{ run: '6400204', known: { total: 70 } }`).
 */
export interface Table3RunRow {
  readonly rowKey: ApplicationRowKey;
  readonly run: string;
  readonly known?: Partial<Record<ApplicantColumnKey, number>>;
}

/**
 * A row printed with fewer values than cells, each value whole (blank cells left out): the ways
 * to place its values, in order, into the seven cells, each a candidate reading.
 */
export interface Table3PlacedRow {
  readonly rowKey: ApplicationRowKey;
  readonly placements: readonly (readonly number[])[];
}

export type Table3RowInput = Table3CleanRow | Table3RunRow | Table3PlacedRow;

export interface Table3Solution extends DigitRunVerdict {
  /** The chosen reading: every input row except the unread ones. */
  readonly applications: Partial<Record<ApplicationRowKey, ApplicantCells>>;
  /** Rows whose run cannot be cut into its values at all (too few or too many digits). */
  readonly unreadRows: readonly ApplicationRowKey[];
  /**
   * Run rows with a single cut that satisfies their own row sum: read whatever the rest of the
   * table says (a broken column rule is then the document's, not the cut's).
   */
  readonly settledRows: readonly ApplicationRowKey[];
}

const COLUMN_KEYS: readonly ApplicantColumnKey[] = APPLICANT_COLUMNS.map((column) => column.key);
const COLUMN_COUNT = COLUMN_KEYS.length;
const TOTAL_INDEX = COLUMN_KEYS.indexOf('total');

/** A row ready for the search: the readings it allows, best first. */
interface RowChoices {
  readonly rowKey: ApplicationRowKey;
  /** Each: seven values in column order. Empty: unread. */
  readonly candidates: readonly (readonly number[])[];
  /** False if the candidate list was cut short by a limit. */
  readonly complete: boolean;
  /** For a run row: whether seven values (column order) are one of its cuts. */
  readonly isCut?: (cells: readonly number[]) => boolean;
}

/** One linear rule on one column: Σ coefficient × cell = 0 (T3.OUTCOMES or T3.BALANCE). */
interface ColumnEquation {
  readonly column: number;
  /** Per row (index into the rows), its coefficient: +1, −1, or 0 when not in the rule. */
  readonly coefficients: readonly number[];
}

/** Readings of the other rows from which an unlisted row's values are derived, at most. */
const MAX_DERIVING_READINGS = 10_000;

/** Fewest steps a row's cuts get, whatever the share of the limit: enough for real rows. */
const MIN_ROW_STEPS = 2_000;

/** Per layout: each row's position in the document, and the outcome rows. Built once. */
const LAYOUT_ROWS = new Map<
  Table3Layout,
  { position: ReadonlyMap<ApplicationRowKey, number>; outcomes: readonly ApplicationRowKey[] }
>();

function layoutRows(layout: Table3Layout): {
  position: ReadonlyMap<ApplicationRowKey, number>;
  outcomes: readonly ApplicationRowKey[];
} {
  let rows = LAYOUT_ROWS.get(layout);
  if (rows === undefined) {
    rows = {
      position: new Map(applicationRowKeysFor(layout).map((key, index) => [key, index])),
      outcomes: outcomeRowKeysFor(layout),
    };
    LAYOUT_ROWS.set(layout, rows);
  }
  return rows;
}

function isRunRow(row: Table3RowInput): row is Table3RunRow {
  return 'run' in row;
}

function isPlacedRow(row: Table3RowInput): row is Table3PlacedRow {
  return 'placements' in row;
}

function rowSumHolds(cells: readonly number[]): boolean {
  return sumOf(cells.slice(0, TOTAL_INDEX)) === cells[TOTAL_INDEX];
}

/**
 * The readings of one input row: those satisfying T3.ROWSUM if any, else all of them. Each row
 * has its own step limit, so one pathological row cannot starve the others.
 */
function rowChoices(
  row: Table3RowInput,
  maxSteps: number,
  options: DigitRunSolveOptions,
): RowChoices {
  const { rowKey } = row;
  if (isPlacedRow(row)) {
    // Like the cuts of a run: those satisfying the row sum if any, else all.
    const valid = row.placements.filter(rowSumHolds);
    return { rowKey, candidates: sortReadings((valid.length > 0 ? valid : row.placements).map((cells) => [...cells])), complete: true };
  }
  if (!isRunRow(row)) {
    if (row.cells.length !== COLUMN_COUNT) {
      throw new RangeError(`Row ${rowKey} has ${row.cells.length} cells, not ${COLUMN_COUNT}`);
    }
    return { rowKey, candidates: [row.cells], complete: true };
  }
  const known = row.known ?? {};
  const unknown = COLUMN_KEYS.filter((column) => known[column] === undefined);
  if (unknown.length === 0) throw new RangeError(`Row ${rowKey}: a run but every cell known`);
  const run = parseDigitRun(row.run);
  const withKnown = (split: readonly number[]): number[] => {
    let next = 0;
    return COLUMN_KEYS.map((column) => known[column] ?? split[next++] ?? 0);
  };
  if (run.digits.length === unknown.length) {
    // One digit per cell (most rows: '0000000', '1000001'): the only cut, no search needed.
    return { rowKey, candidates: [withKnown([...run.digits].map(Number))], complete: true };
  }
  const splitter = (): RunSplitter =>
    new RunSplitter(run, new SearchBudget(maxSteps), options.maxDigits);
  const maxSplits = options.maxSplits ?? DEFAULT_MAX_SPLITS;
  const knownTypeSum = sumOf(APPLICANT_TYPE_COLUMN_KEYS.map((column) => known[column] ?? 0));
  const knownTotal = known.total;
  const end = run.digits.length;
  const summing = splitter();
  const valid = collectSplits(maxSplits, (emit) =>
    knownTotal === undefined
      ? summing.eachWithTotal(0, end, unknown.length, knownTypeSum, emit)
      : knownTotal >= knownTypeSum
        ? summing.each(0, end, unknown.length, knownTotal - knownTypeSum, emit)
        : true,
  );
  // Without a row-sum-valid cut (a misprint, or the limit), every cut stays possible; the
  // feasibility pruning finds the first one in a few steps if there is one at all.
  const chosen =
    valid.splits.length > 0
      ? valid
      : collectSplits(maxSplits, (emit) => splitter().each(0, end, unknown.length, null, emit));
  const candidates = sortReadings(chosen.splits.map(withKnown));
  const cuts = splitter();
  const isCut = (cells: readonly number[]): boolean =>
    COLUMN_KEYS.every((column, index) => known[column] === undefined || known[column] === cells[index]) &&
    cuts.isCut(COLUMN_KEYS.flatMap((column, index) => (known[column] === undefined ? [cells[index] ?? -1] : [])));
  return { rowKey, candidates, complete: valid.complete && chosen.complete, isCut };
}

/**
 * A run too long to list all its cuts (新收 of a large agency: thousands) may miss the right
 * one. When it is the only such row, the column rules it is in say what it must be: every
 * reading of the other rows that keeps the rules without it gives the row's values, and those
 * that are a cut of its run are its candidates — all of them, if that search finished.
 */
function deriveUnlistedRow(
  rows: readonly RowChoices[],
  equations: readonly ColumnEquation[],
  maxSteps: number,
): RowChoices[] {
  const unlisted = rows.flatMap((row, index) => (row.complete ? [] : [index]));
  const target = unlisted[0];
  const row = target === undefined ? undefined : rows[target];
  if (unlisted.length !== 1 || target === undefined || !row?.isCut) return [...rows];
  const defining = equations.filter((equation) => (equation.coefficients[target] ?? 0) !== 0);
  if (defining.length === 0) return [...rows];
  const others = rows.map((other, index) =>
    index === target ? { rowKey: other.rowKey, candidates: [new Array<number>(COLUMN_COUNT).fill(0)], complete: true } : other,
  );
  const budget = new SearchBudget(maxSteps);
  const found = searchReadings(
    others,
    equations.filter((equation) => (equation.coefficients[target] ?? 0) === 0),
    budget,
    // The rows only the unlisted row's rules hold (上年结转 beside 新收) combine freely here.
    MAX_DERIVING_READINGS,
    (choice) => [...choice],
  );
  const derived = new Map<string, number[]>();
  for (const choice of found.keptPayloads()) {
    const cells = new Array<number | undefined>(COLUMN_COUNT).fill(undefined);
    let agrees = true;
    for (const { column, coefficients } of defining) {
      let rest = 0;
      others.forEach((other, index) => {
        if (index !== target) rest += (coefficients[index] ?? 0) * (other.candidates[choice[index] ?? 0]?.[column] ?? 0);
      });
      const value = -rest / (coefficients[target] ?? 1);
      if (cells[column] !== undefined && cells[column] !== value) agrees = false;
      cells[column] = value;
    }
    if (!agrees || cells.some((value) => value === undefined)) continue;
    const values = cells as number[];
    if (row.isCut(values)) derived.set(values.join(','), values);
  }
  if (derived.size === 0) return [...rows];
  // Like any row's cuts: those keeping the row sum if any do, else all (the misprint is the row's).
  const adding = [...derived.values()].filter(rowSumHolds);
  const complete = !budget.exhausted && found.keptAll && others.every((other) => other.complete);
  const next = [...rows];
  next[target] = { ...row, candidates: sortReadings(adding.length > 0 ? adding : [...derived.values()]), complete };
  return next;
}

/**
 * T3.OUTCOMES and T3.BALANCE for every column. A rule is used only if all its rows were given
 * and read: assuming a missing row to be 0 could force a wrong cut with false confidence.
 */
function columnEquations(rows: readonly RowChoices[], layout: Table3Layout): ColumnEquation[] {
  const indexOf = new Map(rows.map((row, index) => [row.rowKey, index]));
  const isRead = (key: ApplicationRowKey): boolean =>
    (rows[indexOf.get(key) ?? -1]?.candidates.length ?? 0) > 0;
  const rules: number[][] = [];
  const rule = (plus: readonly ApplicationRowKey[], minus: readonly ApplicationRowKey[]): void => {
    if (![...plus, ...minus].every(isRead)) return;
    const coefficients = rows.map(() => 0);
    plus.forEach((key) => (coefficients[indexOf.get(key) ?? 0] = 1));
    minus.forEach((key) => (coefficients[indexOf.get(key) ?? 0] = -1));
    rules.push(coefficients);
  };
  // 办理总计 = the sum of the outcome rows.
  rule(['totalHandled'], layoutRows(layout).outcomes);
  // 新收 + 上年结转 = 办理总计 + 结转下年度.
  rule(['newReceived', 'carriedOver'], ['totalHandled', 'carriedForward']);
  return rules.flatMap((coefficients) =>
    COLUMN_KEYS.map((_, column) => ({ column, coefficients })),
  );
}

/**
 * The readings (payload: the candidate each row took) that break the fewest column rules.
 * Backtracking over the rows with several candidates, fewest candidates first. The column rules
 * are linear, so for each rule the rows not yet chosen can only add something between the sums
 * of their per-row minima and maxima: a rule whose interval excludes 0 is already broken. The
 * allowed number of broken rules grows from 0 (iterative deepening), so a consistent table is
 * settled by the strict search alone and an inconsistent one gets the fewest broken rules.
 */
function searchReadings(
  rows: readonly RowChoices[],
  equations: readonly ColumnEquation[],
  budget: SearchBudget,
  maxReadings: number,
  readingOf: (choice: readonly number[]) => number[],
): ReadingCollector<readonly number[]> {
  const variables = rows
    .map((row, index) => ({ index, size: row.candidates.length }))
    .filter((row) => row.size > 1)
    .sort((a, b) => a.size - b.size || a.index - b.index)
    .map((row) => row.index);
  const variableSet = new Set(variables);
  const choice = rows.map(() => 0);
  const equationCount = equations.length;
  // contribution[v][e][k]: what candidate k of variable v adds to equation e.
  const contribution = variables.map((row) =>
    equations.map(({ column, coefficients }) =>
      (rows[row]?.candidates ?? []).map(
        (candidate) => (coefficients[row] ?? 0) * (candidate[column] ?? 0),
      ),
    ),
  );
  // What the rows with a single candidate already put in each equation.
  const partial = equations.map(({ column, coefficients }) => {
    let total = 0;
    rows.forEach((row, index) => {
      if (!variableSet.has(index))
        total += (coefficients[index] ?? 0) * (row.candidates[0]?.[column] ?? 0);
    });
    return total;
  });
  // lowest[v][e] / highest[v][e]: the range variables v, v+1, … can still add to equation e.
  const lowest: number[][] = [new Array<number>(equationCount).fill(0)];
  const highest: number[][] = [new Array<number>(equationCount).fill(0)];
  for (let v = variables.length - 1; v >= 0; v -= 1) {
    const options = contribution[v] ?? [];
    lowest.unshift(options.map((values, e) => Math.min(...values) + (lowest[0]?.[e] ?? 0)));
    highest.unshift(options.map((values, e) => Math.max(...values) + (highest[0]?.[e] ?? 0)));
  }

  const brokenBound = (v: number): number => {
    let broken = 0;
    const low = lowest[v] ?? [];
    const high = highest[v] ?? [];
    for (let e = 0; e < equationCount; e += 1) {
      const at = partial[e] ?? 0;
      if (at + (low[e] ?? 0) > 0 || at + (high[e] ?? 0) < 0) broken += 1;
    }
    return broken;
  };

  let found = new ReadingCollector<readonly number[]>(maxReadings);
  const visit = (v: number, allowed: number): boolean => {
    if (!budget.take()) return false;
    if (brokenBound(v) > allowed) return true;
    if (v === variables.length) {
      found.add(readingOf(choice), [...choice]);
      return true;
    }
    const row = variables[v] ?? 0;
    const options = contribution[v] ?? [];
    const size = rows[row]?.candidates.length ?? 0;
    for (let k = 0; k < size; k += 1) {
      for (let e = 0; e < equationCount; e += 1) {
        partial[e] = (partial[e] ?? 0) + (options[e]?.[k] ?? 0);
      }
      choice[row] = k;
      const more = visit(v + 1, allowed);
      for (let e = 0; e < equationCount; e += 1) {
        partial[e] = (partial[e] ?? 0) - (options[e]?.[k] ?? 0);
      }
      if (!more) return false;
    }
    choice[row] = 0;
    return true;
  };

  for (let allowed = 0; allowed <= equationCount; allowed += 1) {
    found = new ReadingCollector<readonly number[]>(maxReadings);
    if (!visit(0, allowed) || found.count > 0) break;
  }
  return found;
}

function brokenEquations(
  rows: readonly RowChoices[],
  equations: readonly ColumnEquation[],
  choice: readonly number[],
): number {
  return equations.filter(({ column, coefficients }) => {
    let total = 0;
    rows.forEach((row, index) => {
      const value = row.candidates[choice[index] ?? 0]?.[column] ?? 0;
      total += (coefficients[index] ?? 0) * value;
    });
    return total !== 0;
  }).length;
}

/**
 * Reads table 3 from rows whose cells may have run together. The rules T3.ROWSUM (each row),
 * T3.OUTCOMES and T3.BALANCE (each column) decide between the ways to cut the runs:
 * - exactly one reading satisfies them all: that reading, no ambiguity;
 * - several do: the cells where they differ, with every reading as a candidate (an F.AMBIGUOUS
 *   finding), and the first reading in the order of compareReadings (smallest sum of the cells
 *   read from runs, then smallest values in document order) as the chosen values;
 * - none does (the document's numbers are inconsistent): rows keep their row-sum-valid cuts
 *   (all cuts if a row has none) and the readings breaking the fewest column rules tie, chosen
 *   and reported the same way; `brokenRules` says how many rule instances the choice breaks.
 * A column rule with a row that is absent or unread is left out. The search is
 * bounded by `maxSteps`; past it the answer is partial (`complete: false`), with each run row's
 * own candidates as ambiguities if no full reading was found.
 */
export function solveTable3(
  rows: readonly Table3RowInput[],
  layout: Table3Layout,
  options: DigitRunSolveOptions = {},
): Table3Solution {
  const { position } = layoutRows(layout);
  const seen = new Set<ApplicationRowKey>();
  for (const row of rows) {
    if (!position.has(row.rowKey)) {
      throw new RangeError(`Row ${row.rowKey} is not a row of a table 3 with layout ${layout}`);
    }
    if (seen.has(row.rowKey)) throw new RangeError(`Row ${row.rowKey} given twice`);
    seen.add(row.rowKey);
  }
  const ordered = [...rows].sort(
    (a, b) => (position.get(a.rowKey) ?? 0) - (position.get(b.rowKey) ?? 0),
  );
  // Half the step limit is shared by the rows' cuts, half goes to the search that combines them.
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const rowSteps = Math.max(MIN_ROW_STEPS, Math.floor(maxSteps / 2 / Math.max(1, rows.length)));
  const listed = ordered.map((row) => rowChoices(row, rowSteps, options));
  const equations = columnEquations(listed, layout);
  const maxReadings = options.maxReadings ?? DEFAULT_MAX_READINGS;
  const choices = deriveUnlistedRow(listed, equations, Math.ceil(maxSteps / 4));
  const budget = new SearchBudget(Math.ceil(maxSteps / 2));
  const variables = choices
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.candidates.length > 1);
  const cells: CellAddress[] = variables.flatMap(({ row }) =>
    COLUMN_KEYS.map((column) => applicationCell(row.rowKey, column)),
  );
  const readingOf = (choice: readonly number[]): number[] =>
    variables.flatMap(({ row, index }) => [...(row.candidates[choice[index] ?? 0] ?? [])]);

  const found = searchReadings(
    choices,
    equations,
    budget,
    maxReadings,
    readingOf,
  );
  const complete = !budget.exhausted && choices.every((row) => row.complete);
  const best = found.best;
  const chosen = best?.payload ?? choices.map(() => 0);

  let ambiguities: DigitRunAmbiguity[];
  if (best !== null) {
    const ambiguity = ambiguityAmong(cells, found.ordered(), complete && found.keptAll);
    ambiguities = ambiguity === null ? [] : [ambiguity];
  } else {
    // No full reading within the limit: each row's own candidates are all that is known.
    ambiguities = variables.flatMap(({ row }) => {
      const ambiguity = ambiguityAmong(
        COLUMN_KEYS.map((column) => applicationCell(row.rowKey, column)),
        row.candidates,
        false,
      );
      return ambiguity === null ? [] : [ambiguity];
    });
  }

  const applications: Partial<Record<ApplicationRowKey, ApplicantCells>> = {};
  let brokenRowSums = 0;
  choices.forEach((row, index) => {
    const values = row.candidates[chosen[index] ?? 0];
    if (values === undefined) return;
    applications[row.rowKey] = toApplicantCells(values);
    if (!rowSumHolds(values)) brokenRowSums += 1;
  });
  return {
    applications,
    unreadRows: choices.filter((row) => row.candidates.length === 0).map((row) => row.rowKey),
    settledRows: choices
      .filter((row, index) => !('cells' in (ordered[index] as Table3RowInput)) && row.complete && row.candidates.length === 1 && rowSumHolds(row.candidates[0] ?? []))
      .map((row) => row.rowKey),
    ambiguities,
    readings: found.count,
    brokenRules: brokenRowSums + brokenEquations(choices, equations, chosen),
    complete,
  };
}

const COLUMN_INDEX = new Map(COLUMN_KEYS.map((column, index) => [column, index]));

function toApplicantCells(values: readonly number[]): ApplicantCells {
  const at = (column: ApplicantColumnKey): number => values[COLUMN_INDEX.get(column) ?? -1] ?? 0;
  return {
    naturalPerson: at('naturalPerson'),
    commercial: at('commercial'),
    research: at('research'),
    nonprofit: at('nonprofit'),
    legalService: at('legalService'),
    otherOrg: at('otherOrg'),
    total: at('total'),
  };
}
