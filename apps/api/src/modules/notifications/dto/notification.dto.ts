import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumberString, IsOptional, Max, Min } from 'class-validator';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notification-kinds';
import type * as Contract from '@atlas/api-contract';

export class NotificationDto implements Contract.NotificationItem {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() year: number;
  @ApiProperty({ description: '中文提示，含审核意见或原因' }) message: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) readAt: string | null;
}

export class NotificationPageDto implements Contract.NotificationPage {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ description: 'All unread notices of the caller, whatever the page holds' })
  unreadCount: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `before` for the next page' })
  nextBefore: string | null;
}

export class ReadAllResultDto implements Contract.ReadAllResult {
  @ApiProperty({ description: 'How many notices this call marked read' }) marked: number;
}

export class NotificationQueryDto implements Contract.NotificationQuery {
  @ApiPropertyOptional({ description: 'Only unread notices' })
  @IsOptional()
  // A query string carries text: "true"/"false" are the only spellings taken.
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Notices older than this id' })
  @IsOptional()
  @IsNumberString({ no_symbols: true })
  before?: string;
}
