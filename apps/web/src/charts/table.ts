import { formatWithUnit, isPresent, MISSING_VALUE } from './format';

/**
 * The numbers behind a chart as a table: what the data view shows and the CSV export writes.
 * Option builders produce it next to the option, from the same input.
 */
export interface ChartTableColumn {
  key: string;
  /** Header, already translated. */
  label: string;
  /** Unit of numeric cells (`件`, `%`), shown in the data view and in the CSV header. */
  unit?: string;
  /** Numbers are right-aligned. */
  numeric?: boolean;
}

export type ChartTableCell = string | number | null;

export interface ChartTable {
  columns: ChartTableColumn[];
  rows: Record<string, ChartTableCell>[];
}

export function isEmptyTable(table: ChartTable | null | undefined): boolean {
  return !table || table.rows.length === 0;
}

/** `受理量（件）`: the unit belongs in the header, so cells stay plain numbers in Excel. */
export function columnHeader(column: ChartTableColumn): string {
  return column.unit ? `${column.label}（${column.unit}）` : column.label;
}

/** A cell as the data view shows it: grouped numbers with the unit, `—` when missing. */
export function displayCell(column: ChartTableColumn, value: ChartTableCell | undefined): string {
  if (value === null || value === undefined) return MISSING_VALUE;
  if (typeof value === 'number') return formatWithUnit(value, column.unit);
  return value;
}

function csvField(value: string): string {
  // Leading = + - @ would make Excel evaluate the cell as a formula (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvCell(value: ChartTableCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return isPresent(value) ? String(value) : '';
  return csvField(value);
}

/** UTF-8 byte order mark: without it Excel reads Chinese CSV as the ANSI code page. */
export const UTF8_BOM = '\uFEFF';

/** CSV text (RFC 4180, CRLF) with a BOM; numbers unformatted so that Excel can compute with them. */
export function tableToCsv(table: ChartTable): string {
  const header = table.columns.map((column) => csvField(columnHeader(column))).join(',');
  const lines = table.rows.map((row) =>
    table.columns.map((column) => csvCell(row[column.key])).join(','),
  );
  return `${UTF8_BOM}${[header, ...lines].join('\r\n')}\r\n`;
}

/** A file name without characters Windows refuses; falls back to `chart`. */
export function safeFileName(name: string, extension: string): string {
  const base = name.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').trim() || 'chart';
  return `${base}.${extension}`;
}

export { MISSING_VALUE };
