import { generateReport, renderReportText, SeededRandom } from '@atlas/demo-data';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiRequest, createAgencyWithUploader } from './support/api-fixtures';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';
import { apiToken, DEMO_ADMIN, signInThroughPage } from './support/session';

/**
 * The 通报 from the quality page (issue 17 item 6): an agency has submitted its report; the
 * admin opens 合规与数据质量 on that region and year and downloads the Word notice (its charts
 * embedded as images) and the Excel lists.
 */

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
const AGENCY = { code: 'BL-01', name: '青山县通报测试局' };
const YEAR = 2024;
const PASSWORD = 'bulletin-own-password';

describe('通报 in Chromium: Word and Excel from the quality page', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let agencyId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    server = await startAppServer();
    const adminToken = await apiToken(server.baseUrl, DEMO_ADMIN);
    const uploader = { username: 'tongbao', password: PASSWORD, displayName: '通报测试填报员' };
    ({ agencyId } = await createAgencyWithUploader(server.baseUrl, adminToken, AGENCY, uploader));
    const uploaderToken = await apiToken(server.baseUrl, uploader);
    const report = generateReport(new SeededRandom(2024_06), {
      year: YEAR,
      activity: 3,
      agencyName: AGENCY.name,
    });
    const stored = await apiRequest<{ id: string }>(
      server.baseUrl,
      uploaderToken,
      'POST',
      '/reports',
      { agencyId, year: YEAR, text: renderReportText(report), fileName: 'report.txt' },
    );
    await apiRequest(server.baseUrl, uploaderToken, 'POST', `/reports/${stored.id}/submit`);

    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughPage(page, server.baseUrl, DEMO_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('downloads the Word 通报 with its charts and the Excel lists of the shown region and year', async () => {
    await page.goto(`${server.baseUrl}/quality?scope=${agencyId}&year=${YEAR}`);
    await page.getByTestId('quality-page').waitFor();

    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('bulletin-docx').click(),
    ]);
    expect(docx.suggestedFilename()).toBe(`${AGENCY.name}${YEAR}年度政府信息公开年报情况通报.docx`);
    const docxPath = join(RESULTS_DIR, 'bulletin.docx');
    await docx.saveAs(docxPath);
    const files = unzipSync(new Uint8Array(await readFile(docxPath)));
    const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain(`关于${AGENCY.name}${YEAR}年度政府信息公开工作年度报告情况的通报`);
    for (const heading of ['一、总体情况', '四、逾期报送的单位', '五、未报送年报的单位'])
      expect(xml).toContain(heading);
    const images = Object.keys(files).filter((name) => /^word\/media\/.+\.png$/.test(name));
    expect(images.length).toBeGreaterThanOrEqual(1);

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('bulletin-xlsx').click(),
    ]);
    const xlsxPath = join(RESULTS_DIR, 'bulletin.xlsx');
    await xlsx.saveAs(xlsxPath);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(xlsxPath)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(
      expect.arrayContaining(['总体情况', '逾期报送的单位', '未报送年报的单位', '存在错误的年报']),
    );
    const summary = workbook.getWorksheet('总体情况');
    expect(summary?.getRow(3).getCell(1).text).toBe('应报送年报（份）');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
