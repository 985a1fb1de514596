import type { FlatText } from './flat-text';
import type { RowReading, TableBounds } from './read-tables';
import { type SourcedToken, tokensByLine } from './region';
import { tokenValue } from './values';

/**
 * The value rows of a table region in the order printed, mapped to `keys` in order: used when a
 * conversion scrambled or lost the labels but kept the numbers in order. Consecutive lines that
 * together hold one row's values are one row (a PDF row whose cells sit at different heights:
 * "48" above "0 36 2 0 10 0"), in column order by their x on the page when they have one; a line
 * of two or three rows' numbers (rows a conversion merged) counts as that many rows. Returns
 * null unless the lines fall into exactly as many rows as keys.
 */
export function readRowsByOrder<K extends string>(flat: FlatText, bounds: TableBounds, keys: readonly K[], columns: number): RowReading<K>[] | null {
  const valueLines = tokensByLine(flat, bounds.start, bounds.end)
    .map((tokens) => tokens.filter((token) => token.kind !== 'blank'))
    .filter((tokens) => tokens.length > 0);
  const valueRows = rowsOfLines(valueLines, columns);
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
