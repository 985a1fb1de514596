import type { DocxCellModel } from './docx-fixture';
import type { XlsxCellModel } from './xlsx-fixture';

/**
 * A table as a grid of positions with merged ranges, written out as HTML (rowspan/colspan), DOCX
 * (gridSpan/vMerge) or XLSX (merged ranges), so that every reader can be checked against the same
 * expected grid.
 */
export interface TableModel {
  /** Text at each merge origin and unmerged position; positions covered by a merge are ignored. */
  cells: string[][];
  merges: MergedRange[];
}

/** 0-based, inclusive. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Builds a table row by row: `cell(text, rows, cols)` places a cell at the next free column. */
export class TableModelBuilder {
  private readonly cells: string[][] = [];
  private readonly merges: MergedRange[] = [];
  private readonly covered = new Set<string>();
  private row = -1;
  private column = 0;

  constructor(private readonly width: number) {}

  nextRow(): this {
    this.row++;
    this.cells[this.row] ??= Array.from({ length: this.width }, () => '');
    this.column = 0;
    return this;
  }

  cell(text: string | number, rows = 1, columns = 1): this {
    while (this.covered.has(`${this.row}/${this.column}`)) this.column++;
    const top = this.row;
    const left = this.column;
    for (let r = top; r < top + rows; r++) {
      this.cells[r] ??= Array.from({ length: this.width }, () => '');
      for (let c = left; c < left + columns; c++) this.covered.add(`${r}/${c}`);
    }
    this.cells[top][left] = String(text);
    if (rows > 1 || columns > 1)
      this.merges.push({ top, left, bottom: top + rows - 1, right: left + columns - 1 });
    this.column += columns;
    return this;
  }

  build(): TableModel {
    return { cells: this.cells, merges: this.merges };
  }
}

function mergeAt(model: TableModel, row: number, column: number): MergedRange | undefined {
  return model.merges.find(
    (m) => row >= m.top && row <= m.bottom && column >= m.left && column <= m.right,
  );
}

/** What a reader must produce: each position's text and whether it is a copy (and from where). */
export function expectedGrid(
  model: TableModel,
): { text: string; mergedFrom?: 'row' | 'column' }[][] {
  return model.cells.map((row, r) =>
    row.map((text, c) => {
      const merge = mergeAt(model, r, c);
      if (!merge || (merge.top === r && merge.left === c)) return { text };
      return {
        text: model.cells[merge.top][merge.left],
        mergedFrom: r > merge.top ? 'row' : 'column',
      };
    }),
  );
}

/**
 * HTML the way Word and CMS editors write it: `<td rowspan colspan>`, and with `wordStyle` each
 * character of a label in its own <span>, lines in separate <p>, &nbsp; and source line breaks.
 */
export function toHtmlTable(model: TableModel, wordStyle = false): string {
  const cellHtml = (text: string): string => {
    if (!wordStyle) return text === '' ? '&nbsp;' : escapeHtml(text);
    if (text === '') return '<p class=MsoNormal><span lang=EN-US>&nbsp;</span></p>';
    if (/^[\d.]+$/.test(text))
      return `<p class=MsoNormal align=center><span lang=EN-US>${text}</span></p>`;
    const half = Math.ceil(text.length / 2);
    // Word gives each CJK character its own span where fonts change; ASCII runs stay whole.
    const spans = (part: string): string =>
      (part.match(/[\x21-\x7e]+|[^\x21-\x7e]/g) ?? [])
        .map((piece) => `<span style='font-family:仿宋_GB2312'>${escapeHtml(piece)}</span>`)
        .join('\r\n');
    return `<p class=MsoNormal>${spans(text.slice(0, half))}</p>\r\n<p class=MsoNormal>${spans(text.slice(half))}</p>`;
  };
  const rows = model.cells.map((row, r) => {
    const cells = row.flatMap((text, c) => {
      const merge = mergeAt(model, r, c);
      if (merge && (merge.top !== r || merge.left !== c)) return [];
      const rowSpan = merge ? merge.bottom - merge.top + 1 : 1;
      const colSpan = merge ? merge.right - merge.left + 1 : 1;
      const spans =
        (rowSpan > 1 ? ` rowspan=${rowSpan}` : '') + (colSpan > 1 ? ` colspan=${colSpan}` : '');
      return [
        `<td${spans} valign=center style='border:solid windowtext 1.0pt'>\r\n  ${cellHtml(text)}</td>`,
      ];
    });
    return ` <tr style='height:20pt'>\r\n${cells.join('\r\n')}\r\n </tr>`;
  });
  return `<table class=MsoNormalTable border=1 cellspacing=0>\r\n<tbody>\r\n${rows.join('\r\n')}\r\n</tbody></table>`;
}

/** DOCX cells: origins with gridSpan (and vMerge restart), `continue` cells below them. */
export function toDocxTable(model: TableModel): DocxCellModel[][] {
  return model.cells.map((row, r) =>
    row.flatMap((text, c): DocxCellModel[] => {
      const merge = mergeAt(model, r, c);
      const gridSpan = merge ? merge.right - merge.left + 1 : 1;
      const span = gridSpan > 1 ? { gridSpan } : {};
      if (!merge) return [text];
      if (c !== merge.left) return [];
      if (r === merge.top) {
        return [
          {
            paragraphs: [text],
            ...span,
            ...(merge.bottom > merge.top ? { vMerge: 'restart' as const } : {}),
          },
        ];
      }
      return [{ paragraphs: [], ...span, vMerge: 'continue' }];
    }),
  );
}

/** XLSX rows (numbers as numbers) and merged ranges in A1 notation, from `origin` (0-based). */
export function toXlsxSheet(
  model: TableModel,
  origin = { row: 0, column: 0 },
): { rows: XlsxCellModel[][]; merges: string[] } {
  const a1 = (row: number, column: number): string =>
    `${columnLetters(column + origin.column + 1)}${row + origin.row + 1}`;
  const rows = model.cells.map((row, r) =>
    row.map((text, c): XlsxCellModel => {
      const merge = mergeAt(model, r, c);
      if ((merge && (merge.top !== r || merge.left !== c)) || text === '') return null;
      return /^\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    }),
  );
  const merges = model.merges.map((m) => `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`);
  return { rows, merges };
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
