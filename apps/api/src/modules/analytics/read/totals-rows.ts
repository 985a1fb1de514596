import { CELL_LAYOUT, type CellTotals, NARRATIVE_TOTAL_KEYS } from '@atlas/metrics';
import {
  addRollupTotals,
  ALL_AGENCIES,
  emptyReadTotals,
  ROLLUP_COUNTER_KEYS,
  type RollupTotals,
} from '../projection/analytics-fact';

/*
 * Totals as the analytics reads select and return them: which counters and array elements a
 * read asks for, and rows of roll-ups or facts turned back into RollupTotals.
 */

/** Totals of a set of reports, labelled with where they come from. */
export interface TotalsRow {
  readonly nodeId: string;
  readonly year: number;
  readonly agencyKind: string;
  readonly agencyLevel: string;
  readonly totals: RollupTotals;
  /**
   * The metric values stored with the row (FACT_METRIC_KEYS order): on the rows of all agencies
   * and on facts; null elsewhere. Valid for this row alone, never for a sum of rows.
   */
  readonly metrics: readonly (number | null)[] | null;
}

export type CounterKey = (typeof ROLLUP_COUNTER_KEYS)[number];

/** A fact as ownTotals selects it. */
export interface OwnFactRow {
  agency_id: string;
  year: number;
  agency_kind: string;
  agency_level: string;
  agency_active: boolean;
  status: string;
  on_time: boolean;
  days_late: number;
  error_count: number;
  warning_count: number;
  failing_rules: string[] | null;
  /** Selected elements of the arrays, see vectorColumns. */
  [vectorElement: string]: unknown;
}

/** A roll-up row as selected: counters under their RollupTotals names, the rest if read. */
export type RollupRow = Partial<Record<CounterKey, number>> & {
  node_id: string;
  year: number;
  agency_kind?: string;
  agency_level?: string;
  rule_counts?: Record<string, number>;
  /** Selected elements of the arrays, see vectorColumns. */
  [vectorElement: string]: unknown;
};

/** reportCount → report_count */
function counterColumn(key: CounterKey): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * The select list of roll-up rows for a read: only what it asks for, since every column of a
 * thousand rows is parsed in the API (most of such an answer's time).
 */
export function rollupColumnsSql(read: TotalsRead, byKindAndLevel: boolean): string {
  const columns = ['node_id', 'year'];
  if (byKindAndLevel) columns.push('agency_kind', 'agency_level');
  for (const key of read.counters ?? ROLLUP_COUNTER_KEYS)
    columns.push(`${counterColumn(key)} AS "${key}"`);
  if (read.rules) columns.push('rule_counts');
  if (read.narrative) columns.push(...vectorColumns('narrative', NARRATIVE_POSITIONS));
  columns.push(
    ...vectorColumns('metrics', read.metrics ?? []),
    ...vectorColumns('cells', read.cells),
    ...vectorColumns('cell_counts', read.cells),
  );
  return columns.join(', ');
}

/**
 * Which cells to read: all of them, or the layout positions a metric needs (reading 250 numbers
 * per row when a chart needs three is most of a request's time).
 */
export type CellSelection = 'all' | readonly number[];

/**
 * What to read of each roll-up row or fact besides its counters. Reading only what an answer
 * needs is most of its speed: a row's arrays are parsed number by number in the API.
 */
export interface TotalsRead {
  /** Cells: all of them, or the layout positions the metrics need. */
  readonly cells: CellSelection;
  /** Stored metric values, by FACT_METRIC_KEYS position (see TotalsRow.metrics). */
  readonly metrics?: readonly number[];
  /** Narrative totals (narrative metrics, compliance). */
  readonly narrative?: boolean;
  /** Reports failing each rule (quality). */
  readonly rules?: boolean;
  /** The counters to read (the others read as 0); all when not given. */
  readonly counters?: readonly CounterKey[];
}

/** Counters alone: report counts, timeliness, findings, workflow states. */
export const COUNTERS_ONLY: TotalsRead = { cells: [] };

/**
 * The selected elements of an array column as select items: the whole array for 'all',
 * otherwise one scalar column per element ("column.k"). node-postgres parses arrays in
 * JavaScript character by character and scalars natively: on a thousand rows, two stored
 * values read as an array cost more than the rest of the row.
 */
export function vectorColumns(column: string, selection: CellSelection): string[] {
  if (selection === 'all') return [column];
  return selection.map((index, k) => `${column}[${Math.trunc(index) + 1}] AS "${column}.${k}"`);
}

/** The elements vectorColumns selected, in selection order (null when none were). */
export function vectorOf<T>(
  row: Record<string, unknown>,
  selection: CellSelection,
  column: string,
): (T | null)[] | null {
  if (selection === 'all') return (row[column] as (T | null)[] | null) ?? null;
  if (selection.length === 0) return null;
  const values = new Array<T | null>(selection.length);
  for (let k = 0; k < selection.length; k++)
    values[k] = (row[`${column}.${k}`] as T | null | undefined) ?? null;
  return values;
}

/** Every narrative total, in NARRATIVE_TOTAL_KEYS order. */
export const NARRATIVE_POSITIONS: readonly number[] = NARRATIVE_TOTAL_KEYS.map((_, i) => i);

export function cellTotalsFromRow(
  sums: (string | number | null)[] | null,
  counts: (number | null)[] | null,
  selection: CellSelection,
): CellTotals {
  // Nothing read, nothing kept: empty arrays add nothing (see addCellTotals).
  if (selection !== 'all' && selection.length === 0) return { sums: [], counts: [] };
  const positions = selection === 'all' ? null : selection;
  // Up to the last position read (selections are sorted): the rest reads as zeros.
  const size = positions ? Math.max(...positions) + 1 : CELL_LAYOUT.length;
  const totals: CellTotals = {
    sums: new Array<number>(size).fill(0),
    counts: new Array<number>(size).fill(0),
  };
  const length = positions ? positions.length : (sums?.length ?? 0);
  for (let k = 0; k < length; k++) {
    const index = positions ? positions[k] : k;
    if (index >= CELL_LAYOUT.length) continue;
    totals.sums[index] = Number(sums?.[k] ?? 0);
    totals.counts[index] = Number(counts?.[k] ?? 0);
  }
  return totals;
}

/** Stored metric values read by position, back at their FACT_METRIC_KEYS positions. */
export function storedMetricsFromRow(
  values: (number | null)[] | null,
  positions: readonly number[] | undefined,
): (number | null)[] | null {
  if (!positions || positions.length === 0 || values === null) return null;
  // Sparse: positions not read are holes (read as null by storedOrComputed).
  const metrics: (number | null)[] = [];
  for (let k = 0; k < positions.length; k++) metrics[positions[k]] = values[k] ?? null;
  return metrics;
}

export function totalsFromRollupRow(row: RollupRow, read: TotalsRead): TotalsRow {
  const totals = emptyReadTotals();
  for (const key of read.counters ?? ROLLUP_COUNTER_KEYS) totals[key] = row[key] ?? 0;
  totals.cells = cellTotalsFromRow(
    vectorOf<string>(row, read.cells, 'cells'),
    vectorOf<number>(row, read.cells, 'cell_counts'),
    read.cells,
  );
  if (read.narrative)
    totals.narrative = (vectorOf<number>(row, NARRATIVE_POSITIONS, 'narrative') ?? []).map(
      (value) => value ?? 0,
    );
  if (row.rule_counts) totals.ruleCounts = row.rule_counts;
  return {
    nodeId: row.node_id,
    year: row.year,
    agencyKind: row.agency_kind ?? ALL_AGENCIES,
    agencyLevel: row.agency_level ?? ALL_AGENCIES,
    totals,
    metrics: storedMetricsFromRow(
      vectorOf<number>(row, read.metrics ?? [], 'metrics'),
      read.metrics,
    ),
  };
}

/** The stored metric values of the keys that have exactly one row (see TotalsRow.metrics). */
export function singleRowMetrics<K>(
  rows: readonly TotalsRow[],
  keyOf: (row: TotalsRow) => K,
): Map<K, readonly (number | null)[] | null> {
  const seen = new Map<K, readonly (number | null)[] | null>();
  const repeated = new Set<K>();
  for (const row of rows) {
    const key = keyOf(row);
    if (seen.has(key)) repeated.add(key);
    seen.set(key, row.metrics);
  }
  for (const key of repeated) seen.set(key, null);
  return seen;
}

/** Sums rows into one total per group key. */
export function sumTotals<K>(
  rows: readonly TotalsRow[],
  keyOf: (row: TotalsRow) => K,
): Map<K, RollupTotals> {
  const sums = new Map<K, RollupTotals>();
  // A group of one row is that row's totals (most groups: a child-year, a year); a copy is made
  // only when a second row comes, so the rows' own totals are never changed.
  const copied = new Set<K>();
  for (const row of rows) {
    const key = keyOf(row);
    const sum = sums.get(key);
    if (!sum) {
      sums.set(key, row.totals);
    } else if (copied.has(key)) {
      addRollupTotals(sum, row.totals);
    } else {
      copied.add(key);
      sums.set(key, addRollupTotals(addRollupTotals(emptyReadTotals(), sum), row.totals));
    }
  }
  return sums;
}
