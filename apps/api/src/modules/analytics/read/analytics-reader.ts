import { CELL_LAYOUT, type CellTotals, NARRATIVE_TOTAL_KEYS } from '@atlas/metrics';
import type { EntityManager } from 'typeorm';
import {
  addRollupTotals,
  ALL_AGENCIES,
  countersOf,
  emptyReadTotals,
  ROLLUP_COUNTER_KEYS,
  type RollupTotals,
} from '../projection/analytics-fact';
import type { AnalyticsScope, ScopeAgency } from './analytics-scope';

/*
 * The SQL behind the analytics endpoints. Every read is bounded by the size of the answer, not
 * of the data: a region's year is a few roll-up rows; lists read one page of facts.
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
interface OwnFactRow {
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
type RollupRow = Partial<Record<CounterKey, number>> & {
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
function rollupColumnsSql(read: TotalsRead, byKindAndLevel: boolean): string {
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
function vectorColumns(column: string, selection: CellSelection): string[] {
  if (selection === 'all') return [column];
  return selection.map((index, k) => `${column}[${Math.trunc(index) + 1}] AS "${column}.${k}"`);
}

/** The elements vectorColumns selected, in selection order (null when none were). */
function vectorOf<T>(
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
const NARRATIVE_POSITIONS: readonly number[] = NARRATIVE_TOTAL_KEYS.map((_, i) => i);

function cellTotalsFromRow(
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
function storedMetricsFromRow(
  values: (number | null)[] | null,
  positions: readonly number[] | undefined,
): (number | null)[] | null {
  if (!positions || positions.length === 0 || values === null) return null;
  // Sparse: positions not read are holes (read as null by storedOrComputed).
  const metrics: (number | null)[] = [];
  for (let k = 0; k < positions.length; k++) metrics[positions[k]] = values[k] ?? null;
  return metrics;
}

function totalsFromRollupRow(row: RollupRow, read: TotalsRead): TotalsRow {
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

/** `path LIKE` conditions for the scope's subtrees, with their parameters. */
function subtreeCondition(
  column: string,
  roots: readonly ScopeAgency[],
  firstParam: number,
): { sql: string; params: string[] } {
  if (roots.length === 0) return { sql: 'false', params: [] };
  return {
    sql: `(${roots.map((_, i) => `${column} LIKE $${firstParam + i}`).join(' OR ')})`,
    params: roots.map((root) => `${escapeLike(root.path)}%`),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface ExpectedCount {
  readonly year: number;
  /** The root's child the agency lies under ('' for a root itself); only when grouped by child. */
  readonly childId: string;
  readonly agencyKind: string;
  readonly agencyLevel: string;
  readonly count: number;
}

export class AnalyticsReader {
  constructor(private readonly manager: EntityManager) {}

  /** Roll-up rows (subtree scope) or facts (single agencies) of the scope in the years. */
  async scopeTotals(
    scope: AnalyticsScope,
    years: readonly number[],
    read: TotalsRead,
    byKindAndLevel = false,
  ): Promise<TotalsRow[]> {
    const rootIds = scope.roots.map((root) => root.id);
    if (!scope.subtree) return this.ownTotals(rootIds, years, read);
    return this.rollupRows(rootIds, years, read, byKindAndLevel);
  }

  /**
   * Roll-up rows of the agencies: one per agency and year (all reporting agencies), or with
   * `byKindAndLevel` one per kind and level of the reporting agencies.
   */
  async rollupRows(
    nodeIds: readonly string[],
    years: readonly number[],
    read: TotalsRead,
    byKindAndLevel = false,
  ): Promise<TotalsRow[]> {
    if (nodeIds.length === 0) return [];
    const rows = await this.manager.query<RollupRow[]>(
      `SELECT ${rollupColumnsSql(read, byKindAndLevel)}
         FROM analytics_rollup
        WHERE node_id = ANY($1::uuid[]) AND year = ANY($2::int[])
          AND agency_kind ${byKindAndLevel ? '<>' : '='} '${ALL_AGENCIES}'`,
      [nodeIds, years],
    );
    return rows.map((row) => totalsFromRollupRow(row, read));
  }

  /** The agencies' own reports (not those below them) as totals rows keyed by agency. */
  async ownTotals(
    agencyIds: readonly string[],
    years: readonly number[],
    read: TotalsRead,
  ): Promise<TotalsRow[]> {
    if (agencyIds.length === 0) return [];
    // Rules only for their counts or the carry-over counter (arrays are slow to parse).
    const withRules =
      read.rules || (read.counters ?? ROLLUP_COUNTER_KEYS).includes('carryOverCount');
    const columns = [
      ...(read.narrative ? vectorColumns('narrative', NARRATIVE_POSITIONS) : []),
      ...vectorColumns('metrics', read.metrics ?? []),
      ...vectorColumns('cells', read.cells),
    ];
    const rows = await this.manager.query<OwnFactRow[]>(
      `SELECT agency_id, year, agency_kind, agency_level, agency_active, status, on_time,
              days_late, error_count, warning_count,
              ${withRules ? 'failing_rules' : 'NULL AS failing_rules'}
              ${columns.map((column) => `, ${column}`).join('')}
         FROM analytics_report
        WHERE agency_id = ANY($1::uuid[]) AND year = ANY($2::int[])`,
      [agencyIds, years],
    );
    return rows.map((row) => {
      const failingRules = row.failing_rules ?? [];
      const values = vectorOf<string>(row, read.cells, 'cells') ?? [];
      const totals: RollupTotals = {
        ...countersOf({
          onTime: row.on_time,
          daysLate: row.days_late,
          errorCount: row.error_count,
          warningCount: row.warning_count,
          status: row.status,
          agencyActive: row.agency_active,
          failingRules,
        }),
        cells: cellTotalsFromRow(
          values,
          values.map((value) => (value === null ? 0 : 1)),
          read.cells,
        ),
        narrative: read.narrative
          ? (vectorOf<number>(row, NARRATIVE_POSITIONS, 'narrative') ?? []).map((v) => v ?? 0)
          : [],
        ruleCounts: read.rules ? Object.fromEntries(failingRules.map((rule) => [rule, 1])) : {},
      };
      return {
        nodeId: row.agency_id,
        year: row.year,
        agencyKind: row.agency_kind,
        agencyLevel: row.agency_level,
        totals,
        metrics: storedMetricsFromRow(
          vectorOf<number>(row, read.metrics ?? [], 'metrics'),
          read.metrics,
        ),
      };
    });
  }

  /** The direct children of the roots, in code order. */
  async childrenOf(roots: readonly ScopeAgency[]): Promise<(ScopeAgency & { parentId: string })[]> {
    if (roots.length === 0) return [];
    return this.manager.query(
      `SELECT id, code, name, path, parent_id AS "parentId" FROM analytics_agency
        WHERE parent_id = ANY($1::uuid[]) ORDER BY code`,
      [roots.map((root) => root.id)],
    );
  }

  /**
   * Agencies expected to report each year (active that year), counted per kind and level and,
   * when asked, per child of the roots.
   */
  async expectedCounts(
    scope: AnalyticsScope,
    years: readonly number[],
    byChild: boolean,
  ): Promise<ExpectedCount[]> {
    if (scope.roots.length === 0 || years.length === 0) return [];
    const rootIds = scope.roots.map((root) => root.id);
    // Subtrees are counted in advance (analytics_expected, one row per kind, level and active
    // years); a root's own agency is its child group ''. Grouped by active years, then spread
    // over the years here: no agency × year product in SQL.
    const groups = await this.manager.query<
      {
        child_id: string;
        kind: string;
        level: string;
        active_from_year: number | null;
        active_to_year: number | null;
        count: number;
      }[]
    >(
      !scope.subtree
        ? `SELECT '' AS child_id, a.kind, a.level, a.active_from_year, a.active_to_year, 1 AS count
             FROM analytics_agency a WHERE a.id = ANY($1::uuid[])`
        : byChild
          ? `SELECT e.node_id::text AS child_id, e.agency_kind AS kind, e.agency_level AS level,
                    e.active_from_year, e.active_to_year, e.agency_count AS count
               FROM analytics_agency c JOIN analytics_expected e ON e.node_id = c.id
              WHERE c.parent_id = ANY($1::uuid[])
             UNION ALL
             SELECT '', a.kind, a.level, a.active_from_year, a.active_to_year, 1
               FROM analytics_agency a WHERE a.id = ANY($1::uuid[])`
          : `SELECT '' AS child_id, e.agency_kind AS kind, e.agency_level AS level,
                    e.active_from_year, e.active_to_year, e.agency_count AS count
               FROM analytics_expected e WHERE e.node_id = ANY($1::uuid[])`,
      [rootIds],
    );
    const counts = new Map<string, ExpectedCount>();
    for (const group of groups) {
      for (const year of years) {
        if (group.active_from_year !== null && group.active_from_year > year) continue;
        if (group.active_to_year !== null && group.active_to_year < year) continue;
        const key = `${year}|${group.child_id}|${group.kind}|${group.level}`;
        const previous = counts.get(key)?.count ?? 0;
        counts.set(key, {
          year,
          childId: group.child_id,
          agencyKind: group.kind,
          agencyLevel: group.level,
          count: previous + Number(group.count),
        });
      }
    }
    return [...counts.values()];
  }

  /** `column LIKE` the scope's subtree paths, parameters from `firstParam`. */
  pathCondition(
    column: string,
    scope: AnalyticsScope,
    firstParam: number,
  ): { sql: string; params: unknown[] } {
    return subtreeCondition(column, scope.roots, firstParam);
  }

  /** SQL condition on analytics_report (alias f) for the scope, with its parameters from `firstParam`. */
  factScope(scope: AnalyticsScope, firstParam: number): { sql: string; params: unknown[] } {
    if (!scope.subtree)
      return {
        sql: `f.agency_id = ANY($${firstParam}::uuid[])`,
        params: [scope.roots.map((root) => root.id)],
      };
    return subtreeCondition('f.agency_path', scope.roots, firstParam);
  }

  /**
   * The same for analytics_agency (alias a), on its path index ("C" order): lists ordered by
   * `a.path` then read their page off the index instead of sorting the subtree.
   */
  agencyScope(scope: AnalyticsScope, firstParam: number): { sql: string; params: unknown[] } {
    if (!scope.subtree)
      return {
        sql: `a.id = ANY($${firstParam}::uuid[])`,
        params: [scope.roots.map((root) => root.id)],
      };
    return subtreeCondition('a.path', scope.roots, firstParam);
  }

  /** A value that changes whenever anything the scope's answers depend on changes. */
  async revision(scope: AnalyticsScope): Promise<string> {
    const rootIds = scope.roots.map((root) => root.id);
    const [row] = await this.manager.query<{ data: string | null; tree: string }[]>(
      scope.subtree
        ? `SELECT (SELECT max(revision) FROM analytics_rollup WHERE node_id = ANY($1::uuid[]))::text AS data,
                  (SELECT tree_revision FROM analytics_state WHERE id = 1)::text AS tree`
        : `SELECT (SELECT max(revision) FROM analytics_report WHERE agency_id = ANY($1::uuid[]))::text AS data,
                  (SELECT tree_revision FROM analytics_state WHERE id = 1)::text AS tree`,
      [rootIds],
    );
    return `${row?.data ?? '0'}.${row?.tree ?? '0'}`;
  }
}
