/**
 * Tolerance when comparing values that may be decimals (fees in 万元 are printed with up to six
 * decimals). Counts are integers, for which any difference is at least 1, so one comparison
 * serves every rule.
 */
const TOLERANCE = 1e-6;

export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) < TOLERANCE;
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** As printed: integers as they are, decimals without float noise (0.1 + 0.2 → "0.3"). */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

/** A labelled number in a message: "新收 21". */
export interface Term {
  readonly label: string;
  readonly value: number;
}

export function formatTerm(term: Term): string {
  return `${term.label} ${formatNumber(term.value)}`;
}

/** "新收 21 + 上年结转 0" */
export function formatSum(terms: readonly Term[]): string {
  return terms.map(formatTerm).join(' + ');
}
