import type { RectificationItemStatus, RectificationStatus } from '@atlas/api-contract';

/** What is stored: a notice is open until every item is resolved. */
export type StoredNoticeStatus = 'open' | 'closed';

/**
 * The status a notice is shown with: closed once every item is fixed or explained; otherwise
 * overdue from the day after its due date (China's calendar), open before.
 */
export function noticeStatus(
  stored: StoredNoticeStatus,
  dueDate: string,
  today: string,
): RectificationStatus {
  if (stored === 'closed') return 'closed';
  return today > dueDate ? 'overdue' : 'open';
}

/**
 * An item of an open notice after a re-check: fixed when the counted version no longer has the
 * finding, explained when it has it but its explanation was accepted, open otherwise (a later
 * version may bring a fixed finding back).
 */
export function recheckedItemStatus(
  stillFound: boolean,
  explanationAccepted: boolean,
): RectificationItemStatus {
  if (!stillFound) return 'fixed';
  return explanationAccepted ? 'explained' : 'open';
}

/** Closed when nothing is left open. */
export function noticeResolved(items: readonly { status: RectificationItemStatus }[]): boolean {
  return items.length > 0 && items.every((item) => item.status !== 'open');
}
