import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
} from '@atlas/report-model';
import { cellTotalsSource } from '@atlas/metrics';
import { emptyReadTotals } from '../projection/analytics-fact';
import type * as R from '../analytics.types';
import { AnalyticsReader } from './analytics-reader';
import type { AnalyticsScope } from './analytics-scope';
import { agencyRef, type AnalyticsQuery, missingOf, scopeRef, type UnitRow } from './answer-parts';
import type { RollupQuery as Params } from './query-params';
import { sumTotals } from './totals-rows';
import { readQuery } from '../../../database/read-routing';

/** 区域汇总: tables 2–4 summed over the scope in the national layout, with the units in and out. */
@Injectable()
export class RollupQuery implements AnalyticsQuery<Params, R.RollupDto> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The units in and out of the sum are listed by their code (a path of ids has no order a reader sees). */
  async answer(scope: AnalyticsScope, query: Params): Promise<R.RollupDto> {
    const reader = new AnalyticsReader(this.dataSource);
    const year = query.year;
    const facts = reader.factScope(scope, 2);
    const [rows, expected, included] = await Promise.all([
      reader.scopeTotals(scope, [year], { cells: 'all' }),
      reader.expectedCounts(scope, [year], false),
      readQuery<UnitRow[]>(
        this.dataSource,
        `SELECT a.id, a.code, a.name, f.report_id, f.status, f.on_time, f.days_late, f.error_count
           FROM analytics_report f JOIN analytics_agency a ON a.id = f.agency_id
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
      missingTotal === 0 ? [] : await reader.missingAgencies(scope, year, 'code', query);
    const source = cellTotalsSource(totals.cells);
    const formatVersion = year >= 2021 ? '2021' : '2019';
    const proactiveRows = formatVersion === '2021' ? PROACTIVE_ROWS_2021 : PROACTIVE_ROWS_2019;
    const proactiveColumns =
      formatVersion === '2021' ? PROACTIVE_COLUMN_2021 : PROACTIVE_COLUMN_2019;
    const cellOf = (address: string) => (source.has(address) ? source.cell(address) : null);
    return {
      scope: scopeRef(scope),
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
