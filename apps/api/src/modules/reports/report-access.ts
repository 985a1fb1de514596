import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Repository } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { AgenciesService } from '../agencies';
import type { ReportEntity } from './entities/report.entity';
import { notReportOwner, notReviewer, reportNotFound, uploadForOtherAgency } from './report.errors';

/**
 * Who may do what with an agency's reports. Seeing: admins all, oversight users their subtrees,
 * uploaders their own agency. Writing (upload, correct, submit): the agency's uploaders and
 * admins. Reviewing (accept, return, reopen): oversight users who see the agency, and admins.
 */
@Injectable()
export class ReportAccess {
  constructor(private readonly agencies: AgenciesService) {}

  async canSee(user: AuthUser, agencyId: string): Promise<boolean> {
    switch (user.role) {
      case 'admin':
        return true;
      case 'uploader':
        return user.agencyId === agencyId;
      case 'oversight':
        return this.agencies.isWithin(agencyId, user.scopeAgencyIds);
    }
  }

  /** Agencies whose reports the user may list; null means every agency (admin). */
  async visibleAgencyIds(user: AuthUser): Promise<string[] | null> {
    return user.role === 'admin' ? null : this.agencies.visibleAgencyIds(user);
  }

  /** Before an upload: 403 for an uploader of another agency, 404 for an agency the caller cannot see. */
  async assertCanUploadFor(user: AuthUser, agencyId: string): Promise<void> {
    if (user.role === 'uploader' && user.agencyId !== agencyId) throw uploadForOtherAgency();
    if (user.role === 'oversight') throw notReportOwner();
    await this.agencies.assertVisible(user, agencyId);
  }

  /** For a report the user can already see. */
  assertCanWrite(user: AuthUser, agencyId: string): void {
    const allowed =
      user.role === 'admin' || (user.role === 'uploader' && user.agencyId === agencyId);
    if (!allowed) throw notReportOwner();
  }

  /** For a report the user can already see: uploaders never review, not even their own. */
  assertCanReview(user: AuthUser): void {
    if (user.role !== 'admin' && user.role !== 'oversight') throw notReviewer();
  }
}

/** A report with a version to show. */
export type VisibleReport = ReportEntity & { currentVersionId: string };

/**
 * The report at an id the caller may see, with a version to show. 404 alike for a report that
 * does not exist and for one the caller may not see, so the answer does not tell them apart.
 */
export async function findVisibleReport(
  reports: Repository<ReportEntity>,
  access: ReportAccess,
  user: AuthUser,
  reportId: string,
): Promise<VisibleReport> {
  const report = isUUID(reportId) ? await reports.findOneBy({ id: reportId }) : null;
  if (
    !report ||
    report.currentVersionId === null ||
    !(await access.canSee(user, report.agencyId))
  ) {
    throw reportNotFound();
  }
  return report as VisibleReport;
}
