import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { completionRateOf, inspectionPassRateAverageOf } from '@atlas/metrics';
import {
  emptyReadTotals,
  narrativeTotalsFromVector,
  type RollupTotals,
} from '../projection/analytics-fact';
import type * as R from '../analytics.types';
import { AnalyticsReader } from './analytics-reader';
import type { AnalyticsScope, ScopeAgency } from './analytics-scope';
import {
  agencyRef,
  type AnalyticsQuery,
  missingOf,
  OWN_GROUP,
  round,
  scopeRef,
  yearsBetween,
} from './answer-parts';
import { metricValue } from './metric-values';
import type { ComplianceQuery as Params } from './query-params';
import { sumTotals, type TotalsRead } from './totals-rows';
import { readQuery } from '../../../database/read-routing';

/**
 * 合规: per child region or agency × year, submission, timeliness, failing checks, inspection
 * pass and completion rates; a page in code order or worst first.
 */
@Injectable()
export class ComplianceQuery implements AnalyticsQuery<Params, R.ComplianceDto> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async answer(scope: AnalyticsScope, query: Params): Promise<R.ComplianceDto> {
    const years = yearsBetween(query.fromYear, query.toYear);
    const by = scope.subtree ? query.by : 'agency';
    return by === 'child'
      ? this.complianceByChild(scope, years, query)
      : this.complianceByAgency(scope, years, query);
  }

  private async complianceByChild(
    scope: AnalyticsScope,
    years: number[],
    query: Params,
  ): Promise<R.ComplianceDto> {
    const reader = new AnalyticsReader(this.dataSource);
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
      scope: scopeRef(scope),
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
    query: Params,
  ): Promise<R.ComplianceDto> {
    const reader = new AnalyticsReader(this.dataSource);
    const byProblems = query.sort === 'problems';
    // Sorting by problems needs every agency's cells before the page can be cut.
    const pageSql = byProblems ? '' : `LIMIT ${query.limit} OFFSET ${query.offset}`;
    const condition = reader.agencyScope(scope, 1);
    const [[{ total }], agencies] = await Promise.all([
      readQuery<{ total: string }[]>(
        this.dataSource,
        `SELECT count(*) AS total FROM analytics_agency a WHERE ${condition.sql}`,
        condition.params,
      ),
      this.dataSource.query<
        (ScopeAgency & { active_from_year: number | null; active_to_year: number | null })[]
      >(
        `SELECT a.id, a.code, a.name, a.path, a.active_from_year, a.active_to_year
           FROM analytics_agency a WHERE ${condition.sql}
          ORDER BY a.path ${pageSql}`,
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
      scope: scopeRef(scope),
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
  query: Pick<Params, 'limit' | 'offset'>,
  byProblems: boolean,
): R.ComplianceDto['rows'] {
  if (!byProblems) return rows;
  const ranked = rows.map((row, index) => ({ row, index, rank: complianceProblemRank(row) }));
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.slice(query.offset, query.offset + query.limit).map((r) => r.row);
}
