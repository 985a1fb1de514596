import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COPY_SPAN_KINDS, type CopySpanKind, type NarrativePartKey } from '@atlas/api-contract';
import type * as Contract from '@atlas/api-contract';
import { IsOptional, IsUUID } from 'class-validator';
import { PositiveIntField, ReportYearField } from '../../../common/http/request-fields';
import { REPORT_STATUSES, type ReportStatus } from '../report-status';
import { MAX_PAGE_SIZE } from './list-reports-query.dto';

const PART_KEYS = ['overview', 'problems', 'other'] as const;

export class CopySpanDto implements Contract.CopySpan {
  @ApiProperty() text: string;
  @ApiProperty({
    enum: COPY_SPAN_KINDS,
    description: 'shared 相同（标记）、boilerplate 套话、text 其余',
  })
  kind: CopySpanKind;
}

export class CopyPassageDto implements Contract.CopyPassage {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ nullable: true, type: String }) agencyName: string | null;
  @ApiProperty() year: number;
  @ApiProperty({ description: '所示文字的版本号' }) version: number;
  @ApiProperty({ description: '调用者能否打开这份报告' }) linkable: boolean;
  @ApiProperty({ type: [CopySpanDto], description: '依次拼接即为原文' }) spans: CopySpanDto[];
}

export class ReportCopyComparisonDto implements Contract.ReportCopyComparison {
  @ApiProperty({ enum: PART_KEYS }) part: NarrativePartKey;
  @ApiProperty({ description: '发现时测得的相同比例（0–1）' }) similarity: number;
  @ApiProperty({ type: CopyPassageDto, description: '本报告的这一部分' }) report: CopyPassageDto;
  @ApiProperty({ type: CopyPassageDto, description: '另一份报告的同一部分' }) other: CopyPassageDto;
}

export class CopiedReportsQueryDto implements Contract.CopiedReportsQuery {
  @ApiProperty({ example: 2024 })
  @ReportYearField({ optional: false })
  year: number;

  @ApiPropertyOptional({ format: 'uuid', description: '地区（含下级）；缺省为调用者可见的全部' })
  @IsOptional()
  @IsUUID('all', { message: 'scope 必须是 UUID' })
  scope?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @PositiveIntField('page', { optional: true })
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @PositiveIntField('pageSize', { optional: true, max: MAX_PAGE_SIZE })
  pageSize?: number;
}

export class CopiedReportSourceDto implements Contract.CopiedReportSource {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ nullable: true, type: String }) agencyName: string | null;
  @ApiProperty() year: number;
  @ApiProperty({ description: '调用者能否打开这份报告' }) visible: boolean;
}

export class CopiedReportItemDto implements Contract.CopiedReportItem {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ nullable: true, type: String }) agencyName: string | null;
  @ApiProperty() year: number;
  @ApiProperty({ enum: REPORT_STATUSES }) status: ReportStatus;
  @ApiProperty({ enum: PART_KEYS }) part: NarrativePartKey;
  @ApiProperty({ description: '相同比例（0–1）' }) similarity: number;
  @ApiProperty({ description: '本报告中与另一份相同的句子数' }) sharedSentences: number;
  @ApiProperty({ type: CopiedReportSourceDto }) other: CopiedReportSourceDto;
}

export class CopiedReportPageDto implements Contract.CopiedReportPage {
  @ApiProperty() year: number;
  @ApiProperty({ type: [CopiedReportItemDto] }) items: CopiedReportItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
