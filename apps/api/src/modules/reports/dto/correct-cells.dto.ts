import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNumber,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type * as Contract from '@atlas/api-contract';

export const MAX_CORRECTION_REASON_LENGTH = 500;
export const MAX_CHANGES_PER_CORRECTION = 500;
/** Far above any count or amount in a report; keeps typing slips like 1e300 out of numeric. */
const MAX_CELL_MAGNITUDE = 1e12;

export class CellChangeDto implements Contract.CellChange {
  @ApiProperty({
    example: 'applications.newReceived.total',
    description: '单元格地址 <表>.<行>.<列>',
  })
  @IsString({ message: 'address 必须是文本' })
  @MaxLength(100, { message: 'address 不能超过 100 个字符' })
  address: string;

  @ApiProperty({ example: 3, description: '新值（有限数字）' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'value 必须是有限数字' })
  @Min(-MAX_CELL_MAGNITUDE, { message: 'value 超出范围' })
  @Max(MAX_CELL_MAGNITUDE, { message: 'value 超出范围' })
  value: number;
}

export class CorrectCellsDto implements Contract.CorrectCellsRequest {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_CORRECTION_REASON_LENGTH,
    example: '与原件核对，表三新收申请数录入有误',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'reason 必须是文本' })
  @MinLength(1, { message: '请填写更正原因' })
  @MaxLength(MAX_CORRECTION_REASON_LENGTH, {
    message: `更正原因不能超过 ${MAX_CORRECTION_REASON_LENGTH} 个字`,
  })
  reason: string;

  @ApiProperty({ type: [CellChangeDto] })
  @IsArray({ message: 'changes 必须是数组' })
  @ArrayMinSize(1, { message: '至少更正一个单元格' })
  @ArrayMaxSize(MAX_CHANGES_PER_CORRECTION, {
    message: `一次最多更正 ${MAX_CHANGES_PER_CORRECTION} 个单元格`,
  })
  @ValidateNested({ each: true })
  @Type(() => CellChangeDto)
  changes: CellChangeDto[];
}
