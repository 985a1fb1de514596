import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
} from 'class-validator';
import { METRICS } from '@atlas/metrics';
import { AgencyIdField, ReportYearField } from '../../../../common/http/request-fields';
import type * as Contract from '@atlas/api-contract';

/*
 * Query strings of the analytics endpoints. Every parameter is validated here; defaults are
 * applied by `withDefaults` below so that services see complete queries.
 */

const METRIC_KEYS = METRICS.map((m) => m.key);
const METRIC_MESSAGE = `指标应为 ${METRIC_KEYS.join('、')} 之一`;
export const MAX_LIST_LIMIT = 500;
/**
 * At most this many metrics per trend request: the whole catalogue, so a page of trend charts
 * (趋势: six themes, 25 metrics) is one request rather than one per chart.
 */
export const MAX_TREND_METRICS = METRIC_KEYS.length;

/** The last year whose reports are due: reports on year Y are published by 31 January of Y+1. */
export function defaultYear(now: Date = new Date()): number {
  return now.getFullYear() - 1;
}

const toBoolean = Transform(({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
);

const LimitField = (defaultValue: number) =>
  applyAll(
    ApiPropertyOptional({ default: defaultValue, minimum: 1, maximum: MAX_LIST_LIMIT }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: 'limit 必须是整数' }),
    Min(1, { message: 'limit 至少为 1' }),
    Max(MAX_LIST_LIMIT, { message: `limit 不能超过 ${MAX_LIST_LIMIT}` }),
  );

const OffsetField = () =>
  applyAll(
    ApiPropertyOptional({ default: 0, minimum: 0 }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: 'offset 必须是整数' }),
    Min(0, { message: 'offset 不能为负数' }),
  );

function applyAll(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

export class ScopeQueryDto implements Contract.AnalyticsScopeQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: '范围：机构 id（默认：调用者可见的全部范围）',
  })
  @AgencyIdField({ optional: true })
  scope?: string;

  @ApiPropertyOptional({
    default: true,
    description: '是否包含下级机构（false：只看该机构本级的报告）',
  })
  @IsOptional()
  @toBoolean
  @IsBoolean({ message: 'subtree 应为 true 或 false' })
  subtree?: boolean;
}

export class YearQueryDto extends ScopeQueryDto implements Contract.AnalyticsYearQuery {
  @ApiPropertyOptional({ example: 2024, description: '年度（默认：上一年度）' })
  @ReportYearField({ optional: true })
  year?: number;
}

export class YearRangeQueryDto
  extends ScopeQueryDto
  implements Contract.AnalyticsYearRangeQuery
{
  @ApiPropertyOptional({ example: 2019, description: '起始年度（默认：结束年度前 6 年）' })
  @ReportYearField({ optional: true })
  fromYear?: number;

  @ApiPropertyOptional({ example: 2025, description: '结束年度（默认：上一年度）' })
  @ReportYearField({ optional: true })
  toYear?: number;
}

export class TrendQueryDto extends YearRangeQueryDto {
  @ApiPropertyOptional({
    type: String,
    example: 'applicationsReceived,disclosureRate',
    description: `指标，逗号分隔（最多 ${MAX_TREND_METRICS} 个）；见 GET /api/analytics/metrics`,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : Array.isArray(value)
        ? value
            .flatMap((v) => String(v).split(','))
            .map((s) => s.trim())
            .filter(Boolean)
        : value,
  )
  @IsString({ each: true, message: METRIC_MESSAGE })
  @IsIn(METRIC_KEYS, { each: true, message: METRIC_MESSAGE })
  @ArrayMinSize(1, { message: '至少选择一个指标' })
  @ArrayMaxSize(MAX_TREND_METRICS, { message: `一次最多 ${MAX_TREND_METRICS} 个指标` })
  metrics?: string[];

  @ApiPropertyOptional({ enum: ['none', 'kind', 'level', 'child'], default: 'none' })
  @IsOptional()
  @IsIn(['none', 'kind', 'level', 'child'], {
    message: 'groupBy 应为 none、kind、level、child 之一',
  })
  groupBy?: 'none' | 'kind' | 'level' | 'child';
}

export class CompareQueryDto extends YearQueryDto implements Contract.CompareQuery {
  @ApiPropertyOptional({ example: 'disclosureRate', default: 'applicationsReceived' })
  @IsOptional()
  @IsIn(METRIC_KEYS, { message: METRIC_MESSAGE })
  metric?: string;

  @ApiPropertyOptional({ example: 'applicationsReceived', description: '第二个指标（散点图）' })
  @IsOptional()
  @IsIn(METRIC_KEYS, { message: METRIC_MESSAGE })
  secondMetric?: string;

  @ApiPropertyOptional({
    enum: ['agency', 'child'],
    default: 'child',
    description: 'agency：范围内每个单位；child：直属下级地区（含本级）',
  })
  @IsOptional()
  @IsIn(['agency', 'child'], { message: 'by 应为 agency 或 child' })
  by?: 'agency' | 'child';

  @ApiPropertyOptional({ enum: ['desc', 'asc'], default: 'desc' })
  @IsOptional()
  @IsIn(['desc', 'asc'], { message: 'order 应为 desc 或 asc' })
  order?: 'desc' | 'asc';

  @LimitField(50)
  limit?: number;

  @OffsetField()
  offset?: number;
}

export class YoyQueryDto extends YearQueryDto implements Contract.YoyQuery {
  @ApiPropertyOptional({ example: 2023, description: '对比年度（默认：上一年）' })
  @ReportYearField({ optional: true })
  baseYear?: number;
}

export class ComplianceQueryDto
  extends YearRangeQueryDto
  implements Contract.ComplianceQuery
{
  @ApiPropertyOptional({ enum: ['agency', 'child'], default: 'child' })
  @IsOptional()
  @IsIn(['agency', 'child'], { message: 'by 应为 agency 或 child' })
  by?: 'agency' | 'child';

  @ApiPropertyOptional({
    enum: ['code', 'problems'],
    default: 'code',
    description: 'code：按编码；problems：有缺报、未通过、迟报的行在前（同类按编码）',
  })
  @IsOptional()
  @IsIn(['code', 'problems'], { message: 'sort 应为 code 或 problems' })
  sort?: 'code' | 'problems';

  @LimitField(50)
  limit?: number;

  @OffsetField()
  offset?: number;
}

export class QualityQueryDto extends YearQueryDto implements Contract.QualityQuery {
  @ApiPropertyOptional({ enum: ['failing', 'missing', 'late', 'warning'] })
  @IsOptional()
  @IsIn(['failing', 'missing', 'late', 'warning'], {
    message: 'type 应为 failing、missing、late、warning 之一',
  })
  type?: 'failing' | 'missing' | 'late' | 'warning';

  @ApiPropertyOptional({ example: 'T3.BALANCE', description: '只看某条规则' })
  @IsOptional()
  @IsString({ message: 'rule 必须是文本' })
  rule?: string;

  @ApiPropertyOptional({
    example: 2019,
    description:
      '未给 year 时：从 fromYear 到 toYear 中最近一个有问题（缺报、迟报、未通过或有警告）的年度；都没有则为 toYear',
  })
  @ReportYearField({ optional: true })
  fromYear?: number;

  @ApiPropertyOptional({ example: 2025, description: '见 fromYear（默认：上一年度）' })
  @ReportYearField({ optional: true })
  toYear?: number;

  @LimitField(50)
  limit?: number;

  @OffsetField()
  offset?: number;
}

export class RollupQueryDto extends YearQueryDto implements Contract.RollupQuery {
  @LimitField(200)
  limit?: number;

  @OffsetField()
  offset?: number;
}

export class ExportFormatDto implements Contract.ExportFormatQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'format 应为 csv 或 xlsx' })
  format?: 'csv' | 'xlsx';
}

// The same queries with the export format.
export class OverviewExportQueryDto extends IntersectionType(YearQueryDto, ExportFormatDto) {}
export class TrendExportQueryDto extends IntersectionType(TrendQueryDto, ExportFormatDto) {}
export class CompareExportQueryDto extends IntersectionType(CompareQueryDto, ExportFormatDto) {}
export class YoyExportQueryDto extends IntersectionType(YoyQueryDto, ExportFormatDto) {}
export class ComplianceExportQueryDto extends IntersectionType(
  ComplianceQueryDto,
  ExportFormatDto,
) {}
export class QualityExportQueryDto extends IntersectionType(QualityQueryDto, ExportFormatDto) {}
export class RollupExportQueryDto extends IntersectionType(RollupQueryDto, ExportFormatDto) {}

export type {
  ComplianceQuery,
  CompareQuery,
  QualityQuery,
  RollupQuery,
  ScopeQuery,
  TrendQuery,
} from '../../read/query-params';
