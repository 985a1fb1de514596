import { listCells, runSingleReportChecks } from '@atlas/report-model';
import { parseReport } from '@atlas/report-parser';
import { DEMO_DEFECT_RULE, demoPlan } from './plan';
import { renderReportText } from './render';

/*
 * Every rule of the text against the tables and the format shows in the demo once, where it was
 * planted, and nowhere else; the rendered document carries it through the real parser.
 */
describe('the demo shows each single-report rule where it was planted', () => {
  const plan = demoPlan();
  const TEXT_DEFECTS = ['parts', 'period', 'fee', 'completion', 'published', 'passRate'] as const;

  it('nowhere else: only the planted reports break a rule of one report', () => {
    const broken = plan.reports.flatMap((entry) =>
      runSingleReportChecks(entry.report).map(
        (finding) => `${entry.agencyCode}/${entry.year} ${finding.rule}`,
      ),
    );
    const planted = plan.reports
      .filter(
        (entry) =>
          entry.defect !== undefined && entry.defect !== 'late' && entry.defect !== 'carry',
      )
      .flatMap((entry) => {
        const rule = DEMO_DEFECT_RULE[entry.defect ?? 'late'];
        const times = entry.defect === 'balance' ? 2 : 1;
        return Array.from({ length: times }, () => `${entry.agencyCode}/${entry.year} ${rule}`);
      });
    expect(broken.sort()).toEqual(planted.sort());
  });

  it.each(TEXT_DEFECTS)(
    '%s: the parsed document shows it, with the tables read as drawn',
    async (defect) => {
      const entry = plan.reports.find((candidate) => candidate.defect === defect);
      if (entry === undefined) throw new Error(`no ${defect} defect in the plan`);
      const { report } = await parseReport(
        new TextEncoder().encode(renderReportText(entry.report)),
        {
          fileName: `${entry.agencyCode}-${entry.year}.txt`,
        },
      );
      expect(report.findings.map((finding) => finding.rule)).toEqual([DEMO_DEFECT_RULE[defect]]);
      expect(listCells(report)).toEqual(listCells(entry.report));
    },
  );

  it('the government submits after its departments and towns, by its own deadline', () => {
    for (const year of [2021, 2024]) {
      const government = plan.reports.find(
        (entry) => entry.agencyCode === 'QS' && entry.year === year,
      );
      const others = plan.reports.filter(
        (entry) => entry.agencyCode !== 'QS' && entry.year === year,
      );
      expect(government?.submittedOn).toBe(`${year + 1}-03-30`);
      expect(others.every((entry) => entry.submittedOn < `${year + 1}-03-30`)).toBe(true);
    }
  });
});
