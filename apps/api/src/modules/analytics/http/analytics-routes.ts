import type { Type } from '@nestjs/common';
import {
  breakdownTables,
  compareTables,
  complianceTables,
  overviewTables,
  qualityTables,
  rollupCellTable,
  rollupUnitTables,
  trendTables,
  yoyTables,
} from '../export/answer-tables';
import { type ExportFile, type ExportFormat, tablesToFile } from '../export/export-file';
import { rollupWorkbook } from '../export/rollup-workbook';
import { yearRangeInvalid } from '../analytics.errors';
import type { AnalyticsQuery } from '../read/answer-parts';
import { BreakdownQuery } from '../read/breakdown.query';
import { CompareQuery } from '../read/compare.query';
import { ComplianceQuery } from '../read/compliance.query';
import { OverviewQuery } from '../read/overview.query';
import { QualityQuery } from '../read/quality.query';
import { RollupQuery } from '../read/rollup.query';
import { TrendQuery } from '../read/trend.query';
import { YoyQuery } from '../read/yoy.query';
import * as Q from './dto/analytics-query.dto';
import * as D from './dto/analytics-response.dto';

/*
 * Every answer of the analytics API, declared once: its path, OpenAPI text, request and
 * response classes, the query object that computes it, the complete request (defaults filled
 * in), and its CSV/XLSX export. The controller turns each entry into `GET /analytics/<path>`
 * and `GET /analytics/<path>/export`.
 */

/** Export lists hold every row, up to this many. */
const EXPORT_ROW_LIMIT = 100_000;
const MAX_YEAR_SPAN = 30;

export interface AnswerRoute<Dto extends Q.ScopeQueryDto, Params, Answer> {
  /** Under /api/analytics; the export is at `<path>/export`. */
  readonly path: string;
  readonly summary: string;
  readonly exportSummary: string;
  readonly dto: Type<Dto>;
  readonly exportDto: Type<Dto & Q.ExportFormatDto>;
  readonly response: Type<unknown>;
  /** What a 400 may say, when more than a malformed request can cause it. */
  readonly badRequest?: string;
  readonly notFound: string;
  readonly query: Type<AnalyticsQuery<Params, Answer>>;
  /** The complete request; `all` asks for every row (exports). May refuse (400). */
  params(dto: Dto, all: boolean): Params;
  /** The export of an answer. */
  file(answer: Answer, params: Params, format: ExportFormat): Promise<ExportFile>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table of differently typed routes
export type AnyAnswerRoute = AnswerRoute<any, any, any>;

/** Typed at the entry, stored untyped in the table. */
function route<Dto extends Q.ScopeQueryDto, Params, Answer>(
  entry: AnswerRoute<Dto, Params, Answer>,
): AnyAnswerRoute {
  return entry;
}

function yearOf(query: Q.YearQueryDto): number {
  return query.year ?? Q.defaultYear();
}

function yearRange(query: Q.YearRangeQueryDto, span = 6): { fromYear: number; toYear: number } {
  const toYear = query.toYear ?? Q.defaultYear();
  const fromYear = query.fromYear ?? Math.max(toYear - span, 2008);
  if (fromYear > toYear || toYear - fromYear > MAX_YEAR_SPAN) throw yearRangeInvalid();
  return { fromYear, toYear };
}

const page = (query: { limit?: number; offset?: number }, all: boolean, limit: number) => ({
  limit: all ? EXPORT_ROW_LIMIT : (query.limit ?? limit),
  offset: all ? 0 : (query.offset ?? 0),
});

export const ANALYTICS_ROUTES: readonly AnyAnswerRoute[] = [
  route({
    path: 'overview',
    summary:
      '总览 / KPIs with year-over-year change and sparklines, submission progress, top issues',
    exportSummary: '导出总览 / overview as CSV (KPIs) or XLSX',
    dto: Q.YearQueryDto,
    exportDto: Q.OverviewExportQueryDto,
    response: D.OverviewResponseDto,
    notFound: 'AGENCY_NOT_FOUND (scope not visible)',
    badRequest: 'VALIDATION_FAILED',
    query: OverviewQuery,
    params: yearOf,
    file: (answer, year, format) =>
      tablesToFile(overviewTables(answer), format, `overview-${year}`, `总览 ${year}年`),
  }),
  route({
    path: 'trend',
    summary:
      '趋势 / metrics over a year range, optionally grouped by agency kind, level or child region',
    exportSummary: '导出趋势 / trend as CSV or XLSX',
    dto: Q.TrendQueryDto,
    exportDto: Q.TrendExportQueryDto,
    response: D.TrendResponseDto,
    notFound: 'AGENCY_NOT_FOUND',
    badRequest: 'VALIDATION_FAILED, YEAR_RANGE_INVALID',
    query: TrendQuery,
    params: (query) => ({
      metrics: query.metrics ?? ['applicationsReceived'],
      groupBy: query.groupBy ?? 'none',
      ...yearRange(query),
    }),
    file: (answer, { fromYear, toYear }, format) =>
      tablesToFile(
        trendTables(answer),
        format,
        `trend-${fromYear}-${toYear}`,
        `趋势 ${fromYear}–${toYear}年`,
      ),
  }),
  route({
    path: 'compare',
    summary:
      '对比 / agencies or child regions ranked by a metric: value, rank, percentile, year-over-year change',
    exportSummary: '导出对比 / every ranked agency or region as CSV or XLSX',
    dto: Q.CompareQueryDto,
    exportDto: Q.CompareExportQueryDto,
    response: D.CompareResponseDto,
    notFound: 'AGENCY_NOT_FOUND',
    badRequest: 'VALIDATION_FAILED, METRIC_NOT_COMPARABLE',
    query: CompareQuery,
    params: (query, all) => ({
      year: yearOf(query),
      metric: query.metric ?? 'applicationsReceived',
      secondMetric: query.secondMetric,
      by: query.by ?? 'child',
      order: query.order ?? 'desc',
      ...page(query, all, 50),
    }),
    file: (answer, { metric, year }, format) =>
      tablesToFile(
        compareTables(answer),
        format,
        `compare-${metric}-${year}`,
        `${answer.metric.nameZh} 对比 ${year}年`,
      ),
  }),
  route({
    path: 'yoy',
    summary: '同比 / every table cell and metric of two years side by side, absolute and percent',
    exportSummary: '导出同比 / cells and metrics of two years as CSV (cells) or XLSX',
    dto: Q.YoyQueryDto,
    exportDto: Q.YoyExportQueryDto,
    response: D.YoyResponseDto,
    notFound: 'AGENCY_NOT_FOUND',
    query: YoyQuery,
    params: (query) => {
      const year = yearOf(query);
      return { year, baseYear: query.baseYear ?? year - 1 };
    },
    file: (answer, { year, baseYear }, format) =>
      tablesToFile(
        yoyTables(answer),
        format,
        `yoy-${baseYear}-${year}`,
        `同比 ${year}年 / ${baseYear}年`,
      ),
  }),
  route({
    path: 'breakdown',
    summary: '申请人 × 办理结果 / table 3 summed over the scope',
    exportSummary: '导出申请人 × 办理结果 / table 3 summed, as CSV or XLSX',
    dto: Q.YearQueryDto,
    exportDto: Q.OverviewExportQueryDto,
    response: D.BreakdownResponseDto,
    notFound: 'AGENCY_NOT_FOUND',
    query: BreakdownQuery,
    params: yearOf,
    file: (answer, year, format) =>
      tablesToFile(
        breakdownTables(answer),
        format,
        `breakdown-${year}`,
        `申请人与办理结果 ${year}年`,
      ),
  }),
  route({
    path: 'compliance',
    summary:
      '合规 / per child region or agency × year: submission, timeliness, failing checks, inspection pass and completion rates',
    exportSummary: '导出合规 / every row × year as CSV or XLSX',
    dto: Q.ComplianceQueryDto,
    exportDto: Q.ComplianceExportQueryDto,
    response: D.ComplianceResponseDto,
    notFound: 'AGENCY_NOT_FOUND',
    badRequest: 'VALIDATION_FAILED, YEAR_RANGE_INVALID',
    query: ComplianceQuery,
    params: (query, all) => ({
      ...yearRange(query),
      by: query.by ?? 'child',
      sort: query.sort ?? 'code',
      ...page(query, all, 50),
    }),
    file: (answer, { fromYear, toYear }, format) =>
      tablesToFile(
        complianceTables(answer),
        format,
        `compliance-${fromYear}-${toYear}`,
        `合规情况 ${fromYear}–${toYear}年`,
      ),
  }),
  route({
    path: 'quality',
    summary:
      '数据质量 / missing, late and failing reports with rules and cells; counts per rule; carry-over mismatches',
    exportSummary: '导出数据质量 / every problem with its findings as CSV or XLSX',
    dto: Q.QualityQueryDto,
    exportDto: Q.QualityExportQueryDto,
    response: D.QualityResponseDto,
    notFound: 'AGENCY_NOT_FOUND',
    query: QualityQuery,
    params: (query, all) => ({
      year:
        query.year === undefined && query.fromYear !== undefined
          ? yearRange({ fromYear: query.fromYear, toYear: query.toYear })
          : yearOf(query),
      type: query.type,
      rule: query.rule,
      ...page(query, all, 50),
    }),
    file: (answer, _, format) =>
      tablesToFile(
        qualityTables(answer),
        format,
        `quality-${answer.year}`,
        `数据质量 ${answer.year}年`,
      ),
  }),
  route({
    path: 'rollup',
    summary:
      '区域汇总 / tables 2, 3 and 4 summed over the scope in the national layout, with the units included and missing',
    exportSummary:
      '导出区域汇总 / XLSX in the national table layout with merged headers (plus the units), or CSV one row per cell',
    dto: Q.RollupQueryDto,
    exportDto: Q.RollupExportQueryDto,
    response: D.RollupResponseDto,
    notFound: 'AGENCY_NOT_FOUND',
    query: RollupQuery,
    params: (query, all) => ({ year: yearOf(query), ...page(query, all, 200) }),
    file: (answer, { year }, format) =>
      format === 'xlsx'
        ? rollupWorkbook(answer, `rollup-${year}`)
        : tablesToFile(
            [rollupCellTable(answer), ...rollupUnitTables(answer)],
            format,
            `rollup-${year}`,
            `区域汇总 ${year}年`,
          ),
  }),
];
