import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AgencyIdField, ReportYearField } from '../../../common/http/request-fields';
import { FileNameField, PastedTextField } from './report-fields';
import type * as Contract from '@atlas/api-contract';

/**
 * An upload: multipart/form-data with `file`, `agencyId`, `year`, or JSON with the report's text
 * pasted into `text`. Exactly one of `file` and `text`.
 */
export class UploadReportDto implements Contract.UploadReportRequest {
  @ApiProperty({ format: 'uuid', description: '报告所属机构' })
  @AgencyIdField({ optional: false })
  agencyId: string;

  @ApiProperty({
    example: 2023,
    description: '报告年度（所报告的年份，不是发布年份），2008 至今年',
  })
  @ReportYearField({ optional: false })
  year: number;

  @ApiPropertyOptional({ description: '粘贴的报告全文（JSON 请求时使用，代替 file）' })
  @PastedTextField()
  text?: string;

  @ApiPropertyOptional({
    example: '2023年政府信息公开工作年度报告.txt',
    description: '粘贴文本保存为文件时的文件名',
  })
  @FileNameField()
  fileName?: string;
}

/** Documentation only: the multipart form of an upload. */
export class UploadReportFormDto extends UploadReportDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description: 'TXT、Markdown、HTML、DOCX、PDF 或 XLSX 文件',
  })
  file?: unknown;
}

/** A preview parses and checks without storing; agency and year only add the checks that need them. */
export class PreviewReportDto implements Contract.PreviewReportRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    description: '给出时对照该机构上一年度的报告（X.CARRY、T2.STOCK）',
  })
  @AgencyIdField({ optional: true })
  agencyId?: string;

  @ApiPropertyOptional({ example: 2023, description: '给出时核对文件中的年度' })
  @ReportYearField({ optional: true })
  year?: number;

  @ApiPropertyOptional({ description: '粘贴的报告全文（代替 file）' })
  @PastedTextField()
  text?: string;

  @ApiPropertyOptional()
  @FileNameField()
  fileName?: string;
}

/** Documentation only: the multipart form of a preview. */
export class PreviewReportFormDto extends PreviewReportDto {
  @ApiPropertyOptional({ type: 'string', format: 'binary' })
  file?: unknown;
}
