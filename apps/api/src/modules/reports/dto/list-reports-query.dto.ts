import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { REPORT_STATUSES, type ReportStatus } from '../report-status';
import { AgencyIdField, PositiveIntField, ReportYearField } from '../../../common/http/request-fields';
import type * as Contract from '@atlas/api-contract';

export const MAX_PAGE_SIZE = 100;

export class ListReportsQueryDto implements Contract.ReportListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @AgencyIdField({ optional: true })
  agencyId?: string;

  @ApiPropertyOptional({ example: 2023 })
  @ReportYearField({ optional: true })
  year?: number;

  @ApiPropertyOptional({ enum: REPORT_STATUSES })
  @IsOptional()
  @IsIn(REPORT_STATUSES, { message: `status 应为 ${REPORT_STATUSES.join('、')} 之一` })
  status?: ReportStatus;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @PositiveIntField('page', { optional: true })
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @PositiveIntField('pageSize', { optional: true, max: MAX_PAGE_SIZE })
  pageSize?: number;
}
