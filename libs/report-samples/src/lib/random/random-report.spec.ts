import {
  listCells,
  runSingleReportChecks,
  runTableChecks,
  table3Layout,
} from '@atlas/report-model';
import { truthOfGenerated } from '../scoring/truth';
import { DEFECT_RULES } from './planted-defects';
import { generateRandomReport, REPORT_SHAPES } from './random-report';

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

describe('generateRandomReport', () => {
  it('gives the same report for the same seed, and different reports for different seeds', () => {
    expect(generateRandomReport(42)).toEqual(generateRandomReport(42));
    expect(generateRandomReport(42).report).not.toEqual(generateRandomReport(43).report);
  });

  it.each(REPORT_SHAPES)('builds the %s shape with the cells of its format and layout', (shape) => {
    const { report } = generateRandomReport(7, { shape, defect: null });
    expect(report.formatVersion).toBe(shape === '2019' ? '2019' : '2021');
    expect(table3Layout(report)).toBe(
      shape === '2021-itemized' ? 'itemizedOtherHandling' : 'singleOtherHandling',
    );
    const cells = listCells(report).length;
    expect(cells).toBe({ '2021-itemized': 200, '2021-single': 186, '2019': 198 }[shape]);
  });

  it('without a defect, satisfies every table rule and states what its text says consistently', () => {
    for (const seed of SEEDS) {
      const generated = generateRandomReport(seed, { defect: null });
      expect([seed, runTableChecks(generated.report)]).toEqual([seed, []]);
      expect(generated.brokenRules).toEqual([]);
      expect(runSingleReportChecks(truthOfGenerated(generated).report)).toEqual([]);
    }
  });

  it('draws every shape, every profile, defects in about one report of five, and no negative count', () => {
    const reports = SEEDS.map((seed) => generateRandomReport(seed));
    const shapes = new Set(reports.map((r) => r.facts.shape));
    const profiles = new Set(reports.map((r) => r.facts.profile));
    expect([...shapes].sort()).toEqual([...REPORT_SHAPES].sort());
    expect(profiles.size).toBe(3);
    const defects = reports.filter((r) => r.facts.defect !== null).length;
    expect(defects).toBeGreaterThan(30);
    expect(defects).toBeLessThan(100);
    for (const { report } of reports) {
      const negative = listCells(report).filter(
        (cell) => cell.value < 0 && cell.column !== 'change',
      );
      expect(negative).toEqual([]);
      // Only amounts in 万元 have decimals.
      const fractional = listCells(report).filter(
        (cell) =>
          !Number.isInteger(cell.value) && !['amountWanYuan', 'amount'].includes(cell.column),
      );
      expect(fractional).toEqual([]);
    }
  });

  it('has realistic values: 4-digit city numbers, small units with only 自然人, decimal fees, 2019 减', () => {
    const reports = SEEDS.map((seed) => generateRandomReport(seed));
    const city = reports.filter((r) => r.facts.profile === 'cityBureau');
    expect(city.some((r) => r.report.applications.totalHandled.total >= 1000)).toBe(true);
    const small = reports.filter((r) => r.facts.profile === 'smallUnit');
    for (const { report } of small) {
      expect(report.applications.totalHandled.commercial).toBe(0);
    }
    const fees = reports.flatMap((r) =>
      r.report.formatVersion === '2021' ? [r.report.proactive.fees.amountWanYuan] : [],
    );
    expect(fees.some((fee) => fee % 1 !== 0)).toBe(true);
    const changes = reports.flatMap((r) =>
      r.report.formatVersion === '2019' ? [r.report.proactive.licensing.change] : [],
    );
    expect(changes.some((change) => change < 0)).toBe(true);
  });
});

describe('planted defects', () => {
  it.each(DEFECT_RULES)(
    '%s: the report breaks exactly that rule, on the recorded cells',
    (rule) => {
      for (const seed of SEEDS.slice(0, 60)) {
        const generated = generateRandomReport(seed, { defect: rule });
        const findings = runTableChecks(generated.report);
        expect(findings.length).toBeGreaterThan(0);
        expect(new Set(findings.map((finding) => finding.rule))).toEqual(new Set([rule]));
        expect(generated.brokenRules).toEqual(
          findings.map((finding) => ({ rule: finding.rule, cells: finding.cells })),
        );
        // The text states the totals as printed: no narrative finding on the truth.
        const truth = truthOfGenerated(generated);
        expect(truth.ownFindings).toEqual(generated.brokenRules);
      }
    },
  );
});
