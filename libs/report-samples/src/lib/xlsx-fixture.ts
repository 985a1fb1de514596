import ExcelJS from 'exceljs';

/** A cell value for `writeXlsx`: empty (null), a plain value, rich text or a formula with its cached result. */
export type XlsxCellModel =
  | string
  | number
  | boolean
  | Date
  | null
  | { richText: { text: string; font?: { bold?: boolean } }[] }
  | { formula: string; result?: number | string };

export interface XlsxSheetModel {
  name: string;
  /** Rows from `origin` downwards; null leaves a cell empty. */
  rows: XlsxCellModel[][];
  /** Merged ranges in A1 notation, e.g. "A1:C3". */
  merges?: string[];
  /** Top-left cell of the first row, e.g. "B2"; default A1. */
  origin?: string;
  /** Number format per A1 cell, e.g. { C5: '0.00%' }. */
  numberFormats?: Record<string, string>;
}

/** Writes a workbook with exceljs (the way other software produces XLSX), as bytes. */
export async function writeXlsx(sheets: XlsxSheetModel[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const model of sheets) {
    const sheet = workbook.addWorksheet(model.name);
    const origin = sheet.getCell(model.origin ?? 'A1');
    const top = Number(origin.row);
    const left = Number(origin.col);
    model.rows.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value === null) return;
        sheet.getCell(top + r, left + c).value = value;
      }),
    );
    for (const range of model.merges ?? []) sheet.mergeCells(range);
    for (const [address, format] of Object.entries(model.numberFormats ?? {}))
      sheet.getCell(address).numFmt = format;
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
