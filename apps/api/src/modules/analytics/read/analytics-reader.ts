import type { DataSource } from 'typeorm';
import {
  ALL_AGENCIES,
  countersOf,
  ROLLUP_COUNTER_KEYS,
  type RollupTotals,
} from '../projection/analytics-fact';
import { activeSql } from '../projection/agency-projection';
import type { AnalyticsScope, ScopeAgency } from './analytics-scope';
import {
  cellTotalsFromRow,
  NARRATIVE_POSITIONS,
  type OwnFactRow,
  type RollupRow,
  rollupColumnsSql,
  storedMetricsFromRow,
  totalsFromRollupRow,
  type TotalsRead,
  type TotalsRow,
  vectorColumns,
  vectorOf,
} from './totals-rows';
import { readQuery } from '../../../database/read-routing';

/*
 * The SQL behind the analytics answers, over analytics' own tables only. Every read is bounded
 * by the size of the answer, not of the data: a region's year is a few roll-up rows; lists read
 * one page of facts.
 */

/**
 * `path LIKE` the scope's subtrees with at most one parameter, whatever the number of roots
 * (a flat tree of 34,000 roots once sent one parameter each, past PostgreSQL's limit): none for
 * the whole tree, the one prefix for one root (served by the path index), else one array.
 */
function subtreeCondition(
  column: string,
  scope: AnalyticsScope,
  firstParam: number,
): { sql: string; params: string[] | string[][] } {
  if (scope.wholeTree) return { sql: 'true', params: [] };
  const prefixes = scope.roots.map((root) => `${escapeLike(root.path)}%`);
  if (prefixes.length === 0) return { sql: 'false', params: [] };
  if (prefixes.length === 1) return { sql: `${column} LIKE $${firstParam}`, params: prefixes };
  return { sql: `${column} LIKE ANY($${firstParam}::text[])`, params: [prefixes] };
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
  constructor(private readonly dataSource: DataSource) {}

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
    const rows = await readQuery<RollupRow[]>(
      this.dataSource,
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
    const rows = await readQuery<OwnFactRow[]>(
      this.dataSource,
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
    return readQuery(
      this.dataSource,
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
    const groups = await readQuery<
      {
        child_id: string;
        kind: string;
        level: string;
        active_from_year: number | null;
        active_to_year: number | null;
        count: number;
      }[]
    >(
      this.dataSource,
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
    return subtreeCondition(column, scope, firstParam);
  }

  /** SQL condition on analytics_report (alias f) for the scope, with its parameters from `firstParam`. */
  factScope(scope: AnalyticsScope, firstParam: number): { sql: string; params: unknown[] } {
    if (!scope.subtree)
      return {
        sql: `f.agency_id = ANY($${firstParam}::uuid[])`,
        params: [scope.roots.map((root) => root.id)],
      };
    return subtreeCondition('f.agency_path', scope, firstParam);
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
    return subtreeCondition('a.path', scope, firstParam);
  }

  /**
   * One page of the scope's agencies that were due a report in the year and have none, in tree
   * order or by code.
   */
  async missingAgencies(
    scope: AnalyticsScope,
    year: number,
    order: 'tree' | 'code',
    page: { limit: number; offset: number },
  ): Promise<{ id: string; code: string; name: string }[]> {
    const agencies = this.agencyScope(scope, 2);
    return readQuery(
      this.dataSource,
      `SELECT a.id, a.code, a.name FROM analytics_agency a
        WHERE ${agencies.sql} AND ${activeSql('a', '$1')}
          AND NOT EXISTS (SELECT 1 FROM analytics_report f WHERE f.agency_id = a.id AND f.year = $1)
        ORDER BY ${order === 'tree' ? 'a.path' : 'a.code COLLATE "C", a.name'}
        LIMIT ${page.limit} OFFSET ${page.offset}`,
      [year, ...agencies.params],
    );
  }

  /**
   * Values that change whenever anything the scope's answers depend on changes: its reports'
   * (`data`) and the tree's.
   */
  async revision(scope: AnalyticsScope): Promise<{ data: string; tree: string }> {
    const rootIds = scope.roots.map((root) => root.id);
    const [row] = await readQuery<{ data: string | null; tree: string }[]>(
      this.dataSource,
      scope.subtree
        ? `SELECT (SELECT max(revision) FROM analytics_rollup WHERE node_id = ANY($1::uuid[]))::text AS data,
                  (SELECT tree_revision FROM analytics_state WHERE id = 1)::text AS tree`
        : `SELECT (SELECT max(revision) FROM analytics_report WHERE agency_id = ANY($1::uuid[]))::text AS data,
                  (SELECT tree_revision FROM analytics_state WHERE id = 1)::text AS tree`,
      [rootIds],
    );
    return { data: row?.data ?? '0', tree: row?.tree ?? '0' };
  }
}
