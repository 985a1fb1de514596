import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import {
  RECTIFICATION_ITEM_STATUSES,
  RECTIFICATION_STATUSES,
  type RectificationItemStatus,
  type RectificationStatus,
  type RuleSeverity,
} from '@atlas/api-contract';
import { AgencyIdField, ReportYearField } from '../../../common/http/request-fields';
import { MAX_FINDING_KEY_LENGTH } from './explanation.dto';
import type * as Contract from '@atlas/api-contract';

export const MAX_SELECTED_FINDINGS = 500;
export const MAX_REQUIREMENT_LENGTH = 1000;

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

/** YYYY-MM-DD naming a real day. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export class RectificationItemDto implements Contract.RectificationItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty() findingKey: string;
  @ApiProperty() rule: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: RuleSeverity;
  @ApiProperty({ description: '发出通知时的问题提示' }) message: string;
  @ApiProperty({ enum: RECTIFICATION_ITEM_STATUSES }) status: RectificationItemStatus;
  @ApiProperty({ type: String, nullable: true }) resolvedAt: string | null;
}

export class RectificationNoticeDto implements Contract.RectificationNotice {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ type: String, nullable: true }) agencyName: string | null;
  @ApiProperty({ type: [String], description: '从根到上级机构的名称' }) regionNames: string[];
  @ApiProperty() year: number;
  @ApiProperty({ type: String, nullable: true, description: '整改要求' })
  requirement: string | null;
  @ApiProperty({ example: '2025-06-30' }) dueDate: string;
  @ApiProperty({ enum: RECTIFICATION_STATUSES }) status: RectificationStatus;
  @ApiProperty() sentByName: string;
  @ApiProperty() sentAt: string;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty() itemCount: number;
  @ApiProperty() openItemCount: number;
  @ApiProperty({ type: [RectificationItemDto] }) items: RectificationItemDto[];
}

export class SelectedFindingDto implements Contract.SelectedFinding {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'reportId 必须是 UUID' })
  reportId: string;

  @ApiProperty()
  @IsString({ message: 'findingKey 必须是文本' })
  @MinLength(3, { message: 'findingKey 不能为空' })
  @MaxLength(MAX_FINDING_KEY_LENGTH, { message: 'findingKey 过长' })
  findingKey: string;
}

export class SendRectificationDto implements Contract.SendRectificationRequest {
  @ApiProperty({ type: [SelectedFindingDto], minItems: 1, maxItems: MAX_SELECTED_FINDINGS })
  @ValidateNested({ each: true })
  @Type(() => SelectedFindingDto)
  @ArrayMinSize(1, { message: '请至少选择一个问题' })
  @ArrayMaxSize(MAX_SELECTED_FINDINGS, {
    message: `一次最多选择 ${MAX_SELECTED_FINDINGS} 个问题`,
  })
  findings: SelectedFindingDto[];

  @ApiProperty({ example: '2025-06-30', description: '整改期限 YYYY-MM-DD，不早于今天' })
  @ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
      defaultMessage: () => 'dueDate 应为 YYYY-MM-DD 格式的有效日期',
    },
  })
  dueDate: string;

  @ApiPropertyOptional({ maxLength: MAX_REQUIREMENT_LENGTH, description: '整改要求' })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'requirement 必须是文本' })
  @MaxLength(MAX_REQUIREMENT_LENGTH, {
    message: `整改要求不能超过 ${MAX_REQUIREMENT_LENGTH} 个字`,
  })
  requirement?: string;
}

export class RectificationListQueryDto implements Contract.RectificationListQuery {
  @ApiPropertyOptional({ format: 'uuid', description: '地区（机构及其下级）；省略：可见的全部' })
  @AgencyIdField({ optional: true })
  scope?: string;

  @ApiPropertyOptional({ example: 2024, description: '报告年度' })
  @ReportYearField({ optional: true })
  year?: number;

  @ApiPropertyOptional({ enum: RECTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(RECTIFICATION_STATUSES, { message: 'status 应为 open、overdue 或 closed' })
  status?: RectificationStatus;
}

export class RectificationExportQueryDto
  extends RectificationListQueryDto
  implements Contract.RectificationExportQuery
{
  @ApiProperty({ enum: ['xlsx'] })
  @IsIn(['xlsx'], { message: 'format 只能是 xlsx' })
  format: 'xlsx';
}
