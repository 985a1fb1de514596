import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { metric, type MetricKey } from '@atlas/metrics';
import { AGENCY_KIND_LABELS, AGENCY_LEVEL_LABELS } from '../../agencies';
import { emptyReadTotals } from '../projection/analytics-fact';
import type * as R from '../analytics.types';
import { AnalyticsReader, type ExpectedCount } from './analytics-reader';
import type { AnalyticsScope } from './analytics-scope';
import { type AnalyticsQuery, OWN_GROUP, round, scopeRef, yearsBetween } from './answer-parts';
import { answeredWithoutCells, metricInfo, storedOrComputed, totalsReadFor } from './metric-values';
import type { TrendQuery as Params } from './query-params';
import { singleRowMetrics, sumTotals, type TotalsRow } from './totals-rows';

/** 趋势: metrics over a year range, for the scope or grouped by kind, level or child region. */
@Injectable()
export class TrendQuery implements AnalyticsQuery<Params, R.TrendDto> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async answer(scope: AnalyticsScope, query: Params): Promise<R.TrendDto> {
    const reader = new AnalyticsReader(this.dataSource);
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
      scope: scopeRef(scope),
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
}
