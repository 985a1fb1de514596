import { describe, expect, it } from 'vitest';
import type { ComplianceCell, ComplianceStatus } from '../../api/analytics';
import { latestProblemYear } from './compliance';

const cell = (year: number, status: ComplianceStatus): ComplianceCell => ({
  year,
  expected: status === 'not-expected' ? 0 : 1,
  submitted: status === 'missing' || status === 'not-expected' ? 0 : 1,
  onTime: status === 'ok' || status === 'warning' ? 1 : 0,
  late: status === 'late' ? 1 : 0,
  missing: status === 'missing' ? 1 : 0,
  withErrors: status === 'failing' ? 1 : 0,
  withWarnings: status === 'warning' ? 1 : 0,
  onTimeRate: null,
  inspectionPassRate: null,
  completionRate: null,
  status,
});
const row = (name: string, ...years: ComplianceCell[]) => ({ agency: null, name, years });

describe('latest year with problems', () => {
  it('is the latest year any row has a cell the problem list shows', () => {
    expect(
      latestProblemYear({
        rows: [
          row('甲', cell(2022, 'missing'), cell(2023, 'ok'), cell(2024, 'ok')),
          row('乙', cell(2022, 'ok'), cell(2023, 'late'), cell(2024, 'not-expected')),
        ],
      }),
    ).toBe(2023);
    expect(
      latestProblemYear({ rows: [row('甲', cell(2024, 'warning'), cell(2023, 'failing'))] }),
    ).toBe(2024);
  });

  it('is null when every cell is clean', () => {
    expect(
      latestProblemYear({ rows: [row('甲', cell(2023, 'ok'), cell(2024, 'not-expected'))] }),
    ).toBeNull();
    expect(latestProblemYear({ rows: [] })).toBeNull();
  });
});
