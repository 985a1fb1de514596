import { applicationCell, emptyReport, type Finding } from '@atlas/report-model';
import { countFindings, findingsAfterCorrection, withCrossReportFindings } from './report-findings';

function reportOn(year: number, carriedOver: number, carriedForward: number) {
  const report = emptyReport('2021');
  report.year = year;
  report.applications.newReceived.naturalPerson = 1 + carriedForward;
  report.applications.newReceived.total = 1 + carriedForward;
  report.applications.carriedOver.naturalPerson = carriedOver;
  report.applications.carriedOver.total = carriedOver;
  report.applications.granted.naturalPerson = 1 + carriedOver;
  report.applications.granted.total = 1 + carriedOver;
  report.applications.totalHandled.naturalPerson = 1 + carriedOver;
  report.applications.totalHandled.total = 1 + carriedOver;
  report.applications.carriedForward.naturalPerson = carriedForward;
  report.applications.carriedForward.total = carriedForward;
  return report;
}

const ambiguous: Finding = {
  rule: 'F.AMBIGUOUS',
  severity: 'error',
  cells: [applicationCell('granted', 'naturalPerson')],
  message: '无法唯一确定',
  candidates: [[1], [2]],
};

describe('findings of stored reports', () => {
  it('replaces the cross-report findings and keeps the others', () => {
    const lastYear = reportOn(2022, 0, 1);
    const thisYear = reportOn(2023, 0, 0);
    const first = withCrossReportFindings([ambiguous], thisYear, lastYear);
    expect(first.map((finding) => finding.rule)).toEqual(['F.AMBIGUOUS', 'X.CARRY', 'X.CARRY']);
    expect(withCrossReportFindings(first, thisYear, null)).toEqual([ambiguous]);
    expect(
      withCrossReportFindings(first, thisYear, reportOn(2022, 0, 0)).map((finding) => finding.rule),
    ).toEqual(['F.AMBIGUOUS']);
  });

  it('after a correction, re-runs the rules on the numbers and drops an ambiguity a person settled', () => {
    const report = reportOn(2023, 0, 0);
    report.applications.newReceived.total = 5;
    const stale: Finding[] = [
      ambiguous,
      { rule: 'T4.TOTAL', severity: 'error', cells: [], message: '旧的' },
    ];
    const kept = findingsAfterCorrection(
      stale,
      report,
      null,
      new Set(['applications.newReceived.total']),
    );
    expect(kept.map((finding) => finding.rule)).toEqual(['F.AMBIGUOUS', 'T3.BALANCE', 'T3.ROWSUM']);
    const settled = findingsAfterCorrection(
      stale,
      reportOn(2023, 0, 0),
      null,
      new Set(ambiguous.cells),
    );
    expect(settled).toEqual([]);
    expect(countFindings(kept)).toEqual({ errors: 3, warnings: 0 });
  });

  it('keeps the rules off cells still in doubt, and lets a person settle them one by one', () => {
    const report = reportOn(2023, 0, 0);
    report.applications.granted.naturalPerson = 7;
    const layout: Finding = {
      rule: 'F.LAYOUT',
      severity: 'warning',
      cells: [applicationCell('granted', 'naturalPerson'), applicationCell('granted', 'total')],
      message: '版式无法确定',
    };
    const noneCorrected = findingsAfterCorrection([layout], report, null, new Set());
    expect(noneCorrected).toEqual([layout]);
    const oneCorrected = findingsAfterCorrection(
      [layout],
      report,
      null,
      new Set([applicationCell('granted', 'naturalPerson')]),
    );
    // 自然人 is decided (7 ≠ 办理总计 1 is the report's); the 总计 column still waits.
    expect(oneCorrected.map((finding) => finding.rule)).toEqual(['F.LAYOUT', 'T3.OUTCOMES']);
    expect(oneCorrected[1]?.cells[0]).toBe(applicationCell('totalHandled', 'naturalPerson'));
    expect(oneCorrected[0]?.cells).toEqual([applicationCell('granted', 'total')]);
    const settled = findingsAfterCorrection(
      oneCorrected.slice(0, 1),
      report,
      null,
      new Set([applicationCell('granted', 'total')]),
    );
    // Now every cell is decided: the numbers are checked, and 7 ≠ 1 is the report's.
    expect(settled.map((finding) => finding.rule)).toEqual(['T3.OUTCOMES', 'T3.ROWSUM']);
  });

  it('runs no cross-report rule on a cell in doubt', () => {
    const lastYear = reportOn(2022, 0, 1);
    const thisYear = reportOn(2023, 0, 0);
    const inDoubt: Finding = {
      rule: 'F.LAYOUT',
      severity: 'warning',
      cells: [
        applicationCell('carriedOver', 'naturalPerson'),
        applicationCell('carriedOver', 'total'),
      ],
      message: '版式无法确定',
    };
    expect(withCrossReportFindings([inDoubt], thisYear, lastYear).map((f) => f.rule)).toEqual([
      'F.LAYOUT',
    ]);
  });
});
