import { listCells } from '@atlas/report-model';
import { parseReport } from '@atlas/report-parser';
import { generateReport } from './model';
import { SeededRandom } from './random';
import { renderReportText } from './render';

describe('renderReportText', () => {
  it('renders reports that the parser reads back cell for cell, in both formats', async () => {
    const random = new SeededRandom(11);
    for (const year of [2019, 2020, 2021, 2024]) {
      for (const activity of [0.3, 1, 3]) {
        const report = generateReport(random, { year, activity, agencyName: '青山县测试局' });
        const text = renderReportText(report);
        const parsed = await parseReport(new TextEncoder().encode(text), {
          fileName: 'report.txt',
        });
        expect(parsed.report.formatVersion).toBe(report.formatVersion);
        expect(parsed.report.year).toBe(year);
        expect(listCells(parsed.report)).toEqual(listCells(report));
        expect(parsed.report.narrative.metrics.applicationsReceived).toBe(
          report.applications.newReceived.total,
        );
        expect(parsed.report.findings).toEqual([]);
        expect(parsed.report.narrative.metrics.inspectionPassRates?.map((r) => r.rate)).toEqual(
          report.narrative.metrics.inspectionPassRates?.map((r) => r.rate),
        );
        const total = (items: { count: number }[] | null) =>
          (items ?? []).reduce((sum, item) => sum + item.count, 0);
        expect(total(parsed.report.narrative.metrics.publishedItems)).toBe(
          total(report.narrative.metrics.publishedItems),
        );
      }
    }
  });
});
