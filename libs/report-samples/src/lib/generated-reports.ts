import {
  APPLICANT_TYPE_COLUMN_KEYS,
  APPLICANT_COLUMNS,
  applicationCell,
  applicationRowKeysFor,
  emptyReport,
  getCell,
  listCells,
  outcomeRowKeysFor,
  REVIEW_GROUPS,
  REVIEW_RESULT_COLUMN_KEYS,
  runTableChecks,
  setCell,
  table3Layout,
  type ApplicantTypeColumnKey,
  type ApplicationRowKey,
  type CanonicalReport,
  type Report2021,
  type RuleId,
  type Table3Layout,
} from '@atlas/report-model';
import { SeededRandom } from './seeded-random';

export { SeededRandom } from './seeded-random';

/**
 * Canonical reports generated from known values, for end-to-end tests of parseReport: the free
 * cells are drawn from a seeded generator and every total is derived, so that T3.BALANCE,
 * T3.OUTCOMES, T3.ROWSUM and T4.TOTAL hold unless a case breaks one on purpose.
 */

/** What a generated report is about: shown in its title and text. */
export interface ReportIdentity {
  agency: string;
  year: number;
  /** 年 or 年度 after the year in the title. */
  yearWord?: '年' | '年度';
}

export interface GeneratorSpec extends ReportIdentity {
  seed: number;
  layout: Table3Layout;
  /**
   * Largest value of an outcome cell per applicant column; 0 leaves the column empty (many
   * reports have only 自然人 and 总计 filled).
   */
  outcomeMax: Record<ApplicantTypeColumnKey, number>;
  /** Probability that an outcome cell is 0. */
  zeroShare: number;
  /** Largest 上年结转 / 结转下年度 value per non-empty column. */
  carryMax: number;
  /** Largest result value in table 4 (0: table 4 all zeros). */
  reviewMax: number;
  /** Table 2: largest count, and the fee in 万元 (a decimal). */
  proactiveMax: number;
  feeWanYuan: number;
}

/** A finding as a fact to compare: its rule and the cells it names. */
export interface FindingFact {
  rule: RuleId;
  cells: string[];
}

/** A generated report and the text facts the renderers print. */
export interface GeneratedReport<R extends CanonicalReport = Report2021> extends ReportIdentity {
  name: string;
  report: R;
  /** The number stated in part 一 ("本年度共收到政府信息公开申请N件"). */
  applicationsStated: number;
  /**
   * 行政复议 and 行政诉讼 cases stated in part 一 (as table 4's totals print them); absent: the
   * text says nothing about them.
   */
  casesStated?: { reviews: number; lawsuits: number };
  /** The rules (one per column/row/group) this report breaks on purpose, with their cells. */
  brokenRules: FindingFact[];
}

/** Any generated report, of either format. */
export type AnyGeneratedReport = GeneratedReport<CanonicalReport>;

/**
 * Fills every total of table 3 and 4 from the free cells: 办理总计 = the outcome rows,
 * 新收 = 办理总计 + 结转下年度 − 上年结转 (T3.BALANCE), 总计 column = the six applicant
 * columns, table 4 总计 = the four results.
 */
export function deriveTotals(report: CanonicalReport): void {
  const layout = table3Layout(report);
  const outcomes = outcomeRowKeysFor(layout);
  const value = (row: ApplicationRowKey, column: ApplicantTypeColumnKey): number =>
    getCell(report, applicationCell(row, column)) ?? 0;
  for (const column of APPLICANT_TYPE_COLUMN_KEYS) {
    const handled = outcomes.reduce((sum, row) => sum + value(row, column), 0);
    setCell(report, applicationCell('totalHandled', column), handled);
    const received = handled + value('carriedForward', column) - value('carriedOver', column);
    if (received < 0) throw new RangeError(`column ${column}: 上年结转 exceeds what was handled`);
    setCell(report, applicationCell('newReceived', column), received);
  }
  for (const row of applicationRowKeysFor(layout)) {
    const total = APPLICANT_TYPE_COLUMN_KEYS.reduce((sum, column) => sum + value(row, column), 0);
    setCell(report, applicationCell(row, 'total'), total);
  }
  for (const { key } of REVIEW_GROUPS) {
    const group = report.reviewLitigation[key];
    group.total = REVIEW_RESULT_COLUMN_KEYS.reduce((sum, column) => sum + group[column], 0);
  }
}

/** A 2021-format report whose free cells come from the seed and whose totals are derived. */
export function generateReport(name: string, spec: GeneratorSpec): GeneratedReport {
  const random = new SeededRandom(spec.seed);
  const report = emptyReport('2021', spec.layout);
  const outcomes = outcomeRowKeysFor(spec.layout);
  for (const column of APPLICANT_TYPE_COLUMN_KEYS) {
    const max = spec.outcomeMax[column];
    if (max === 0) continue;
    for (const row of outcomes) {
      const cell = random.chance(spec.zeroShare) ? 0 : random.int(1, max);
      setCell(report, applicationCell(row, column), cell);
    }
    const handled = outcomes.reduce(
      (sum, row) => sum + (getCell(report, applicationCell(row, column)) ?? 0),
      0,
    );
    const forward = random.int(0, spec.carryMax);
    setCell(report, applicationCell('carriedForward', column), forward);
    setCell(
      report,
      applicationCell('carriedOver', column),
      random.int(0, Math.min(spec.carryMax, handled + forward)),
    );
  }
  for (const { key } of REVIEW_GROUPS) {
    for (const column of REVIEW_RESULT_COLUMN_KEYS) {
      report.reviewLitigation[key][column] =
        spec.reviewMax > 0 && random.chance(0.6) ? random.int(0, spec.reviewMax) : 0;
    }
  }
  const proactive = report.proactive;
  const count = (max: number): number => (random.chance(0.2) ? 0 : random.int(1, max));
  proactive.regulations = { issued: 0, repealed: 0, inForce: count(spec.proactiveMax) };
  const issued = count(spec.proactiveMax);
  proactive.normativeDocuments = {
    issued,
    repealed: count(Math.max(1, Math.floor(spec.proactiveMax / 4))),
    inForce: issued + random.int(1, spec.proactiveMax * 4),
  };
  proactive.licensing = { decisions: count(spec.proactiveMax * 50) };
  proactive.penalty = { decisions: count(spec.proactiveMax * 10) };
  proactive.coercion = { decisions: count(spec.proactiveMax) };
  proactive.fees = { amountWanYuan: spec.feeWanYuan };
  deriveTotals(report);
  return finishReport(name, spec, report);
}

/** Title facts and the rules the numbers break, from a report whose cells are set. */
export function finishReport<R extends CanonicalReport>(
  name: string,
  identity: ReportIdentity,
  report: R,
): GeneratedReport<R> {
  report.title = `${identity.agency}${identity.year}${identity.yearWord ?? '年'}政府信息公开工作年度报告`;
  report.agencyName = identity.agency;
  report.year = identity.year;
  return {
    name,
    agency: identity.agency,
    year: identity.year,
    ...(identity.yearWord ? { yearWord: identity.yearWord } : {}),
    report,
    applicationsStated: report.applications.newReceived.total,
    brokenRules: runTableChecks(report).map((finding) => ({
      rule: finding.rule,
      cells: finding.cells,
    })),
  };
}

/** A copy of a generated report (renderers never change it, tests may). */
export function cloneGenerated<R extends CanonicalReport>(
  generated: GeneratedReport<R>,
  name = generated.name,
): GeneratedReport<R> {
  return { ...generated, name, report: structuredClone(generated.report) };
}

/** No applications from any kind of applicant: where a profile starts. */
export const NO_APPLICANTS: Readonly<Record<ApplicantTypeColumnKey, number>> = {
  naturalPerson: 0,
  commercial: 0,
  research: 0,
  nonprofit: 0,
  legalService: 0,
  otherOrg: 0,
};

/**
 * A: a city bureau with many applications — multi-digit numbers in several columns, zeros,
 * a decimal fee, itemized （六）.
 */
export const REPORT_A = generateReport('A 南江市生态环境局 2023 itemized', {
  agency: '南江市生态环境局',
  year: 2023,
  seed: 20230131,
  layout: 'itemizedOtherHandling',
  outcomeMax: { ...NO_APPLICANTS, naturalPerson: 480, commercial: 40, research: 3, legalService: 12 },
  zeroShare: 0.45,
  carryMax: 60,
  reviewMax: 9,
  proactiveMax: 40,
  feeWanYuan: 1234.56,
});

/** B: a district office printing （六） as one row (seen in real 2021-format reports). */
export const REPORT_B = generateReport('B 东湖市青山区人民政府办公室 2022 single (六)', {
  agency: '东湖市青山区人民政府办公室',
  year: 2022,
  yearWord: '年度',
  seed: 20221231,
  layout: 'singleOtherHandling',
  outcomeMax: { ...NO_APPLICANTS, naturalPerson: 30, commercial: 6, nonprofit: 2, otherOrg: 4 },
  zeroShare: 0.5,
  carryMax: 5,
  reviewMax: 3,
  proactiveMax: 12,
  feeWanYuan: 0.35,
});

/** C: a small bureau: only 自然人 and 总计 filled, mostly zeros, table 4 all zero. */
export const REPORT_C = generateReport('C 西林市市场监督管理局 2024 sparse', {
  agency: '西林市市场监督管理局',
  year: 2024,
  seed: 20240607,
  layout: 'itemizedOtherHandling',
  outcomeMax: { ...NO_APPLICANTS, naturalPerson: 9 },
  zeroShare: 0.75,
  carryMax: 2,
  reviewMax: 0,
  proactiveMax: 5,
  feeWanYuan: 0,
});

/**
 * D: like A but 结转下年度 of 自然人 (and so of 总计) is one more than the table balances:
 * exactly T3.BALANCE on the columns 自然人 and 总计.
 */
export const REPORT_D = ((): GeneratedReport => {
  const base = generateReport('D 北川市交通运输局 2023 balance broken', {
    agency: '北川市交通运输局',
    year: 2023,
    seed: 20230704,
    layout: 'itemizedOtherHandling',
    outcomeMax: { ...NO_APPLICANTS, naturalPerson: 60, commercial: 9, otherOrg: 5 },
    zeroShare: 0.5,
    carryMax: 8,
    reviewMax: 4,
    proactiveMax: 20,
    feeWanYuan: 56.7,
  });
  const report = base.report;
  report.applications.carriedForward.naturalPerson += 1;
  report.applications.carriedForward.total += 1;
  return finishReport(base.name, base, report);
})();

export const CONSISTENT_REPORTS: readonly GeneratedReport[] = [REPORT_A, REPORT_B, REPORT_C];
export const ALL_REPORTS: readonly GeneratedReport[] = [...CONSISTENT_REPORTS, REPORT_D];

/**
 * E: the table of a web page whose cells ran together ("801000081"): values chosen so that
 * every table-3 row has exactly one cut whose six columns sum to its total, table 4 exactly one
 * cut that satisfies its group totals, and table 2 rows are single digits, zeros, or settled by
 * the counts part 一 states (see `digitRunFacts`).
 */
export const REPORT_E = ((): GeneratedReport => {
  const report = emptyReport('2021', 'itemizedOtherHandling');
  const rows: Partial<Record<ApplicationRowKey, number[]>> = {
    granted: [22, 0, 0, 0, 0, 0],
    partiallyGranted: [19, 1, 0, 0, 0, 0],
    'denied.thirdParty': [1, 0, 0, 0, 0, 0],
    'denied.processInfo': [1, 0, 0, 0, 0, 0],
    'denied.queryMatter': [2, 0, 0, 0, 0, 0],
    'unavailable.notHeld': [31, 0, 0, 0, 0, 0],
    'notProcessed.duplicate': [1, 0, 0, 0, 0, 0],
    'otherHandling.noCorrection': [1, 0, 0, 0, 0, 0],
    'otherHandling.other': [1, 0, 0, 0, 0, 0],
    carriedOver: [3, 0, 0, 0, 0, 0],
    carriedForward: [5, 0, 0, 0, 0, 0],
  };
  for (const [row, values] of Object.entries(rows) as [ApplicationRowKey, number[]][]) {
    APPLICANT_TYPE_COLUMN_KEYS.forEach((column, index) =>
      setCell(report, applicationCell(row, column), values[index] ?? 0),
    );
  }
  report.reviewLitigation.review = { upheld: 1, corrected: 1, other: 0, pending: 0, total: 2 };
  report.reviewLitigation.litigationDirect = {
    upheld: 4,
    corrected: 0,
    other: 0,
    pending: 1,
    total: 5,
  };
  report.proactive.regulations = { issued: 0, repealed: 0, inForce: 0 };
  report.proactive.normativeDocuments = { issued: 12, repealed: 3, inForce: 145 };
  report.proactive.licensing = { decisions: 2629 };
  report.proactive.penalty = { decisions: 1330 };
  report.proactive.coercion = { decisions: 54 };
  report.proactive.fees = { amountWanYuan: 5949.0886 };
  deriveTotals(report);
  return finishReport(
    'E 南江市自然资源局 2023 one line',
    { agency: '南江市自然资源局', year: 2023 },
    report,
  );
})();

/**
 * F: like E, but 新收, 予以公开 and 办理总计 are [1, 10, 0, 0, 0, 0, 11]: run together, each is
 * "110000011", which [11, 0, 0, 0, 0, 0, 11] also fits, and both readings of the three rows
 * satisfy every sum of the table — the document alone cannot decide (F.AMBIGUOUS).
 */
export const REPORT_F = ((): GeneratedReport => {
  const report = emptyReport('2021', 'itemizedOtherHandling');
  setCell(report, applicationCell('granted', 'naturalPerson'), 1);
  setCell(report, applicationCell('granted', 'commercial'), 10);
  report.proactive.licensing = { decisions: 7 };
  deriveTotals(report);
  return finishReport(
    'F 南江市水务局 2023 one line, ambiguous',
    { agency: '南江市水务局', year: 2023 },
    report,
  );
})();

/** The cells F.AMBIGUOUS must list for REPORT_F, and the reading the document also allows. */
export const REPORT_F_AMBIGUITY = {
  cells: (['newReceived', 'granted', 'totalHandled'] as const).flatMap((row) => [
    applicationCell(row, 'naturalPerson'),
    applicationCell(row, 'commercial'),
  ]),
  alternative: { naturalPerson: 11, commercial: 0 },
};

/** Every numeric cell of tables 2–4 as [address, value]. */
export function expectedCells(report: CanonicalReport): [string, number][] {
  return listCells(report).map((cell) => [cell.address, cell.value]);
}

/** Column keys of table 3 in print order (自然人 … 总计). */
export const TABLE3_COLUMN_KEYS = APPLICANT_COLUMNS.map((column) => column.key);
