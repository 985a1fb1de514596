import { ApiProperty } from '@nestjs/swagger';
import type * as R from '../../analytics.types';
import type { MetricInfo } from '@atlas/api-contract';

/* OpenAPI documentation of the analytics answers; each class implements its answer type. */

export class MetricInfoDto implements MetricInfo {
  @ApiProperty({ example: 'disclosureRate' }) key: string;
  @ApiProperty({ example: '公开率' }) nameZh: string;
  @ApiProperty({ example: 'Disclosure rate' }) nameEn: string;
  @ApiProperty({ example: '%' }) unit: string;
  @ApiProperty({ example: '（予以公开 + 部分公开）÷ 办理总计' }) definition: string;
  @ApiProperty({ enum: ['cells', 'narrative', 'quality'] }) source:
    'cells' | 'narrative' | 'quality';
  @ApiProperty() ratio: boolean;
}

export class AgencyRefDto implements R.AgencyRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class ScopeRefDto implements R.ScopeRef {
  @ApiProperty({ type: [AgencyRefDto] }) agencies: AgencyRefDto[];
  @ApiProperty() subtree: boolean;
}

export class ChangeDto {
  @ApiProperty() absolute: number;
  @ApiProperty({ nullable: true, type: Number, description: '百分比；上年为 0 时为 null' })
  percent: number | null;
}

export class SparkPointDto {
  @ApiProperty() year: number;
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
}

export class KpiDto implements R.Kpi {
  @ApiProperty({ type: MetricInfoDto }) metric: MetricInfoDto;
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
  @ApiProperty({ nullable: true, type: Number }) previous: number | null;
  @ApiProperty({ nullable: true, type: ChangeDto }) change: ChangeDto | null;
  @ApiProperty({ type: [SparkPointDto] }) sparkline: SparkPointDto[];
}

export class SubmissionProgressDto implements R.SubmissionProgress {
  @ApiProperty() expected: number;
  @ApiProperty() submitted: number;
  @ApiProperty() onTime: number;
  @ApiProperty() late: number;
  @ApiProperty() missing: number;
  @ApiProperty() accepted: number;
  @ApiProperty() returned: number;
  @ApiProperty() withErrors: number;
  @ApiProperty() withWarnings: number;
}

export class QualityCountsDto implements R.QualityCounts {
  @ApiProperty() submitted: number;
  @ApiProperty() missing: number;
  @ApiProperty() late: number;
  @ApiProperty() failing: number;
  @ApiProperty() warningOnly: number;
  @ApiProperty({ description: '上下年度结转不一致（X.CARRY）的报告数' })
  carryOverMismatches: number;
}

export class FindingSummaryDto {
  @ApiProperty({ example: 'T3.BALANCE' }) rule: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: [String] }) cells: string[];
}

export class QualityItemDto implements R.QualityItem {
  @ApiProperty({ enum: ['failing', 'missing', 'late', 'warning'] })
  type: 'failing' | 'missing' | 'late' | 'warning';
  @ApiProperty({ type: AgencyRefDto }) agency: AgencyRefDto;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) reportId: string | null;
  @ApiProperty() errorCount: number;
  @ApiProperty() warningCount: number;
  @ApiProperty({ nullable: true, type: Number }) daysLate: number | null;
  @ApiProperty({ nullable: true, type: Boolean }) onTime: boolean | null;
  @ApiProperty({ type: [FindingSummaryDto] }) findings: FindingSummaryDto[];
}

export class OverviewResponseDto implements R.OverviewDto {
  @ApiProperty({ type: ScopeRefDto }) scope: ScopeRefDto;
  @ApiProperty() year: number;
  @ApiProperty({ type: [KpiDto] }) kpis: KpiDto[];
  @ApiProperty({ type: SubmissionProgressDto }) submissions: SubmissionProgressDto;
  @ApiProperty({ type: [QualityItemDto], description: '最严重的数据质量问题（前 5 条）' })
  issues: QualityItemDto[];
  @ApiProperty({ type: QualityCountsDto }) issueCounts: QualityCountsDto;
}

export class GroupRefDto implements R.GroupRef {
  @ApiProperty({ description: '分组键：机构 id、类型、层级，或 __own__（本级）、all（合计）' })
  key: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
}

export class TrendPointDto {
  @ApiProperty() year: number;
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
  @ApiProperty({ description: '计入的报告数' }) reports: number;
}

export class TrendSeriesDto {
  @ApiProperty() metric: string;
  @ApiProperty({ type: GroupRefDto }) group: GroupRefDto;
  @ApiProperty({ type: [TrendPointDto] }) points: TrendPointDto[];
}

export class TrendResponseDto implements R.TrendDto {
  @ApiProperty({ type: ScopeRefDto }) scope: ScopeRefDto;
  @ApiProperty() fromYear: number;
  @ApiProperty() toYear: number;
  @ApiProperty({ enum: ['none', 'kind', 'level', 'child'] })
  groupBy: 'none' | 'kind' | 'level' | 'child';
  @ApiProperty({ type: [MetricInfoDto] }) metrics: MetricInfoDto[];
  @ApiProperty({ type: [TrendSeriesDto] }) series: TrendSeriesDto[];
}

export class CompareItemDto implements R.CompareItem {
  @ApiProperty({ type: AgencyRefDto }) agency: AgencyRefDto;
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
  @ApiProperty({ nullable: true, type: Number }) secondValue: number | null;
  @ApiProperty({ description: '名次（相同数值并列）' }) rank: number;
  @ApiProperty({ nullable: true, type: Number, description: '百分位 0–100（并列取中位）' })
  percentile: number | null;
  @ApiProperty({ nullable: true, type: Number }) previous: number | null;
  @ApiProperty({ nullable: true, type: ChangeDto }) change: ChangeDto | null;
  @ApiProperty() reports: number;
}

export class CompareStatsDto {
  @ApiProperty() count: number;
  @ApiProperty({ nullable: true, type: Number }) min: number | null;
  @ApiProperty({ nullable: true, type: Number }) max: number | null;
  @ApiProperty({ nullable: true, type: Number }) mean: number | null;
  @ApiProperty({ nullable: true, type: Number }) median: number | null;
}

export class CompareResponseDto implements R.CompareDto {
  @ApiProperty({ type: ScopeRefDto }) scope: ScopeRefDto;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['agency', 'child'] }) by: 'agency' | 'child';
  @ApiProperty({ type: MetricInfoDto }) metric: MetricInfoDto;
  @ApiProperty({ nullable: true, type: MetricInfoDto }) secondMetric: MetricInfoDto | null;
  @ApiProperty({ description: '有数值、参与排名的单位数' }) total: number;
  @ApiProperty({ description: '没有数值（无报告或分母为 0）的单位数' }) withoutValue: number;
  @ApiProperty({ type: CompareStatsDto }) stats: CompareStatsDto;
  @ApiProperty({ type: [CompareItemDto] }) items: CompareItemDto[];
}

export class YoyCellDto implements R.YoyCell {
  @ApiProperty({ example: 'applications.newReceived.total' }) address: string;
  @ApiProperty({ example: '表三' }) table: string;
  @ApiProperty() row: string;
  @ApiProperty() column: string;
  @ApiProperty({ nullable: true, type: Number }) current: number | null;
  @ApiProperty({ nullable: true, type: Number }) base: number | null;
  @ApiProperty({ nullable: true, type: ChangeDto }) change: ChangeDto | null;
}

export class YoyMetricDto {
  @ApiProperty({ type: MetricInfoDto }) metric: MetricInfoDto;
  @ApiProperty({ nullable: true, type: Number }) current: number | null;
  @ApiProperty({ nullable: true, type: Number }) base: number | null;
  @ApiProperty({ nullable: true, type: ChangeDto }) change: ChangeDto | null;
}

export class YoyReportsDto {
  @ApiProperty() current: number;
  @ApiProperty() base: number;
}

export class YoyResponseDto implements R.YoyDto {
  @ApiProperty({ type: ScopeRefDto }) scope: ScopeRefDto;
  @ApiProperty() year: number;
  @ApiProperty() baseYear: number;
  @ApiProperty({ type: YoyReportsDto }) reports: YoyReportsDto;
  @ApiProperty({ type: [YoyMetricDto] }) metrics: YoyMetricDto[];
  @ApiProperty({ type: [YoyCellDto] }) cells: YoyCellDto[];
}

export class LabelDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() labelEn: string;
}

export class BreakdownRowDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() shortLabel: string;
  @ApiProperty() labelEn: string;
  @ApiProperty({ description: '是否为办理结果行' }) outcome: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  values: Record<string, number>;
}

export class BreakdownResponseDto implements R.BreakdownDto {
  @ApiProperty({ type: ScopeRefDto }) scope: ScopeRefDto;
  @ApiProperty() year: number;
  @ApiProperty() reports: number;
  @ApiProperty({ type: [LabelDto] }) columns: LabelDto[];
  @ApiProperty({ type: [BreakdownRowDto] }) rows: BreakdownRowDto[];
}

export class ComplianceCellDto implements R.ComplianceCell {
  @ApiProperty() year: number;
  @ApiProperty() expected: number;
  @ApiProperty() submitted: number;
  @ApiProperty() onTime: number;
  @ApiProperty() late: number;
  @ApiProperty() missing: number;
  @ApiProperty() withErrors: number;
  @ApiProperty() withWarnings: number;
  @ApiProperty({ nullable: true, type: Number }) onTimeRate: number | null;
  @ApiProperty({ nullable: true, type: Number }) inspectionPassRate: number | null;
  @ApiProperty({ nullable: true, type: Number }) completionRate: number | null;
  @ApiProperty({ enum: ['ok', 'warning', 'late', 'failing', 'missing', 'not-expected'] })
  status: R.ComplianceCell['status'];
}

export class ComplianceRowDto {
  @ApiProperty({ nullable: true, type: AgencyRefDto, description: 'null：本级' })
  agency: AgencyRefDto | null;
  @ApiProperty() name: string;
  @ApiProperty({ type: [ComplianceCellDto] }) years: ComplianceCellDto[];
}

export class ComplianceResponseDto implements R.ComplianceDto {
  @ApiProperty({ type: ScopeRefDto }) scope: ScopeRefDto;
  @ApiProperty() fromYear: number;
  @ApiProperty() toYear: number;
  @ApiProperty({ enum: ['agency', 'child'] }) by: 'agency' | 'child';
  @ApiProperty() total: number;
  @ApiProperty({ type: [ComplianceRowDto] }) rows: ComplianceRowDto[];
}

export class RuleCountDto {
  @ApiProperty() rule: string;
  @ApiProperty() reports: number;
}

export class QualityResponseDto implements R.QualityDto {
  @ApiProperty({ type: ScopeRefDto }) scope: ScopeRefDto;
  @ApiProperty() year: number;
  @ApiProperty({ type: QualityCountsDto }) counts: QualityCountsDto;
  @ApiProperty({ type: [RuleCountDto] }) rules: RuleCountDto[];
  @ApiProperty() total: number;
  @ApiProperty({ type: [QualityItemDto] }) items: QualityItemDto[];
}

export class RollupProactiveCellDto {
  @ApiProperty() column: string;
  @ApiProperty() label: string;
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
}

export class RollupProactiveRowDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() clause: string;
  @ApiProperty({ type: [RollupProactiveCellDto] }) cells: RollupProactiveCellDto[];
}

export class RollupRowDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true } })
  values: Record<string, number | null>;
}

/** A row of 表三 with the merged headings printed to its left. */
export class RollupApplicationRowDto extends RollupRowDto {
  @ApiProperty({ type: [String] }) headings: string[];
}

export class RollupUnitDto {
  @ApiProperty({ type: AgencyRefDto }) agency: AgencyRefDto;
  @ApiProperty({ nullable: true, type: String }) reportId: string | null;
  @ApiProperty({ nullable: true, type: String }) status: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) onTime: boolean | null;
  @ApiProperty({ nullable: true, type: Number }) daysLate: number | null;
  @ApiProperty({ nullable: true, type: Number }) errorCount: number | null;
}

export class RollupMissingUnitDto {
  @ApiProperty({ type: AgencyRefDto }) agency: AgencyRefDto;
}

export class RollupUnitsDto {
  @ApiProperty() included: number;
  @ApiProperty() missing: number;
  @ApiProperty({ type: [RollupUnitDto] }) includedList: RollupUnitDto[];
  @ApiProperty({ type: [RollupMissingUnitDto] }) missingList: RollupMissingUnitDto[];
}

export class RollupResponseDto implements R.RollupDto {
  @ApiProperty({ type: ScopeRefDto }) scope: ScopeRefDto;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['2021', '2019'] }) formatVersion: '2021' | '2019';
  @ApiProperty() reports: number;
  @ApiProperty({ type: [RollupProactiveRowDto] }) proactive: RollupProactiveRowDto[];
  @ApiProperty({ type: [RollupApplicationRowDto] }) applications: RollupApplicationRowDto[];
  @ApiProperty({ type: [RollupRowDto] }) reviewLitigation: RollupRowDto[];
  @ApiProperty({ type: RollupUnitsDto }) units: RollupUnitsDto;
}
