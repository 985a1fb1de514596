import {
  APPLICANT_COLUMNS,
  APPLICATION_OUTCOME_ROW_KEYS,
  APPLICATION_ROW,
  applicationCell,
  type ApplicationRowKey,
  applicationRowKeysFor,
  createFinding,
  emptyReport,
  type Finding,
  getCell,
  parseCellAddress,
  setCell,
  type Table3Layout,
} from '@atlas/report-model';
import { standsAlone } from './columns';
import type { FlatText, TableBounds } from './flat-text';
import { permutations } from './orders';
import { layoutFinding, type PlacedCell, type Placement, unknownRowFinding, type UnsettledRow } from './placement';
import { readTable3, type RowReading } from './read-tables';
import { type CellProvenance, type RowValues, tokensByLine, type UnclaimedRow, type ValueLine } from './region';
import { rowsInOrder, valueRowsOf } from './row-order';
import { brokenColumnRules, rowSumHolds } from './table3-sums';

/*
 * Table 3 read so that the arithmetic findings it leads to are the document's, not the reading's.
 * A reading whose every row was found by its label with one value per column on one printed row
 * is certain: whatever its sums say is what the document says. Otherwise the layout left room for
 * doubt (a row not found, values spread over lines, rows merged or pulled apart), and the
 * readings the layout allows are tried against the table's own sums: when exactly one satisfies
 * them it is taken (its unsure cells `inferred`); when several do, F.AMBIGUOUS lists the cells
 * they disagree on; when none does, the cells that were not read with certainty are `uncertain`
 * and F.LAYOUT names them with what was printed there — the sums are then not checked on them.
 */

const COLUMNS = APPLICANT_COLUMNS.map((column) => column.key);
const COUNT = COLUMNS.length;

type UnsplitValues = Extract<RowValues, { kind: 'run' | 'short' }>;

export interface Table3Choice {
  layout: Table3Layout;
  /** Cells of the rows read as values. */
  cells: Placement;
  /** Rows whose digits ran together: left to the digit-run solver, which uses `cells` as given. */
  runs: { rowKey: ApplicationRowKey; values: UnsplitValues }[];
  findings: Finding[];
}

/** How a candidate reading got one row's values. */
interface CandidateRow {
  key: ApplicationRowKey;
  values: number[];
  provenance: CellProvenance[];
  /** `exact`: as printed in its row; `inferred`: by the sums; `unsure`: neither. */
  state: 'exact' | 'inferred' | 'unsure';
  method?: PlacedCell['method'];
  /** What was printed there, for F.LAYOUT. */
  seen: string[];
}

interface Candidate {
  layout: Table3Layout;
  rows: CandidateRow[];
  /** The rows by their order give these values (every printed row of values is used). */
  byOrder?: boolean;
}

export function chooseTable3Reading(flat: FlatText, bounds: TableBounds): Table3Choice {
  const byLabel = readTable3(flat, bounds);
  const runs = byLabel.rows.flatMap((row) =>
    row.values && row.values.kind !== 'values' ? [{ rowKey: row.key, values: row.values }] : [],
  );
  const unclaimed = byLabel.rows.flatMap((row) => (row.values?.kind === 'values' ? (row.values.unclaimed ?? []) : []));
  const certain = runs.length === 0 && unclaimed.length === 0 && byLabel.rows.every((row) => row.values?.kind === 'values' && row.values.exact);
  // Rows placed by position from their one line (blank cells left out) are as printed when no
  // row of the table took numbers from several lines or left any unclaimed: nothing strayed.
  const clean =
    runs.length === 0 &&
    unclaimed.length === 0 &&
    byLabel.rows.every((row) => row.values?.kind === 'values' && !row.values.lines && (row.values.exact || row.values.placedOnOneLine || row.values.blankRow)) &&
    everyNumberClaimed(flat, bounds, byLabel.rows);
  const primary = fromLabels(byLabel.layout, byLabel.rows, clean);
  if (certain) return placed(primary, []);
  const choice = chooseAmongReadings(flat, bounds, primary, runs);
  // A full row of values no label claims is reported, never merged in (F.UNKNOWN_ROW) — unless
  // it is a group's subtotal (（三）不予公开 printed with the sum of its items), which agrees, or
  // the rows were read by their order (which took every row of values).
  const unknownRows = choice.byOrder ? [] : unclaimed.filter((row) => !isSubtotal(row, choice.cells)).map(unknownRowFinding);
  return { ...choice, findings: [...unknownRows, ...choice.findings] };
}

/**
 * Whether every number printed alone in a cell of the table is one a row read: none strayed to
 * a line of its own (a total printed above its row, among the headers).
 */
function everyNumberClaimed(flat: FlatText, bounds: TableBounds, rows: readonly RowReading<ApplicationRowKey>[]): boolean {
  const key = (provenance: CellProvenance) => `${JSON.stringify(provenance.source)}|${provenance.raw}`;
  const claimed = new Set(rows.flatMap((row) => (row.values?.kind === 'values' ? row.values.provenance.filter((p) => p.raw !== '').map(key) : [])));
  return tokensByLine(flat, bounds.start, bounds.end)
    .flat()
    .filter((token) => token.kind !== 'blank' && /^[\s\d.,，%]+$/.test(token.provenance.raw) && standsAlone(flat, token))
    .every((token) => claimed.has(key(token.provenance)));
}

/** Group labels some reports print as rows of their own, with the rows they add up. */
const SUBTOTAL_GROUPS: readonly { label: RegExp; rows: (key: ApplicationRowKey) => boolean }[] = [
  { label: /本年度办理结果|办理结果/, rows: (key) => OUTCOME_ROWS.has(key) },
  { label: /不予公开/, rows: (key) => key.startsWith('denied.') },
  { label: /无法提供/, rows: (key) => key.startsWith('unavailable.') },
  { label: /不予处理/, rows: (key) => key.startsWith('notProcessed.') },
  { label: /其他处理/, rows: (key) => key.startsWith('otherHandling.') },
];
const OUTCOME_ROWS = new Set<string>(APPLICATION_OUTCOME_ROW_KEYS);

function isSubtotal(row: UnclaimedRow, cells: Placement): boolean {
  const group = SUBTOTAL_GROUPS.find((candidate) => candidate.label.test(row.label));
  if (!group || row.values.length !== COUNT) return false;
  const sums = new Array<number>(COUNT).fill(0);
  let members = 0;
  for (const [address, cell] of cells) {
    const location = parseCellAddress(address);
    if (location?.table !== 'applications' || !group.rows(location.row as ApplicationRowKey)) continue;
    members++;
    sums[COLUMNS.indexOf(location.column as (typeof COLUMNS)[number])] += cell.value;
  }
  return members > 0 && sums.every((sum, index) => Math.abs(sum - (row.values[index] ?? 0)) < 1e-6);
}

function chooseAmongReadings(flat: FlatText, bounds: TableBounds, primary: Candidate, runs: Table3Choice['runs']): Table3Choice & { byOrder?: boolean } {
  const candidates: Candidate[] = [];
  if (runs.length === 0) candidates.push(primary);
  // Rows by order, when labels went missing or rows came apart; runs of digits alone are the
  // digit-run solver's.
  const labelsLost = primary.rows.some((row) => row.state === 'unsure' && !runs.some((run) => run.rowKey === row.key));
  if (runs.length === 0 || labelsLost) {
    const valueRows = valueRowsOf(flat, bounds, COUNT);
    for (const layout of ['itemizedOtherHandling', 'singleOtherHandling'] as const) {
      const byOrder = rowsInOrder(valueRows, applicationRowKeysFor(layout));
      if (byOrder) candidates.push(fromOrder(layout, byOrder));
    }
  }
  const satisfying = distinct(candidates.filter(sumsHold));
  if (satisfying.length === 1) {
    const chosen = satisfying[0] as Candidate;
    return { ...placed(confirmed(chosen), []), byOrder: chosen.byOrder === true };
  }
  if (satisfying.length > 1) return ambiguous(satisfying);

  // No reading the layout allows satisfies the sums: the document may break one. A reading that
  // breaks a few rules where every other breaks more is that misprint, read right; the rules it
  // breaks are the document's.
  const misprint = fewestBroken(distinct(candidates.filter((candidate) => candidate.rows.every((row) => row.state !== 'unsure'))));
  if (misprint) return { ...placed(confirmed(misprint), []), byOrder: misprint.byOrder === true };

  // No reading the layout allows settles the table.
  // Rows of digits run together are cut by the digit-run solver under the sums, the others given.
  const rest = primary.rows.filter((row) => !runs.some((run) => run.rowKey === row.key));
  const unsettled = rest.filter((row) => row.state === 'unsure');
  return { ...placed({ layout: primary.layout, rows: rest }, unsettled.length > 0 ? [layoutFinding('表三', unsettled.map(unsettledRow))] : []), runs };
}

/** The rows found by their labels; rows spread over several lines ordered by their row sum. */
function fromLabels(layout: Table3Layout, rows: readonly RowReading<ApplicationRowKey>[], clean = false): Candidate {
  return {
    layout,
    rows: rows.flatMap((row): CandidateRow[] => {
      const values = row.values;
      if (!values) {
        return [{ key: row.key, values: new Array<number>(COUNT).fill(0), provenance: [], state: 'unsure', method: 'missing', seen: [] }];
      }
      if (values.kind !== 'values') {
        return [{ key: row.key, values: new Array<number>(COUNT).fill(0), provenance: values.provenance, state: 'unsure', seen: values.provenance.map((p) => p.raw) }];
      }
      const seen = values.provenance.map((p) => p.raw);
      if ((values.exact || (clean && values.placedOnOneLine)) && !values.unclaimed) {
        return [{ key: row.key, values: values.values, provenance: values.provenance, state: 'exact', seen }];
      }
      const reordered = values.lines ? orderBySum(values.values, values.provenance, values.lines) : null;
      if (reordered) return [{ key: row.key, ...reordered, state: 'inferred', seen }];
      return [{ key: row.key, values: values.values, provenance: values.provenance, state: rowSumHolds(values.values) ? 'inferred' : 'unsure', seen }];
    }),
  };
}

/**
 * A row whose values were printed over several lines (a PDF cell aligned higher than its
 * neighbours, a total wrapped below): the order as read if its row sum holds, else the one order
 * of its lines whose row sum holds; null if none or several do.
 */
function orderBySum(
  values: readonly number[],
  provenance: readonly CellProvenance[],
  lines: readonly ValueLine[],
): { values: number[]; provenance: CellProvenance[] } | null {
  if (rowSumHolds(values)) return { values: [...values], provenance: [...provenance] };
  if (lines.length > 4) return null;
  const orders = permutations(lines)
    .map((order) => ({
      values: order.flatMap((line) => line.values).slice(-COUNT),
      provenance: order.flatMap((line) => line.provenance).slice(-COUNT),
    }))
    .filter((order) => order.values.length === COUNT && rowSumHolds(order.values));
  const unique = new Map(orders.map((order) => [order.values.join(','), order]));
  return unique.size === 1 ? ([...unique.values()][0] ?? null) : null;
}



function fromOrder(layout: Table3Layout, rows: readonly RowReading<ApplicationRowKey>[]): Candidate {
  return {
    layout,
    byOrder: true,
    rows: rows.map((row) => {
      const values = row.values?.kind === 'values' ? row.values : null;
      return {
        key: row.key,
        values: values?.values ?? new Array<number>(COUNT).fill(0),
        provenance: values?.provenance ?? [],
        state: 'inferred',
        method: 'row-order',
        seen: values?.provenance.map((p) => p.raw) ?? [],
      };
    }),
  };
}

function reportOf(candidate: Candidate) {
  const report = emptyReport('2021', candidate.layout);
  for (const row of candidate.rows) {
    COLUMNS.forEach((column, index) => setCell(report, applicationCell(row.key, column), row.values[index] ?? 0));
  }
  return report;
}

/** Whether a reading satisfies every sum of table 3 (T3.ROWSUM, T3.OUTCOMES, T3.BALANCE). */
function sumsHold(candidate: Candidate): boolean {
  if (!candidate.rows.every((row) => rowSumHolds(row.values))) return false;
  return brokenColumnRules(new Map(candidate.rows.map((row) => [row.key, row.values])), candidate.layout) === 0;
}

/** At most this many broken rules make a misprint: one wrong cell breaks a row and a column or two. */
const MISPRINT_RULES = 3;

/** The one reading breaking the fewest rules, if it breaks few and every other breaks more. */
function fewestBroken(candidates: readonly Candidate[]): Candidate | null {
  const scored = candidates
    .map((candidate) => ({
      candidate,
      broken:
        candidate.rows.filter((row) => !rowSumHolds(row.values)).length +
        brokenColumnRules(new Map(candidate.rows.map((row) => [row.key, row.values])), candidate.layout),
    }))
    .sort((a, b) => a.broken - b.broken);
  const [best, next] = scored;
  if (!best || best.broken > MISPRINT_RULES || (next && next.broken === best.broken)) return null;
  return best.candidate;
}

/** Candidates with different values, the first of each kept (candidates come in preference order). */
function distinct(candidates: readonly Candidate[]): Candidate[] {
  const byValues = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const key = `${candidate.layout}:${candidate.rows.map((row) => `${row.key}=${row.values.join(',')}`).join(';')}`;
    const kept = byValues.get(key);
    if (!kept) byValues.set(key, { ...candidate });
    else if (candidate.byOrder) kept.byOrder = true;
  }
  return [...byValues.values()];
}

/** A reading the sums confirm: its unsure rows are inferred. */
function confirmed(candidate: Candidate): Candidate {
  return { ...candidate, rows: candidate.rows.map((row) => (row.state === 'unsure' ? { ...row, state: 'inferred' } : row)) };
}

/** Several readings satisfy the sums: the first is kept, the cells they disagree on are listed. */
function ambiguous(candidates: readonly Candidate[]): Table3Choice {
  const chosen = confirmed(candidates[0] as Candidate);
  const reports = candidates.map(reportOf);
  const addresses = applicationRowKeysFor(chosen.layout).flatMap((row) => COLUMNS.map((column) => applicationCell(row, column)));
  const valueAt = (index: number, address: string): number => {
    const report = reports[index];
    return (report ? getCell(report, address) : undefined) ?? 0;
  };
  const sameLayout = candidates.every((candidate) => candidate.layout === chosen.layout);
  const differing = sameLayout ? addresses.filter((address) => candidates.some((_, index) => valueAt(index, address) !== valueAt(0, address))) : addresses;
  const choice = placed(chosen, [
    createFinding(
      'F.AMBIGUOUS',
      differing,
      `表三版式不确定，有 ${candidates.length} 种读法都符合表内勾稽关系，暂取第一种，请核对原文`,
      { candidates: candidates.map((_, index) => differing.map((address) => valueAt(index, address))) },
    ),
  ]);
  for (const address of differing) {
    const cell = choice.cells.get(address);
    if (cell) cell.certainty = 'uncertain';
  }
  return choice;
}

function placed(candidate: Candidate, findings: Finding[]): Table3Choice {
  const cells: Placement = new Map();
  for (const row of candidate.rows) {
    const certainty = row.state === 'exact' ? undefined : row.state === 'inferred' ? ('inferred' as const) : ('uncertain' as const);
    COLUMNS.forEach((column, index) => {
      const cell: PlacedCell = { value: row.values[index] ?? 0 };
      const provenance = row.provenance[index];
      if (provenance) cell.provenance = provenance;
      if (row.method) cell.method = row.method;
      if (certainty) cell.certainty = certainty;
      cells.set(applicationCell(row.key, column), cell);
    });
  }
  return { layout: candidate.layout, cells, runs: [], findings };
}

function unsettledRow(row: CandidateRow): UnsettledRow {
  return {
    label: `表三 ${APPLICATION_ROW[row.key].shortLabel}`,
    cells: COLUMNS.map((column) => applicationCell(row.key, column)),
    seen: row.seen,
  };
}
