import { Workbook } from 'exceljs';
import type { Bulletin } from './bulletin';

/*
 * The 通报's tables as a workbook (exceljs): one sheet per table, named by its heading without
 * the ordinal, with the heading in row 1 and the column names in row 2; an empty list keeps its
 * header row and says why below it.
 */

const BORDER = {
  top: { style: 'thin' as const },
  left: { style: 'thin' as const },
  bottom: { style: 'thin' as const },
  right: { style: 'thin' as const },
};

/** 「四、逾期报送的单位」 → 「逾期报送的单位」 (sheet names are at most 31 characters). */
export function sheetNameOf(title: string): string {
  return title.replace(/^[一二三四五六七八九十]+、/, '').slice(0, 31);
}

export async function bulletinXlsx(bulletin: Bulletin): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Disclosure Atlas';
  workbook.title = bulletin.title;
  for (const table of bulletin.tables) {
    const sheet = workbook.addWorksheet(sheetNameOf(table.title));
    sheet.addRow([table.title]).font = { bold: true, size: 13 };
    sheet.mergeCells(1, 1, 1, table.columns.length);
    const header = sheet.addRow(table.columns);
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = BORDER;
    });
    for (const row of table.rows) sheet.addRow(row.map((value) => value ?? null));
    if (table.rows.length === 0) sheet.addRow([table.empty]).font = { italic: true };
    table.columns.forEach((name, i) => {
      const longest = Math.max(
        name.length,
        ...table.rows.map((row) => String(row[i] ?? '').length),
      );
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, longest * 2 + 2));
    });
    sheet.views = [{ state: 'frozen', ySplit: 2 }];
  }
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
