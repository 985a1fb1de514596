import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  PROACTIVE_COLUMN_2019,
  PROACTIVE_COLUMN_2021,
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
} from '@atlas/report-model';
import { CELL_LAYOUT, cellTotalsSource, type MetricKey } from '@atlas/metrics';
import { emptyReadTotals, FACT_METRIC_KEYS } from '../projection/analytics-fact';
import type * as R from '../analytics.types';
import { AnalyticsReader } from './analytics-reader';
import type { AnalyticsScope } from './analytics-scope';
import { type AnalyticsQuery, change, round, scopeRef } from './answer-parts';
import { metricInfo, metricValue } from './metric-values';
import type { YoyQuery as Params } from './query-params';
import { sumTotals } from './totals-rows';

const METRIC_KEYS_FOR_YOY: readonly MetricKey[] = FACT_METRIC_KEYS as MetricKey[];

/** 同比: every cell and per-report metric of two years side by side. */
@Injectable()
export class YoyQuery implements AnalyticsQuery<Params, R.YoyDto> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async answer(scope: AnalyticsScope, { year, baseYear }: Params): Promise<R.YoyDto> {
    const rows = await new AnalyticsReader(this.dataSource).scopeTotals(scope, [baseYear, year], {
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
      scope: scopeRef(scope),
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
