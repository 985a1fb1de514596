import type { SourceLocation } from './document';

/** Where one canonical cell's value came from. */
export interface CellSource {
  source: SourceLocation;
  /** The text as printed (for values split out of a run of digits: the whole run). */
  raw: string;
  /** How the value was obtained when it was not simply read from its own cell. */
  method?: 'digit-run' | 'row-order' | 'blank' | 'missing';
  /**
   * How sure the placement is. Absent: read from its own cell, in a row whose label and values
   * were found as the layout has them. `inferred`: placed by reasoning that the table's own sums
   * confirm (a run of digits cut, rows taken in order, the one reading of an uncertain layout
   * that satisfies the sums). `uncertain`: the layout did not settle it (F.LAYOUT, F.AMBIGUOUS).
   */
  certainty?: CellCertainty;
  /** The printed row or line the value was read from, when it says more than `raw`. */
  context?: string;
}

export type CellCertainty = 'inferred' | 'uncertain';

/** Cell address (e.g. applications.newReceived.total) → where it was read. */
export type Provenance = Record<string, CellSource>;

export function describeSource(source: SourceLocation): string {
  const parts: string[] = [];
  if (source.sheet) parts.push(`工作表 ${source.sheet}`);
  if (source.page) parts.push(`第 ${source.page} 页`);
  if (source.table) parts.push(`表格 ${source.table}`);
  if (source.row) parts.push(`第 ${source.row} 行`);
  if (source.line) parts.push(`第 ${source.line} 行`);
  if (source.column) parts.push(`第 ${source.column} 列`);
  return parts.join(' ');
}
