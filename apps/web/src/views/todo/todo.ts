import type { ReportListItem, ReportStatus } from '../../api/reports';

/**
 * The year whose report is due now: reports on a year are due early the next one (条例第四十九条,
 * 31 January), so until the next year ends it is last year's that an agency owes.
 */
export function dueYear(today: Date): number {
  return today.getFullYear() - 1;
}

/** Whole days from `today` to a YYYY-MM-DD date (negative once it has passed). */
export function daysUntil(dueDate: string, today: Date): number {
  const [year, month, day] = dueDate.split('-').map(Number);
  const due = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((due - now) / 86_400_000);
}

/** Statuses in which the next step is the agency's: a draft to submit, a return to answer. */
const WAITING_FOR_AGENCY: readonly ReportStatus[] = ['returned', 'draft'];

/** The agency's reports it has to act on: returned ones first, then drafts, newest year first. */
export function reportsNeedingAction(reports: readonly ReportListItem[]): ReportListItem[] {
  return reports
    .filter((report) => WAITING_FOR_AGENCY.includes(report.status))
    .sort(
      (a, b) =>
        WAITING_FOR_AGENCY.indexOf(a.status) - WAITING_FOR_AGENCY.indexOf(b.status) ||
        b.year - a.year,
    );
}
