import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  cellMetricSample,
  cellTotalsSource,
  metric,
  type MetricKey,
  type MetricObservation,
} from '@atlas/metrics';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../common/auth/auth-user';
import type { RollupTotals } from '../projection/analytics-fact';
import { AnalyticsReader } from './analytics-reader';
import { AnalyticsScopes } from './analytics-scopes.service';
import { metricValue, totalsReadFor } from './metric-values';
import { sumTotals, type TotalsRead } from './totals-rows';
import { readQuery } from '../../../database/read-routing';

export type ObservedValues = Partial<Record<MetricKey, MetricObservation>>;

/** One agency's own report of the year, with the metrics observed on it. */
export interface ObservedAgency {
  readonly agencyId: string;
  readonly code: string;
  readonly name: string;
  readonly reportId: string;
  readonly values: ObservedValues;
}

/** A region's year: the metrics on all its reports together, and on each agency's own. */
export interface RegionObservations {
  /** The region's agency; null when the scope is several roots (an admin's whole tree). */
  readonly region: { readonly id: string; readonly code: string; readonly name: string } | null;
  readonly reportCount: number;
  readonly values: ObservedValues;
  readonly agencies: readonly ObservedAgency[];
}

/**
 * Metric values with the sample each rests on, for other modules (alerts): a region from its
 * roll-up rows, each agency from its own fact. Scoped like every analytics answer (404 outside
 * the caller's scope).
 */
@Injectable()
export class AnalyticsObservations {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: AnalyticsScopes,
  ) {}

  async observe(
    user: AuthUser,
    scopeId: string | undefined,
    year: number,
    keys: readonly MetricKey[],
  ): Promise<RegionObservations> {
    const scope = await this.scopes.resolve(user, { scope: scopeId, subtree: true });
    const reader = new AnalyticsReader(this.dataSource);
    const read: TotalsRead = totalsReadFor(keys, false);

    const rows = await reader.scopeTotals(scope, [year], read);
    const regionTotals = sumTotals(rows, () => 'region').get('region');
    const expected = (await reader.expectedCounts(scope, [year], false)).reduce(
      (sum, group) => sum + group.count,
      0,
    );

    const facts = reader.factScope(scope, 2);
    const reports = await readQuery<
      { report_id: string; agency_id: string; code: string; name: string }[]
    >(
      this.dataSource,
      `SELECT f.report_id, f.agency_id, a.code, a.name
         FROM analytics_report f JOIN analytics_agency a ON a.id = f.agency_id
        WHERE f.year = $1 AND ${facts.sql}
        ORDER BY f.agency_path`,
      [year, ...facts.params],
    );
    const own = new Map(
      (
        await reader.ownTotals(
          reports.map((report) => report.agency_id),
          [year],
          read,
        )
      ).map((row) => [row.nodeId, row.totals]),
    );

    const single = scope.roots.length === 1 ? scope.roots[0] : null;
    return {
      region: single ? { id: single.id, code: single.code, name: single.name } : null,
      reportCount: regionTotals?.reportCount ?? 0,
      values: observeAll(keys, regionTotals, expected),
      agencies: reports.map((report) => ({
        agencyId: report.agency_id,
        code: report.code,
        name: report.name,
        reportId: report.report_id,
        // An agency's own report: one expected, so 缺失 reads 0 where it has one.
        values: observeAll(keys, own.get(report.agency_id), 1),
      })),
    };
  }
}

function observeAll(
  keys: readonly MetricKey[],
  totals: RollupTotals | undefined,
  expected: number,
): ObservedValues {
  const values: ObservedValues = {};
  for (const key of keys)
    values[key] = totals ? observe(key, totals, expected) : { value: null, sample: null };
  return values;
}

/** The value and its sample: a ratio's denominator, the reports behind a quality rate. */
function observe(key: MetricKey, totals: RollupTotals, expected: number): MetricObservation {
  const value = metricValue(key, totals, expected);
  const m = metric(key);
  switch (m.source) {
    case 'cells':
      return { value, sample: cellMetricSample(key, cellTotalsSource(totals.cells)) };
    case 'quality':
      return { value, sample: key === 'onTimeRate' ? totals.reportCount : null };
    case 'narrative':
      return { value, sample: null };
  }
}
