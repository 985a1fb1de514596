import { createFinding, type Finding } from '@atlas/report-model';
import { type CellCertainty, type CellSource, describeSource } from '../provenance';
import type { CellProvenance, UnclaimedRow } from './region';

/** One cell as a reading places it: its value, where it was read, and how sure that is. */
export interface PlacedCell {
  value: number;
  provenance?: CellProvenance;
  method?: CellSource['method'];
  /** Absent: read from its own cell where the layout has it. */
  certainty?: CellCertainty;
}

/** Cell address → placed cell, in the order the cells were placed. */
export type Placement = Map<string, PlacedCell>;

/** A row whose cells the reading could not settle, with what was printed there. */
export interface UnsettledRow {
  /** The row's name as people say it (表三 部分公开). */
  label: string;
  cells: string[];
  /** The text printed where the row's values should be; empty when the row was not found. */
  seen: string[];
}

/**
 * F.LAYOUT: rows whose values could not be placed with certainty and which the table's sums do
 * not settle either. The message says which rows, and what the document printed there.
 */
export function layoutFinding(table: string, rows: readonly UnsettledRow[]): Finding {
  const described = rows
    .map((row) => (row.seen.length > 0 ? `${row.label}（原文：${row.seen.join(' ')}）` : `${row.label}（未找到）`))
    .join('；');
  return createFinding(
    'F.LAYOUT',
    rows.flatMap((row) => row.cells),
    `${table}版式无法确定，以下行的数值未能确定位置，表内勾稽关系也无法判定：${described}。这些单元格不参与勾稽核对，请对照原文核对`,
  );
}

/** A full row of values under a label the format does not have: reported, never merged in. */
export function unknownRowFinding(row: UnclaimedRow): Finding {
  return createFinding(
    'F.UNKNOWN_ROW',
    [],
    `表中有一行无法对应到标准行${row.label ? `“${row.label}”` : ''}（${describeSource(row.source)}）：${row.values.join('、')}，未计入标准表格，请核对`,
  );
}
