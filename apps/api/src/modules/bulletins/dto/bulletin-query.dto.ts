import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { BULLETIN_FORMATS, type BulletinFormat } from '@atlas/api-contract';
import type * as Contract from '@atlas/api-contract';
import { AgencyIdField, ReportYearField } from '../../../common/http/request-fields';

export class BulletinParamsDto {
  @ApiProperty({ example: 2024, description: '年度' })
  @ReportYearField({ optional: false })
  year!: number;
}

export class BulletinQueryDto implements Contract.BulletinQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: '地区：机构 id，含全部下级（默认：调用者可见的全部范围）',
  })
  @AgencyIdField({ optional: true })
  scope?: string;

  @ApiPropertyOptional({ enum: BULLETIN_FORMATS, default: 'docx' })
  @IsOptional()
  @IsIn(BULLETIN_FORMATS, { message: 'format 应为 docx 或 xlsx' })
  format?: BulletinFormat;
}
