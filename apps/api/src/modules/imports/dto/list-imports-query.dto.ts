import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type * as Contract from '@atlas/api-contract';

export const DEFAULT_IMPORT_PAGE_SIZE = 20;
export const MAX_IMPORT_PAGE_SIZE = 100;

export class ListImportsQueryDto implements Contract.ListImportsQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page 必须是正整数' })
  @Min(1, { message: 'page 必须是正整数' })
  page?: number;

  @ApiPropertyOptional({ default: DEFAULT_IMPORT_PAGE_SIZE, minimum: 1, maximum: MAX_IMPORT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize 必须是正整数' })
  @Min(1, { message: `pageSize 应在 1–${MAX_IMPORT_PAGE_SIZE} 之间` })
  @Max(MAX_IMPORT_PAGE_SIZE, { message: `pageSize 应在 1–${MAX_IMPORT_PAGE_SIZE} 之间` })
  pageSize?: number;
}
