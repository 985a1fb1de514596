import { generateReport, renderReportText, SeededRandom } from '@atlas/demo-data';
import { zipSync } from 'fflate';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiRequest } from './support/api-fixtures';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';
import { apiToken, DEMO_ADMIN, signInThroughPage } from './support/session';

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
const AGENCY = { code: 'BI-01', name: '青山县市场监督管理局' };

/** Two years of the agency's reports (the demo model) and a file that is no report. */
function reportsZip(): Buffer {
  const text = (year: number) =>
    renderReportText(
      generateReport(new SeededRandom(year), { year, activity: 3, agencyName: AGENCY.name }),
    );
  const manifest = [
    'file,agency_code,year',
    `2022.txt,${AGENCY.code},2022`,
    `2023.txt,${AGENCY.code},2023`,
  ].join('\n');
  return Buffer.from(
    zipSync({
      '2022.txt': new TextEncoder().encode(text(2022)),
      '2023.txt': new TextEncoder().encode(text(2023)),
      'notes.txt': new TextEncoder().encode('会议记录：与年报无关'),
      'manifest.csv': new TextEncoder().encode(manifest),
    }),
  );
}

describe('bulk import in Chromium: preview every file, then confirm', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  let agencyId: string;
  const pageErrors: string[] = [];
  const zip = { name: 'reports.zip', mimeType: 'application/zip', buffer: reportsZip() };

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    server = await startAppServer();
    token = await apiToken(server.baseUrl, DEMO_ADMIN);
    ({ id: agencyId } = await apiRequest<{ id: string }>(server.baseUrl, token, 'POST', '/agencies', {
      ...AGENCY,
      level: 'county',
      kind: 'department',
      activeFromYear: null,
    }));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const reportsOfAgency = async () =>
    (
      await apiRequest<{ total: number }>(
        server.baseUrl,
        token,
        'GET',
        `/reports?agencyId=${agencyId}&pageSize=10`,
      )
    ).total;

  it('previews the zip: each file read, placed and checked, nothing imported yet', async () => {
    await signInThroughPage(page, server.baseUrl, DEMO_ADMIN, '/upload/bulk');
    await page.getByTestId('bulk-import-page').waitFor();
    await page.getByTestId('bulk-zip').locator('input[type=file]').setInputFiles(zip);
    await page.getByTestId('bulk-chosen-zip').waitFor();
    await page.getByTestId('bulk-start').click();

    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    await expect(preview.getByTestId('import-preview-counts').innerText()).resolves.toBe(
      '共 3 个文件：2 个将导入，1 个不会导入',
    );
    const statuses = await preview.getByTestId('import-item-status').allInnerTexts();
    expect(statuses.map((status) => status.trim()).sort()).toEqual(['失败', '将导入', '将导入']);
    await expect(preview.innerText()).resolves.toContain(AGENCY.name);
    await page.screenshot({ path: join(RESULTS_DIR, 'bulk-import-preview.png'), fullPage: true });
    await expect(reportsOfAgency()).resolves.toBe(0);
  });

  it('imports exactly what was previewed once confirmed, and shows each file’s outcome', async () => {
    await page.getByTestId('import-preview-confirm').click();
    const job = page.getByTestId('import-job');
    await job.locator('[data-testid="import-job-status"][data-status="finished"]').waitFor({
      timeout: 60_000,
    });
    await expect(job.getByTestId('import-job-counts').innerText()).resolves.toContain(
      '导入 2 份，重复 0 份，失败 1 份',
    );
    await expect(page.getByTestId('import-preview').count()).resolves.toBe(0);
    await expect(reportsOfAgency()).resolves.toBe(2);
    await page.screenshot({ path: join(RESULTS_DIR, 'bulk-import-done.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
