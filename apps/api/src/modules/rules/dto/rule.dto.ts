import { ApiProperty } from '@nestjs/swagger';
import type * as Contract from '@atlas/api-contract';

export class RuleSourceDto implements Contract.RuleSourceDto {
  @ApiProperty({ enum: ['regulation', 'notice', 'template', 'practice'] })
  kind: Contract.RuleSourceKind;

  @ApiProperty({ example: '《中华人民共和国政府信息公开条例》第五十条' })
  cite: string;
}

export class RuleDto implements Contract.RuleDto {
  @ApiProperty({ example: 'T3.BALANCE' }) id: string;
  @ApiProperty({ example: '表三收支平衡' }) name: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: Contract.RuleSeverity;
  @ApiProperty({ enum: ['report', 'crossReport', 'submission', 'parse'] }) scope: Contract.RuleScopeKind;
  @ApiProperty() description: string;
  @ApiProperty() descriptionEn: string;
  @ApiProperty({ description: '规则读取的单元格或部分' }) looksAt: string;
  @ApiProperty({ type: RuleSourceDto }) source: RuleSourceDto;
}
