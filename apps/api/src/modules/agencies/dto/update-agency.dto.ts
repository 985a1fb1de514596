import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGENCY_CODE_MAX_LENGTH,
  AGENCY_KINDS,
  AGENCY_LEVELS,
  AGENCY_NAME_MAX_LENGTH,
  AGENCY_YEAR_MAX,
  AGENCY_YEAR_MIN,
  type AgencyKind,
  type AgencyLevel,
} from '../agency-taxonomy';
import {
  CodeField,
  KindField,
  LevelField,
  NameField,
  ParentIdField,
  YearField,
} from './agency-fields';
import type * as Contract from '@atlas/api-contract';

/** Only the fields sent change. `parentId: null` moves the agency (and its subtree) to the top. */
export class UpdateAgencyDto implements Contract.UpdateAgencyRequest {
  @ApiPropertyOptional({ maxLength: AGENCY_CODE_MAX_LENGTH })
  @CodeField({ optional: true })
  code?: string;

  @ApiPropertyOptional({ maxLength: AGENCY_NAME_MAX_LENGTH })
  @NameField({ optional: true })
  name?: string;

  @ApiPropertyOptional({ enum: AGENCY_LEVELS })
  @LevelField({ optional: true })
  level?: AgencyLevel;

  @ApiPropertyOptional({ enum: AGENCY_KINDS })
  @KindField({ optional: true })
  kind?: AgencyKind;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '新的上级；null 表示移为顶级',
  })
  @ParentIdField()
  parentId?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: AGENCY_YEAR_MIN,
    maximum: AGENCY_YEAR_MAX,
  })
  @YearField('起始年度')
  activeFromYear?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: AGENCY_YEAR_MIN,
    maximum: AGENCY_YEAR_MAX,
  })
  @YearField('终止年度')
  activeToYear?: number | null;
}
