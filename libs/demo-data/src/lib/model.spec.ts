import { runCrossReportChecks, runTableChecks } from '@atlas/report-model';
import { generateReport } from './model';
import { demoPlan } from './plan';
import { SeededRandom } from './random';

describe('the demo model', () => {
  it('draws reports that satisfy every table rule, year after year', () => {
    const random = new SeededRandom(7);
    for (let unit = 0; unit < 20; unit++) {
      let previous;
      for (let year = 2019; year <= 2025; year++) {
        const report = generateReport(random, {
          year,
          activity: 0.2 + unit * 0.3,
          agencyName: `单位${unit}`,
          previous,
        });
        expect(runTableChecks(report)).toEqual([]);
        if (previous) expect(runCrossReportChecks(report, previous)).toEqual([]);
        expect(report.formatVersion).toBe(year >= 2021 ? '2021' : '2019');
        previous = report;
      }
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(JSON.stringify(demoPlan(1))).toBe(JSON.stringify(demoPlan(1)));
    expect(JSON.stringify(demoPlan(1))).not.toBe(JSON.stringify(demoPlan(2)));
  });

  it('has each planned defect exactly once, and nothing else wrong', () => {
    const plan = demoPlan();
    expect(plan.agencies).toHaveLength(56);
    expect(plan.missing).toEqual([{ agencyCode: 'QS-D35', year: 2024 }]);
    expect(plan.reports).toHaveLength(56 * 7 - 1);
    const byKey = new Map(
      plan.reports.map((entry) => [`${entry.agencyCode}/${entry.year}`, entry]),
    );
    for (const entry of plan.reports) {
      const rules = runTableChecks(entry.report).map((finding) => finding.rule);
      const previous = byKey.get(`${entry.agencyCode}/${entry.year - 1}`);
      const crossRules = previous
        ? runCrossReportChecks(entry.report, previous.report).map((finding) => finding.rule)
        : [];
      if (entry.defect === 'balance') expect(rules).toEqual(['T3.BALANCE', 'T3.BALANCE']);
      else expect(rules).toEqual([]);
      if (entry.defect === 'carry') expect(crossRules).toEqual(['X.CARRY', 'X.CARRY']);
      else if (entry.agencyCode !== 'QS-D24' || entry.year !== 2023) expect(crossRules).toEqual([]);
      const deadline = `${entry.year + 1}-${entry.agencyCode === 'QS' ? '03-31' : '01-31'}`;
      expect(entry.submittedOn > deadline).toBe(entry.defect === 'late');
    }
  });
});
