import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  applicationCell,
  PROACTIVE_COLUMN_2019,
  PROACTIVE_COLUMN_2021,
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type Finding,
} from '@atlas/report-model';
import {
  CELL_LAYOUT,
  cellTotalsSource,
  completionRateOf,
  inspectionPassRateAverageOf,
  layoutIndexOf,
  metric,
  midRankPercentile,
  percentileRanks,
  yearOverYearChange,
  type MetricKey,
  type YearOverYearChange,
} from '@atlas/metrics';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AGENCY_KIND_LABELS, AGENCY_LEVEL_LABELS } from '../agencies/agency-taxonomy';
import {
  emptyReadTotals,
  ROLLUP_COUNTER_KEYS,
  FACT_METRIC_KEYS,
  RANKED_METRIC_KEYS,
  narrativeTotalsFromVector,
  type RollupTotals,
} from './analytics-fact';
import {
  AnalyticsReader,
  COUNTERS_ONLY,
  type ExpectedCount,
  singleRowMetrics,
  sumTotals,
  type TotalsRead,
  type TotalsRow,
} from './analytics-reader';
import {
  resolveScope,
  scopeKey,
  type AnalyticsScope,
  type ScopeAgency,
  type ScopeLookups,
} from './analytics-scope';
import { metricNotComparable } from './analytics.errors';
import {
  answeredWithoutCells,
  metricInfo,
  metricValue,
  storedOrComputed,
  totalsReadFor,
} from './metric-values';
import type * as Q from './dto/analytics-query.dto';
import type * as R from './analytics.types';

/** Headline figures of the overview, in display order. */
export const OVERVIEW_METRICS: readonly MetricKey[] = [
  'applicationsReceived',
  'applicationsHandled',
  'disclosureRate',
  'reviewCount',
  'reviewCorrectionRate',
  'litigationCount',
  'litigationCorrectionRate',
  'normativeDocumentsInForce',
  'licensingDecisions',
  'penaltyDecisions',
  'publishedItemsTotal',
  'inspectionPassRateAverage',
  'completionRate',
  'onTimeRate',
  'reportsWithErrors',
  'missingReports',
];

const SPARKLINE_YEARS = 5;
const OWN_GROUP = '__own__';

function yearsBetween(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function agencyRef(agency: { id: string; code: string; name: string }): R.AgencyRef {
  return { id: agency.id, code: agency.code, name: agency.name };
}

function round(value: number | null, digits = 4): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function change(current: number | null, previous: number | null): YearOverYearChange | null {
  const c = yearOverYearChange(current, previous);
  return c === null ? null : { absolute: round(c.absolute) ?? 0, percent: round(c.percent, 2) };
}

/**
 * The read side of analytics. Each method resolves the caller's scope, reads roll-ups or one
 * page of facts, and evaluates metrics with the shared catalogue.
 */
@Injectable()
export class AnalyticsQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private reader(): AnalyticsReader {
    return new AnalyticsReader(this.dataSource.manager);
  }

  private readonly lookups: ScopeLookups = {
    agenciesByIds: (ids) =>
      ids.length === 0
        ? Promise.resolve([])
        : this.dataSource.query<ScopeAgency[]>(
            'SELECT id, code, name, path FROM agency WHERE id = ANY($1::uuid[]) ORDER BY path',
            [ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id))],
          ),
    treeRoots: () =>
      this.dataSource.query<ScopeAgency[]>(
        'SELECT id, code, name, path FROM agency WHERE parent_id IS NULL ORDER BY code',
      ),
  };

  async scope(user: AuthUser, query: Q.ScopeQuery): Promise<AnalyticsScope> {
    return resolveScope(user, query, this.lookups);
  }

  /** The cache validator of a scope's answers: changes when a report or agency in it changes. */
  async etag(scope: AnalyticsScope, request: string): Promise<string> {
    const revision = await this.reader().revision(scope);
    return `W/"${Buffer.from(`${scopeKey(scope)}|${request}`)
      .toString('base64url')
      .slice(0, 40)}-${revision}"`;
  }

  private scopeRef(scope: AnalyticsScope): R.ScopeRef {
    return { agencies: scope.roots.map(agencyRef), subtree: scope.subtree };
  }

  // ── overview ───────────────────────────────────────────────────────────────────────────────

  async overview(scope: AnalyticsScope, year: number): Promise<R.OverviewDto> {
    const reader = this.reader();
    const years = yearsBetween(year - SPARKLINE_YEARS + 1, year);
    const [rows, expected] = await Promise.all([
      reader.scopeTotals(scope, years, {
        ...totalsReadFor(OVERVIEW_METRICS, false),
        // Submissions and issues need every counter.
        counters: ROLLUP_COUNTER_KEYS,
        rules: true,
      }),
      reader.expectedCounts(scope, years, false),
    ]);
    const byYear = sumTotals(rows, (row) => row.year);
    const expectedByYear = new Map<number, number>();
    for (const e of expected)
      expectedByYear.set(e.year, (expectedByYear.get(e.year) ?? 0) + e.count);
    const totalsOf = (y: number) => byYear.get(y) ?? emptyReadTotals();
    const current = totalsOf(year);
    const previous = totalsOf(year - 1);
    // The year's totals are already read: the issues list only reads its page.
    const issues = await this.qualityOf(
      scope,
      { year, limit: 5, offset: 0 },
      current,
      expectedByYear.get(year) ?? 0,
    );

    return {
      scope: this.scopeRef(scope),
      year,
      kpis: OVERVIEW_METRICS.map((key) => {
        const value = metricValue(key, current, expectedByYear.get(year) ?? 0);
        const before = byYear.has(year - 1)
          ? metricValue(key, previous, expectedByYear.get(year - 1) ?? 0)
          : null;
        return {
          metric: metricInfo(key),
          value: round(value),
          previous: round(before),
          change: change(value, before),
          sparkline: years.map((y) => ({
            year: y,
            value: byYear.has(y)
              ? round(metricValue(key, totalsOf(y), expectedByYear.get(y) ?? 0))
              : null,
          })),
        };
      }),
      submissions: {
        expected: expectedByYear.get(year) ?? 0,
        submitted: current.reportCount,
        onTime: current.onTimeCount,
        late: current.reportCount - current.onTimeCount,
        missing: missingOf(expectedByYear.get(year) ?? 0, current),
        accepted: current.acceptedCount,
        returned: current.returnedCount,
        withErrors: current.errorReportCount,
        withWarnings: current.warningReportCount,
      },
      issues: issues.items,
      issueCounts: issues.counts,
    };
  }

  // ── trend ──────────────────────────────────────────────────────────────────────────────────

  async trend(scope: AnalyticsScope, query: Q.TrendQuery): Promise<R.TrendDto> {
    const reader = this.reader();
    const keys = query.metrics as MetricKey[];
    const years = yearsBetween(query.fromYear, query.toYear);
    const groupBy = scope.subtree ? query.groupBy : 'none';
    // One root, all agencies or children: each group-year is one row with its metric values
    // stored, so no cells are read.
    const stored =
      scope.roots.length === 1 &&
      (groupBy === 'none' || groupBy === 'child') &&
      answeredWithoutCells(keys);
    const read = totalsReadFor(keys, stored);

    let rows: TotalsRow[];
    let groupOf: (row: TotalsRow) => string;
    let groups: R.GroupRef[];
    const byChild = groupBy === 'child';
    // Started at once, awaited with the rows (Promise.all: a failure is never left unhandled).
    const expectedCounts = reader.expectedCounts(scope, years, byChild);
    let expected: ExpectedCount[];
    let expectedGroupOf: (e: ExpectedCount) => string;

    if (byChild) {
      const [{ children, childRows }, ownRows, counts] = await Promise.all([
        reader.childrenOf(scope.roots).then(async (children) => ({
          children,
          childRows: await reader.rollupRows(
            children.map((c) => c.id),
            years,
            read,
          ),
        })),
        reader.ownTotals(
          scope.roots.map((r) => r.id),
          years,
          read,
        ),
        expectedCounts,
      ]);
      expected = counts;
      rows = [...childRows, ...ownRows.map((row) => ({ ...row, nodeId: OWN_GROUP }))];
      groupOf = (row) => row.nodeId;
      expectedGroupOf = (e) => (e.childId === '' ? OWN_GROUP : e.childId);
      groups = [
        ...children.map((c) => ({ key: c.id, name: c.name, code: c.code })),
        { key: OWN_GROUP, name: '本级', code: null },
      ];
    } else {
      [rows, expected] = await Promise.all([
        reader.scopeTotals(scope, years, read, groupBy === 'kind' || groupBy === 'level'),
        expectedCounts,
      ]);
      if (groupBy === 'kind' || groupBy === 'level') {
        const labels: Record<string, string> =
          groupBy === 'kind' ? AGENCY_KIND_LABELS : AGENCY_LEVEL_LABELS;
        groupOf = (row) => (groupBy === 'kind' ? row.agencyKind : row.agencyLevel);
        expectedGroupOf = (e) => (groupBy === 'kind' ? e.agencyKind : e.agencyLevel);
        const present = new Set([...rows.map(groupOf), ...expected.map(expectedGroupOf)]);
        groups = Object.keys(labels)
          .filter((key) => present.has(key))
          .map((key) => ({ key, name: labels[key], code: null }));
      } else {
        groupOf = () => 'all';
        expectedGroupOf = () => 'all';
        groups = [{ key: 'all', name: '合计', code: null }];
      }
    }

    const totals = sumTotals(rows, (row) => `${groupOf(row)}|${row.year}`);
    const storedValues = stored
      ? singleRowMetrics(rows, (row) => `${groupOf(row)}|${row.year}`)
      : new Map<string, null>();
    const expectedByGroupYear = new Map<string, number>();
    for (const e of expected) {
      const key = `${expectedGroupOf(e)}|${e.year}`;
      expectedByGroupYear.set(key, (expectedByGroupYear.get(key) ?? 0) + e.count);
    }
    return {
      scope: this.scopeRef(scope),
      fromYear: query.fromYear,
      toYear: query.toYear,
      groupBy,
      metrics: keys.map(metricInfo),
      series: keys.flatMap((key) =>
        groups.map((group) => ({
          metric: key,
          group,
          points: years.map((year) => {
            const groupYear = `${group.key}|${year}`;
            const sum = totals.get(groupYear);
            return {
              year,
              value:
                sum || metric(key).source === 'quality'
                  ? round(
                      storedOrComputed(
                        key,
                        sum ?? emptyReadTotals(),
                        expectedByGroupYear.get(groupYear) ?? 0,
                        storedValues.get(groupYear),
                      ),
                    )
                  : null,
              reports: sum?.reportCount ?? 0,
            };
          }),
        })),
      ),
    };
  }

  // ── compare ────────────────────────────────────────────────────────────────────────────────

  async compare(scope: AnalyticsScope, query: Q.CompareQuery): Promise<R.CompareDto> {
    const key = query.metric as MetricKey;
    const second = query.secondMetric as MetricKey | undefined;
    const by = scope.subtree ? query.by : 'agency';
    const ranking =
      by === 'child'
        ? rankInMemory(await this.compareChildren(scope, query.year, key, second), query)
        : await this.rankAgencies(scope, query, key, second);
    return {
      scope: this.scopeRef(scope),
      year: query.year,
      by,
      metric: metricInfo(key),
      secondMetric: second ? metricInfo(second) : null,
      total: ranking.stats.count,
      withoutValue: ranking.compared - ranking.stats.count,
      stats: ranking.stats,
      items: ranking.items,
    };
  }

  private async compareChildren(
    scope: AnalyticsScope,
    year: number,
    key: MetricKey,
    second: MetricKey | undefined,
  ): Promise<CompareCandidates> {
    const reader = this.reader();
    const keys = second ? [key, second] : [key];
    // Each child-year is one row of all agencies, with its metric values stored.
    const read = totalsReadFor(keys, answeredWithoutCells(keys));
    const [{ children, rows }, expected] = await Promise.all([
      reader.childrenOf(scope.roots).then(async (children) => ({
        children,
        rows: await reader.rollupRows(
          children.map((c) => c.id),
          [year - 1, year],
          read,
        ),
      })),
      reader.expectedCounts(scope, [year - 1, year], true),
    ]);
    const totals = sumTotals(rows, (row) => `${row.nodeId}|${row.year}`);
    const stored = singleRowMetrics(rows, (row) => `${row.nodeId}|${row.year}`);
    const expectedByChildYear = new Map<string, number>();
    for (const e of expected) {
      const childYear = `${e.childId}|${e.year}`;
      expectedByChildYear.set(childYear, (expectedByChildYear.get(childYear) ?? 0) + e.count);
    }
    const expectedCount = (id: string, y: number) => expectedByChildYear.get(`${id}|${y}`) ?? 0;
    const valueOf = (k: MetricKey, id: string, y: number) => {
      const sum = totals.get(`${id}|${y}`);
      if (!sum && metric(k).source !== 'quality') return null;
      return storedOrComputed(
        k,
        sum ?? emptyReadTotals(),
        expectedCount(id, y),
        stored.get(`${id}|${y}`),
      );
    };
    const entries = children.map((child) => ({
      agency: agencyRef(child),
      value: valueOf(key, child.id, year),
      secondValue: second ? valueOf(second, child.id, year) : null,
      previous: valueOf(key, child.id, year - 1),
      reports: totals.get(`${child.id}|${year}`)?.reportCount ?? 0,
    }));
    return { entries, compared: entries.length };
  }

  /**
   * Agencies ranked in SQL from analytics_metric_value (one index range per year and metric);
   * only the page leaves the database, with its previous-year and second-metric values.
   * Agencies without a value (no report, or a ratio over 0) have no row: counted, not ranked.
   */
  private async rankAgencies(
    scope: AnalyticsScope,
    query: Q.CompareQuery,
    key: MetricKey,
    second: MetricKey | undefined,
  ): Promise<Ranking> {
    const metricNumber = (k: MetricKey): number => {
      const index = RANKED_METRIC_KEYS.indexOf(k);
      if (index < 0) throw metricNotComparable(metricInfo(k).nameZh);
      return index;
    };
    const first = metricNumber(key);
    const other = second ? metricNumber(second) : null;
    const reader = this.reader();
    const scoped = scope.subtree
      ? reader.pathCondition('v.agency_path', scope, 6)
      : { sql: 'v.agency_id = ANY($6::uuid[])', params: [scope.roots.map((root) => root.id)] };
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const [rows, totals] = await Promise.all([
      this.dataSource.query<RankedAgencyRow[]>(
        // Ranks without window functions (which spool every row): the scope's values sorted
        // once into an array, and each page row's position found in it by binary search
        // (width_bucket counts the elements ≤ its operand; on the negated descending array, ≥).
        `WITH scoped AS NOT MATERIALIZED (
           SELECT v.agency_id, v.agency_code, v.agency_path, v.value
             FROM analytics_metric_value v
            WHERE v.year = $1 AND v.metric = $2 AND ${scoped.sql}
         ), sorted AS (
           SELECT array_agg(value ORDER BY value) AS ascending,
                  array_agg(-value ORDER BY value DESC) AS negated,
                  avg(value) AS mean
             FROM scoped
         ), page AS (
           SELECT * FROM scoped ORDER BY value ${direction}, agency_code LIMIT $4 OFFSET $5
         )
         SELECT coalesce(cardinality(sorted.ascending), 0) AS count,
                sorted.ascending[1] AS min,
                sorted.ascending[cardinality(sorted.ascending)] AS max,
                sorted.mean,
                (sorted.ascending[(cardinality(sorted.ascending) + 1) / 2]
                  + sorted.ascending[cardinality(sorted.ascending) / 2 + 1]) / 2 AS median,
                page.agency_id, a.code AS agency_code, a.name AS agency_name, page.value,
                cardinality(sorted.ascending) - width_bucket(-page.value, sorted.negated) AS below,
                width_bucket(page.value, sorted.ascending) AS at_or_below,
                p.value AS previous, s.value AS second_value
           FROM sorted
           LEFT JOIN page ON true
           LEFT JOIN agency a ON a.id = page.agency_id
           LEFT JOIN analytics_metric_value p
             ON p.year = $1 - 1 AND p.metric = $2 AND p.agency_path = page.agency_path
           LEFT JOIN analytics_metric_value s
             ON s.year = $1 AND s.metric = $3 AND s.agency_path = page.agency_path
          ORDER BY page.value ${direction}, page.agency_code`,
        [query.year, first, other ?? -1, query.limit, query.offset, ...scoped.params],
      ),
      reader.scopeTotals(scope, [query.year], { cells: [], counters: ['reportCount'] }),
    ]);
    const stats = rows[0];
    const count = stats?.count ?? 0;
    const items = rows
      .filter((row) => row.agency_id !== null)
      .map((row) => {
        const value = row.value as number;
        return {
          agency: {
            id: row.agency_id as string,
            code: row.agency_code ?? '',
            name: row.agency_name ?? '',
          },
          value: round(value),
          secondValue: round(row.second_value),
          // Competition ranking: equal values share a rank.
          rank:
            direction === 'ASC'
              ? (row.below as number) + 1
              : count - (row.at_or_below as number) + 1,
          percentile: round(
            midRankPercentile(
              row.below as number,
              (row.at_or_below as number) - (row.below as number),
              count,
            ),
            2,
          ),
          previous: round(row.previous),
          change: change(value, row.previous),
          reports: 1,
        };
      });
    const reports = totals.reduce((sum, row) => sum + row.totals.reportCount, 0);
    return {
      items,
      // Reports without a value are compared too.
      compared: Math.max(reports, count),
      stats: {
        count,
        min: round(stats?.min ?? null),
        max: round(stats?.max ?? null),
        mean: round(stats?.mean ?? null),
        median: round(stats?.median ?? null),
      },
    };
  }

  // ── year over year ─────────────────────────────────────────────────────────────────────────

  async yoy(scope: AnalyticsScope, year: number, baseYear: number): Promise<R.YoyDto> {
    const rows = await this.reader().scopeTotals(scope, [baseYear, year], {
      cells: 'all',
      narrative: true,
    });
    const byYear = sumTotals(rows, (row) => row.year);
    const current = byYear.get(year) ?? emptyReadTotals();
    const base = byYear.get(baseYear) ?? emptyReadTotals();
    const currentSource = cellTotalsSource(current.cells);
    const baseSource = cellTotalsSource(base.cells);
    const cells = CELL_LAYOUT.filter(
      (address) => currentSource.has(address) || baseSource.has(address),
    ).map((address) => {
      const now = currentSource.has(address) ? currentSource.cell(address) : null;
      const before = baseSource.has(address) ? baseSource.cell(address) : null;
      return {
        address,
        ...cellLabels(address),
        current: now,
        base: before,
        change: change(now, before),
      };
    });
    const keys = METRIC_KEYS_FOR_YOY;
    return {
      scope: this.scopeRef(scope),
      year,
      baseYear,
      reports: { current: current.reportCount, base: base.reportCount },
      metrics: keys.map((key) => {
        const now = current.reportCount ? metricValue(key, current, null) : null;
        const before = base.reportCount ? metricValue(key, base, null) : null;
        return {
          metric: metricInfo(key),
          current: round(now),
          base: round(before),
          change: change(now, before),
        };
      }),
      cells,
    };
  }

  // ── breakdown ──────────────────────────────────────────────────────────────────────────────

  async breakdown(scope: AnalyticsScope, year: number): Promise<R.BreakdownDto> {
    const rows = await this.reader().scopeTotals(scope, [year], {
      cells: applicationSelection(),
    });
    const totals = sumTotals(rows, () => year).get(year) ?? emptyReadTotals();
    const source = cellTotalsSource(totals.cells);
    const present = APPLICATION_ROWS.filter((row) =>
      APPLICANT_COLUMNS.some((column) => source.has(applicationCell(row.key, column.key))),
    );
    return {
      scope: this.scopeRef(scope),
      year,
      reports: totals.reportCount,
      columns: APPLICANT_COLUMNS.map((c) => ({ key: c.key, label: c.label, labelEn: c.labelEn })),
      rows: present.map((row) => ({
        key: row.key,
        label: row.label,
        shortLabel: row.shortLabel,
        labelEn: row.labelEn,
        outcome: row.outcome,
        values: Object.fromEntries(
          APPLICANT_COLUMNS.map((c) => [c.key, source.cell(applicationCell(row.key, c.key))]),
        ),
      })),
    };
  }

  // ── compliance ─────────────────────────────────────────────────────────────────────────────

  async compliance(scope: AnalyticsScope, query: Q.ComplianceQuery): Promise<R.ComplianceDto> {
    const years = yearsBetween(query.fromYear, query.toYear);
    const by = scope.subtree ? query.by : 'agency';
    return by === 'child'
      ? this.complianceByChild(scope, years, query)
      : this.complianceByAgency(scope, years, query);
  }

  private async complianceByChild(
    scope: AnalyticsScope,
    years: number[],
    query: Q.ComplianceQuery,
  ): Promise<R.ComplianceDto> {
    const reader = this.reader();
    const byProblems = query.sort === 'problems';
    // The page's groups and their rows, while the expected reports are counted.
    const [{ groups, page, childRows, ownRows }, expected] = await Promise.all([
      reader.childrenOf(scope.roots).then(async (children) => {
        const groups = [
          ...children.map((c) => ({
            key: c.id,
            agency: agencyRef(c) as R.AgencyRef | null,
            name: c.name,
          })),
          ...scope.roots.map(() => ({ key: OWN_GROUP, agency: null, name: '本级' })).slice(0, 1),
        ];
        // Only the page's groups are read, unless every group is needed to sort by problems.
        const page = byProblems ? groups : groups.slice(query.offset, query.offset + query.limit);
        const pageChildren = page.filter((group) => group.key !== OWN_GROUP).map((g) => g.key);
        const withOwn = page.some((group) => group.key === OWN_GROUP);
        const [childRows, ownRows] = await Promise.all([
          reader.rollupRows(pageChildren, years, COMPLIANCE_READ),
          withOwn
            ? reader.ownTotals(
                scope.roots.map((r) => r.id),
                years,
                COMPLIANCE_READ,
              )
            : Promise.resolve([]),
        ]);
        return { groups, page, childRows, ownRows };
      }),
      reader.expectedCounts(scope, years, true),
    ]);
    const totals = sumTotals(
      [...childRows, ...ownRows.map((row) => ({ ...row, nodeId: OWN_GROUP }))],
      (row) => `${row.nodeId}|${row.year}`,
    );
    const expectedCounts = new Map<string, number>();
    for (const e of expected) {
      const key = `${e.childId === '' ? OWN_GROUP : e.childId}|${e.year}`;
      expectedCounts.set(key, (expectedCounts.get(key) ?? 0) + e.count);
    }
    return {
      scope: this.scopeRef(scope),
      fromYear: query.fromYear,
      toYear: query.toYear,
      by: 'child',
      total: groups.length,
      rows: pageOf(
        page.map((group) => ({
          agency: group.agency,
          name: group.name,
          years: years.map((year) =>
            complianceCell(
              year,
              totals.get(`${group.key}|${year}`) ?? emptyReadTotals(),
              expectedCounts.get(`${group.key}|${year}`) ?? 0,
            ),
          ),
        })),
        query,
        byProblems,
      ),
    };
  }

  private async complianceByAgency(
    scope: AnalyticsScope,
    years: number[],
    query: Q.ComplianceQuery,
  ): Promise<R.ComplianceDto> {
    const reader = this.reader();
    const byProblems = query.sort === 'problems';
    // Sorting by problems needs every agency's cells before the page can be cut.
    const pageSql = byProblems ? '' : `LIMIT ${query.limit} OFFSET ${query.offset}`;
    const condition = reader.agencyScope(scope, 1);
    const [[{ total }], agencies] = await Promise.all([
      this.dataSource.query<{ total: string }[]>(
        `SELECT count(*) AS total FROM agency a WHERE ${condition.sql}`,
        condition.params,
      ),
      this.dataSource.query<
        (ScopeAgency & { active_from_year: number | null; active_to_year: number | null })[]
      >(
        `SELECT a.id, a.code, a.name, a.path, a.active_from_year, a.active_to_year
           FROM agency a WHERE ${condition.sql}
          ORDER BY a.path COLLATE "C" ${pageSql}`,
        condition.params,
      ),
    ]);
    const facts = await reader.ownTotals(
      agencies.map((a) => a.id),
      years,
      COMPLIANCE_READ,
    );
    const byKey = new Map(facts.map((row) => [`${row.nodeId}|${row.year}`, row.totals]));
    return {
      scope: this.scopeRef(scope),
      fromYear: query.fromYear,
      toYear: query.toYear,
      by: 'agency',
      total: Number(total),
      rows: pageOf(
        agencies.map((agency) => ({
          agency: agencyRef(agency),
          name: agency.name,
          years: years.map((year) => {
            const active =
              (agency.active_from_year === null || agency.active_from_year <= year) &&
              (agency.active_to_year === null || agency.active_to_year >= year);
            return complianceCell(
              year,
              byKey.get(`${agency.id}|${year}`) ?? emptyReadTotals(),
              active ? 1 : 0,
            );
          }),
        })),
        query,
        byProblems,
      ),
    };
  }

  // ── quality ────────────────────────────────────────────────────────────────────────────────

  async quality(scope: AnalyticsScope, query: Q.QualityQuery): Promise<R.QualityDto> {
    const reader = this.reader();
    const year = query.year;
    const [rows, expected] = await Promise.all([
      reader.scopeTotals(scope, [year], { ...COUNTERS_ONLY, rules: true }),
      reader.expectedCounts(scope, [year], false),
    ]);
    return this.qualityOf(
      scope,
      query,
      sumTotals(rows, () => year).get(year) ?? emptyReadTotals(),
      expected.reduce((sum, e) => sum + e.count, 0),
    );
  }

  /** The quality answer from the year's totals and expected reports of the scope. */
  private async qualityOf(
    scope: AnalyticsScope,
    query: Q.QualityQuery,
    totals: RollupTotals,
    expectedCount: number,
  ): Promise<R.QualityDto> {
    const year = query.year;
    const counts: R.QualityCounts = {
      submitted: totals.reportCount,
      missing: missingOf(expectedCount, totals),
      late: totals.reportCount - totals.onTimeCount,
      failing: totals.errorReportCount,
      warningOnly: totals.warningOnlyCount,
      carryOverMismatches: totals.carryOverCount,
    };
    const rules = Object.entries(totals.ruleCounts)
      .map(([rule, reports]) => ({ rule, reports }))
      .sort((a, b) => b.reports - a.reports || (a.rule < b.rule ? -1 : 1));

    // One list, most serious first: failing reports, missing ones, late ones (without errors),
    // then reports with warnings only. Each section is read only as far as the page reaches.
    const rule = query.rule ?? null;
    const byRule = rule ? await this.ruleSectionSizes(scope, year, rule) : null;
    const sections = (
      [
        { type: 'failing', size: byRule ? byRule.failing : counts.failing },
        { type: 'missing', size: byRule ? 0 : counts.missing },
        { type: 'late', size: byRule ? 0 : totals.lateCleanCount },
        { type: 'warning', size: byRule ? byRule.warning : counts.warningOnly },
      ] as const
    ).filter((section) => !query.type || section.type === query.type);

    const items: R.QualityItem[] = [];
    let skip = query.offset;
    for (const section of sections) {
      const want = query.limit - items.length;
      if (want <= 0 || section.size === 0) continue;
      if (skip >= section.size) {
        skip -= section.size;
        continue;
      }
      items.push(...(await this.qualitySection(scope, year, section.type, rule, want, skip)));
      skip = 0;
    }
    const total = sections.reduce((sum, section) => sum + section.size, 0);
    await this.attachFindings(items, rule);
    return { scope: this.scopeRef(scope), year, counts, rules, total, items };
  }

  /** One page of one kind of quality problem. */
  private async qualitySection(
    scope: AnalyticsScope,
    year: number,
    type: R.QualityItem['type'],
    rule: string | null,
    limit: number,
    offset: number,
  ): Promise<(R.QualityItem & { versionId: string | null })[]> {
    const reader = this.reader();
    if (type === 'missing') {
      const agencies = reader.agencyScope(scope, 2);
      const rows = await this.dataSource.query<UnitRow[]>(
        `SELECT a.id, a.code, a.name FROM agency a
          WHERE ${agencies.sql} AND ${ACTIVE_SQL}
            AND NOT EXISTS (SELECT 1 FROM analytics_report f WHERE f.agency_id = a.id AND f.year = $1)
          ORDER BY a.path COLLATE "C" LIMIT ${limit} OFFSET ${offset}`,
        [year, ...agencies.params],
      );
      return rows.map((row) => ({
        type,
        agency: agencyRef(row),
        reportId: null,
        versionId: null,
        errorCount: 0,
        warningCount: 0,
        daysLate: null,
        onTime: null,
        findings: [],
      }));
    }
    const facts = reader.factScope(scope, 3);
    const filter = {
      failing: 'f.error_count > 0',
      late: 'NOT f.on_time AND f.error_count = 0',
      warning: 'f.error_count = 0 AND f.warning_count > 0',
    }[type];
    const order = {
      failing: 'f.error_count DESC, f.agency_path',
      late: 'f.days_late DESC, f.agency_path',
      warning: 'f.warning_count DESC, f.agency_path',
    }[type];
    const rows = await this.dataSource.query<QualityItemRow[]>(
      `SELECT f.agency_id, f.report_id, f.version_id, f.error_count, f.warning_count,
              f.days_late, f.on_time, a.code, a.name
         FROM analytics_report f JOIN agency a ON a.id = f.agency_id
        WHERE f.year = $1 AND ${facts.sql} AND ${filter}
          AND ($2::text IS NULL OR $2 = ANY(f.failing_rules))
        ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      [year, rule, ...facts.params],
    );
    return rows.map((row) => ({
      type,
      agency: { id: row.agency_id, code: row.code, name: row.name },
      reportId: row.report_id,
      versionId: row.version_id,
      errorCount: row.error_count,
      warningCount: row.warning_count,
      daysLate: row.days_late,
      onTime: row.on_time,
      findings: [],
    }));
  }

  /** With a rule filter: how many failing and warning-only reports have that rule. */
  private async ruleSectionSizes(
    scope: AnalyticsScope,
    year: number,
    rule: string,
  ): Promise<{ failing: number; warning: number }> {
    const facts = this.reader().factScope(scope, 3);
    const [row] = await this.dataSource.query<{ failing: string; warning: string }[]>(
      `SELECT count(*) FILTER (WHERE f.error_count > 0) AS failing,
              count(*) FILTER (WHERE f.error_count = 0 AND f.warning_count > 0) AS warning
         FROM analytics_report f
        WHERE f.year = $1 AND $2 = ANY(f.failing_rules) AND ${facts.sql}`,
      [year, rule, ...facts.params],
    );
    return { failing: Number(row?.failing ?? 0), warning: Number(row?.warning ?? 0) };
  }

  /** Reads the findings of the listed reports only (in place), keeping one rule if asked. */
  private async attachFindings(items: R.QualityItem[], rule: string | null): Promise<void> {
    const withVersion = items as (R.QualityItem & { versionId?: string | null })[];
    const versionIds = withVersion
      .map((item) => item.versionId)
      .filter((id): id is string => typeof id === 'string');
    const findings = new Map<string, Finding[]>(
      versionIds.length === 0
        ? []
        : (
            await this.dataSource.query<{ id: string; findings: Finding[] }[]>(
              'SELECT id, findings FROM report_version WHERE id = ANY($1::uuid[])',
              [versionIds],
            )
          ).map((row) => [row.id, row.findings]),
    );
    for (const item of withVersion) {
      item.findings = (item.versionId ? (findings.get(item.versionId) ?? []) : [])
        .filter((f) => rule === null || f.rule === rule)
        .map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, cells: f.cells }));
      delete item.versionId;
    }
  }

  // ── roll-up ────────────────────────────────────────────────────────────────────────────────

  /** The units in and out of the sum are listed by their code (a path of ids has no order a reader sees). */
  async rollup(scope: AnalyticsScope, query: Q.RollupQuery): Promise<R.RollupDto> {
    const reader = this.reader();
    const year = query.year;
    const facts = reader.factScope(scope, 2);
    const agencies = reader.agencyScope(scope, 2);
    const [rows, expected, included] = await Promise.all([
      reader.scopeTotals(scope, [year], { cells: 'all' }),
      reader.expectedCounts(scope, [year], false),
      this.dataSource.query<UnitRow[]>(
        `SELECT a.id, a.code, a.name, f.report_id, f.status, f.on_time, f.days_late, f.error_count
           FROM analytics_report f JOIN agency a ON a.id = f.agency_id
          WHERE f.year = $1 AND ${facts.sql}
          ORDER BY a.code COLLATE "C", a.name LIMIT ${query.limit} OFFSET ${query.offset}`,
        [year, ...facts.params],
      ),
    ]);
    const totals = sumTotals(rows, () => year).get(year) ?? emptyReadTotals();
    const missingTotal = missingOf(
      expected.reduce((sum, e) => sum + e.count, 0),
      totals,
    );
    const missing =
      missingTotal === 0
        ? []
        : await this.dataSource.query<UnitRow[]>(
            `SELECT a.id, a.code, a.name FROM agency a
              WHERE ${agencies.sql} AND ${ACTIVE_SQL}
                AND NOT EXISTS (SELECT 1 FROM analytics_report f WHERE f.agency_id = a.id AND f.year = $1)
              ORDER BY a.code COLLATE "C", a.name LIMIT ${query.limit} OFFSET ${query.offset}`,
            [year, ...agencies.params],
          );
    const source = cellTotalsSource(totals.cells);
    const formatVersion = year >= 2021 ? '2021' : '2019';
    const proactiveRows = formatVersion === '2021' ? PROACTIVE_ROWS_2021 : PROACTIVE_ROWS_2019;
    const proactiveColumns =
      formatVersion === '2021' ? PROACTIVE_COLUMN_2021 : PROACTIVE_COLUMN_2019;
    const cellOf = (address: string) => (source.has(address) ? source.cell(address) : null);
    return {
      scope: this.scopeRef(scope),
      year,
      formatVersion,
      reports: totals.reportCount,
      proactive: proactiveRows.map((row) => ({
        key: row.key,
        label: row.label,
        clause: row.clause,
        cells: row.columns.map((column) => ({
          column,
          label: (proactiveColumns as Record<string, { label: string }>)[column].label,
          value: cellOf(`proactive.${row.key}.${column}`),
        })),
      })),
      applications: APPLICATION_ROWS.filter((row) =>
        APPLICANT_COLUMNS.some((c) => source.has(applicationCell(row.key, c.key))),
      ).map((row) => ({
        key: row.key,
        label: row.label,
        headings: [...row.headings],
        values: Object.fromEntries(
          APPLICANT_COLUMNS.map((c) => [c.key, cellOf(applicationCell(row.key, c.key))]),
        ),
      })),
      reviewLitigation: REVIEW_GROUPS.map((group) => ({
        key: group.key,
        label: group.label,
        values: Object.fromEntries(
          REVIEW_COLUMNS.map((c) => [c.key, cellOf(`reviewLitigation.${group.key}.${c.key}`)]),
        ),
      })),
      units: {
        included: totals.reportCount,
        missing: missingTotal,
        includedList: included.map((u) => ({
          agency: agencyRef(u),
          reportId: u.report_id,
          status: u.status,
          onTime: u.on_time,
          daysLate: u.days_late,
          errorCount: u.error_count,
        })),
        missingList: missing.map((u) => ({ agency: agencyRef(u) })),
      },
    };
  }
}

/** What a ranking ranks: the entries, and how many units were compared (with or without value). */
interface CompareCandidates {
  entries: CompareEntry[];
  compared: number;
}

/** One page of a ranking, with the statistics of every ranked value. */
interface Ranking {
  items: R.CompareItem[];
  /** Units compared, with or without a value. */
  compared: number;
  stats: R.CompareDto['stats'];
}

interface RankedAgencyRow {
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  median: number | null;
  /** Null on the one row of an empty page. */
  agency_id: string | null;
  agency_code: string | null;
  agency_name: string | null;
  value: number | null;
  below: number | null;
  at_or_below: number | null;
  previous: number | null;
  second_value: number | null;
}

/** A ranking of a few hundred units at most (child regions), computed here. */
function rankInMemory(candidates: CompareCandidates, query: Q.CompareQuery): Ranking {
  const ranked = candidates.entries.filter((e) => e.value !== null) as (CompareEntry & {
    value: number;
  })[];
  const percentiles = percentileRanks(ranked.map((e) => e.value));
  const direction = query.order === 'asc' ? 1 : -1;
  const order = ranked
    .map((entry, i) => ({ entry, percentile: percentiles[i] }))
    .sort(
      (a, b) =>
        direction * (a.entry.value - b.entry.value) ||
        (a.entry.agency.code < b.entry.agency.code ? -1 : 1),
    );
  // Competition ranking: equal values share a rank.
  let rank = 0;
  const items = order.map(({ entry, percentile }, i) => {
    if (i === 0 || order[i - 1].entry.value !== entry.value) rank = i + 1;
    return {
      agency: entry.agency,
      value: round(entry.value),
      secondValue: round(entry.secondValue),
      rank,
      percentile: round(percentile, 2),
      previous: round(entry.previous),
      change: change(entry.value, entry.previous),
      reports: entry.reports,
    };
  });
  const values = ranked.map((e) => e.value).sort((a, b) => a - b);
  const mid = values.length / 2;
  return {
    items: items.slice(query.offset, query.offset + query.limit),
    compared: candidates.compared,
    stats: {
      count: values.length,
      min: round(values[0] ?? null),
      max: round(values[values.length - 1] ?? null),
      mean: round(values.length ? values.reduce((s, v) => s + v, 0) / values.length : null),
      median: round(
        values.length === 0
          ? null
          : values.length % 2
            ? values[Math.floor(mid)]
            : (values[mid - 1] + values[mid]) / 2,
      ),
    },
  };
}

interface CompareEntry {
  agency: R.AgencyRef;
  value: number | null;
  secondValue: number | null;
  previous: number | null;
  reports: number;
}

interface QualityItemRow {
  type: 'failing' | 'missing' | 'late' | 'warning';
  agency_id: string;
  report_id: string | null;
  version_id: string | null;
  error_count: number;
  warning_count: number;
  days_late: number;
  on_time: boolean | null;
  code: string;
  name: string;
}

interface UnitRow {
  id: string;
  code: string;
  name: string;
  report_id: string | null;
  status: string | null;
  on_time: boolean | null;
  days_late: number | null;
  error_count: number | null;
}

/**
 * Active agencies without a report: expected minus the reports of active agencies (each has at
 * most one a year), so a report from an inactive agency never hides a missing one.
 */
function missingOf(expected: number, totals: RollupTotals): number {
  return Math.max(0, expected - totals.activeReportCount);
}

/** The agency (alias a) is active in year $1. */
const ACTIVE_SQL = `(a.active_from_year IS NULL OR a.active_from_year <= $1)
  AND (a.active_to_year IS NULL OR a.active_to_year >= $1)`;

const METRIC_KEYS_FOR_YOY: readonly MetricKey[] = FACT_METRIC_KEYS as MetricKey[];

function applicationSelection(): number[] {
  return APPLICATION_ROWS.flatMap((row) =>
    APPLICANT_COLUMNS.map((c) => layoutIndexOf(applicationCell(row.key, c.key)) ?? -1),
  ).filter((i) => i >= 0);
}

/** Compliance needs the counters and the narrative totals (pass and completion rates). */
const COMPLIANCE_READ: TotalsRead = {
  cells: [],
  narrative: true,
  counters: [
    'reportCount',
    'onTimeCount',
    'errorReportCount',
    'warningReportCount',
    'activeReportCount',
  ],
};

function complianceCell(year: number, totals: RollupTotals, expected: number): R.ComplianceCell {
  const narrative = narrativeTotalsFromVector(totals.narrative);
  const missing = missingOf(expected, totals);
  return {
    year,
    expected,
    submitted: totals.reportCount,
    onTime: totals.onTimeCount,
    late: totals.reportCount - totals.onTimeCount,
    missing,
    withErrors: totals.errorReportCount,
    withWarnings: totals.warningReportCount,
    onTimeRate: round(metricValue('onTimeRate', totals, expected)),
    inspectionPassRate: round(inspectionPassRateAverageOf(narrative)),
    completionRate: round(completionRateOf(narrative)),
    status:
      expected === 0 && totals.reportCount === 0
        ? 'not-expected'
        : missing > 0
          ? 'missing'
          : totals.errorReportCount > 0
            ? 'failing'
            : totals.onTimeCount < totals.reportCount
              ? 'late'
              : totals.warningReportCount > 0
                ? 'warning'
                : 'ok',
  };
}

/**
 * Worst first: a row is as bad as its worst year. Warnings come after the problems the brief
 * of the page names (missing, failing, late) and before clean rows.
 */
const PROBLEM_ORDER: readonly R.ComplianceCell['status'][] = [
  'missing',
  'failing',
  'late',
  'warning',
  'ok',
  'not-expected',
];

function complianceProblemRank(row: { years: readonly R.ComplianceCell[] }): number {
  return Math.min(PROBLEM_ORDER.length, ...row.years.map((c) => PROBLEM_ORDER.indexOf(c.status)));
}

/**
 * The requested page of rows already in code order: cut as is, or with `byProblems` after a
 * stable sort by the row's worst status (rows of one class stay in code order).
 */
function pageOf(
  rows: R.ComplianceDto['rows'],
  query: Pick<Q.ComplianceQuery, 'limit' | 'offset'>,
  byProblems: boolean,
): R.ComplianceDto['rows'] {
  if (!byProblems) return rows;
  const ranked = rows.map((row, index) => ({ row, index, rank: complianceProblemRank(row) }));
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.slice(query.offset, query.offset + query.limit).map((r) => r.row);
}

/** Labels of a cell address for side-by-side tables. */
function cellLabels(address: string): { table: string; row: string; column: string } {
  const [table] = address.split('.');
  const rowKey = address.slice(table.length + 1, address.lastIndexOf('.'));
  const columnKey = address.slice(address.lastIndexOf('.') + 1);
  if (table === 'applications') {
    const row = APPLICATION_ROWS.find((r) => r.key === rowKey);
    const column = APPLICANT_COLUMNS.find((c) => c.key === columnKey);
    return {
      table: '表三',
      row: row ? [...row.headings, row.label].join(' ') : rowKey,
      column: column?.shortLabel ?? columnKey,
    };
  }
  if (table === 'reviewLitigation') {
    const row = REVIEW_GROUPS.find((r) => r.key === rowKey);
    const column = REVIEW_COLUMNS.find((c) => c.key === columnKey);
    return { table: '表四', row: row?.label ?? rowKey, column: column?.label ?? columnKey };
  }
  const row = [...PROACTIVE_ROWS_2021, ...PROACTIVE_ROWS_2019].find((r) => r.key === rowKey);
  const column =
    (PROACTIVE_COLUMN_2021 as Record<string, { label: string }>)[columnKey] ??
    (PROACTIVE_COLUMN_2019 as Record<string, { label: string }>)[columnKey];
  return { table: '表二', row: row?.label ?? rowKey, column: column?.label ?? columnKey };
}
