import type { DocLine, ReadDocument } from '../lib/document';

/** The row lines of one table of a read document. */
export function tableRows(document: ReadDocument, table: number): DocLine[] {
  return document.lines.filter((line) => line.kind === 'row' && line.source.table === table);
}

/** A grid of the table's cells as {text, mergedFrom}, comparable with `expectedGrid`. */
export function readGrid(
  document: ReadDocument,
  table: number,
): { text: string; mergedFrom?: 'row' | 'column' }[][] {
  return tableRows(document, table).map((line) =>
    line.cells.map((cell) =>
      cell.mergedFrom ? { text: cell.text, mergedFrom: cell.mergedFrom } : { text: cell.text },
    ),
  );
}

/** The first row of the table whose cells (copies included) contain `label`. */
export function rowWithLabel(
  document: ReadDocument,
  table: number,
  label: string,
): DocLine | undefined {
  return tableRows(document, table).find((line) =>
    line.cells.some((cell) => cell.text.includes(label)),
  );
}
