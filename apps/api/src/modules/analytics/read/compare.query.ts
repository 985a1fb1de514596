import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { metric, midRankPercentile, type MetricKey } from '@atlas/metrics';
import { emptyReadTotals, RANKED_METRIC_KEYS } from '../projection/analytics-fact';
import { metricNotComparable } from '../analytics.errors';
import type * as R from '../analytics.types';
import { AnalyticsReader } from './analytics-reader';
import type { AnalyticsScope } from './analytics-scope';
import { agencyRef, type AnalyticsQuery, change, round, scopeRef } from './answer-parts';
import { answeredWithoutCells, metricInfo, storedOrComputed, totalsReadFor } from './metric-values';
import type { CompareQuery as Params } from './query-params';
import {
  type CompareCandidates,
  type RankedAgencyRow,
  rankInMemory,
  type Ranking,
} from './ranking';
import { singleRowMetrics, sumTotals } from './totals-rows';
import { readQuery } from '../../../database/read-routing';

/**
 * 对比: child regions (ranked here, a few hundred at most) or agencies (ranked in SQL, one page
 * sent) by a metric, with rank, percentile, last year's value and a second metric.
 */
@Injectable()
export class CompareQuery implements AnalyticsQuery<Params, R.CompareDto> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async answer(scope: AnalyticsScope, query: Params): Promise<R.CompareDto> {
    const key = query.metric as MetricKey;
    const second = query.secondMetric as MetricKey | undefined;
    const by = scope.subtree ? query.by : 'agency';
    const ranking =
      by === 'child'
        ? rankInMemory(await this.compareChildren(scope, query.year, key, second), query)
        : await this.rankAgencies(scope, query, key, second);
    return {
      scope: scopeRef(scope),
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
    const reader = new AnalyticsReader(this.dataSource);
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
    query: Params,
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
    const reader = new AnalyticsReader(this.dataSource);
    const scoped = scope.subtree
      ? reader.pathCondition('v.agency_path', scope, 6)
      : { sql: 'v.agency_id = ANY($6::uuid[])', params: [scope.roots.map((root) => root.id)] };
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const [rows, totals] = await Promise.all([
      readQuery<RankedAgencyRow[]>(
        this.dataSource,
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
           LEFT JOIN analytics_agency a ON a.id = page.agency_id
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
}
