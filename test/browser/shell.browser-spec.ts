import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';
import { DEMO_ADMIN } from './support/session';

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
const WEB_DIST = join(__dirname, '..', '..', 'dist', 'apps', 'web');
const INITIAL_JS_LIMIT_GZIP = 200 * 1024;
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

  it('asks to sign in first, on a Chinese sign-in page', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('login-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.getByTestId('login-page').innerText()).resolves.toContain('账号登录');
    await expect(page.getByTestId('locale-switch').innerText()).resolves.toContain('English');
    expect(await page.title()).toBe('登录 - 政务公开年报汇聚分析平台');
    await page.screenshot({ path: join(RESULTS_DIR, 'shell-login.png') });
  });

  it('opens / on the overview with the navigation in Chinese once signed in', async () => {
    await page.getByTestId('login-username').fill(DEMO_ADMIN.username);
    await page.getByTestId('login-password').fill(DEMO_ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('app-layout').waitFor();
    expect(new URL(page.url()).pathname).toBe('/overview');
    await expect(page.getByTestId('user-name').innerText()).resolves.toBe('系统管理员');

    const menuText = await page.getByTestId('nav-menu').innerText();
    for (const label of NAVIGATION) expect(menuText).toContain(label);
    await expect(page.getByTestId('page-title').innerText()).resolves.toContain('总览');
    expect(await page.title()).toContain('政务公开年报汇聚分析平台');
  });

  it('shows the API status it read from /api/health', async () => {
    const health = (await (await fetch(`${server.baseUrl}/api/health`)).json()) as {
      version: string;
    };
    const status = page.getByTestId('system-status');
    await expect(status.innerText()).resolves.toContain('系统正常');
    await page.waitForFunction(
      (version) =>
        document.querySelector('[data-testid="app-header"]')?.textContent?.includes(version),
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

  it('keeps ECharts out of the initial JavaScript, which stays under 200 KB gzip', async () => {
    const html = await readFile(join(WEB_DIST, 'index.html'), 'utf8');
    const initial = [
      ...html.matchAll(
        /<script[^>]*\ssrc="([^"]+\.js)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g,
      ),
    ].map((match) => match[1] ?? match[2] ?? '');
    expect(initial.length).toBeGreaterThan(0);
    let gzipped = 0;
    for (const file of initial) {
      const code = await readFile(join(WEB_DIST, file));
      gzipped += gzipSync(code).length;
      // zrender is ECharts' renderer: its name appears in every build of it. The names of the
      // chunks a page preloads ("assets/echarts-….js") are addresses, not code: left out.
      const source = code.toString('utf8').replace(/"assets\/[^"]+"/g, '""');
      expect({ file, echarts: /zrender|echarts/i.test(source) }).toEqual({
        file,
        echarts: false,
      });
    }
    expect(gzipped).toBeLessThanOrEqual(INITIAL_JS_LIMIT_GZIP);
  });

  it('logged no errors in the browser console (CSP included)', () => {
    expect(pageErrors).toEqual([]);
  });
});
