import type {
  NotificationItem,
  NotificationPage,
  NotificationQuery,
  ReadAllResult,
} from '@atlas/api-contract';
import { http } from './request';

export type {
  NotificationItem,
  NotificationKind,
  NotificationPage,
  NotificationQuery,
} from '@atlas/api-contract';

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

export function markAllNotificationsRead(): Promise<ReadAllResult> {
  return http.post<ReadAllResult>('/notifications/read-all');
}
