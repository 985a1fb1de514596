import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { UsersService } from '../auth';
import type { NotificationDto, NotificationPageDto } from './dto/notification.dto';
import {
  KIND_OF_REVIEW_STEP,
  type NotificationKind,
  type ReportReviewStep,
  reviewMessage,
} from './notification-kinds';

/** A reviewer's step on a report, as the reports module tells it. */
export interface ReportReviewed {
  readonly step: ReportReviewStep;
  readonly reportId: string;
  readonly agencyId: string;
  readonly year: number;
  readonly reviewerName: string;
  readonly comment: string | null;
  /** When the step happened, for replayed history (the demo seed); now otherwise. */
  readonly at?: Date;
}

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  report_id: string;
  agency_id: string;
  year: number;
  message: string;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = 'id, kind, report_id, agency_id, year, message, created_at, read_at';
/** Ids are bigint identities; anything else names no notice (and must not reach PostgreSQL). */
const ID_PATTERN = /^[1-9]\d{0,17}$/;

const notificationNotFound = () =>
  new NotFoundException({ code: 'NOTIFICATION_NOT_FOUND', message: '通知不存在' });

/**
 * In-app notices for one person each. The table is this module's alone; other contexts write
 * through `notifyReportReviewed`, inside their own transaction so a notice exists only if the
 * step it tells of does.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  /** Tells every active uploader of the report's agency; returns how many were told. */
  async notifyReportReviewed(manager: EntityManager, review: ReportReviewed): Promise<number> {
    const recipients = await this.users.activeUploaderIds(review.agencyId, manager);
    if (recipients.length === 0) return 0;
    await manager.query(
      `INSERT INTO notification (recipient_id, kind, report_id, agency_id, year, message, created_at)
       SELECT recipient, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now())
         FROM unnest($1::uuid[]) AS recipient`,
      [
        recipients,
        KIND_OF_REVIEW_STEP[review.step],
        review.reportId,
        review.agencyId,
        review.year,
        reviewMessage(review.step, review.year, review.reviewerName, review.comment),
        review.at ?? null,
      ],
    );
    return recipients.length;
  }

  /**
   * Tells every active uploader of the agency of a notice another context wrote (a
   * rectification notice): the kind and the Chinese message are the caller's. Returns how many.
   */
  async notifyAgency(
    manager: EntityManager,
    notice: {
      readonly kind: NotificationKind;
      readonly reportId: string;
      readonly agencyId: string;
      readonly year: number;
      readonly message: string;
      readonly at?: Date;
    },
  ): Promise<number> {
    const recipients = await this.users.activeUploaderIds(notice.agencyId, manager);
    if (recipients.length === 0) return 0;
    await manager.query(
      `INSERT INTO notification (recipient_id, kind, report_id, agency_id, year, message, created_at)
       SELECT recipient, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now())
         FROM unnest($1::uuid[]) AS recipient`,
      [
        recipients,
        notice.kind,
        notice.reportId,
        notice.agencyId,
        notice.year,
        notice.message,
        notice.at ?? null,
      ],
    );
    return recipients.length;
  }

  /** The caller's notices, newest first, with the count of all their unread ones. */
  async page(
    user: AuthUser,
    filter: { unread?: boolean; before?: string; limit: number },
  ): Promise<NotificationPageDto> {
    const conditions = ['recipient_id = $1'];
    const parameters: unknown[] = [user.id];
    if (filter.unread) conditions.push('read_at IS NULL');
    if (filter.before !== undefined) {
      parameters.push(filter.before);
      conditions.push(`id < $${parameters.length}`);
    }
    parameters.push(filter.limit + 1);
    const rows = await this.dataSource.query<NotificationRow[]>(
      `SELECT ${COLUMNS} FROM notification WHERE ${conditions.join(' AND ')}
        ORDER BY id DESC LIMIT $${parameters.length}`,
      parameters,
    );
    const items = rows.slice(0, filter.limit).map(toNotificationDto);
    return {
      items,
      unreadCount: await this.unreadCount(user.id),
      nextBefore: rows.length > filter.limit ? (items[items.length - 1]?.id ?? null) : null,
    };
  }

  /** Marks one of the caller's notices read; someone else's is as absent as a missing one. */
  async markRead(user: AuthUser, id: string): Promise<NotificationDto> {
    if (!ID_PATTERN.test(id)) throw notificationNotFound();
    // Reading twice keeps the first time: it says when the person first saw it.
    const [rows] = await this.dataSource.query<[NotificationRow[], number]>(
      `UPDATE notification SET read_at = coalesce(read_at, now())
        WHERE id = $1 AND recipient_id = $2 RETURNING ${COLUMNS}`,
      [id, user.id],
    );
    const row = rows[0];
    if (!row) throw notificationNotFound();
    return toNotificationDto(row);
  }

  async markAllRead(user: AuthUser): Promise<{ marked: number }> {
    const [, marked] = await this.dataSource.query<[unknown[], number]>(
      'UPDATE notification SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL',
      [user.id],
    );
    return { marked };
  }

  private async unreadCount(userId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM notification WHERE recipient_id = $1 AND read_at IS NULL',
      [userId],
    );
    return row?.count ?? 0;
  }
}

function toNotificationDto(row: NotificationRow): NotificationDto {
  return {
    id: String(row.id),
    kind: row.kind,
    reportId: row.report_id,
    agencyId: row.agency_id,
    year: row.year,
    message: row.message,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}
