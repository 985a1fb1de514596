import { missingReports, onTimeRate, reportsWithErrors } from './quality';

describe('data-quality metrics', () => {
  it('counts reports with at least one error finding', () => {
    expect(
      reportsWithErrors([
        { findings: [{ severity: 'warning' }, { severity: 'error' }] },
        { findings: [{ severity: 'warning' }] },
        { findings: [] },
      ]),
    ).toBe(1);
  });

  it('computes the on-time rate, null when nothing was submitted', () => {
    expect(onTimeRate(4, 3)).toBe(75);
    expect(onTimeRate(0, 0)).toBeNull();
  });

  it('counts missing reports, never negative', () => {
    expect(missingReports(10, 7)).toBe(3);
    expect(missingReports(3, 5)).toBe(0);
  });
});
