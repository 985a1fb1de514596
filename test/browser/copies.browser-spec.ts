import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CopiedReportPage, ReportCopyComparison } from '@atlas/api-contract';
import { DEMO_COPY } from '@atlas/demo-data';
import type { Browser, Page } from 'playwright-core';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';
import { waitForDemoData } from './support/demo-data';
import { apiGet, apiToken, signInThroughPage, type Credentials } from './support/session';

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
const OVERSIGHT: Credentials = { username: 'oversight', password: 'atlas-demo' };
/** The demo (about 400 reports, each checked against its region's on submission) loads first. */
const DEMO_TIMEOUT_MS = 900_000;

/**
 * 内容雷同 on the demo region: the oversight official finds the copied report in the quality
 * page's list, opens it side by side and sees both parts with the shared sentences marked.
 */
describe('copied text in Chromium', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let token = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    process.env['ATLAS_DEMO_DATA'] = 'true';
    server = await startAppServer();
    await waitForDemoData(server.baseUrl, OVERSIGHT, DEMO_TIMEOUT_MS);
    token = await apiToken(server.baseUrl, OVERSIGHT);
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, DEMO_TIMEOUT_MS + 90_000);

  afterAll(async () => {
    delete process.env['ATLAS_DEMO_DATA'];
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    const state = expect.getState();
    if (state.assertionCalls !== state.numPassingAsserts && page)
      await page.screenshot({ path: join(RESULTS_DIR, 'copies-failure.png'), fullPage: true });
  });

  it('lists the copied report on the quality page and opens the two parts side by side', async () => {
    const listed = await apiGet<CopiedReportPage>(
      server.baseUrl,
      token,
      `/reports/copies?year=${DEMO_COPY.year}`,
    );
    expect(listed.items).toHaveLength(1);
    const [item] = listed.items;
    const comparisons = await apiGet<ReportCopyComparison[]>(
      server.baseUrl,
      token,
      `/reports/${item?.reportId}/copies`,
    );
    const shared = (comparisons[0]?.report.spans ?? []).filter((span) => span.kind === 'shared');
    expect(shared.length).toBeGreaterThan(0);

    await signInThroughPage(page, server.baseUrl, OVERSIGHT, `/quality?year=${DEMO_COPY.year}`);
    const card = page.getByTestId('copied-reports');
    const row = card.locator('.el-table__body tr').first();
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain(item?.agencyName ?? '');
    await expect(row.innerText()).resolves.toContain('第一部分“总体情况”');
    await expect(row.innerText()).resolves.toContain(item?.other.agencyName ?? '');

    await row.getByTestId('copied-report-compare').click();
    await page.waitForURL((url) => url.pathname === `/reports/${item?.reportId}`);
    const comparison = page.getByTestId('copy-comparison');
    await comparison.waitFor();
    const own = comparison.getByTestId('copy-passage-report');
    const other = comparison.getByTestId('copy-passage-other');
    // Both parts, the shared sentences marked on each side, the way the API marks them.
    const marked = await own.getByTestId('copy-shared').allInnerTexts();
    expect(marked.map((text) => text.trim())).toEqual(shared.map((span) => span.text.trim()));
    expect(await other.getByTestId('copy-shared').count()).toBeGreaterThan(0);
    await expect(other.innerText()).resolves.toContain(`${item?.other.agencyName}`);
    // The official oversees both units: the other report opens from here.
    await other.getByTestId('copy-other-link').click();
    await page.waitForURL((url) => url.pathname === `/reports/${item?.other.reportId}`);
    await page.getByTestId('report-summary').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
