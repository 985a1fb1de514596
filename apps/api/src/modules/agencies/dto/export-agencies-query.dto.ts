import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AGENCY_FILE_FORMATS, type AgencyFileFormat } from '../agency-table';
import type * as Contract from '@atlas/api-contract';

export class ExportAgenciesQueryDto implements Contract.ExportAgenciesQuery {
  @ApiPropertyOptional({ enum: AGENCY_FILE_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(AGENCY_FILE_FORMATS, { message: 'format 应为 csv 或 xlsx' })
  format?: AgencyFileFormat;
}
