import { emptyReport } from '../report';
import { runSingleReportChecks, runTableChecks } from './run-checks';

describe('runSingleReportChecks', () => {
  it('finds nothing in a blank report', () => {
    expect(runSingleReportChecks(emptyReport('2021'))).toEqual([]);
    expect(runSingleReportChecks(emptyReport('2019'))).toEqual([]);
  });

  it('runs the table rules, then the narrative rules', () => {
    const report = emptyReport('2021');
    report.applications.newReceived.naturalPerson = 1;
    report.reviewLitigation.review.total = 1;
    report.narrative.metrics.applicationsReceived = 5;
    report.narrative.metrics.reviewCount = 1;
    report.narrative.metrics.litigationCount = 2;
    expect(runSingleReportChecks(report).map((f) => f.rule)).toEqual([
      'T3.BALANCE',
      'T3.ROWSUM',
      'T4.TOTAL',
      'N.APPLICATIONS',
      'N.LITIGATION',
    ]);
    expect(runTableChecks(report).map((f) => f.rule)).toEqual([
      'T3.BALANCE',
      'T3.ROWSUM',
      'T4.TOTAL',
    ]);
  });

  it('leaves out every rule that names a cell the reading did not settle', () => {
    const report = emptyReport('2021');
    report.applications.newReceived.naturalPerson = 1;
    report.reviewLitigation.review.total = 1;
    const uncertainCells = new Set(['applications.newReceived.naturalPerson']);
    // T3.BALANCE and T3.ROWSUM name the uncertain cell; T4.TOTAL does not.
    expect(runSingleReportChecks(report, { uncertainCells }).map((f) => f.rule)).toEqual(['T4.TOTAL']);
    expect(runSingleReportChecks(report, { uncertainCells: new Set() }).map((f) => f.rule)).toEqual([
      'T3.BALANCE',
      'T3.ROWSUM',
      'T4.TOTAL',
    ]);
  });
});
