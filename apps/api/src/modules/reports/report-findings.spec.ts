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
});
