import { http } from './request';

/** `report.returned`, `report.reopened`, `report.accepted`; later kinds may follow. */
export type NotificationKind = string;

/** One notice of the signed-in user (GET /api/notifications). */
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
  before?: string;
}

export interface NotificationRequestOptions {
  /** For background polling: a failure shows nowhere rather than as a message every minute. */
  silent?: boolean;
}

export function listNotifications(
  query: NotificationQuery = {},
  options: NotificationRequestOptions = {},
): Promise<NotificationPage> {
  return http.get<NotificationPage>('/notifications', { query: { ...query }, ...options });
}

export function markNotificationRead(id: string): Promise<NotificationItem> {
  return http.post<NotificationItem>(`/notifications/${encodeURIComponent(id)}/read`);
}

export function markAllNotificationsRead(): Promise<{ marked: number }> {
  return http.post<{ marked: number }>('/notifications/read-all');
}
