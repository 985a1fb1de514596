import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
const NAVIGATION = ['总览', '趋势', '对比', '同比', '合规与数据质量', '报告', '上传', '管理'];

describe('web shell in Chromium', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    server = await startAppServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens / on the overview with the navigation in Chinese', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('app-layout').waitFor();
    expect(new URL(page.url()).pathname).toBe('/overview');

    const menuText = await page.getByTestId('nav-menu').innerText();
    for (const label of NAVIGATION) expect(menuText).toContain(label);
    await expect(page.getByTestId('page-title').innerText()).resolves.toContain('总览');
    expect(await page.title()).toContain('政务公开年报汇聚分析平台');
  });

  it('shows the API status it read from /api/health', async () => {
    const health = (await (await fetch(`${server.baseUrl}/api/health`)).json()) as { version: string };
    const status = page.getByTestId('system-status');
    await expect(status.innerText()).resolves.toContain('系统正常');
    await page.waitForFunction(
      (version) => document.querySelector('[data-testid="app-header"]')?.textContent?.includes(version),
      health.version,
    );
  });

  it('renders Chinese glyphs with a CJK font, not empty boxes', async () => {
    const glyphs = await page.evaluate(() => {
      const font = getComputedStyle(document.body).fontFamily;
      const draw = (text: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 64;
        const context = canvas.getContext('2d');
        if (!context) return '';
        context.font = `40px ${font}`;
        context.fillText(text, 8, 48);
        return canvas.toDataURL();
      };
      // U+E000 is a private-use code point no font draws: it shows what a missing glyph looks like.
      return { zong: draw('总'), lan: draw('览'), missing: draw('\uE000') };
    });
    expect(glyphs.zong).not.toBe(glyphs.lan);
    expect(glyphs.zong).not.toBe(glyphs.missing);
    expect(glyphs.lan).not.toBe(glyphs.missing);
  });

  it('navigates between areas and survives a reload of a deep link', async () => {
    await page.getByTestId('nav-menu').getByText('趋势', { exact: true }).click();
    await page.waitForURL('**/trends');
    await expect(page.getByTestId('page-title').innerText()).resolves.toContain('趋势');
    await page.reload();
    await expect(page.getByTestId('page-title').innerText()).resolves.toContain('趋势');
    await page.goto(`${server.baseUrl}/overview`);
    await page.getByTestId('page-title').waitFor();
    await page.screenshot({ path: join(RESULTS_DIR, 'shell-overview.png'), fullPage: true });
  });

  it('logged no errors in the browser console (CSP included)', () => {
    expect(pageErrors).toEqual([]);
  });
});
