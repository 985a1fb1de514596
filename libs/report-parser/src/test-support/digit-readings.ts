import {
  APPLICANT_COLUMNS,
  applicationCell,
  applicationRowKeysFor,
  runTableChecks,
  setCell,
  table3Layout,
  type ApplicationRowKey,
  type Report2021,
} from '@atlas/report-model';

/**
 * An oracle for digits that ran together, independent of the parser: every way to cut a string
 * of digits into numbers (no leading zeros), and the readings of generated tables that satisfy
 * the table's sums. Used to check that a generated one-line document is decided by its sums
 * exactly when the test says so.
 */

/** Every cut of `digits` into `parts` numbers; a number never starts with 0 unless it is 0. */
export function digitReadings(digits: string, parts: number): number[][] {
  const readings: number[][] = [];
  const cut = (from: number, left: number, taken: number[]): void => {
    if (left === 0) {
      if (from === digits.length) readings.push([...taken]);
      return;
    }
    const maxEnd = digits.length - (left - 1);
    for (let end = from + 1; end <= maxEnd; end++) {
      if (digits[from] === '0' && end > from + 1) break;
      taken.push(Number(digits.slice(from, end)));
      cut(end, left - 1, taken);
      taken.pop();
    }
  };
  cut(0, parts, []);
  return readings;
}

const sum = (values: readonly number[]): number =>
  values.reduce((total, value) => total + value, 0);

/** The cuts of a table-3 row (7 values run together) whose six columns add up to its total. */
export function table3RowReadings(values: readonly number[]): number[][] {
  return digitReadings(values.join(''), 7).filter(
    (reading) => sum(reading.slice(0, 6)) === reading[6],
  );
}

/** The cuts of table 4's 15 values run together where each group's total is its four results. */
export function table4Readings(values: readonly number[]): number[][] {
  return digitReadings(values.join(''), 15).filter((reading) =>
    [0, 5, 10].every((start) => sum(reading.slice(start, start + 4)) === reading[start + 4]),
  );
}

/**
 * Every reading of table 3, run together row by row, that satisfies all table-3 rules
 * (T3.ROWSUM per row, T3.OUTCOMES and T3.BALANCE per column), as whole reports.
 */
export function table3Readings(report: Report2021, limit = 4096): Report2021[] {
  const keys = applicationRowKeysFor(table3Layout(report));
  const columns = APPLICANT_COLUMNS.map((column) => column.key);
  const choices = keys.map((key): [ApplicationRowKey, number[][]] => {
    const cells = report.applications[key];
    if (cells === undefined) throw new RangeError(`no row ${key}`);
    return [key, table3RowReadings(columns.map((column) => cells[column]))];
  });
  const combinations = choices.reduce((product, [, readings]) => product * readings.length, 1);
  if (combinations > limit) throw new RangeError(`${combinations} combinations: too many to list`);
  const results: Report2021[] = [];
  for (let index = 0; index < combinations; index++) {
    const candidate = structuredClone(report);
    let rest = index;
    for (const [key, readings] of choices) {
      const reading = readings[rest % readings.length] ?? [];
      rest = Math.floor(rest / readings.length);
      columns.forEach((column, c) =>
        setCell(candidate, applicationCell(key, column), reading[c] ?? 0),
      );
    }
    if (runTableChecks(candidate).every((finding) => !finding.rule.startsWith('T3.'))) {
      results.push(candidate);
    }
  }
  return results;
}
