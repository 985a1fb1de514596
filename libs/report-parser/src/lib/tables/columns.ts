import type { FlatText, TableBounds } from './flat-text';
import { type ColumnCentres, tokensByLine } from './region';

/*
 * Where the value columns of a table sit on a PDF page, so that a row printed without its blank
 * cells (zeros left empty, no rules to count cells by) still puts each value in its column.
 * Only PDF cells carry positions; for every other format there are no column positions.
 */

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
};

/**
 * The centres of a table's `count` value columns: from the rows printed with every value (the
 * median per column), else from the header cells that name the columns (`headers`, left to
 * right, found before `firstRow`). Null when neither gives them all, or they are not in order.
 */
export function columnCentres(
  flat: FlatText,
  bounds: TableBounds,
  count: number,
  headers: readonly string[] = [],
  firstRow = bounds.end,
): ColumnCentres | null {
  // Only PDF cells have positions: for any other document there is nothing to measure.
  const first = flat.originAt(bounds.start);
  if (!first || flat.lines[first.line]?.cells.every((cell) => cell.x === undefined)) return null;
  const lines = tokensByLine(flat, bounds.start, bounds.end);
  if (lines.length === 0 || lines.some((tokens) => tokens.some((token) => token.centre === undefined))) return null;
  const full = lines
    .map((tokens) => tokens.filter((token) => token.kind !== 'blank'))
    .filter((tokens) => tokens.length === count);
  const centres =
    full.length > 0
      ? Array.from({ length: count }, (_, column) => median(full.map((tokens) => tokens[column]?.centre ?? 0)))
      : headerCentres(flat, bounds.start, firstRow, headers);
  if (!centres || centres.length !== count) return null;
  return centres.every((centre, index) => index === 0 || centre > (centres[index - 1] ?? 0)) ? centres : null;
}

/** Centres of the header cells whose text is a column's label, each label's first match. */
function headerCentres(flat: FlatText, start: number, end: number, headers: readonly string[]): number[] | null {
  if (headers.length === 0) return null;
  const origin = flat.originAt(start);
  const last = flat.originAt(Math.max(start, end - 1));
  if (!origin || !last) return null;
  const found = new Map<string, number>();
  for (let line = origin.line; line <= last.line; line++) {
    for (const cell of flat.lines[line]?.cells ?? []) {
      const text = cell.text.replace(/\s+/g, '');
      if (cell.x === undefined || cell.width === undefined || found.has(text) || !headers.includes(text)) continue;
      found.set(text, cell.x + cell.width / 2);
    }
  }
  const centres = headers.map((label) => found.get(label));
  return centres.every((centre) => centre !== undefined) ? (centres as number[]) : null;
}
