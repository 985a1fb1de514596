import { currentReportingYear, latestEndedYear, latestReportYear, localDate } from './reporting-calendar';

describe('reporting calendar', () => {
  it('counts days and years in China, whatever the server time zone', () => {
    // 16:30 UTC on 31 December is already 1 January in Beijing.
    const newYearInBeijing = new Date('2025-12-31T16:30:00Z');
    expect(localDate(newYearInBeijing)).toBe('2026-01-01');
    expect(currentReportingYear(newYearInBeijing)).toBe(2026);
    expect(currentReportingYear(new Date('2025-12-31T15:30:00Z'))).toBe(2025);
  });

  it('takes "this year" from the Beijing calendar; the latest ended year is the one before', () => {
    expect(latestReportYear(new Date('2024-12-31T16:30:00Z'))).toBe(2025);
    expect(latestReportYear(new Date('2024-12-31T15:30:00Z'))).toBe(2024);
    expect(latestEndedYear(new Date('2024-12-31T16:30:00Z'))).toBe(2024);
  });
});
