import {
  APPLICANT_COLUMNS,
  type ApplicationRowKey,
  outcomeRowKeysFor,
  type Table3Layout,
} from '@atlas/report-model';

/*
 * Table 3's own sums on plain arrays (a row: its seven values, 自然人 … 总计), for weighing
 * candidate readings quickly; the findings themselves come from libs/report-model's checks.
 */

const COUNT = APPLICANT_COLUMNS.length;
const TOTAL = COUNT - 1;

const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** T3.ROWSUM: the total is the sum of the six applicant columns. */
export function rowSumHolds(values: readonly number[]): boolean {
  if (values.length !== COUNT) return false;
  let parts = 0;
  for (let column = 0; column < TOTAL; column++) parts += values[column] ?? 0;
  return same(parts, values[TOTAL] ?? 0);
}

/** How many column rules (T3.OUTCOMES, T3.BALANCE, one per column each) a reading breaks. */
export function brokenColumnRules(rows: ReadonlyMap<ApplicationRowKey, readonly number[]>, layout: Table3Layout): number {
  const at = (key: ApplicationRowKey, column: number) => rows.get(key)?.[column] ?? 0;
  const outcomes = outcomeRowKeysFor(layout);
  let broken = 0;
  for (let column = 0; column < COUNT; column++) {
    let outcomeSum = 0;
    for (const key of outcomes) outcomeSum += at(key, column);
    if (!same(outcomeSum, at('totalHandled', column))) broken++;
    if (!same(at('newReceived', column) + at('carriedOver', column), at('totalHandled', column) + at('carriedForward', column))) broken++;
  }
  return broken;
}
