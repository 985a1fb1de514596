import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APPLICANT_COLUMNS, APPLICATION_ROWS, applicationCell } from '@atlas/report-model';
import { cellTotalsSource, layoutIndexOf } from '@atlas/metrics';
import { emptyReadTotals } from '../projection/analytics-fact';
import type * as R from '../analytics.types';
import { AnalyticsReader } from './analytics-reader';
import type { AnalyticsScope } from './analytics-scope';
import { type AnalyticsQuery, scopeRef } from './answer-parts';
import { sumTotals } from './totals-rows';

/** 申请人 × 办理结果: table 3 summed over the scope. */
@Injectable()
export class BreakdownQuery implements AnalyticsQuery<number, R.BreakdownDto> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async answer(scope: AnalyticsScope, year: number): Promise<R.BreakdownDto> {
    const rows = await new AnalyticsReader(this.dataSource).scopeTotals(scope, [year], {
      cells: applicationSelection(),
    });
    const totals = sumTotals(rows, () => year).get(year) ?? emptyReadTotals();
    const source = cellTotalsSource(totals.cells);
    const present = APPLICATION_ROWS.filter((row) =>
      APPLICANT_COLUMNS.some((column) => source.has(applicationCell(row.key, column.key))),
    );
    return {
      scope: scopeRef(scope),
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
}

function applicationSelection(): number[] {
  return APPLICATION_ROWS.flatMap((row) =>
    APPLICANT_COLUMNS.map((c) => layoutIndexOf(applicationCell(row.key, c.key)) ?? -1),
  ).filter((i) => i >= 0);
}
