import { Controller, Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { attachmentDisposition } from '../../common/http/attachment';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { requestAddress } from '../auth/request-address';
import { AuditService } from '../audit/audit.service';
import {
  breakdownTables,
  compareTables,
  complianceTables,
  EXPORT_CONTENT_TYPES,
  overviewTables,
  qualityTables,
  rollupCellTable,
  rollupUnitTables,
  rollupWorkbook,
  tablesToFile,
  trendTables,
  yoyTables,
  type ExportFile,
  type ExportTable,
} from './analytics-export';
import { AnalyticsQueriesService } from './analytics-queries.service';
import type { AnalyticsScope } from './analytics-scope';
import { yearRangeInvalid } from './analytics.errors';
import * as Q from './dto/analytics-query.dto';
import * as D from './dto/analytics-response.dto';
import { METRIC_INFOS } from './metric-values';

/** Export lists hold every row, up to this many. */
const EXPORT_ROW_LIMIT = 100_000;
const MAX_YEAR_SPAN = 30;

function yearOf(query: Q.YearQueryDto): number {
  return query.year ?? Q.defaultYear();
}

function yearRange(query: Q.YearRangeQueryDto, span = 6): { fromYear: number; toYear: number } {
  const toYear = query.toYear ?? Q.defaultYear();
  const fromYear = query.fromYear ?? Math.max(toYear - span, 2008);
  if (fromYear > toYear || toYear - fromYear > MAX_YEAR_SPAN) throw yearRangeInvalid();
  return { fromYear, toYear };
}

const trendQuery = (query: Q.TrendQueryDto): Q.TrendQuery => ({
  metrics: query.metrics ?? ['applicationsReceived'],
  groupBy: query.groupBy ?? 'none',
  ...yearRange(query),
});
const compareQuery = (query: Q.CompareQueryDto, all = false): Q.CompareQuery => ({
  year: yearOf(query),
  metric: query.metric ?? 'applicationsReceived',
  secondMetric: query.secondMetric,
  by: query.by ?? 'child',
  order: query.order ?? 'desc',
  limit: all ? EXPORT_ROW_LIMIT : (query.limit ?? 50),
  offset: all ? 0 : (query.offset ?? 0),
});
const complianceQuery = (query: Q.ComplianceQueryDto, all = false): Q.ComplianceQuery => ({
  ...yearRange(query),
  by: query.by ?? 'child',
  sort: query.sort ?? 'code',
  limit: all ? EXPORT_ROW_LIMIT : (query.limit ?? 50),
  offset: all ? 0 : (query.offset ?? 0),
});
const qualityQuery = (query: Q.QualityQueryDto, all = false): Q.QualityQuery => ({
  year: yearOf(query),
  type: query.type,
  rule: query.rule,
  limit: all ? EXPORT_ROW_LIMIT : (query.limit ?? 50),
  offset: all ? 0 : (query.offset ?? 0),
});
const rollupQuery = (query: Q.RollupQueryDto, all = false): Q.RollupQuery => ({
  year: yearOf(query),
  limit: all ? EXPORT_ROW_LIMIT : (query.limit ?? 200),
  offset: all ? 0 : (query.offset ?? 0),
});
const yoyYears = (query: Q.YoyQueryDto) => {
  const year = yearOf(query);
  return { year, baseYear: query.baseYear ?? year - 1 };
};

/**
 * 统计分析. Every answer is limited to the caller's scope (admins: all; oversight: their
 * subtrees; uploaders: their own agency), carries an ETag that changes when a report or agency
 * in the scope changes (304 for an unchanged If-None-Match), and has a CSV/XLSX export.
 */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
export class AnalyticsController {
  constructor(
    private readonly queries: AnalyticsQueriesService,
    private readonly audit: AuditService,
  ) {}

  @Get('metrics')
  @ApiOperation({ summary: '指标目录 / the metric catalogue: key, names, unit, definition' })
  @ApiOkResponse({ type: [D.MetricInfoDto] })
  metrics(): D.MetricInfoDto[] {
    return METRIC_INFOS.map((m) => ({ ...m }));
  }

  // ── JSON answers ───────────────────────────────────────────────────────────────────────────

  @Get('overview')
  @ApiOperation({
    summary:
      '总览 / KPIs with year-over-year change and sparklines, submission progress, top issues',
  })
  @ApiOkResponse({ type: D.OverviewResponseDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND (scope not visible)' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  async overview(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.YearQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const scope = await this.queries.scope(user, query);
    return this.cached(scope, request, response, () => this.queries.overview(scope, yearOf(query)));
  }

  @Get('trend')
  @ApiOperation({
    summary:
      '趋势 / metrics over a year range, optionally grouped by agency kind, level or child region',
  })
  @ApiOkResponse({ type: D.TrendResponseDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, YEAR_RANGE_INVALID' })
  async trend(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.TrendQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const scope = await this.queries.scope(user, query);
    const complete = trendQuery(query);
    return this.cached(scope, request, response, () => this.queries.trend(scope, complete));
  }

  @Get('compare')
  @ApiOperation({
    summary:
      '对比 / agencies or child regions ranked by a metric: value, rank, percentile, year-over-year change',
  })
  @ApiOkResponse({ type: D.CompareResponseDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, METRIC_NOT_COMPARABLE' })
  async compare(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.CompareQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const scope = await this.queries.scope(user, query);
    return this.cached(scope, request, response, () =>
      this.queries.compare(scope, compareQuery(query)),
    );
  }

  @Get('yoy')
  @ApiOperation({
    summary: '同比 / every table cell and metric of two years side by side, absolute and percent',
  })
  @ApiOkResponse({ type: D.YoyResponseDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND' })
  async yoy(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.YoyQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const scope = await this.queries.scope(user, query);
    const { year, baseYear } = yoyYears(query);
    return this.cached(scope, request, response, () => this.queries.yoy(scope, year, baseYear));
  }

  @Get('breakdown')
  @ApiOperation({ summary: '申请人 × 办理结果 / table 3 summed over the scope' })
  @ApiOkResponse({ type: D.BreakdownResponseDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND' })
  async breakdown(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.YearQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const scope = await this.queries.scope(user, query);
    return this.cached(scope, request, response, () =>
      this.queries.breakdown(scope, yearOf(query)),
    );
  }

  @Get('compliance')
  @ApiOperation({
    summary:
      '合规 / per child region or agency × year: submission, timeliness, failing checks, inspection pass and completion rates',
  })
  @ApiOkResponse({ type: D.ComplianceResponseDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, YEAR_RANGE_INVALID' })
  async compliance(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.ComplianceQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const scope = await this.queries.scope(user, query);
    const complete = complianceQuery(query);
    return this.cached(scope, request, response, () => this.queries.compliance(scope, complete));
  }

  @Get('quality')
  @ApiOperation({
    summary:
      '数据质量 / missing, late and failing reports with rules and cells; counts per rule; carry-over mismatches',
  })
  @ApiOkResponse({ type: D.QualityResponseDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND' })
  async quality(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.QualityQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const scope = await this.queries.scope(user, query);
    return this.cached(scope, request, response, () =>
      this.queries.quality(scope, qualityQuery(query)),
    );
  }

  @Get('rollup')
  @ApiOperation({
    summary:
      '区域汇总 / tables 2, 3 and 4 summed over the scope in the national layout, with the units included and missing',
  })
  @ApiOkResponse({ type: D.RollupResponseDto })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND' })
  async rollup(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.RollupQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const scope = await this.queries.scope(user, query);
    return this.cached(scope, request, response, () =>
      this.queries.rollup(scope, rollupQuery(query)),
    );
  }

  // ── exports ────────────────────────────────────────────────────────────────────────────────

  @Get('overview/export')
  @ApiOperation({ summary: '导出总览 / overview as CSV (KPIs) or XLSX' })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async overviewExport(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.OverviewExportQueryDto,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const scope = await this.queries.scope(user, query);
    const year = yearOf(query);
    const answer = await this.queries.overview(scope, year);
    return this.exportFile(user, request, scope, 'overview', query, () =>
      this.tables(overviewTables(answer), query, `overview-${year}`, `总览 ${year}年`),
    );
  }

  @Get('trend/export')
  @ApiOperation({ summary: '导出趋势 / trend as CSV or XLSX' })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async trendExport(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.TrendExportQueryDto,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const scope = await this.queries.scope(user, query);
    const complete = trendQuery(query);
    const answer = await this.queries.trend(scope, complete);
    return this.exportFile(user, request, scope, 'trend', query, () =>
      this.tables(
        trendTables(answer),
        query,
        `trend-${complete.fromYear}-${complete.toYear}`,
        `趋势 ${complete.fromYear}–${complete.toYear}年`,
      ),
    );
  }

  @Get('compare/export')
  @ApiOperation({ summary: '导出对比 / every ranked agency or region as CSV or XLSX' })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async compareExport(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.CompareExportQueryDto,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const scope = await this.queries.scope(user, query);
    const complete = compareQuery(query, true);
    const answer = await this.queries.compare(scope, complete);
    return this.exportFile(user, request, scope, 'compare', query, () =>
      this.tables(
        compareTables(answer),
        query,
        `compare-${complete.metric}-${complete.year}`,
        `${answer.metric.nameZh} 对比 ${complete.year}年`,
      ),
    );
  }

  @Get('yoy/export')
  @ApiOperation({ summary: '导出同比 / cells and metrics of two years as CSV (cells) or XLSX' })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async yoyExport(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.YoyExportQueryDto,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const scope = await this.queries.scope(user, query);
    const { year, baseYear } = yoyYears(query);
    const answer = await this.queries.yoy(scope, year, baseYear);
    return this.exportFile(user, request, scope, 'yoy', query, () =>
      this.tables(
        yoyTables(answer),
        query,
        `yoy-${baseYear}-${year}`,
        `同比 ${year}年 / ${baseYear}年`,
      ),
    );
  }

  @Get('breakdown/export')
  @ApiOperation({ summary: '导出申请人 × 办理结果 / table 3 summed, as CSV or XLSX' })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async breakdownExport(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.OverviewExportQueryDto,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const scope = await this.queries.scope(user, query);
    const year = yearOf(query);
    const answer = await this.queries.breakdown(scope, year);
    return this.exportFile(user, request, scope, 'breakdown', query, () =>
      this.tables(
        breakdownTables(answer),
        query,
        `breakdown-${year}`,
        `申请人与办理结果 ${year}年`,
      ),
    );
  }

  @Get('compliance/export')
  @ApiOperation({ summary: '导出合规 / every row × year as CSV or XLSX' })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async complianceExport(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.ComplianceExportQueryDto,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const scope = await this.queries.scope(user, query);
    const complete = complianceQuery(query, true);
    const answer = await this.queries.compliance(scope, complete);
    return this.exportFile(user, request, scope, 'compliance', query, () =>
      this.tables(
        complianceTables(answer),
        query,
        `compliance-${complete.fromYear}-${complete.toYear}`,
        `合规情况 ${complete.fromYear}–${complete.toYear}年`,
      ),
    );
  }

  @Get('quality/export')
  @ApiOperation({ summary: '导出数据质量 / every problem with its findings as CSV or XLSX' })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async qualityExport(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.QualityExportQueryDto,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const scope = await this.queries.scope(user, query);
    const complete = qualityQuery(query, true);
    const answer = await this.queries.quality(scope, complete);
    return this.exportFile(user, request, scope, 'quality', query, () =>
      this.tables(
        qualityTables(answer),
        query,
        `quality-${complete.year}`,
        `数据质量 ${complete.year}年`,
      ),
    );
  }

  @Get('rollup/export')
  @ApiOperation({
    summary:
      '导出区域汇总 / XLSX in the national table layout with merged headers (plus the units), or CSV one row per cell',
  })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async rollupExport(
    @CurrentUser() user: AuthUser,
    @Query() query: Q.RollupExportQueryDto,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const scope = await this.queries.scope(user, query);
    const complete = rollupQuery(query, true);
    const answer = await this.queries.rollup(scope, complete);
    const baseName = `rollup-${complete.year}`;
    return this.exportFile(user, request, scope, 'rollup', query, () =>
      (query.format ?? 'xlsx') === 'xlsx'
        ? rollupWorkbook(answer, baseName)
        : this.tables([rollupCellTable(answer), ...rollupUnitTables(answer)], query, baseName, `区域汇总 ${complete.year}年`),
    );
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────

  /**
   * Sets the scope's ETag; an If-None-Match that still matches gets 304 without computing the
   * answer (Express answers 304 itself when the validators match).
   */
  private async cached<T>(
    scope: AnalyticsScope,
    request: Request,
    response: Response,
    compute: () => Promise<T>,
  ): Promise<T | undefined> {
    const etag = await this.queries.etag(scope, `${request.path}?${JSON.stringify(request.query)}`);
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'private, no-cache');
    const asked = request.headers['if-none-match'];
    if (asked && asked.split(',').some((tag) => tag.trim() === etag)) {
      response.status(304);
      return undefined;
    }
    return compute();
  }

  private tables(
    tables: ExportTable[],
    format: Q.ExportFormatDto,
    baseName: string,
    title: string,
  ): Promise<ExportFile> {
    return tablesToFile(tables, format.format ?? 'xlsx', baseName, title);
  }

  private async exportFile(
    user: AuthUser,
    request: Request,
    scope: AnalyticsScope,
    view: string,
    format: Q.ExportFormatDto,
    build: () => Promise<ExportFile>,
  ): Promise<StreamableFile> {
    const file = await build();
    await this.audit.record({
      actor: user,
      address: requestAddress(request),
      action: 'analytics.export',
      targetType: 'analytics',
      details: {
        view,
        format: format.format ?? 'xlsx',
        scope: scope.roots.map((root) => root.id),
        subtree: scope.subtree,
        query: request.query,
      },
    });
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: attachmentDisposition(file.displayName, file.fileName),
      length: file.content.length,
    });
  }
}
