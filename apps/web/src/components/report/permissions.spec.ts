import { describe, expect, it } from 'vitest';
import { reportPermissions, reportYears, uploadYears } from './permissions';

const AGENCY = 'a0000000-0000-4000-8000-000000000001';
const OTHER = 'a0000000-0000-4000-8000-000000000002';

describe('reportPermissions', () => {
  it('lets the agency’s uploader correct and submit a draft, never review', () => {
    const uploader = { role: 'uploader' as const, agencyId: AGENCY };
    expect(reportPermissions(uploader, { agencyId: AGENCY, status: 'draft' })).toEqual({
      canWrite: true,
      canCorrect: true,
      canSubmit: true,
      canReview: false,
      canReopen: false,
      canUploadAgain: true,
    });
    expect(reportPermissions(uploader, { agencyId: AGENCY, status: 'returned' })).toMatchObject({
      canCorrect: true,
      canSubmit: false,
    });
    expect(reportPermissions(uploader, { agencyId: AGENCY, status: 'submitted' })).toMatchObject({
      canCorrect: false,
      canSubmit: false,
      canReview: false,
    });
    expect(reportPermissions(uploader, { agencyId: OTHER, status: 'draft' }).canWrite).toBe(false);
  });

  it('lets oversight accept or return a submitted report only', () => {
    const oversight = { role: 'oversight' as const, agencyId: null };
    expect(reportPermissions(oversight, { agencyId: AGENCY, status: 'submitted' })).toMatchObject({
      canWrite: false,
      canReview: true,
    });
    expect(reportPermissions(oversight, { agencyId: AGENCY, status: 'draft' }).canReview).toBe(
      false,
    );
  });

  it('locks an accepted report for everyone; only reviewers may reopen it', () => {
    const admin = { role: 'admin' as const, agencyId: null };
    expect(reportPermissions(admin, { agencyId: AGENCY, status: 'accepted' })).toMatchObject({
      canCorrect: false,
      canSubmit: false,
      canReview: false,
      canReopen: true,
      canUploadAgain: false,
    });
    const oversight = { role: 'oversight' as const, agencyId: null };
    expect(reportPermissions(oversight, { agencyId: AGENCY, status: 'accepted' }).canReopen).toBe(
      true,
    );
    expect(reportPermissions(oversight, { agencyId: AGENCY, status: 'submitted' }).canReopen).toBe(
      false,
    );
    const uploader = { role: 'uploader' as const, agencyId: AGENCY };
    expect(reportPermissions(uploader, { agencyId: AGENCY, status: 'accepted' }).canReopen).toBe(
      false,
    );
    expect(reportPermissions(null, { agencyId: AGENCY, status: 'draft' }).canWrite).toBe(false);
  });
});

describe('reportYears', () => {
  it('runs from this year back to 2008', () => {
    const years = reportYears(new Date(2025, 5, 1));
    expect(years[0]).toBe(2025);
    expect(years.at(-1)).toBe(2008);
    expect(years).toHaveLength(18);
  });

  it('offers uploads for the years that have ended only', () => {
    const years = uploadYears(new Date(2025, 11, 31));
    expect(years[0]).toBe(2024);
    expect(years.at(-1)).toBe(2008);
  });
});
