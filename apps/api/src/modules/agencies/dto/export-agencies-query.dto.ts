import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AGENCY_FILE_FORMATS, type AgencyFileFormat } from '../agency-table';

export class ExportAgenciesQueryDto {
  @ApiPropertyOptional({ enum: AGENCY_FILE_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(AGENCY_FILE_FORMATS, { message: 'format 应为 csv 或 xlsx' })
  format?: AgencyFileFormat;
}
