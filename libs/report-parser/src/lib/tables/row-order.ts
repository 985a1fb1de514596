import type { FlatText } from './flat-text';
import type { RowReading, TableBounds } from './read-tables';
import { tokensByLine } from './region';
import { tokenValue } from './values';

/**
 * The value rows of a table region in the order printed, mapped to `keys` in order: used when a
 * conversion scrambled the labels but kept every row's numbers on a line of their own. Returns
 * null unless there are exactly as many value lines as keys.
 */
export function readRowsByOrder<K extends string>(flat: FlatText, bounds: TableBounds, keys: readonly K[], columns: number): RowReading<K>[] | null {
  const valueLines = tokensByLine(flat, bounds.start, bounds.end)
    .map((tokens) => tokens.filter((token) => token.kind !== 'blank'))
    .filter((tokens) => tokens.length === columns);
  if (valueLines.length !== keys.length) return null;
  return keys.map((key, index) => {
    const tokens = valueLines[index] ?? [];
    return {
      key,
      hit: null,
      values: { kind: 'values', values: tokens.map(tokenValue), provenance: tokens.map((token) => token.provenance) },
    };
  });
}
