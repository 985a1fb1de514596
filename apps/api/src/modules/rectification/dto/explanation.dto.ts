import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  EXPLANATION_STATUSES,
  type ExplanationStatus,
  type RuleSeverity,
} from '@atlas/api-contract';
import { AgencyIdField, ReportYearField } from '../../../common/http/request-fields';
import type * as Contract from '@atlas/api-contract';

export const MAX_EXPLANATION_LENGTH = 2000;
export const MAX_DECISION_REASON_LENGTH = 500;
/** Keys are `rule@cells`; a report's cells are a few dozen at most. */
export const MAX_FINDING_KEY_LENGTH = 4000;

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class ExplanationDto implements Contract.Explanation {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() year: number;
  @ApiProperty({ example: 'N.APPLICATIONS@applications.newReceived.total' }) findingKey: string;
  @ApiProperty() rule: string;
  @ApiProperty({ description: '填写说明时该问题的提示' }) findingMessage: string;
  @ApiProperty({ description: '说明' }) text: string;
  @ApiProperty({ enum: EXPLANATION_STATUSES }) status: ExplanationStatus;
  @ApiProperty() writtenByName: string;
  @ApiProperty() writtenAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedByName: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: '审核理由' })
  decisionReason: string | null;
}

export class ExplainedFindingDto implements Contract.ExplainedFinding {
  @ApiProperty() key: string;
  @ApiProperty() rule: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: RuleSeverity;
  @ApiProperty({ type: [String] }) cells: string[];
  @ApiProperty() message: string;
  @ApiProperty({ description: '警告级别的问题可以说明' }) explainable: boolean;
  @ApiProperty({ type: () => ExplanationDto, nullable: true })
  explanation: ExplanationDto | null;
}

export class ReportExplanationsDto implements Contract.ReportExplanations {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ type: [ExplainedFindingDto], description: '当前版本的问题' })
  findings: ExplainedFindingDto[];
  @ApiProperty({ type: [ExplanationDto], description: '当前版本已不再有的问题的说明（留存）' })
  former: ExplanationDto[];
}

export class ExplanationsQueryDto implements Contract.ExplanationsQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'reportId 必须是 UUID' })
  reportId: string;
}

export class WriteExplanationDto implements Contract.WriteExplanationRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'reportId 必须是 UUID' })
  reportId: string;

  @ApiProperty({ description: '问题标识：规则@单元格（见 GET /api/explanations）' })
  @IsString({ message: 'findingKey 必须是文本' })
  @MinLength(3, { message: 'findingKey 不能为空' })
  @MaxLength(MAX_FINDING_KEY_LENGTH, { message: 'findingKey 过长' })
  findingKey: string;

  @ApiProperty({ minLength: 2, maxLength: MAX_EXPLANATION_LENGTH, example: '统计口径调整：…' })
  @Transform(trimmed)
  @IsString({ message: 'text 必须是文本' })
  @MinLength(2, { message: '请填写说明（至少 2 个字）' })
  @MaxLength(MAX_EXPLANATION_LENGTH, { message: `说明不能超过 ${MAX_EXPLANATION_LENGTH} 个字` })
  text: string;
}

export class DecideExplanationDto implements Contract.DecideExplanationRequest {
  @ApiProperty({ description: 'true 采纳，false 不予采纳' })
  @IsBoolean({ message: 'accept 必须是 true 或 false' })
  accept: boolean;

  @ApiPropertyOptional({ maxLength: MAX_DECISION_REASON_LENGTH, description: '不予采纳时必填' })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'reason 必须是文本' })
  @MaxLength(MAX_DECISION_REASON_LENGTH, {
    message: `理由不能超过 ${MAX_DECISION_REASON_LENGTH} 个字`,
  })
  reason?: string;
}

export class ExplanationSummaryQueryDto implements Contract.ExplanationSummaryQuery {
  @ApiPropertyOptional({ format: 'uuid', description: '地区（机构）；省略：可见的全部' })
  @AgencyIdField({ optional: true })
  scope?: string;

  @ApiPropertyOptional({ example: 2024 })
  @ReportYearField({ optional: true })
  year?: number;
}

export class ExplanationSummaryRowDto implements Contract.ExplanationSummaryRow {
  @ApiProperty() rule: string;
  @ApiProperty() pending: number;
  @ApiProperty() accepted: number;
  @ApiProperty() rejected: number;
}

export class ExplanationSummaryDto implements Contract.ExplanationSummary {
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
  @ApiProperty({ type: [ExplanationSummaryRowDto] }) rows: ExplanationSummaryRowDto[];
  @ApiProperty() pending: number;
  @ApiProperty() accepted: number;
  @ApiProperty() rejected: number;
}
