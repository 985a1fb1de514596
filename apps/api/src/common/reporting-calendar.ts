/** Deadlines and "this year" are Chinese calendar dates, whatever the server's time zone. */
export const REPORTING_TIME_ZONE = 'Asia/Shanghai';

// Built once: a formatter costs far more to create than to use (years are validated per request).
const LOCAL_DATE_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: REPORTING_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** YYYY-MM-DD in the reporting time zone. */
export function localDate(at: Date): string {
  return LOCAL_DATE_FORMAT.format(at);
}

/** The calendar year it is now in the reporting time zone (reports on it are due next January). */
export function currentReportingYear(now: Date = new Date()): number {
  return Number(localDate(now).slice(0, 4));
}

/** The first year the regulation's annual reports exist for (条例 2008 年施行). */
export const FIRST_REPORT_YEAR = 2008;

/** The latest year a report can be on: the current one (reports on it are due next January). */
export function latestReportYear(now: Date = new Date()): number {
  return currentReportingYear(now);
}

/**
 * The latest year whose report can exist: one that has ended. A report covers 1 January to
 * 31 December and is published the next year, so one on the current year is not the agency's
 * published report (filters and deadlines may still name the current year).
 */
export function latestEndedYear(now: Date = new Date()): number {
  return latestReportYear(now) - 1;
}
