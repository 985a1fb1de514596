import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';
import { waitForDemoData } from './support/demo-data';
import {
  chooseSelectOption,
  chooseTreeOption,
  signInThroughPage,
  type Credentials,
} from './support/session';

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
const OVERSIGHT: Credentials = { username: 'oversight', password: 'atlas-demo' };
// The demo loads in the background; on a loaded machine that takes minutes.
const DEMO_TIMEOUT_MS = 600_000;
/** The demo's last year, whose 公开率 (41.6 %) is below the default rule's yellow bound. */
const YEAR = 2025;

/**
 * 预警 end to end on the demo region: the default rules already show a card; the oversight
 * official sets a stricter rule for 青山县, sees its red card on the overview, opens the list on
 * it and an agency's report from there, and finds the change in the log.
 */
describe('threshold alerts in Chromium', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    process.env['ATLAS_DEMO_DATA'] = 'true';
    server = await startAppServer();
    await waitForDemoData(server.baseUrl, OVERSIGHT, DEMO_TIMEOUT_MS);
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
      await page.screenshot({ path: join(RESULTS_DIR, 'alerts-failure.png'), fullPage: true });
  });

  it('shows the default rules’ cards on the overview', async () => {
    await signInThroughPage(page, server.baseUrl, OVERSIGHT, `/overview?year=${YEAR}`);
    const card = page.getByTestId('alert-card').filter({ hasText: '公开率' }).first();
    await card.waitFor();
    expect(await card.getAttribute('data-level')).toBe('red');
    expect(await card.textContent()).toContain('41.6%');
  });

  it('sets a rule for 青山县, sees its red card and opens the list and a report from it', async () => {
    await page.goto(`${server.baseUrl}/alerts?year=${YEAR}&tab=rules`);
    await page.getByTestId('alert-rule-add').click();
    const form = page.getByTestId('alert-rule-form');
    await chooseTreeOption(page, form.getByTestId('alert-rule-region'), '青山县');
    await chooseSelectOption(page, form.getByTestId('alert-rule-metric'), '公开率');
    await form.getByTestId('alert-rule-direction').getByText('低于').click();
    await form.getByTestId('alert-rule-yellow').locator('input').fill('50');
    await form.getByTestId('alert-rule-red').locator('input').fill('45');
    await page.getByTestId('alert-rule-save').click();
    await form.waitFor({ state: 'hidden' });
    await page.getByTestId('alert-rules').getByText('低于 50.0% 黄色 / 45.0% 红色').waitFor();

    await page.goto(`${server.baseUrl}/overview?year=${YEAR}`);
    const card = page
      .getByTestId('alert-card')
      .filter({ hasText: '青山县' })
      .filter({ hasText: '低于 50.0% 黄色' });
    await card.waitFor();
    expect(await card.getAttribute('data-level')).toBe('red');
    expect(await card.textContent()).toContain('红色预警');
    await card.click();

    await page.waitForURL((url) => url.pathname === '/alerts' && url.searchParams.has('rule'));
    const item = page.locator('.alerts-page__item--selected');
    await item.waitFor();
    expect(await item.getAttribute('data-level')).toBe('red');
    const link = item.getByTestId('alert-agency-link').first();
    const agency = (await link.textContent())?.trim() ?? '';
    expect(agency).not.toBe('');
    await link.click();
    await page.waitForURL((url) => url.pathname.startsWith('/reports/'));
    await page.getByText(agency).first().waitFor();

    await page.goto(`${server.baseUrl}/alerts?year=${YEAR}&tab=changes`);
    const log = page.getByTestId('alert-changes');
    await log.getByText('青山县人民政府 · 公开率').waitFor();
    expect(await log.textContent()).toContain('新增');
    expect(pageErrors).toEqual([]);
  });
});
