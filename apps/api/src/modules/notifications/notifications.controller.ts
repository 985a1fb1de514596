import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import {
  NotificationDto,
  NotificationPageDto,
  NotificationQueryDto,
  ReadAllResultDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** Every signed-in role has its own notices and sees only those. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: '我的通知 / the caller’s notices, newest first, with the unread count' })
  @ApiOkResponse({ type: NotificationPageDto })
  page(
    @CurrentUser() user: AuthUser,
    @Query() query: NotificationQueryDto,
  ): Promise<NotificationPageDto> {
    return this.notifications.page(user, {
      unread: query.unread,
      before: query.before,
      limit: query.limit ?? 20,
    });
  }

  @Post('read-all')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '全部标为已读 / marks every unread notice of the caller read' })
  @ApiOkResponse({ type: ReadAllResultDto })
  readAll(@CurrentUser() user: AuthUser): Promise<ReadAllResultDto> {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '标为已读 / marks one of the caller’s notices read' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ description: 'NOTIFICATION_NOT_FOUND (also someone else’s notice)' })
  read(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<NotificationDto> {
    return this.notifications.markRead(user, id);
  }
}
