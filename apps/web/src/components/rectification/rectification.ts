import type {
  ExplanationStatus,
  RectificationItemStatus,
  RectificationNotice,
  RectificationStatus,
} from '../../api/rectification';

type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';

export const NOTICE_STATUS_TAG: Record<RectificationStatus, TagType> = {
  open: 'warning',
  overdue: 'danger',
  closed: 'success',
};

export const ITEM_STATUS_TAG: Record<RectificationItemStatus, TagType> = {
  open: 'warning',
  fixed: 'success',
  explained: 'primary',
};

export const EXPLANATION_STATUS_TAG: Record<ExplanationStatus, TagType> = {
  pending: 'warning',
  accepted: 'success',
  rejected: 'danger',
};

/** Notices the agency still has to act on: open ones first by due date, then overdue ones. */
export function pendingNotices(notices: readonly RectificationNotice[]): RectificationNotice[] {
  return notices
    .filter((notice) => notice.status !== 'closed')
    .sort(
      (a, b) =>
        Number(b.status === 'overdue') - Number(a.status === 'overdue') ||
        a.dueDate.localeCompare(b.dueDate),
    );
}

/** How many notices have each status. */
export function countByStatus(
  notices: readonly RectificationNotice[],
): Record<RectificationStatus, number> {
  const counts = { open: 0, overdue: 0, closed: 0 };
  for (const notice of notices) counts[notice.status] += 1;
  return counts;
}

/** The region a notice's agency belongs to, as the ledger groups it ("省 / 市 / 县"). */
export function regionLabel(notice: RectificationNotice): string {
  return notice.regionNames.length > 0 ? notice.regionNames.join(' / ') : '—';
}

/** The ledger's order: by region, then agency, newest notice first. */
export function byRegion(notices: readonly RectificationNotice[]): RectificationNotice[] {
  return [...notices].sort(
    (a, b) =>
      regionLabel(a).localeCompare(regionLabel(b), 'zh-CN') ||
      (a.agencyName ?? '').localeCompare(b.agencyName ?? '', 'zh-CN') ||
      b.sentAt.localeCompare(a.sentAt),
  );
}

/** The report a notice is about (one agency and year: its items share it). */
export function reportOf(notice: RectificationNotice): string | null {
  return notice.items[0]?.reportId ?? null;
}

/** Today as YYYY-MM-DD in the browser's calendar: due dates before it are refused. */
export function isPastDate(date: Date, today: Date = new Date()): boolean {
  const day = (value: Date) =>
    new Date(value.getFullYear(), value.getMonth(), value.getDate()).getTime();
  return day(date) < day(today);
}

/** YYYY-MM-DD of a local date (what the API takes as a due date). */
export function isoDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
