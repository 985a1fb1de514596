import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

export class CreateAgencyDto implements Contract.CreateAgencyRequest {
  @ApiProperty({
    example: '330102',
    maxLength: AGENCY_CODE_MAX_LENGTH,
    description: '唯一编码（字母、数字、. - _）',
  })
  @CodeField({ optional: false })
  code: string;

  @ApiProperty({
    example: '上城区人民政府',
    maxLength: AGENCY_NAME_MAX_LENGTH,
    description: '同一上级下唯一',
  })
  @NameField({ optional: false })
  name: string;

  @ApiProperty({ enum: AGENCY_LEVELS })
  @LevelField({ optional: false })
  level: AgencyLevel;

  @ApiProperty({ enum: AGENCY_KINDS })
  @KindField({ optional: false })
  kind: AgencyKind;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '上级机构；省略或 null 表示顶级',
  })
  @ParentIdField()
  parentId?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: AGENCY_YEAR_MIN,
    maximum: AGENCY_YEAR_MAX,
    description: '首个应报送年度；省略时为当前年度（新单位不计入以往年度的应报），null 表示不限',
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
