import {
  APPLICANT_COLUMN,
  APPLICANT_COLUMNS,
  APPLICANT_TYPE_COLUMN_KEYS,
  APPLICATION_OUTCOME_ROW_KEYS,
  APPLICATION_ROW,
  presentApplicationRowKeys,
  type ApplicantColumnKey,
  type ApplicationRowKey,
  type ApplicationsTable,
} from '../applications';
import { applicationCell } from '../cells';
import { REPORT_TABLE } from '../report';
import { createFinding, type Finding } from '../rules';
import { formatNumber, formatSum, formatTerm, sameNumber, sum, type Term } from './arithmetic';

type Table3Input = { readonly applications: ApplicationsTable };

const TABLE = REPORT_TABLE.applications.shortLabel;

function columnTitle(column: ApplicantColumnKey): string {
  return `${TABLE} ${APPLICANT_COLUMN[column].shortLabel}列`;
}

function rowTitle(row: ApplicationRowKey): string {
  return `${TABLE} ${APPLICATION_ROW[row].shortLabel}行`;
}

type BalanceRowKey = 'newReceived' | 'carriedOver' | 'totalHandled' | 'carriedForward';

/** The table's own note: 第一项加第二项之和，等于第三项加第四项之和. */
const BALANCE_SOURCES = ['newReceived', 'carriedOver'] as const satisfies BalanceRowKey[];
const BALANCE_USES = ['totalHandled', 'carriedForward'] as const satisfies BalanceRowKey[];

/** A cell of a row every table 3 has, with the row's short label. */
function fixedTerm(
  applications: ApplicationsTable,
  row: BalanceRowKey,
  column: ApplicantColumnKey,
): Term {
  return { label: APPLICATION_ROW[row].shortLabel, value: applications[row][column] };
}

/** T3.BALANCE — per column: 新收 + 上年结转 = 办理总计 + 结转下年度. */
export function checkTable3Balance({ applications }: Table3Input): Finding[] {
  return APPLICANT_COLUMNS.flatMap(({ key: column }): Finding[] => {
    const sources = BALANCE_SOURCES.map((row) => fixedTerm(applications, row, column));
    const uses = BALANCE_USES.map((row) => fixedTerm(applications, row, column));
    if (sameNumber(sum(sources.map((t) => t.value)), sum(uses.map((t) => t.value)))) return [];
    return [
      createFinding(
        'T3.BALANCE',
        [...BALANCE_SOURCES, ...BALANCE_USES].map((row) => applicationCell(row, column)),
        `${columnTitle(column)}：${formatSum(sources)} ≠ ${formatSum(uses)}`,
      ),
    ];
  });
}

/**
 * T3.OUTCOMES — per column: 办理总计 = sum of the outcome rows present. Summing what is present
 * covers both layouts of （六）; the message lists only the non-zero outcomes, the cells all.
 */
export function checkTable3Outcomes({ applications }: Table3Input): Finding[] {
  const outcomeRows = APPLICATION_OUTCOME_ROW_KEYS.filter((row) => applications[row] !== undefined);
  return APPLICANT_COLUMNS.flatMap(({ key: column }): Finding[] => {
    const outcomes = outcomeRows.map((row) => ({
      label: APPLICATION_ROW[row].shortLabel,
      value: applications[row]?.[column] ?? 0,
    }));
    const outcomeSum = sum(outcomes.map((t) => t.value));
    const handled = fixedTerm(applications, 'totalHandled', column);
    if (sameNumber(handled.value, outcomeSum)) return [];
    const nonZero = outcomes.filter((t) => t.value !== 0);
    const breakdown = nonZero.length > 0 ? `（${formatSum(nonZero)}）` : '';
    return [
      createFinding(
        'T3.OUTCOMES',
        [
          applicationCell('totalHandled', column),
          ...outcomeRows.map((row) => applicationCell(row, column)),
        ],
        `${columnTitle(column)}：${formatTerm(handled)} ≠ 各项办理结果之和 ${formatNumber(outcomeSum)}${breakdown}`,
      ),
    ];
  });
}

/** T3.ROWSUM — per row present: 总计 = the six applicant columns. */
export function checkTable3RowSums({ applications }: Table3Input): Finding[] {
  return presentApplicationRowKeys(applications).flatMap((row): Finding[] => {
    const cells = applications[row];
    if (cells === undefined) return [];
    const parts = APPLICANT_TYPE_COLUMN_KEYS.map((column) => ({
      label: APPLICANT_COLUMN[column].shortLabel,
      value: cells[column],
    }));
    const partsSum = sum(parts.map((t) => t.value));
    if (sameNumber(partsSum, cells.total)) return [];
    const total = { label: APPLICANT_COLUMN.total.shortLabel, value: cells.total };
    return [
      createFinding(
        'T3.ROWSUM',
        [...APPLICANT_TYPE_COLUMN_KEYS, 'total' as const].map((column) =>
          applicationCell(row, column),
        ),
        `${rowTitle(row)}：${formatSum(parts)} = ${formatNumber(partsSum)} ≠ ${formatTerm(total)}`,
      ),
    ];
  });
}
