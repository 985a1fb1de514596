import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { DocumentBlock, LaidOutDocument, TableName } from './render-document';
import { coveredPositions } from './render-document';
import type { MergedRange, TableModel } from './table-model';

/**
 * A laid-out report written the way agencies' own Word templates look, for the layouts the
 * official 2021 template does not have (the 2019 trial format, （六） as one row): A4, 仿宋 body
 * and 黑体 headings, tables with fixed column widths and merged cells, labels in narrow columns
 * so that the long ones wrap over several lines, values centred horizontally and — depending on
 * the clerk — at the top or in the middle of their cell. Written with the `docx` package.
 */

export interface OfficialDocxStyle {
  /** Vertical alignment of every table cell. */
  valueAlign: 'top' | 'center';
  /** Width of table 3's row-label column (twips; 1 cm = 567); the value columns share the rest. */
  labelWidth: number;
  /** Table font size in half-points (21 = 五号 10.5 pt, 24 = 小四 12 pt). */
  tableFontSize: number;
}

export const DEFAULT_OFFICIAL_STYLE: OfficialDocxStyle = {
  valueAlign: 'center',
  labelWidth: 2400,
  tableFontSize: 21,
};

/** A4 text width with 2.8 cm / 2.6 cm margins, in twips. */
const TEXT_WIDTH = 8844;
const BODY_FONT = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const HEADING_FONT = { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const TITLE_FONT = {
  eastAsia: '方正小标宋简体',
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
};

/** Grid column widths of each table, summing to the text width. */
function columnWidths(table: TableName, width: number, style: OfficialDocxStyle): number[] {
  const share = (columns: number, rest: number) =>
    Array.from({ length: columns }, () => Math.floor(rest / columns));
  switch (table) {
    case 'table2':
      return [2600, ...share(3, TEXT_WIDTH - 2600)];
    case 'table3': {
      const groups = [620, 900];
      return [
        ...groups,
        style.labelWidth,
        ...share(width - 3, TEXT_WIDTH - 1520 - style.labelWidth),
      ];
    }
    case 'table4':
      return share(width, TEXT_WIDTH);
  }
}

function mergeAt(model: TableModel, row: number, column: number): MergedRange | undefined {
  return model.merges.find(
    (m) => row >= m.top && row <= m.bottom && column >= m.left && column <= m.right,
  );
}

function cellParagraphs(text: string, fontSize: number): Paragraph[] {
  const numeric = /^[\d.,/—\-无０-９．件万元增减]*$/.test(text);
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        alignment: numeric ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text: line, font: BODY_FONT, size: fontSize })],
      }),
  );
}

function officialTable(
  block: Extract<DocumentBlock, { kind: 'table' }>,
  style: OfficialDocxStyle,
): Table {
  const { model } = block;
  const width = model.cells[0]?.length ?? 1;
  const widths = columnWidths(block.table, width, style);
  const covered = coveredPositions(model);
  const rows = model.cells.map(
    (row, r) =>
      new TableRow({
        children: row.flatMap((text, c) => {
          if (covered.has(`${r}/${c}`)) return [];
          const merge = mergeAt(model, r, c);
          const columnSpan = merge ? merge.right - merge.left + 1 : 1;
          const rowSpan = merge ? merge.bottom - merge.top + 1 : 1;
          const cellWidth = widths.slice(c, c + columnSpan).reduce((sum, w) => sum + w, 0);
          return [
            new TableCell({
              children: cellParagraphs(text, style.tableFontSize),
              width: { size: cellWidth, type: WidthType.DXA },
              verticalAlign:
                style.valueAlign === 'top' ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
              ...(columnSpan > 1 ? { columnSpan } : {}),
              ...(rowSpan > 1 ? { rowSpan } : {}),
            }),
          ];
        }),
      }),
  );
  return new Table({
    rows,
    columnWidths: widths,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
  });
}

function paragraph(block: Extract<DocumentBlock, { kind: 'paragraph' }>): Paragraph {
  switch (block.role) {
    case 'title':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 400 },
        children: [new TextRun({ text: block.text, font: TITLE_FONT, size: 44 })],
      });
    case 'heading':
      return new Paragraph({
        indent: { firstLine: 640 },
        children: [new TextRun({ text: block.text, font: HEADING_FONT, size: 32 })],
      });
    case 'footer':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: block.text, font: BODY_FONT, size: 28 })],
      });
    case 'body':
      return new Paragraph({
        indent: { firstLine: 640 },
        spacing: { line: 560, lineRule: 'exact' },
        children: [new TextRun({ text: block.text, font: BODY_FONT, size: 32 })],
      });
  }
}

export async function renderOfficialDocx(
  document: LaidOutDocument,
  style: OfficialDocxStyle = DEFAULT_OFFICIAL_STYLE,
): Promise<Uint8Array> {
  const children = document.blocks.map((block) =>
    block.kind === 'paragraph' ? paragraph(block) : officialTable(block, style),
  );
  const docx = new Document({
    creator: '政务公开办公室',
    title: document.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(docx));
}
