import { ApiProperty } from '@nestjs/swagger';
import { AGENCY_KINDS, AGENCY_LEVELS, type AgencyKind, type AgencyLevel } from '../agency-taxonomy';
import type * as Contract from '@atlas/api-contract';

export class AgencyDto implements Contract.AgencyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '330100' })
  code: string;

  @ApiProperty({ example: '杭州市人民政府' })
  name: string;

  @ApiProperty({ enum: AGENCY_LEVELS, description: '层级：省级/市级/县级/乡镇级/其他' })
  level: AgencyLevel;

  @ApiProperty({ enum: AGENCY_KINDS, description: '类型：人民政府/部门/开发区/街道/乡镇/其他' })
  kind: AgencyKind;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId: string | null;

  @ApiProperty({ type: [String], description: 'Ids from the root down to this agency (inclusive)' })
  path: string[];

  @ApiProperty({ description: '0 for a root' })
  depth: number;

  @ApiProperty({ nullable: true, type: Number, example: 2008 })
  activeFromYear: number | null;

  @ApiProperty({ nullable: true, type: Number })
  activeToYear: number | null;
}

export class AgencyTreeNodeDto extends AgencyDto implements Contract.AgencyTreeNode {
  @ApiProperty({ type: () => [AgencyTreeNodeDto] })
  children: AgencyTreeNodeDto[];
}
