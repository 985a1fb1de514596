import { APPLICANT_COLUMN, APPLICANT_COLUMNS, APPLICATION_ROW } from '../applications';
import { applicationCell, proactiveCell } from '../cells';
import { PROACTIVE_COLUMN_2021, PROACTIVE_ROW_2021, type Proactive2021RowKey } from '../proactive';
import { REPORT_TABLE, type CanonicalReport } from '../report';
import { createFinding, type Finding } from '../rules';
import { formatNumber, formatTerm, sameNumber, type Term } from './arithmetic';

/** The table-2 rows that are a stock of documents: 现行有效 carries over from year to year. */
export const STOCK_ROW_KEYS = [
  'regulations',
  'normativeDocuments',
] as const satisfies readonly Proactive2021RowKey[];

/** How a message names last year's report: "2022年报告", or "上年报告" when its year is unknown. */
function previousReportName(previous: CanonicalReport): string {
  return previous.year === null ? '上年报告' : `${previous.year}年报告`;
}

/** X.CARRY — per column of table 3: 上年结转 = last year's 结转下年度. */
export function checkCarryOver(report: CanonicalReport, previous: CanonicalReport): Finding[] {
  const table = REPORT_TABLE.applications.shortLabel;
  return APPLICANT_COLUMNS.flatMap(({ key: column }): Finding[] => {
    const carriedOver: Term = {
      label: APPLICATION_ROW.carriedOver.shortLabel,
      value: report.applications.carriedOver[column],
    };
    const lastCarriedForward: Term = {
      label: `${previousReportName(previous)}${APPLICATION_ROW.carriedForward.shortLabel}`,
      value: previous.applications.carriedForward[column],
    };
    if (sameNumber(carriedOver.value, lastCarriedForward.value)) return [];
    return [
      createFinding(
        'X.CARRY',
        [applicationCell('carriedOver', column)],
        `${table} ${APPLICANT_COLUMN[column].shortLabel}列：${formatTerm(carriedOver)} ≠ ${formatTerm(lastCarriedForward)}`,
        { previousCells: [applicationCell('carriedForward', column)] },
      ),
    ];
  });
}

/** The columns of table 2's stock rows (2021 format). */
type StockColumn = 'issued' | 'repealed' | 'inForce';

/**
 * The stock rows of both reports, when both are in the 2021 format (the only one counting a
 * stock this way), each with last year's 现行有效 as a term: what T2.STOCK and T2.REPEAL read.
 */
function stockRows(
  report: CanonicalReport,
  previous: CanonicalReport,
): {
  row: (typeof STOCK_ROW_KEYS)[number];
  term: (column: StockColumn) => Term;
  lastInForce: Term;
}[] {
  if (report.formatVersion !== '2021' || previous.formatVersion !== '2021') return [];
  const label = (column: StockColumn): string => PROACTIVE_COLUMN_2021[column].label;
  return STOCK_ROW_KEYS.map((row) => ({
    row,
    term: (column) => ({ label: label(column), value: report.proactive[row][column] }),
    lastInForce: {
      label: `${previousReportName(previous)}${label('inForce')}`,
      value: previous.proactive[row].inForce,
    },
  }));
}

/**
 * T2.STOCK — 现行有效 = last year's 现行有效 + 本年制发 − 本年废止, for regulations and
 * normative documents. Only the 2021 format counts a stock this way, so both reports must be in it.
 */
export function checkProactiveStock(report: CanonicalReport, previous: CanonicalReport): Finding[] {
  const table = REPORT_TABLE.proactive.shortLabel;
  return stockRows(report, previous).flatMap(({ row, term, lastInForce }): Finding[] => {
    const [inForce, issued, repealed] = [term('inForce'), term('issued'), term('repealed')];
    const expected = lastInForce.value + issued.value - repealed.value;
    if (sameNumber(inForce.value, expected)) return [];
    return [
      createFinding(
        'T2.STOCK',
        [
          proactiveCell(row, 'inForce'),
          proactiveCell(row, 'issued'),
          proactiveCell(row, 'repealed'),
        ],
        `${table} ${PROACTIVE_ROW_2021[row].label}：${formatTerm(inForce)} ≠ ${formatTerm(lastInForce)} + ${formatTerm(issued)} − ${formatTerm(repealed)} = ${formatNumber(expected)}`,
        { previousCells: [proactiveCell(row, 'inForce')] },
      ),
    ];
  });
}

/**
 * T2.REPEAL — 本年废止 ≤ last year's 现行有效 + 本年制发: only documents that existed can be
 * repealed. Where T2.STOCK says the stock does not carry over, this says a count is impossible.
 */
export function checkProactiveRepeals(
  report: CanonicalReport,
  previous: CanonicalReport,
): Finding[] {
  const table = REPORT_TABLE.proactive.shortLabel;
  return stockRows(report, previous).flatMap(({ row, term, lastInForce }): Finding[] => {
    const [repealed, issued] = [term('repealed'), term('issued')];
    const available = lastInForce.value + issued.value;
    if (repealed.value <= available) return [];
    return [
      createFinding(
        'T2.REPEAL',
        [proactiveCell(row, 'repealed'), proactiveCell(row, 'issued')],
        `${table} ${PROACTIVE_ROW_2021[row].label}：${formatTerm(repealed)} > ${formatTerm(lastInForce)} + ${formatTerm(issued)} = ${formatNumber(available)}`,
        { previousCells: [proactiveCell(row, 'inForce')] },
      ),
    ];
  });
}
