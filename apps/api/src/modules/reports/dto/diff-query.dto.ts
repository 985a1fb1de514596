import { ApiProperty } from '@nestjs/swagger';
import { PositiveIntField } from '../../../common/http/request-fields';
import type * as Contract from '@atlas/api-contract';

export class DiffQueryDto implements Contract.ReportDiffQuery {
  @ApiProperty({ example: 1, description: '较早的版本号' })
  @PositiveIntField('from', { optional: false })
  from: number;

  @ApiProperty({ example: 2, description: '较晚的版本号' })
  @PositiveIntField('to', { optional: false })
  to: number;
}
