import { describe, expect, it } from 'vitest';
import type { ReportListItem } from '../../api/reports';
import { daysUntil, dueYear, reportsNeedingAction } from './todo';

const report = (id: string, year: number, status: ReportListItem['status']): ReportListItem => ({
  id,
  agencyId: 'a',
  agencyName: '某单位',
  year,
  status,
  version: 1,
  findingCounts: { errors: 0, warnings: 0 },
  submittedAt: null,
  onTime: null,
  daysLate: null,
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('the agency to-do', () => {
  it('owes last year’s report all this year, and counts days to the deadline', () => {
    expect(dueYear(new Date(2026, 0, 5))).toBe(2025);
    expect(dueYear(new Date(2026, 11, 31))).toBe(2025);
    expect(daysUntil('2026-01-31', new Date(2026, 0, 5))).toBe(26);
    expect(daysUntil('2026-01-31', new Date(2026, 1, 2))).toBe(-2);
  });

  it('lists returned reports first, then drafts, and nothing waiting for the reviewers', () => {
    const listed = reportsNeedingAction([
      report('d24', 2024, 'draft'),
      report('s25', 2025, 'submitted'),
      report('r23', 2023, 'returned'),
      report('d25', 2025, 'draft'),
      report('a22', 2022, 'accepted'),
    ]);
    expect(listed.map((item) => item.id)).toEqual(['r23', 'd25', 'd24']);
  });
});
