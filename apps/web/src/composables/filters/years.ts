/** Report years as the API accepts them (apps/api reports/report-year.ts). */

/** The regulation's annual reports start with 2008 (条例 2008 年施行). */
export const FIRST_REPORT_YEAR = 2008;

/** China Standard Time: UTC+8 all year (no daylight saving since 1991). */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * "This year" is the calendar year in China, whatever the browser's time zone. Plain arithmetic
 * rather than Intl.DateTimeFormat with a time zone, which costs tens of milliseconds to set up
 * on every page that opens with a default year.
 */
export function currentReportingYear(now: Date = new Date()): number {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).getUTCFullYear();
}

/** The latest year a report can be on: the current one (due next January). */
export function latestReportYear(now: Date = new Date()): number {
  return currentReportingYear(now);
}

/**
 * The year analytics open on: last year, the latest whose reports are due (31 January) and
 * mostly in; the current year's reports mostly do not exist yet.
 */
export function defaultAnalysisYear(now: Date = new Date()): number {
  return Math.max(FIRST_REPORT_YEAR, currentReportingYear(now) - 1);
}

/** Years from `to` down to `from`, newest first (the order pickers list them in). */
export function yearsDescending(from: number, to: number): number[] {
  const years: number[] = [];
  for (let year = to; year >= from; year -= 1) years.push(year);
  return years;
}
