import { ParseError, type DocCell, type DocLine, type SourceLocation } from '../document';

/** A table cell as written in the source: its text and how many rows/columns it covers. */
export interface SpanCell {
  text: string;
  /** Rows covered, counting its own; 0 = to the end of the table (HTML). Default 1. */
  rowSpan?: number;
  /** Grid columns covered, counting its own. Default 1. */
  colSpan?: number;
}

/** One position of the expanded grid. */
export interface GridSlot {
  text: string;
  /** Set on positions covered by a merged cell other than its origin (see DocCell). */
  mergedFrom?: 'row' | 'column';
}

/**
 * A real report table has a few hundred cells; this bound only stops hostile spans
 * (colspan=1000 on thousands of rows) from filling memory.
 */
export const MAX_GRID_CELLS = 2_000_000;
/** Browsers ignore larger colspans too. */
const MAX_COL_SPAN = 1000;

/**
 * Lays out rows of cells the way browsers do: each cell takes the first grid column not yet
 * covered by a rowspan from a row above, and covers rowSpan x colSpan positions. Covered
 * positions get a copy of the origin's text, marked `row` (continued from above) or `column`
 * (from the left). Rowspans are cut at the last row; rows are padded with empty cells to the
 * widest row, so the result is rectangular.
 */
export function expandSpans(
  rows: readonly (readonly SpanCell[])[],
  maxCells = MAX_GRID_CELLS,
): GridSlot[][] {
  const grid: GridSlot[][] = rows.map(() => []);
  let placed = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = grid[r];
    let column = 0;
    for (const cell of rows[r]) {
      while (row[column] !== undefined) column++;
      const rowsLeft = rows.length - r;
      const rowSpan = cell.rowSpan === 0 ? rowsLeft : clamp(cell.rowSpan ?? 1, 1, rowsLeft);
      const colSpan = clamp(cell.colSpan ?? 1, 1, MAX_COL_SPAN);
      placed += rowSpan * colSpan;
      if (placed > maxCells) throw tableTooLarge();
      for (let dr = 0; dr < rowSpan; dr++) {
        const target = grid[r + dr];
        for (let dc = 0; dc < colSpan; dc++) {
          // Overlapping spans (broken markup): the cell placed first keeps the position.
          if (target[column + dc] !== undefined) continue;
          target[column + dc] =
            dr === 0 && dc === 0
              ? { text: cell.text }
              : { text: cell.text, mergedFrom: dr > 0 ? 'row' : 'column' };
        }
      }
      column += colSpan;
    }
  }
  return padToRectangle(grid, maxCells);
}

/** Fills holes and short rows with empty cells up to the widest row. */
export function padToRectangle(grid: GridSlot[][], maxCells = MAX_GRID_CELLS): GridSlot[][] {
  const width = grid.reduce((widest, row) => Math.max(widest, row.length), 0);
  if (width * grid.length > maxCells) throw tableTooLarge();
  for (const row of grid) {
    for (let c = 0; c < width; c++) row[c] ??= { text: '' };
  }
  return grid;
}

/** Where a table's rows and columns sit, for the source of each line and cell. */
export interface TablePlacement {
  table: number;
  sheet?: string;
  /** The source row number of each grid row (XLSX skips empty rows); default 1, 2, 3… */
  rowNumbers?: readonly number[];
  /** The source column number of the grid's first column (XLSX); default 1. */
  firstColumn?: number;
}

/** Turns an expanded grid into `row` lines with {table, row, column} (and sheet) sources. */
export function gridToLines(
  grid: readonly (readonly GridSlot[])[],
  placement: TablePlacement,
): DocLine[] {
  const firstColumn = placement.firstColumn ?? 1;
  return grid.map((slots, index) => {
    const row = placement.rowNumbers?.[index] ?? index + 1;
    const lineSource = locate(placement, row);
    const cells = slots.map((slot, c): DocCell => {
      const cell: DocCell = { text: slot.text, source: locate(placement, row, firstColumn + c) };
      if (slot.mergedFrom) cell.mergedFrom = slot.mergedFrom;
      return cell;
    });
    return { kind: 'row', cells, source: lineSource };
  });
}

function locate(placement: TablePlacement, row: number, column?: number): SourceLocation {
  const source: SourceLocation = {};
  if (placement.sheet !== undefined) source.sheet = placement.sheet;
  source.table = placement.table;
  source.row = row;
  if (column !== undefined) source.column = column;
  return source;
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

function tableTooLarge(): ParseError {
  return new ParseError(
    'TOO_LARGE',
    `表格过大（合并单元格展开后超过 ${MAX_GRID_CELLS} 个单元格），已拒绝读取`,
    `A table is too large (more than ${MAX_GRID_CELLS} cells once merged cells are expanded); not read`,
  );
}
