import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  applicationCell,
  getCell,
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  proactiveCell,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  reviewLitigationCell,
  type CanonicalReport,
  type CellAddress,
  type ProactiveColumnKey,
  type ProactiveRowKey,
} from '@atlas/report-model';
import type { CellSource } from './cell-source';

/*
 * Storing and adding up every cell of many reports: a report's cells as a vector in one fixed
 * order (the layout), and totals as the sums of such vectors plus, per cell, how many reports
 * had it. Totals add and subtract, so a region's totals can be kept up to date report by report.
 */

function proactiveAddresses(
  rows: readonly { key: string; columns: readonly string[] }[],
): CellAddress[] {
  return rows.flatMap((row) =>
    row.columns.map((column) =>
      proactiveCell(row.key as ProactiveRowKey, column as ProactiveColumnKey),
    ),
  );
}

/**
 * Every table cell any report can have — both formats of table 2, both shapes of （六）, all of
 * table 4 — each once, in document order. Stored vectors follow this order; the API keeps a
 * signature of it and rebuilds what it stored when the layout changes.
 */
export const CELL_LAYOUT: readonly CellAddress[] = [
  ...new Set<CellAddress>([
    ...proactiveAddresses(PROACTIVE_ROWS_2021),
    ...proactiveAddresses(PROACTIVE_ROWS_2019),
    ...APPLICATION_ROWS.flatMap((row) =>
      APPLICANT_COLUMNS.map((column) => applicationCell(row.key, column.key)),
    ),
    ...REVIEW_GROUPS.flatMap((group) =>
      REVIEW_COLUMNS.map((column) => reviewLitigationCell(group.key, column.key)),
    ),
  ]),
];

const LAYOUT_INDEX: ReadonlyMap<string, number> = new Map(
  CELL_LAYOUT.map((address, index) => [address, index]),
);

/** Position of an address in CELL_LAYOUT; undefined for an address outside tables 2–4. */
export function layoutIndexOf(address: string): number | undefined {
  return LAYOUT_INDEX.get(address);
}

/** One report's cells in layout order; null where the report has no such cell. */
export type CellVector = (number | null)[];

export function reportCellVector(report: CanonicalReport): CellVector {
  return CELL_LAYOUT.map((address) => getCell(report, address) ?? null);
}

/** Sums of cell vectors, and per cell the number of reports that had it. */
export interface CellTotals {
  readonly sums: number[];
  readonly counts: number[];
}

export function emptyCellTotals(): CellTotals {
  return { sums: CELL_LAYOUT.map(() => 0), counts: CELL_LAYOUT.map(() => 0) };
}

/** The totals of a single report. */
export function cellTotalsOf(vector: CellVector): CellTotals {
  return {
    sums: CELL_LAYOUT.map((_, i) => vector[i] ?? 0),
    counts: CELL_LAYOUT.map((_, i) => (vector[i] === null || vector[i] === undefined ? 0 : 1)),
  };
}

/**
 * target += sign × other, in place. Shorter stored arrays (written under a shorter layout)
 * read as zeros.
 */
export function addCellTotals(target: CellTotals, other: CellTotals, sign: 1 | -1 = 1): CellTotals {
  // Totals read without their cells (empty arrays) add nothing, at no cost.
  const length = Math.min(CELL_LAYOUT.length, Math.max(other.sums.length, other.counts.length));
  for (let i = 0; i < length; i++) {
    target.sums[i] = (target.sums[i] ?? 0) + sign * (other.sums[i] ?? 0);
    target.counts[i] = (target.counts[i] ?? 0) + sign * (other.counts[i] ?? 0);
  }
  return target;
}

/** Whether adding `delta` changes nothing (a report whose numbers did not change). */
export function isZeroCellTotals(delta: CellTotals): boolean {
  return delta.sums.every((v) => v === 0) && delta.counts.every((v) => v === 0);
}

/**
 * Binary sums of decimal amounts (万元 with four decimals) drift in the last bits; cells are
 * read back rounded to a millionth, far below any unit a report states.
 */
function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Totals as a CellSource: a cell is present when at least one report had it. */
export function cellTotalsSource(totals: CellTotals): CellSource {
  return {
    cell: (address) => {
      const index = LAYOUT_INDEX.get(address);
      return index === undefined ? 0 : tidy(totals.sums[index] ?? 0);
    },
    has: (address) => {
      const index = LAYOUT_INDEX.get(address);
      return index !== undefined && (totals.counts[index] ?? 0) > 0;
    },
  };
}
