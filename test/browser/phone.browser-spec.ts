import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';
import { waitForDemoData } from './support/demo-data';
import {
  apiGet,
  apiToken,
  DEMO_ADMIN,
  signInThroughPage,
  signOutThroughPage,
} from './support/session';

// test-results/ is git-ignored: the screenshots are there to be looked at, not committed.
const RESULTS_DIR = join(__dirname, '..', '..', 'test-results', 'phone');
const PHONE = { width: 390, height: 844 };
const DEMO_TIMEOUT_MS = 150_000;

/** Every area in the navigation, opened through the drawer as an official on a phone would. */
const AREAS = [
  { label: '总览', path: '/overview', name: 'overview' },
  { label: '趋势', path: '/trends', name: 'trends' },
  { label: '对比', path: '/compare', name: 'compare' },
  { label: '同比', path: '/yoy', name: 'yoy' },
  { label: '申请与办理', path: '/breakdown', name: 'breakdown' },
  { label: '合规与数据质量', path: '/quality', name: 'quality' },
  { label: '预警', path: '/alerts', name: 'alerts' },
  { label: '整改台账', path: '/rectifications', name: 'rectifications' },
  { label: '报告', path: '/reports', name: 'reports' },
  { label: '上传', path: '/upload', name: 'upload' },
  { label: '管理', path: '/admin', name: 'admin' },
] as const;

interface WidthReport {
  scrollWidth: number;
  innerWidth: number;
  /** The outermost elements that stick out past the right edge without a narrower box clipping them. */
  culprits: string[];
  /** Controls a box that cannot scroll cuts off: on screen in the layout, yet out of reach. */
  cutOff: string[];
}

/**
 * How wide the document is, with (to say why when it is too wide) what sticks out; and which
 * controls of the page a box that hides its overflow cuts off (a card does, a table scrolls).
 */
function measureWidth(page: Page): Promise<WidthReport> {
  return page.evaluate(() => {
    const limit = window.innerWidth + 1;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}" right=${Math.round(el.getBoundingClientRect().right)}`;
    const clipped = (el: Element) => {
      for (let box = el.parentElement; box; box = box.parentElement) {
        if (
          getComputedStyle(box).overflowX !== 'visible' &&
          box.getBoundingClientRect().right <= limit
        )
          return true;
      }
      return false;
    };
    const wide = new Set<Element>();
    for (const el of document.querySelectorAll('body *')) {
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && rect.right > limit && !clipped(el)) wide.add(el);
    }
    const culprits = [...wide].filter((el) => !el.parentElement || !wide.has(el.parentElement));

    // A control is within reach when its first 12 px show (a cut-off link still takes a tap) or
    // the box hiding it scrolls.
    const cutOff: Element[] = [];
    const controls = document.querySelectorAll(
      'main button, main a[href], main input:not([type="hidden"]), main .el-select, main .el-pagination li',
    );
    for (const control of controls) {
      const rect = control.getBoundingClientRect();
      // A table scrolls sideways, its header (which hides its overflow) along with its body.
      if (rect.width === 0 || rect.height === 0 || control.closest('.el-table')) continue;
      const shown = Math.min(rect.left + 12, rect.right);
      for (let box = control.parentElement; box && box !== document.body; box = box.parentElement) {
        const overflow = getComputedStyle(box).overflowX;
        if (overflow === 'auto' || overflow === 'scroll') break;
        if (overflow === 'hidden' || overflow === 'clip') {
          const frame = box.getBoundingClientRect();
          if (shown > frame.right + 1 || rect.left < frame.left - 1) {
            cutOff.push(control);
            break;
          }
        }
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      culprits: culprits.slice(0, 8).map(describe),
      cutOff: cutOff.slice(0, 8).map(describe),
    };
  });
}

/** Waits until the page has stopped loading: no request in flight, no spinner, no chart loading. */
async function waitForSettledPage(page: Page): Promise<void> {
  await page.getByTestId('page-title').waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    () =>
      !document.querySelector('.el-loading-mask:not([style*="display: none"])') &&
      !document.querySelector('[data-testid="chart-panel"][data-state="loading"]'),
    undefined,
    { timeout: 30_000, polling: 250 },
  );
}

/** Throws, with what sticks out, when the page is wider than the phone's screen or cuts off a control. */
async function expectFitsScreen(page: Page, what: string): Promise<void> {
  const report = await measureWidth(page);
  const fits =
    report.innerWidth === PHONE.width &&
    report.scrollWidth <= PHONE.width + 1 &&
    report.cutOff.length === 0;
  expect({ page: what, fits, ...(fits ? {} : report) }).toEqual({ page: what, fits: true });
}

/** Waits (the drawer slides in) until the element lies wholly on the phone's screen; throws if it never does. */
async function expectOnScreen(page: Page, testId: string): Promise<void> {
  await page
    .waitForFunction(
      (id) => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        const rect = el?.getBoundingClientRect();
        return (
          rect !== undefined &&
          rect.width > 0 &&
          rect.left >= 0 &&
          rect.right <= window.innerWidth &&
          rect.top >= 0 &&
          rect.bottom <= window.innerHeight
        );
      },
      testId,
      { timeout: 5000, polling: 100 },
    )
    .catch(async () => {
      const box = await page.getByTestId(testId).first().boundingBox();
      throw new Error(
        `${testId} is not wholly on the ${PHONE.width} × ${PHONE.height} screen: ${JSON.stringify(box)}`,
      );
    });
}

describe('every page on a 390 × 844 phone, and printed', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    // Pages with the demo region's data: long agency names and full tables are what must fit.
    process.env['ATLAS_DEMO_DATA'] = 'true';
    server = await startAppServer();
    await waitForDemoData(server.baseUrl, DEMO_ADMIN, DEMO_TIMEOUT_MS);
    browser = await launchChromium();
    // A phone's browser: touch, and a page laid out at the device width (the viewport meta tag).
    const context = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
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

  it('signs in on the phone and shows the header without a sidebar', async () => {
    await signInThroughPage(page, server.baseUrl, DEMO_ADMIN);
    await waitForSettledPage(page);
    await expect(page.getByTestId('app-aside').count()).resolves.toBe(0);
    await expect(page.getByTestId('nav-menu').isVisible()).resolves.toBe(false);
    await expectOnScreen(page, 'nav-toggle');
    await expectOnScreen(page, 'user-menu');
  });

  it('opens the navigation as a drawer and closes it from outside', async () => {
    await page.getByTestId('nav-toggle').click();
    await expectOnScreen(page, 'nav-drawer');
    await page.screenshot({ path: join(RESULTS_DIR, 'phone-navigation.png') });
    // A tap on the dimmed page beside the drawer closes it.
    await page.mouse.click(PHONE.width - 20, PHONE.height / 2);
    await page.getByTestId('nav-menu').waitFor({ state: 'hidden' });
  });

  it.each(AREAS)(
    '$label fits the screen; the drawer opens it; sign-out is reachable',
    async (area) => {
      await page.getByTestId('nav-toggle').click();
      const menu = page.getByTestId('nav-menu');
      await menu.waitFor({ state: 'visible' });
      await expectOnScreen(page, 'nav-drawer');
      await menu.getByText(area.label, { exact: true }).click();
      await page.waitForURL(`**${area.path}`);
      // Choosing an area closes the drawer: the page is what the official wants to see.
      await menu.waitFor({ state: 'hidden' });
      await waitForSettledPage(page);
      await expect(page.getByTestId('page-title').innerText()).resolves.toContain(area.label);

      await page.screenshot({ path: join(RESULTS_DIR, `phone-${area.name}.png`), fullPage: true });
      await expectFitsScreen(page, area.path);

      await page.getByTestId('user-menu').click();
      const logout = page.getByTestId('user-menu-logout');
      await logout.waitFor({ state: 'visible' });
      await expectOnScreen(page, 'user-menu-logout');
      await page.getByTestId('user-menu').click();
      await logout.waitFor({ state: 'hidden' });
    },
  );

  it('fits a report of the demo region', async () => {
    const token = await apiToken(server.baseUrl, DEMO_ADMIN);
    const list = await apiGet<{ items: { id: string }[] }>(
      server.baseUrl,
      token,
      '/reports?pageSize=1',
    );
    expect(list.items.length).toBe(1);
    await page.goto(`${server.baseUrl}/reports/${list.items[0]?.id}`);
    await waitForSettledPage(page);
    await page.screenshot({ path: join(RESULTS_DIR, 'phone-report.png'), fullPage: true });
    await expectFitsScreen(page, 'report detail');
  });

  it('fits each tab of the administration', async () => {
    for (const tab of ['agencies', 'users', 'deadlines']) {
      await page.goto(`${server.baseUrl}/admin?tab=${tab}`);
      await waitForSettledPage(page);
      await page.screenshot({ path: join(RESULTS_DIR, `phone-admin-${tab}.png`), fullPage: true });
      await expectFitsScreen(page, `/admin?tab=${tab}`);
    }
  });

  it('signs out from the phone', async () => {
    await signOutThroughPage(page);
    await expectFitsScreen(page, '/login');
    expect(pageErrors).toEqual([]);
  });

  it('prints the page alone: no sidebar, header or buttons; cards whole', async () => {
    const desk = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      await signInThroughPage(desk, server.baseUrl, DEMO_ADMIN, '/overview');
      await waitForSettledPage(desk);
      const layout = () =>
        desk.evaluate(() => {
          const shown = (selector: string) => {
            const el = document.querySelector(selector);
            return el !== null && getComputedStyle(el).display !== 'none';
          };
          const main = document.querySelector('[data-testid="app-main"]');
          const visibleButtons = [...document.querySelectorAll('main .el-button')].filter(
            (el) => el.getBoundingClientRect().width > 0,
          ).length;
          const card = document.querySelector('main .el-card');
          return {
            sidebar: shown('[data-testid="app-aside"]'),
            header: shown('[data-testid="app-header"]'),
            mainWidth: Math.round(main?.getBoundingClientRect().width ?? 0),
            pageWidth: document.documentElement.clientWidth,
            visibleButtons,
            cardBreak: card ? getComputedStyle(card).breakInside : '',
          };
        });

      // On screen the shell is there, so what print hides below is really hidden by print.
      const screen = await layout();
      expect(screen).toMatchObject({ sidebar: true, header: true });
      expect(screen.visibleButtons).toBeGreaterThan(0);
      expect(screen.mainWidth).toBeLessThan(screen.pageWidth);

      await desk.emulateMedia({ media: 'print' });
      const printed = await layout();
      expect(printed).toEqual({
        sidebar: false,
        header: false,
        mainWidth: printed.pageWidth,
        pageWidth: printed.pageWidth,
        visibleButtons: 0,
        cardBreak: 'avoid',
      });
      // All of the page is printed, not one screen of a scrolling box: the overview takes sheets.
      const pdf = await desk.pdf({ path: join(RESULTS_DIR, 'print-overview.pdf'), format: 'A4' });
      const sheets = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      expect(sheets).toBeGreaterThan(1);
    } finally {
      await desk.close();
    }
  });
});
