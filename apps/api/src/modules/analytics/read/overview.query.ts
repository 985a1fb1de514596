import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MetricKey } from '@atlas/metrics';
import { DataSource } from 'typeorm';
import { emptyReadTotals, ROLLUP_COUNTER_KEYS } from '../projection/analytics-fact';
import type * as R from '../analytics.types';
import { AnalyticsReader } from './analytics-reader';
import type { AnalyticsScope } from './analytics-scope';
import {
  type AnalyticsQuery,
  change,
  missingOf,
  round,
  scopeRef,
  yearsBetween,
} from './answer-parts';
import { metricInfo, metricValue, totalsReadFor } from './metric-values';
import { QualityQuery } from './quality.query';
import { sumTotals } from './totals-rows';

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

/** 总览: the headline figures with last year's and a sparkline, submissions, the worst problems. */
@Injectable()
export class OverviewQuery implements AnalyticsQuery<number, R.OverviewDto> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly quality: QualityQuery,
  ) {}

  async answer(scope: AnalyticsScope, year: number): Promise<R.OverviewDto> {
    const reader = new AnalyticsReader(this.dataSource);
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
    const issues = await this.quality.answerFrom(
      scope,
      { year, limit: 5, offset: 0 },
      current,
      expectedByYear.get(year) ?? 0,
    );

    return {
      scope: scopeRef(scope),
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
}
