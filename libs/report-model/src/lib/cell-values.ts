import type { CellLocation } from './cells';

/*
 * What a cell may hold, as the official template prints it: counts are whole and never below 0;
 * 本年增/减 (2019 table 2) is a whole number of either sign; amounts (万元, 采购总金额) are not
 * below 0 and have at most two decimals. A value a person types is checked against this.
 */

export type CellValueKind = 'count' | 'signedCount' | 'amount';

const AMOUNT_COLUMNS: ReadonlySet<string> = new Set(['amountWanYuan', 'amount']);

export function cellValueKind(location: CellLocation): CellValueKind {
  if (location.table === 'proactive') {
    if (location.column === 'change') return 'signedCount';
    if (AMOUNT_COLUMNS.has(location.column)) return 'amount';
  }
  return 'count';
}

/** Hundredths, with a margin for binary fractions (0.29 * 100 is 28.999999999999996). */
function hasAtMostTwoDecimals(value: number): boolean {
  const hundredths = value * 100;
  return Math.abs(hundredths - Math.round(hundredths)) < 1e-6;
}

/** Why a value cannot stand in the cell (Chinese), or null when it can. */
export function cellValueProblem(location: CellLocation, value: number): string | null {
  if (!Number.isFinite(value)) return '必须是数字';
  switch (cellValueKind(location)) {
    case 'count':
      if (!Number.isInteger(value)) return '是件数，必须是整数';
      return value < 0 ? '是件数，不能小于 0' : null;
    case 'signedCount':
      return Number.isInteger(value) ? null : '是增减件数，必须是整数（减少填负数）';
    case 'amount':
      if (value < 0) return '是金额，不能小于 0';
      return hasAtMostTwoDecimals(value) ? null : '是金额，最多保留两位小数';
  }
}
