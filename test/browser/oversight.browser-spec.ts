import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';
import { apiGet, apiToken, chooseSelectOption, signInThroughPage, type Credentials } from './support/session';

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
const OVERSIGHT: Credentials = { username: 'oversight', password: 'atlas-demo' };
const DEMO_TIMEOUT_MS = 150_000;

interface Kpi {
  metric: { key: string; unit: string };
  value: number | null;
  change: { absolute: number; percent: number | null } | null;
}
interface Overview {
  year: number;
  kpis: Kpi[];
  submissions: {
    expected: number;
    submitted: number;
    onTime: number;
    late: number;
    missing: number;
  };
}
interface CompareAnswer {
  items: { agency: { id: string; name: string }; value: number | null }[];
}

/** How the overview writes a KPI (apps/web charts/format.ts): grouped, `%` with one decimal. */
function expectedText(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === '%') {
    return `${new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}%`;
  }
  return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(value)}${unit}`;
}

/** Waits until every chart matching `selector` has painted pixels on its canvas; returns how many charts. */
async function waitForPaintedCharts(page: Page, selector: string, minimum = 1): Promise<number> {
  const handle = await page
    .waitForFunction(
      ({ selector, minimum }) => {
        // One chart may hold several canvases (ECharts adds a hover layer): its main one must be inked.
        const charts = [...document.querySelectorAll(selector)].filter((el) =>
          el.querySelector('canvas'),
        );
        if (charts.length < minimum) return false;
        const inked = (canvas: HTMLCanvasElement) => {
          const context = canvas.getContext('2d');
          if (!context || canvas.width === 0 || canvas.height === 0) return false;
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
          let count = 0;
          for (let i = 0; i < data.length; i += 4) {
            const opaque = (data[i + 3] ?? 0) > 0;
            const white =
              (data[i] ?? 0) > 245 && (data[i + 1] ?? 0) > 245 && (data[i + 2] ?? 0) > 245;
            if (opaque && !white) count += 1;
            if (count > 200) return true;
          }
          return false;
        };
        const painted = charts.every((chart) => [...chart.querySelectorAll('canvas')].some(inked));
        return painted ? charts.length : false;
      },
      { selector, minimum },
      { timeout: 30_000, polling: 250 },
    )
    .catch(async (error: unknown) => {
      await page.screenshot({ path: join(RESULTS_DIR, 'oversight-unpainted.png'), fullPage: true });
      throw error;
    });
  return (await handle.jsonValue()) as number;
}

describe('oversight analytics in Chromium', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token = '';
  let overview: Overview;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    // The demo region is what an oversight official looks at; tests turn it off by default.
    process.env['ATLAS_DEMO_DATA'] = 'true';
    server = await startAppServer();

    // The demo loads in the background (the oversight account with it): wait until the default
    // year has submitted reports and the answer has stopped changing.
    const deadline = Date.now() + DEMO_TIMEOUT_MS;
    let previous = '';
    for (;;) {
      token ||= await apiToken(server.baseUrl, OVERSIGHT).catch(() => '');
      const answer: Overview = token
        ? await apiGet<Overview>(server.baseUrl, token, '/analytics/overview')
        : {
            year: 0,
            kpis: [],
            submissions: { expected: 0, submitted: 0, onTime: 0, late: 0, missing: 0 },
          };
      const text = JSON.stringify(answer);
      if (answer.submissions.submitted > 0 && text === previous) {
        overview = answer;
        break;
      }
      if (Date.now() > deadline)
        throw new Error(`the demo data did not load: ${text.slice(0, 400)}`);
      previous = text;
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }

    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, DEMO_TIMEOUT_MS + 90_000);

  afterAll(async () => {
    delete process.env['ATLAS_DEMO_DATA'];
    await browser?.close();
    await server?.stop();
  });

  it('signs in as the oversight official and lands on the overview with painted charts', async () => {
    await signInThroughPage(page, server.baseUrl, OVERSIGHT);
    expect(new URL(page.url()).pathname).toBe('/overview');
    await page.getByTestId('kpi-grid').waitFor();
    const canvases = await waitForPaintedCharts(
      page,
      '[data-testid="overview-page"] [data-testid="chart-panel"]',
    );
    expect(canvases).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('kpi-sparkline').count()).resolves.toBe(overview.kpis.length);
    await page.screenshot({ path: join(RESULTS_DIR, 'oversight-overview.png'), fullPage: true });
  });

  it('shows the KPI numbers the API gives for the same query', async () => {
    const cards = page.getByTestId('kpi-card');
    await expect(cards.count()).resolves.toBe(overview.kpis.length);
    for (const kpi of overview.kpis) {
      const card = page.locator(`[data-testid="kpi-card"][data-metric="${kpi.metric.key}"]`);
      await expect(card.getByTestId('kpi-value').innerText()).resolves.toBe(
        expectedText(kpi.value, kpi.metric.unit),
      );
      const direction = await card.getByTestId('change-indicator').getAttribute('data-direction');
      const sign = kpi.change ? Math.sign(kpi.change.absolute) : null;
      expect(direction).toBe(sign === null ? 'none' : sign > 0 ? 'up' : sign < 0 ? 'down' : 'flat');
    }
    const subtitle = await page
      .locator('[data-testid="chart-panel"]', { hasText: '年报提交情况' })
      .innerText();
    expect(subtitle).toContain(
      `应报 ${overview.submissions.expected} 份，已报 ${overview.submissions.submitted} 份`,
    );
  });

  it('downloads the regional roll-up as an XLSX in the national layout', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-rollup').click(),
    ]);
    const target = join(RESULTS_DIR, `oversight-rollup-${overview.year}.xlsx`);
    await download.saveAs(target);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(target)) as unknown as ArrayBuffer);
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.text ?? '')))),
    );
    expect(texts.some((text) => text.includes('申请人情况'))).toBe(true);
  });

  it('drills from the comparison ranking to an agency report', async () => {
    const ranking = await apiGet<CompareAnswer>(
      server.baseUrl,
      token,
      `/analytics/compare?metric=applicationsReceived&year=${overview.year}&limit=20`,
    );
    const first = ranking.items.find((item) => item.value !== null);
    expect(first).toBeDefined();

    await page.goto(`${server.baseUrl}/compare?year=${overview.year}`);
    await waitForPaintedCharts(page, '[data-chart="ranking"]');
    const link = page.getByTestId('compare-agency').first();
    await expect(link.innerText()).resolves.toBe(first?.agency.name);
    await page.screenshot({ path: join(RESULTS_DIR, 'oversight-compare.png'), fullPage: true });

    // The table settles (its loading mask gone) before the click, so the click lands on the link.
    await page
      .locator('[data-testid="compare-table"] .el-loading-mask')
      .waitFor({ state: 'hidden' });
    await link.click();
    await page
      .waitForURL(/\/reports\/[0-9a-f-]{36}$/, { waitUntil: 'commit' })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: join(RESULTS_DIR, 'oversight-drill-failed.png') });
        throw new Error(`the drill ended on ${page.url()}: ${String(error)}`);
      });
    const reportId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const report = await apiGet<{ agencyId: string; year: number }>(
      server.baseUrl,
      token,
      `/reports/${reportId}`,
    );
    expect(report.agencyId).toBe(first?.agency.id);
    expect(report.year).toBe(overview.year);
    await page.screenshot({ path: join(RESULTS_DIR, 'oversight-report.png') });
  });

  it('filters the report list as soon as a status is chosen, and opens a report from a row click', async () => {
    await page.goto(`${server.baseUrl}/reports`);
    const table = page.getByTestId('reports-table');
    await table.locator('.el-table__row').first().waitFor();
    // No 查询 to press: choosing the status is the query.
    await chooseSelectOption(page, page.getByTestId('filter-status'), '已报送');
    await page.waitForURL(/[?&]status=submitted/);
    const submitted = await apiGet<{ items: { id: string; status: string }[] }>(
      server.baseUrl,
      token,
      '/reports?status=submitted&page=1&pageSize=20',
    );
    expect(submitted.items.length).toBeGreaterThan(0);
    await table.locator('.el-loading-mask').waitFor({ state: 'hidden' });
    await expect(table.locator('.el-table__row').count()).resolves.toBe(submitted.items.length);
    // A click on the row (its year cell, not the link) opens that report.
    await table.locator('.el-table__row').first().locator('td').nth(1).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    expect(new URL(page.url()).pathname.split('/').pop()).toBe(submitted.items[0]?.id);
    await page.goBack();
    await page.waitForURL(/[?&]status=submitted/);
  });

  it('draws the trends, year-over-year, applicants × outcomes and compliance pages', async () => {
    for (const [path, name] of [
      ['/trends', 'trends'],
      ['/yoy', 'yoy'],
      ['/breakdown', 'breakdown'],
      ['/quality', 'quality'],
    ] as const) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.getByTestId(`${name}-page`).waitFor();
      await waitForPaintedCharts(page, `[data-testid="${name}-page"] [data-testid="chart-panel"]`);
      await page.screenshot({ path: join(RESULTS_DIR, `oversight-${name}.png`), fullPage: true });
    }

    // The problem list opens on the latest year of the map's range (the last seven years whose
    // reports are due) in which some unit has a problem, and lists something.
    const toYear =
      Number(
        new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
          new Date(),
        ),
      ) - 1;
    const regions = await apiGet<{ rows: { years: { year: number; status: string }[] }[] }>(
      server.baseUrl,
      token,
      `/analytics/compliance?by=child&limit=500&fromYear=${toYear - 6}&toYear=${toYear}`,
    );
    const problemYears = regions.rows.flatMap((row) =>
      row.years.filter((cell) => !['ok', 'not-expected'].includes(cell.status)).map((c) => c.year),
    );
    expect(problemYears.length).toBeGreaterThan(0);
    const list = page.getByTestId('quality-list');
    await expect(list.locator('.analytics-card__subtitle').textContent()).resolves.toContain(
      `${Math.max(...problemYears)}年`,
    );
    await list.locator('[data-testid="quality-items"] .el-table__row').first().waitFor();
    await list.screenshot({ path: join(RESULTS_DIR, 'oversight-quality-list.png') });

    // Grouped by child region: the top regions as lines, the others as one band.
    await page.goto(`${server.baseUrl}/trends?groupBy=child`);
    await waitForPaintedCharts(page, '[data-testid="trends-page"] [data-chart="trend"]');
    await page
      .locator('[data-testid="trends-page"] [data-chart="trend"]')
      .first()
      .screenshot({ path: join(RESULTS_DIR, 'oversight-trends-by-child.png') });
    expect(pageErrors).toEqual([]);
  });
});
