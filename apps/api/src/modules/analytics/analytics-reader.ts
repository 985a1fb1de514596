import { CELL_LAYOUT, type CellTotals } from '@atlas/metrics';
import type { EntityManager } from 'typeorm';
import {
  addRollupTotals,
  ALL_AGENCIES,
  contributionOf,
  emptyReadTotals,
  type RollupTotals,
} from './analytics-fact';
import { factFromRow } from './analytics-index.service';
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

interface RollupRow {
  node_id: string;
  year: number;
  agency_kind: string;
  agency_level: string;
  report_count: number;
  on_time_count: number;
  days_late_sum: number;
  error_report_count: number;
  warning_report_count: number;
  accepted_count: number;
  returned_count: number;
  active_report_count: number;
  warning_only_count: number;
  late_clean_count: number;
  carry_over_count: number;
  rule_counts: Record<string, number> | null;
  metrics: (number | null)[] | null;
  cells: (string | null)[];
  cell_counts: (number | null)[];
  narrative: number[] | null;
}

/** The read's optional columns of a roll-up row or fact, as select-list expressions. */
function optionalColumnsSql(read: TotalsRead, rulesSql: string): string {
  return [
    read.rules ? `${rulesSql} AS rule_counts` : 'NULL AS rule_counts',
    read.narrative ? 'narrative' : 'NULL AS narrative',
    read.metrics && read.metrics.length > 0
      ? `${cellsSql('metrics', read.metrics)} AS metrics`
      : 'NULL AS metrics',
  ].join(', ');
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
}

/** Counters alone: report counts, timeliness, findings, workflow states. */
export const COUNTERS_ONLY: TotalsRead = { cells: [] };

/** The selected elements as an array expression (positions are integers from the layout). */
function cellsSql(column: string, selection: CellSelection): string {
  if (selection === 'all') return column;
  if (selection.length === 0) return 'NULL';
  const positions = selection.map((index) => `${column}[${Math.trunc(index) + 1}]`);
  return `ARRAY[${positions.join(', ')}]`;
}

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
  const metrics = new Array<number | null>(Math.max(...positions) + 1).fill(null);
  positions.forEach((position, k) => (metrics[position] = values[k] ?? null));
  return metrics;
}

function totalsFromRollupRow(row: RollupRow, read: TotalsRead): TotalsRow {
  return {
    nodeId: row.node_id,
    year: row.year,
    agencyKind: row.agency_kind,
    agencyLevel: row.agency_level,
    totals: {
      reportCount: row.report_count,
      onTimeCount: row.on_time_count,
      daysLateSum: row.days_late_sum,
      errorReportCount: row.error_report_count,
      warningReportCount: row.warning_report_count,
      acceptedCount: row.accepted_count,
      returnedCount: row.returned_count,
      activeReportCount: row.active_report_count,
      warningOnlyCount: row.warning_only_count,
      lateCleanCount: row.late_clean_count,
      carryOverCount: row.carry_over_count,
      cells: cellTotalsFromRow(row.cells, row.cell_counts, read.cells),
      narrative: row.narrative ?? [],
      ruleCounts: row.rule_counts ?? {},
    },
    metrics: storedMetricsFromRow(row.metrics, read.metrics),
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
      `SELECT node_id, year, agency_kind, agency_level, report_count, on_time_count, days_late_sum,
              error_report_count, warning_report_count, accepted_count, returned_count,
              active_report_count, warning_only_count, late_clean_count, carry_over_count,
              ${optionalColumnsSql(read, 'rule_counts')},
              ${cellsSql('cells', read.cells)} AS cells,
              ${cellsSql('cell_counts', read.cells)} AS cell_counts
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
    const rows = await this.manager.query(
      `SELECT report_id, version_id, agency_id, year, agency_path, agency_kind, agency_level,
              agency_active, status, submitted_at, on_time, days_late, error_count, warning_count,
              failing_rules, ${read.narrative ? 'narrative' : 'NULL AS narrative'},
              ${read.metrics && read.metrics.length > 0 ? cellsSql('metrics', read.metrics) : 'NULL'} AS metrics,
              ${cellsSql('cells', read.cells)} AS cells
         FROM analytics_report
        WHERE agency_id = ANY($1::uuid[]) AND year = ANY($2::int[])`,
      [agencyIds, years],
    );
    return rows.map((row: Parameters<typeof factFromRow>[0]) => {
      const fact = factFromRow({ ...row, cells: [], narrative: row.narrative ?? [] });
      const totals = contributionOf(fact);
      if (!read.rules) totals.ruleCounts = {};
      const values = (row.cells ?? []) as (string | null)[];
      const counts = values.map((value) => (value === null ? 0 : 1));
      totals.cells = cellTotalsFromRow(values, counts, read.cells);
      return {
        nodeId: fact.agencyId,
        year: fact.year,
        agencyKind: fact.agencyKind,
        agencyLevel: fact.agencyLevel,
        totals,
        metrics: storedMetricsFromRow(row.metrics, read.metrics),
      };
    });
  }

  /** The direct children of the roots, in code order. */
  async childrenOf(roots: readonly ScopeAgency[]): Promise<(ScopeAgency & { parentId: string })[]> {
    if (roots.length === 0) return [];
    return this.manager.query(
      `SELECT id, code, name, path, parent_id AS "parentId" FROM agency
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
             FROM agency a WHERE a.id = ANY($1::uuid[])`
        : byChild
          ? `SELECT e.node_id::text AS child_id, e.agency_kind AS kind, e.agency_level AS level,
                    e.active_from_year, e.active_to_year, e.agency_count AS count
               FROM agency c JOIN analytics_expected e ON e.node_id = c.id
              WHERE c.parent_id = ANY($1::uuid[])
             UNION ALL
             SELECT '', a.kind, a.level, a.active_from_year, a.active_to_year, 1
               FROM agency a WHERE a.id = ANY($1::uuid[])`
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

  /** The same for the agency table (alias a). */
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
