import { emptyReport, type Report2021 } from '../report';
import { PROACTIVE_ROWS_2021 } from '../proactive';
import {
  checkCarryOver,
  checkProactiveRepeals,
  checkProactiveStock,
  STOCK_ROW_KEYS,
} from './cross-report';
import { runCrossReportChecks } from './run-checks';

function reportFor(year: number): Report2021 {
  const report = emptyReport('2021');
  report.year = year;
  return report;
}

describe('X.CARRY', () => {
  it("holds when this year's carried-over equals last year's carried-forward", () => {
    const previous = reportFor(2021);
    const report = reportFor(2022);
    Object.assign(previous.applications.carriedForward, { naturalPerson: 1, total: 1 });
    Object.assign(report.applications.carriedOver, { naturalPerson: 1, total: 1 });
    expect(checkCarryOver(report, previous)).toEqual([]);
  });

  it("names this year's cell, and last year's in previousCells", () => {
    const previous = reportFor(2021);
    const report = reportFor(2022);
    Object.assign(previous.applications.carriedForward, { naturalPerson: 1, total: 1 });
    expect(checkCarryOver(report, previous)).toEqual([
      {
        rule: 'X.CARRY',
        severity: 'error',
        cells: ['applications.carriedOver.naturalPerson'],
        previousCells: ['applications.carriedForward.naturalPerson'],
        message: '表三 自然人列：上年结转 0 ≠ 2021年报告结转下年度 1',
      },
      {
        rule: 'X.CARRY',
        severity: 'error',
        cells: ['applications.carriedOver.total'],
        previousCells: ['applications.carriedForward.total'],
        message: '表三 总计列：上年结转 0 ≠ 2021年报告结转下年度 1',
      },
    ]);
  });

  it('checks every applicant column: a shift between columns is found though the totals agree', () => {
    const previous = reportFor(2021);
    const report = reportFor(2022);
    Object.assign(previous.applications.carriedForward, {
      naturalPerson: 2,
      commercial: 1,
      total: 3,
    });
    Object.assign(report.applications.carriedOver, { naturalPerson: 1, commercial: 2, total: 3 });
    expect(checkCarryOver(report, previous).map((finding) => finding.cells)).toEqual([
      ['applications.carriedOver.naturalPerson'],
      ['applications.carriedOver.commercial'],
    ]);
  });

  it('compares a 2021-format report with a 2019-format one (same columns)', () => {
    const previous = emptyReport('2019');
    previous.applications.carriedForward.research = 2;
    const findings = checkCarryOver(reportFor(2021), previous);
    expect(findings.map((finding) => finding.message)).toEqual([
      '表三 科研机构列：上年结转 0 ≠ 上年报告结转下年度 2',
    ]);
  });
});

describe('T2.STOCK', () => {
  it('covers every row of table 2 that has 现行有效', () => {
    const withInForce = PROACTIVE_ROWS_2021.filter((row) =>
      (row.columns as readonly string[]).includes('inForce'),
    ).map((row) => row.key);
    expect([...STOCK_ROW_KEYS]).toEqual(withInForce);
  });

  it('holds when in force = last year in force + issued − repealed (pingtan 2021 → 2022)', () => {
    const previous = reportFor(2021);
    const report = reportFor(2022);
    previous.proactive.normativeDocuments.inForce = 665;
    Object.assign(report.proactive.normativeDocuments, { issued: 88, repealed: 55, inForce: 698 });
    expect(checkProactiveStock(report, previous)).toEqual([]);
  });

  it('warns with the arithmetic when it does not (pingtan 2022 → 2023)', () => {
    const previous = reportFor(2022);
    const report = reportFor(2023);
    previous.proactive.normativeDocuments.inForce = 698;
    Object.assign(report.proactive.normativeDocuments, { issued: 77, repealed: 132, inForce: 470 });
    expect(checkProactiveStock(report, previous)).toEqual([
      {
        rule: 'T2.STOCK',
        severity: 'warning',
        cells: [
          'proactive.normativeDocuments.inForce',
          'proactive.normativeDocuments.issued',
          'proactive.normativeDocuments.repealed',
        ],
        previousCells: ['proactive.normativeDocuments.inForce'],
        message:
          '表二 行政规范性文件：现行有效件数 470 ≠ 2022年报告现行有效件数 698 + 本年制发件数 77 − 本年废止件数 132 = 643',
      },
    ]);
  });

  it('checks regulations too', () => {
    const report = reportFor(2023);
    report.proactive.regulations.issued = 1;
    expect(checkProactiveStock(report, reportFor(2022)).map((f) => f.cells[0])).toEqual([
      'proactive.regulations.inForce',
    ]);
  });

  it('does not apply when either report is in the 2019 format', () => {
    const report = reportFor(2021);
    report.proactive.normativeDocuments.inForce = 10;
    expect(checkProactiveStock(report, emptyReport('2019'))).toEqual([]);
  });
});

describe('runCrossReportChecks', () => {
  it('runs both rules', () => {
    const previous = reportFor(2022);
    const report = reportFor(2023);
    previous.applications.carriedForward.total = 1;
    report.proactive.regulations.inForce = 1;
    expect(runCrossReportChecks(report, previous).map((f) => f.rule)).toEqual([
      'X.CARRY',
      'T2.STOCK',
    ]);
  });

  it('refuses a report that is not for the year before', () => {
    expect(() => runCrossReportChecks(reportFor(2023), reportFor(2021))).toThrow(RangeError);
  });

  it('runs when a year is unknown', () => {
    expect(runCrossReportChecks(reportFor(2023), emptyReport('2021'))).toEqual([]);
  });
});

describe('T2.REPEAL', () => {
  it('holds while no more documents are repealed than there were', () => {
    const previous = reportFor(2022);
    const report = reportFor(2023);
    previous.proactive.regulations.inForce = 3;
    Object.assign(report.proactive.regulations, { issued: 1, repealed: 4, inForce: 0 });
    expect(checkProactiveRepeals(report, previous)).toEqual([]);
  });

  it('is an error when more are repealed than last year in force and this year issued', () => {
    const previous = reportFor(2022);
    const report = reportFor(2023);
    previous.proactive.normativeDocuments.inForce = 10;
    Object.assign(report.proactive.normativeDocuments, { issued: 2, repealed: 13, inForce: 0 });
    expect(checkProactiveRepeals(report, previous)).toEqual([
      {
        rule: 'T2.REPEAL',
        severity: 'error',
        cells: ['proactive.normativeDocuments.repealed', 'proactive.normativeDocuments.issued'],
        previousCells: ['proactive.normativeDocuments.inForce'],
        message:
          '表二 行政规范性文件：本年废止件数 13 > 2022年报告现行有效件数 10 + 本年制发件数 2 = 12',
      },
    ]);
    expect(runCrossReportChecks(report, previous).map((finding) => finding.rule)).toContain(
      'T2.REPEAL',
    );
  });
});
