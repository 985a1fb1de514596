import type { FlatText } from './flat-text';
import type { TableBounds } from './flat-text';
import type { RowReading } from './read-tables';
import { type SourcedToken, tokensByLine } from './region';
import { tokenValue } from './values';

/**
 * Reading a table's rows by their order: used when a conversion scrambled or lost the labels but
 * kept the numbers in order. Consecutive lines that together hold one row's values are one row (a
 * PDF row whose cells sit at different heights: "48" above "0 36 2 0 10 0"), in column order by
 * their x on the page when they have one; a line of two or three rows' numbers (rows a
 * conversion merged) counts as that many rows.
 */

/** The rows of values of a region in print order; null if its lines do not add up to rows. */
export function valueRowsOf(flat: FlatText, bounds: TableBounds, columns: number): SourcedToken[][] | null {
  const valueLines = tokensByLine(flat, bounds.start, bounds.end)
    .map((tokens) => tokens.filter((token) => token.kind !== 'blank'))
    .filter((tokens) => tokens.length > 0);
  return rowsOfLines(valueLines, columns);
}

/** Value rows mapped to `keys` in order; null unless there are exactly as many. */
export function rowsInOrder<K extends string>(valueRows: readonly SourcedToken[][] | null, keys: readonly K[]): RowReading<K>[] | null {
  if (!valueRows || valueRows.length !== keys.length) return null;
  return keys.map((key, index) => {
    const tokens = valueRows[index] ?? [];
    return {
      key,
      hit: null,
      values: { kind: 'values', values: tokens.map(tokenValue), provenance: tokens.map((token) => token.provenance), exact: true },
    };
  });
}

/**
 * Lines grouped into rows of `columns` values: a line holding whole rows is split into them,
 * shorter lines are gathered until they make one row. Null when the lines do not add up.
 */
function rowsOfLines(lines: readonly SourcedToken[][], columns: number): SourcedToken[][] | null {
  const rows: SourcedToken[][] = [];
  let gathering: SourcedToken[][] = [];
  let gathered = 0;
  for (const line of lines) {
    if (gathered === 0 && line.length % columns === 0) {
      for (let at = 0; at < line.length; at += columns) rows.push(line.slice(at, at + columns));
      continue;
    }
    gathering.push(line);
    gathered += line.length;
    if (gathered > columns) return null;
    if (gathered === columns) {
      rows.push(inColumnOrder(gathering));
      gathering = [];
      gathered = 0;
    }
  }
  return gathered === 0 ? rows : null;
}

/** A row gathered from several lines: by x on the page when every value has one, else as printed. */
function inColumnOrder(lines: readonly SourcedToken[][]): SourcedToken[] {
  const tokens = lines.flat();
  return tokens.every((token) => token.x !== undefined) ? [...tokens].sort((a, b) => (a.x ?? 0) - (b.x ?? 0)) : tokens;
}
