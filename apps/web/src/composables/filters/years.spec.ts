import { describe, expect, it } from 'vitest';
import {
  currentReportingYear,
  defaultAnalysisYear,
  latestReportYear,
  yearsDescending,
} from './years';

describe('report years', () => {
  it('counts the year in China time, whatever the browser zone', () => {
    // 31 December 2024, 17:00 UTC is already 1 January 2025 in Beijing.
    const newYearInBeijing = new Date('2024-12-31T17:00:00Z');
    expect(currentReportingYear(newYearInBeijing)).toBe(2025);
    expect(latestReportYear(newYearInBeijing)).toBe(2025);
    expect(currentReportingYear(new Date('2024-12-31T15:00:00Z'))).toBe(2024);
  });

  it('opens analytics on last year, the latest whose reports are due', () => {
    expect(defaultAnalysisYear(new Date('2026-06-01T00:00:00Z'))).toBe(2025);
  });

  it('lists years newest first', () => {
    expect(yearsDescending(2019, 2022)).toEqual([2022, 2021, 2020, 2019]);
    expect(yearsDescending(2022, 2019)).toEqual([]);
  });
});
