import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type * as Contract from '@atlas/api-contract';

export const MAX_RETURN_COMMENT_LENGTH = 500;
export const MAX_REOPEN_REASON_LENGTH = 500;

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class ReturnReportDto implements Contract.ReturnReportRequest {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_RETURN_COMMENT_LENGTH,
    example: '表三结转数与上年报告不一致，请核对后重新报送',
  })
  @Transform(trimmed)
  @IsString({ message: 'comment 必须是文本' })
  @MinLength(1, { message: '请填写退回意见' })
  @MaxLength(MAX_RETURN_COMMENT_LENGTH, {
    message: `退回意见不能超过 ${MAX_RETURN_COMMENT_LENGTH} 个字`,
  })
  comment: string;
}

export class ReopenReportDto implements Contract.ReopenReportRequest {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_REOPEN_REASON_LENGTH,
    example: '单位来函：表三行政复议数填报有误，需更正后重新报送',
  })
  @Transform(trimmed)
  @IsString({ message: 'reason 必须是文本' })
  @MinLength(1, { message: '请填写重新打开的原因' })
  @MaxLength(MAX_REOPEN_REASON_LENGTH, {
    message: `重新打开的原因不能超过 ${MAX_REOPEN_REASON_LENGTH} 个字`,
  })
  reason: string;
}
