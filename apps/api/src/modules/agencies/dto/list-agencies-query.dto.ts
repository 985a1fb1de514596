import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { AGENCY_KINDS, AGENCY_LEVELS, type AgencyKind, type AgencyLevel } from '../agency-taxonomy';
import { OptionalKindFilter, OptionalLevelFilter, SearchTextField } from './agency-fields';
import type * as Contract from '@atlas/api-contract';

export class ListAgenciesQueryDto implements Contract.ListAgenciesQuery {
  @ApiPropertyOptional({ description: '名称或编码包含此文本（不区分大小写）' })
  @SearchTextField()
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '只列出此机构的直接下级' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId 必须是 UUID' })
  parentId?: string;

  @ApiPropertyOptional({ enum: AGENCY_LEVELS })
  @OptionalLevelFilter()
  level?: AgencyLevel;

  @ApiPropertyOptional({ enum: AGENCY_KINDS })
  @OptionalKindFilter()
  kind?: AgencyKind;
}
