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
