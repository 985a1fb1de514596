import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNumberString,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type * as Contract from '@atlas/api-contract';

export class AuditEntryDto implements Contract.AuditEntry {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ example: 'auth.login' }) action: string;
  @ApiProperty({ type: String, nullable: true }) targetType: string | null;
  @ApiProperty({ type: String, nullable: true }) targetId: string | null;
  @ApiProperty({ type: Object }) details: Record<string, unknown>;
}

export class AuditPageDto implements Contract.AuditPage {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `before` for the next page' })
  nextBefore: string | null;
}

export class AuditQueryDto implements Contract.AuditQuery {
  @ApiPropertyOptional({ description: 'Action prefix, e.g. auth.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: 'Entries older than this id' })
  @IsOptional()
  @IsNumberString()
  before?: string;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
