import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import { neutraliseCsvCell } from '../../../common/http/csv-cell';

/*
 * Plain tables to files: CSV (the first table, UTF-8 with a BOM) or XLSX (one sheet each).
 */

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportFile {
  /** ASCII, for clients that cannot read `displayName` (overview-2025.xlsx). */
  readonly fileName: string;
  /** What the user sees (总览 2025年.xlsx). */
  readonly displayName: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export type Cell = string | number | null;

export interface ExportTable {
  readonly sheet: string;
  readonly header: readonly string[];
  readonly rows: readonly Cell[][];
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const thinBorder = {
  top: { style: 'thin' as const },
  left: { style: 'thin' as const },
  bottom: { style: 'thin' as const },
  right: { style: 'thin' as const },
};

// ── files ────────────────────────────────────────────────────────────────────────────────────

/** CSV of a table, UTF-8 with a BOM so that Excel reads the Chinese correctly. */
export function toCsv(table: ExportTable): Buffer {
  const cells = [table.header as Cell[], ...table.rows].map((row) => row.map(neutraliseCsvCell));
  const text = stringify(cells, {
    cast: { number: (value) => String(value) },
  });
  return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), Buffer.from(text, 'utf8')]);
}

export function addTableSheet(workbook: Workbook, table: ExportTable, title: string | null): void {
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31));
  if (title) {
    sheet.addRow([title]).font = { bold: true, size: 13 };
    sheet.mergeCells(1, 1, 1, Math.max(1, table.header.length));
  }
  const header = sheet.addRow([...table.header]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = thinBorder;
  });
  for (const row of table.rows) sheet.addRow(row.map((value) => value ?? null));
  table.header.forEach((name, i) => {
    sheet.getColumn(i + 1).width = Math.min(40, Math.max(10, name.length * 2 + 4));
  });
  sheet.views = [{ state: 'frozen', ySplit: title ? 2 : 1 }];
}

export async function workbookBuffer(workbook: Workbook): Promise<Buffer> {
  // exceljs declares its own Buffer type; the bytes are a Node Buffer.
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function tablesToFile(
  tables: readonly ExportTable[],
  format: ExportFormat,
  baseName: string,
  title: string,
): Promise<ExportFile> {
  // Titles carry the year and the view in Chinese; a name may not hold a path separator.
  const display = (title || baseName).replace(/[\\/:*?"<>|]/g, '-');
  if (format === 'csv')
    return {
      fileName: `${baseName}.csv`,
      displayName: `${display}.csv`,
      contentType: EXPORT_CONTENT_TYPES.csv,
      content: toCsv(tables[0]),
    };
  const workbook = new Workbook();
  workbook.creator = '政务公开年报汇聚分析平台';
  tables.forEach((table, i) => addTableSheet(workbook, table, i === 0 ? title : null));
  return {
    fileName: `${baseName}.xlsx`,
    displayName: `${display}.xlsx`,
    contentType: EXPORT_CONTENT_TYPES.xlsx,
    content: await workbookBuffer(workbook),
  };
}
