import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FactFinding, RollupTotals } from '../projection/analytics-fact';
import { emptyReadTotals } from '../projection/analytics-fact';
import type * as R from '../analytics.types';
import { AnalyticsReader } from './analytics-reader';
import type { AnalyticsScope } from './analytics-scope';
import { agencyRef, type AnalyticsQuery, missingOf, scopeRef, yearsBetween } from './answer-parts';
import type { QualityQuery as Params } from './query-params';
import { COUNTERS_ONLY, sumTotals } from './totals-rows';
import { readQuery } from '../../../database/read-routing';

interface QualityItemRow {
  agency_id: string;
  report_id: string;
  version_id: string;
  error_count: number;
  warning_count: number;
  days_late: number;
  on_time: boolean;
  code: string;
  name: string;
  findings: FactFinding[];
}

function countsOf(totals: RollupTotals, expectedCount: number): R.QualityCounts {
  return {
    submitted: totals.reportCount,
    missing: missingOf(expectedCount, totals),
    late: totals.reportCount - totals.onTimeCount,
    failing: totals.errorReportCount,
    warningOnly: totals.warningOnlyCount,
    carryOverMismatches: totals.carryOverCount,
  };
}

/**
 * 数据质量: counts of missing, late and failing reports, reports per rule, and one list of the
 * problems, most serious first (failing, missing, late without errors, warnings only).
 */
@Injectable()
export class QualityQuery implements AnalyticsQuery<Params, R.QualityDto> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async answer(scope: AnalyticsScope, query: Params): Promise<R.QualityDto> {
    const reader = new AnalyticsReader(this.dataSource);
    const years =
      typeof query.year === 'number'
        ? [query.year]
        : yearsBetween(query.year.fromYear, query.year.toYear);
    // Counters only: the rules are counted for the year chosen, below.
    const [rows, expected] = await Promise.all([
      reader.scopeTotals(scope, years, { ...COUNTERS_ONLY, rules: years.length === 1 }),
      reader.expectedCounts(scope, years, false),
    ]);
    const totals = sumTotals(rows, (row) => row.year);
    const expectedByYear = new Map<number, number>();
    for (const e of expected) expectedByYear.set(e.year, (expectedByYear.get(e.year) ?? 0) + e.count);
    const problemsIn = (year: number) => {
      const counts = countsOf(totals.get(year) ?? emptyReadTotals(), expectedByYear.get(year) ?? 0);
      return counts.missing + counts.late + counts.failing + counts.warningOnly > 0;
    };
    const year = years.findLast(problemsIn) ?? (years.at(-1) as number);
    const yearTotals =
      years.length === 1
        ? (totals.get(year) ?? emptyReadTotals())
        : (sumTotals(
            await reader.scopeTotals(scope, [year], { ...COUNTERS_ONLY, rules: true }),
            () => year,
          ).get(year) ?? emptyReadTotals());
    return this.answerFrom(scope, { ...query, year }, yearTotals, expectedByYear.get(year) ?? 0);
  }

  /** The answer from the year's totals and expected reports of the scope (the overview has both). */
  async answerFrom(
    scope: AnalyticsScope,
    query: Params & { year: number },
    totals: RollupTotals,
    expectedCount: number,
  ): Promise<R.QualityDto> {
    const year = query.year;
    const counts = countsOf(totals, expectedCount);
    const rules = Object.entries(totals.ruleCounts)
      .map(([rule, reports]) => ({ rule, reports }))
      .sort((a, b) => b.reports - a.reports || (a.rule < b.rule ? -1 : 1));

    // Each section is read only as far as the page reaches.
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
      items.push(...(await this.section(scope, year, section.type, rule, want, skip)));
      skip = 0;
    }
    const total = sections.reduce((sum, section) => sum + section.size, 0);
    return { scope: scopeRef(scope), year, counts, rules, total, items };
  }

  /** One page of one kind of problem, with the findings of the listed reports (of `rule` if asked). */
  private async section(
    scope: AnalyticsScope,
    year: number,
    type: R.QualityItem['type'],
    rule: string | null,
    limit: number,
    offset: number,
  ): Promise<R.QualityItem[]> {
    const reader = new AnalyticsReader(this.dataSource);
    if (type === 'missing') {
      const rows = await reader.missingAgencies(scope, year, 'tree', { limit, offset });
      return rows.map((row) => ({
        type,
        agency: agencyRef(row),
        reportId: null,
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
    const rows = await readQuery<QualityItemRow[]>(
      this.dataSource,
      `SELECT f.agency_id, f.report_id, f.version_id, f.error_count, f.warning_count,
              f.days_late, f.on_time, a.code, a.name, f.findings
         FROM analytics_report f JOIN analytics_agency a ON a.id = f.agency_id
        WHERE f.year = $1 AND ${facts.sql} AND ${filter}
          AND ($2::text IS NULL OR $2 = ANY(f.failing_rules))
        ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      [year, rule, ...facts.params],
    );
    return rows.map((row) => ({
      type,
      agency: { id: row.agency_id, code: row.code, name: row.name },
      reportId: row.report_id,
      errorCount: row.error_count,
      warningCount: row.warning_count,
      daysLate: row.days_late,
      onTime: row.on_time,
      findings: row.findings
        .filter((f) => rule === null || f.rule === rule)
        .map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, cells: f.cells })),
    }));
  }

  /** With a rule filter: how many failing and warning-only reports have that rule. */
  private async ruleSectionSizes(
    scope: AnalyticsScope,
    year: number,
    rule: string,
  ): Promise<{ failing: number; warning: number }> {
    const facts = new AnalyticsReader(this.dataSource).factScope(scope, 3);
    const [row] = await readQuery<{ failing: string; warning: string }[]>(
      this.dataSource,
      `SELECT count(*) FILTER (WHERE f.error_count > 0) AS failing,
              count(*) FILTER (WHERE f.error_count = 0 AND f.warning_count > 0) AS warning
         FROM analytics_report f
        WHERE f.year = $1 AND $2 = ANY(f.failing_rules) AND ${facts.sql}`,
      [year, rule, ...facts.params],
    );
    return { failing: Number(row?.failing ?? 0), warning: Number(row?.warning ?? 0) };
  }
}
