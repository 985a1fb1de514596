import { runTableChecks } from '@atlas/report-model';
import { ALL_REPORTS, CONSISTENT_REPORTS, REPORT_D } from './generated-reports';

describe('generated reports', () => {
  it.each(CONSISTENT_REPORTS.map((generated) => [generated.name, generated] as const))(
    '%s satisfies every table rule',
    (_name, generated) => {
      expect(runTableChecks(generated.report)).toEqual([]);
      expect(generated.brokenRules).toEqual([]);
    },
  );

  it('records the rules a report breaks on purpose, with their cells', () => {
    expect(REPORT_D.brokenRules.map((broken) => broken.rule)).toEqual(['T3.BALANCE', 'T3.BALANCE']);
    expect(ALL_REPORTS).toContain(REPORT_D);
  });
});
