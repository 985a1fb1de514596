/*
 * Text that a spreadsheet would run as a formula when the CSV is opened (`=HYPERLINK(...)`,
 * `@SUM(...)`, `+cmd|...`): OWASP's rule for CSV injection is to start such a cell with a single
 * quote, which Excel and WPS show as text. Numbers are written as numbers and are never touched.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell safe to open in a spreadsheet; other values unchanged. */
export function neutraliseCsvCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes neutraliseCsvCell on a cell read back from a CSV this system wrote. */
export function restoreCsvCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
