import type { UserDto } from '../../api/auth';
import type { ReportStatus } from '../../api/reports';

/** The years a report can be on: 2008 (条例施行) to this year, newest first. */
export const FIRST_REPORT_YEAR = 2008;

export function reportYears(now: Date = new Date()): number[] {
  const latest = now.getFullYear();
  return Array.from({ length: latest - FIRST_REPORT_YEAR + 1 }, (_, i) => latest - i);
}

/** The years a report can be uploaded for: those that have ended (the API refuses this year's). */
export function uploadYears(now: Date = new Date()): number[] {
  return reportYears(now).slice(1);
}

export interface ReportPermissions {
  /** Upload a new version, correct cells, submit: the agency's uploaders and admins. */
  canWrite: boolean;
  canCorrect: boolean;
  canSubmit: boolean;
  /** Accept or return: oversight users and admins, while the report awaits review. */
  canReview: boolean;
  /** Reopen an accepted report: the same reviewers, once it is accepted. */
  canReopen: boolean;
  canUploadAgain: boolean;
}

/**
 * What the user may do with a report, as the API decides it (reports/report-access.ts and the
 * transitions of report-status.ts); the page only offers what would not be refused.
 */
export function reportPermissions(
  user: Pick<UserDto, 'role' | 'agencyId'> | null,
  report: { agencyId: string; status: ReportStatus },
): ReportPermissions {
  const canWrite =
    user !== null &&
    (user.role === 'admin' || (user.role === 'uploader' && user.agencyId === report.agencyId));
  const reviewer = user !== null && (user.role === 'admin' || user.role === 'oversight');
  return {
    canWrite,
    canCorrect: canWrite && (report.status === 'draft' || report.status === 'returned'),
    canSubmit: canWrite && report.status === 'draft',
    canReview: reviewer && report.status === 'submitted',
    canReopen: reviewer && report.status === 'accepted',
    canUploadAgain: canWrite && report.status !== 'accepted',
  };
}
