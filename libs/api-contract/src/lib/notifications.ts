/* /api/notifications: the signed-in user's notices. */

/** What a notice is about; later kinds are added here. */
export const NOTIFICATION_KINDS = [
  'report.returned',
  'report.reopened',
  'report.accepted',
  'rectification.sent',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  reportId: string;
  agencyId: string;
  year: number;
  /** Written by the API in Chinese, with the reviewer's comment or reason. */
  message: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  /** Newest first. */
  items: NotificationItem[];
  /** All the user's unread notices, whatever the page holds. */
  unreadCount: number;
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: string | null;
}

export interface NotificationQuery {
  unread?: boolean;
  limit?: number;
  /** Notices older than this id. */
  before?: string;
}

export interface ReadAllResult {
  /** How many notices this call marked read. */
  marked: number;
}
