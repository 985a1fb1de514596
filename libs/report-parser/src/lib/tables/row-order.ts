import type { FlatText } from './flat-text';
import type { RowReading, TableBounds } from './read-tables';
import { type SourcedToken, tokensByLine } from './region';
import { tokenValue } from './values';

/**
 * The value rows of a table region in the order printed, mapped to `keys` in order: used when a
 * conversion scrambled or lost the labels but kept every row's numbers together. A line of two
 * or three rows' numbers (rows a conversion merged) counts as that many rows. Returns null unless
 * there are exactly as many value rows as keys.
 */
export function readRowsByOrder<K extends string>(flat: FlatText, bounds: TableBounds, keys: readonly K[], columns: number): RowReading<K>[] | null {
  const valueRows = tokensByLine(flat, bounds.start, bounds.end)
    .map((tokens) => tokens.filter((token) => token.kind !== 'blank'))
    .filter((tokens) => tokens.length > 0 && tokens.length % columns === 0)
    .flatMap((tokens) => chunks(tokens, columns));
  if (valueRows.length !== keys.length) return null;
  return keys.map((key, index) => {
    const tokens = valueRows[index] ?? [];
    return {
      key,
      hit: null,
      values: { kind: 'values', values: tokens.map(tokenValue), provenance: tokens.map((token) => token.provenance), exact: true },
    };
  });
}

function chunks(tokens: readonly SourcedToken[], size: number): SourcedToken[][] {
  const out: SourcedToken[][] = [];
  for (let at = 0; at < tokens.length; at += size) out.push(tokens.slice(at, at + size));
  return out;
}
