import { generateReport, renderReportText, SeededRandom } from '@atlas/demo-data';
import { setCell } from '@atlas/report-model';
import { parseReport } from '@atlas/report-parser';
import { composePreview } from './report-preview';

async function parsedReportOf(year: number) {
  const report = generateReport(new SeededRandom(11), {
    agencyName: '测试市人民政府',
    year,
    activity: 1,
  });
  const bytes = new TextEncoder().encode(renderReportText(report));
  return { report, parsed: await parseReport(bytes, { fileName: '年报.txt' }) };
}

describe('composePreview', () => {
  it('answers the reading as it is when no year was chosen', async () => {
    const { parsed } = await parsedReportOf(2023);
    const preview = composePreview(parsed, {});
    expect(preview.warnings).toEqual([]);
    expect(preview.report.year).toBe(2023);
    expect(preview.findings).toBe(preview.report.findings);
    expect(preview).toMatchObject({ format: 'text', yearSource: parsed.yearSource });
  });

  it('warns of another year instead of refusing, and takes the chosen year', async () => {
    const { parsed } = await parsedReportOf(2022);
    const preview = composePreview(parsed, { year: 2023 });
    expect(preview.warnings).toEqual([
      { code: 'YEAR_MISMATCH', message: expect.stringContaining('2022 年度') },
    ]);
    expect(preview.report.year).toBe(2023);
  });

  it("runs the cross-report rules against last year's report when there is one", async () => {
    const { parsed } = await parsedReportOf(2023);
    const lastYear = (await parsedReportOf(2022)).parsed.report;
    // Last year's closing stock no longer matches this year's carried-over applications.
    setCell(lastYear, 'applications.carriedForward.naturalPerson', 9999);
    const preview = composePreview(parsed, { year: 2023, previousYear: lastYear });
    expect(preview.findings.map((finding) => finding.rule)).toContain('X.CARRY');
    const alone = composePreview((await parsedReportOf(2023)).parsed, { year: 2023 });
    expect(alone.findings.map((finding) => finding.rule)).not.toContain('X.CARRY');
  });
});
