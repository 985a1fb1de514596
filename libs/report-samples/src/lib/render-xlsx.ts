import type { DocumentBlock, LaidOutDocument } from './render-document';
import { toXlsxSheet } from './table-model';
import { writeXlsx, type XlsxCellModel, type XlsxSheetModel } from './xlsx-fixture';

/**
 * A laid-out report as an XLSX workbook (exceljs): the title and text one cell per row, tables
 * 2–4 with merged header cells and numbers as numbers — on one sheet below each other, or one
 * sheet per table.
 */

export type XlsxLayout = 'oneSheet' | 'threeSheets';

class SheetBuilder {
  readonly rows: XlsxCellModel[][] = [];
  readonly merges: string[] = [];

  constructor(readonly name: string) {}

  add(block: DocumentBlock): void {
    if (block.kind === 'paragraph') {
      this.rows.push([block.text]);
      return;
    }
    const sheet = toXlsxSheet(block.model, { row: this.rows.length, column: 0 });
    this.rows.push(...sheet.rows);
    this.merges.push(...sheet.merges);
    this.rows.push([]);
  }

  build(): XlsxSheetModel {
    return { name: this.name, rows: this.rows, merges: this.merges };
  }
}

export async function renderXlsx(
  document: LaidOutDocument,
  layout: XlsxLayout,
): Promise<Uint8Array> {
  const sheets: SheetBuilder[] = [];
  if (layout === 'oneSheet') {
    const sheet = new SheetBuilder('年度报告');
    for (const block of document.blocks) sheet.add(block);
    sheets.push(sheet);
  } else {
    // The text before part 三 goes with table 2; a new sheet starts at the headings of 三 and 四.
    const names = ['依申请公开', '复议诉讼'];
    let sheet = new SheetBuilder('主动公开');
    sheets.push(sheet);
    let tablesSeen = 0;
    document.blocks.forEach((block, index) => {
      const next = document.blocks[index + 1];
      const startsTable =
        block.kind === 'paragraph' && block.role === 'heading' && next?.kind === 'table';
      if (startsTable && tablesSeen > 0 && names.length > 0) {
        sheet = new SheetBuilder(names.shift() ?? 'Sheet');
        sheets.push(sheet);
      }
      if (block.kind === 'table') tablesSeen++;
      sheet.add(block);
    });
  }
  return writeXlsx(sheets.map((sheet) => sheet.build()));
}
