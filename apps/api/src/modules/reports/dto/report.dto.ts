import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  REPORT_PARTS,
  RULES,
  type CanonicalReport,
  type ReportPartKey,
  type RuleId,
  type Severity,
} from '@atlas/report-model';
import { DEADLINE_SOURCES, YEAR_SOURCES } from '@atlas/api-contract';
import {
  REPORT_ACTIONS,
  REPORT_STATUSES,
  type ReportAction,
  type ReportStatus,
} from '../report-status';
import type * as Contract from '@atlas/api-contract';

const RULE_IDS = RULES.map((rule) => rule.id);

export class CopiedFromDto implements NonNullable<Contract.Finding['copiedFrom']> {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty() year: number;
  @ApiPropertyOptional({ description: '比较的另一份报告的版本号' }) version?: number;
  @ApiProperty({ enum: ['overview', 'problems', 'other'] }) part: 'overview' | 'problems' | 'other';
  @ApiProperty({ description: '较短一方自有文字中相同的比例（0–1）' }) similarity: number;
  @ApiProperty({ type: [String], description: '本报告中与另一份相同的句子' })
  sharedSentences: string[];
}

export class CoverageAgencyDto {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() name: string;
}

export class CoverageDetailDto implements NonNullable<Contract.Finding['coverage']> {
  @ApiProperty({ type: () => [CoverageAgencyDto], description: '已报送本年度报告的下级单位' })
  reported: CoverageAgencyDto[];
  @ApiProperty({ type: () => [CoverageAgencyDto], description: '未报送的下级单位' })
  missing: CoverageAgencyDto[];
}

export class FindingDto implements Contract.Finding {
  @ApiProperty({ enum: RULE_IDS, example: 'T3.BALANCE' }) rule: RuleId;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: Severity;
  @ApiProperty({ type: [String], description: '涉及的单元格地址' }) cells: string[];
  @ApiProperty({ example: '表三 总计列：新收 3 + 上年结转 0 ≠ 办理总计 2 + 结转下年度 0' })
  message: string;
  @ApiPropertyOptional({ type: [String], description: '跨年规则：上一年度报告中比较的单元格' })
  previousCells?: string[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'array', items: { type: 'number' } } })
  candidates?: number[][];
  @ApiPropertyOptional({
    type: () => CopiedFromDto,
    description: '内容雷同：另一份报告及相同的句子',
  })
  copiedFrom?: CopiedFromDto;
  @ApiPropertyOptional({
    enum: REPORT_PARTS.map((part) => part.key),
    isArray: true,
    description: '涉及的正文部分',
  })
  parts?: ReportPartKey[];
  @ApiPropertyOptional({
    type: () => CoverageDetailDto,
    description: '下级报告覆盖（H.COVERAGE）：已报送与未报送的下级单位',
  })
  coverage?: CoverageDetailDto;
}

export class FindingCountsDto implements Contract.FindingCounts {
  @ApiProperty({ description: '错误数' }) errors: number;
  @ApiProperty({ description: '提示数' }) warnings: number;
}

export class ReportWarningDto implements Contract.ReportWarning {
  @ApiProperty({ example: 'YEAR_DIFFERS' }) code: string;
  @ApiProperty() message: string;
}

/** What an upload, a correction and a workflow step answer. */
export class ReportWriteResultDto implements Contract.ReportWriteResult {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() year: number;
  @ApiProperty({ description: '当前版本号' }) version: number;
  @ApiProperty({ enum: REPORT_STATUSES }) status: ReportStatus;
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
  @ApiProperty({ type: [ReportWarningDto] }) warnings: ReportWarningDto[];
}

export class ReportPreviewDto implements Contract.ReportPreview {
  @ApiProperty({ type: Object, description: '规范化报告 (atlas.report/v1)' })
  report: CanonicalReport;
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
  @ApiProperty({ type: Object, description: '单元格地址 → 在原文中的位置' })
  provenance: Contract.Provenance;
  @ApiProperty({ type: [ReportWarningDto] }) warnings: ReportWarningDto[];
  @ApiProperty({ example: 'text' }) format: string;
  @ApiProperty({ nullable: true, type: String, enum: YEAR_SOURCES })
  yearSource: Contract.YearSource | null;
}

export class ReportVersionSummaryDto implements Contract.ReportVersionSummary {
  @ApiProperty() version: number;
  @ApiProperty({ enum: REPORT_STATUSES, description: '该版本最近一次流程步骤后的状态' })
  status: ReportStatus;
  @ApiProperty() createdAt: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ nullable: true, type: String }) createdByName: string | null;
  @ApiProperty({ nullable: true, type: String }) fileName: string | null;
  @ApiProperty({ nullable: true, type: String }) sha256: string | null;
  @ApiProperty({ nullable: true, type: Number }) size: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'text' }) format: string | null;
  @ApiProperty({ nullable: true, type: Number, description: '为更正退回的报告而复制的版本' })
  basedOnVersion: number | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) submittedBy: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) onTime: boolean | null;
  @ApiProperty({ nullable: true, type: Number }) daysLate: number | null;
  @ApiProperty({ type: FindingCountsDto }) findingCounts: FindingCountsDto;
}

/** The reviewer's comment a returned or reopened report carries until it is submitted again. */
export class ReviewCommentDto implements Contract.ReviewComment {
  @ApiProperty({ enum: ['return', 'reopen'] }) action: 'return' | 'reopen';
  @ApiProperty({ description: '退回或重新打开时的版本' }) version: number;
  @ApiProperty({ description: '退回意见或重新打开的原因' }) comment: string;
  @ApiProperty({ format: 'uuid' }) actorId: string;
  @ApiProperty() actorName: string;
  @ApiProperty() at: string;
}

export class ReportDetailDto implements Contract.ReportDetail {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ nullable: true, type: String }) agencyName: string | null;
  @ApiProperty() year: number;
  @ApiProperty({ enum: REPORT_STATUSES }) status: ReportStatus;
  @ApiProperty({ description: '当前版本号' }) version: number;
  @ApiProperty({ type: Object, description: '当前版本的规范化报告 (atlas.report/v1)' })
  report: CanonicalReport;
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
  @ApiProperty({ type: [ReportWarningDto] }) warnings: ReportWarningDto[];
  @ApiProperty({ type: [ReportVersionSummaryDto] }) versions: ReportVersionSummaryDto[];
  @ApiProperty({ example: '2024-01-31', description: '适用的截止日期' }) deadline: string;
  @ApiProperty({ enum: DEADLINE_SOURCES }) deadlineSource: Contract.DeadlineSource;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: '当前版本报送时是否按时；未报送为 null',
  })
  onTime: boolean | null;
  @ApiProperty({ nullable: true, type: Number }) daysLate: number | null;
  @ApiProperty({
    nullable: true,
    type: ReviewCommentDto,
    description: '最近一次退回或重新打开的意见，直到再次报送；其间的各版本都显示它',
  })
  reviewComment: ReviewCommentDto | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ReportListItemDto implements Contract.ReportListItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ nullable: true, type: String }) agencyName: string | null;
  @ApiProperty() year: number;
  @ApiProperty({ enum: REPORT_STATUSES }) status: ReportStatus;
  @ApiProperty() version: number;
  @ApiProperty({ type: FindingCountsDto, description: '当前版本的检查结果数' })
  findingCounts: FindingCountsDto;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) onTime: boolean | null;
  @ApiProperty({ nullable: true, type: Number }) daysLate: number | null;
  @ApiProperty() updatedAt: string;
}

export class ReportPageDto implements Contract.ReportPage {
  @ApiProperty({ type: [ReportListItemDto] }) items: ReportListItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CellCorrectionDto implements Contract.CellCorrection {
  @ApiProperty() address: string;
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() at: string;
}

export class ReportVersionDetailDto
  extends ReportVersionSummaryDto
  implements Contract.ReportVersionDetail
{
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ type: Object, description: '该版本的规范化报告 (atlas.report/v1)' })
  report: CanonicalReport;
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
  @ApiProperty({ type: [ReportWarningDto] }) warnings: ReportWarningDto[];
  @ApiProperty({ type: Object, description: '单元格地址 → 在原文中的位置' })
  provenance: Contract.Provenance;
  @ApiProperty({ type: [CellCorrectionDto] }) corrections: CellCorrectionDto[];
}

export class CellDifferenceDto implements Contract.CellDifference {
  @ApiProperty({ example: 'applications.newReceived.total' }) address: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '较早版本中的值；该版本没有此单元格时为 null',
  })
  from: number | null;
  @ApiProperty({ nullable: true, type: Number }) to: number | null;
}

export class ReportDiffDto implements Contract.ReportDiff {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: [CellDifferenceDto] }) differences: CellDifferenceDto[];
}

export class ReportEventChangeDto implements Contract.ReportEventChange {
  @ApiProperty({ example: 'applications.newReceived.naturalPerson' }) address: string;
  @ApiProperty({ example: 5 }) from: number;
  @ApiProperty({ example: 6 }) to: number;
}

export class ReportEventDto implements Contract.ReportEvent {
  @ApiProperty() version: number;
  @ApiProperty({ enum: REPORT_ACTIONS }) action: ReportAction;
  @ApiProperty({
    nullable: true,
    type: String,
    description: '退回意见、重新打开或更正的原因',
  })
  comment: string | null;
  @ApiProperty({
    type: [ReportEventChangeDto],
    description: '更正：改动的单元格及新旧值；其他步骤为空',
  })
  changes: ReportEventChangeDto[];
  @ApiProperty({ format: 'uuid' }) actorId: string;
  @ApiProperty() actorName: string;
  @ApiProperty() at: string;
}
