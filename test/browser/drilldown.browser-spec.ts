import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type AppServer, startAppServer } from './support/app-server';
import { launchChromium } from './support/chromium';
import { apiGet, apiToken, signInThroughPage, type Credentials } from './support/session';

// Drilling down from the charts: a bar of the comparison ranking (and its name on the axis)
// opens that agency's report, a bar of the failed-rules chart filters the problem list, and
// Back returns to the view as it was. The charts are canvases: the bars are found by their
// colour in the canvas pixels, and clicked where they are drawn.

const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
const OVERSIGHT: Credentials = { username: 'oversight', password: 'atlas-demo' };
const DEMO_TIMEOUT_MS = 150_000;

/** Bar colours of the builders (apps/web/src/charts/palette.ts, Okabe–Ito). */
const RANKING_BAR = [0x00, 0x72, 0xb2] as const; // blue
const RULE_BAR = [0xd5, 0x5e, 0x00] as const; // vermillion
/** Room above each plot (legend, mark-line labels), where a legend icon has the bar colour too. */
const RANKING_PLOT_TOP = 72;
const RULES_PLOT_TOP = 28;

interface CompareAnswer {
  items: { agency: { id: string; name: string }; value: number | null }[];
}
interface AgencyNode {
  id: string;
  children: AgencyNode[];
}
interface QualityAnswer {
  year: number;
  rules: { rule: string; reports: number }[];
  items: { agency: { name: string } }[];
}

/** Where a bar is drawn, in page coordinates: its middle, and where it starts (the axis). */
interface DrawnBar {
  x: number;
  y: number;
  left: number;
}

/**
 * The horizontal bars of the chart in `selector` drawn in `rgb`, top to bottom, found in the
 * pixels of its canvas below `plotTop` (CSS pixels from the top of the chart).
 */
async function drawnBars(
  page: Page,
  selector: string,
  rgb: readonly [number, number, number],
  plotTop: number,
): Promise<DrawnBar[]> {
  await page.locator(selector).scrollIntoViewIfNeeded();
  return page.evaluate(
    ({ selector, rgb, plotTop }) => {
      const canvas = document.querySelector(`${selector} canvas`) as HTMLCanvasElement | null;
      const context = canvas?.getContext('2d');
      if (!canvas || !context) return [];
      const ratio = canvas.width / canvas.clientWidth;
      const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
      const matches = (x: number, y: number) => {
        const i = (y * width + x) * 4;
        return (
          Math.abs((data[i] ?? 0) - rgb[0]) < 12 &&
          Math.abs((data[i + 1] ?? 0) - rgb[1]) < 12 &&
          Math.abs((data[i + 2] ?? 0) - rgb[2]) < 12 &&
          (data[i + 3] ?? 0) > 200
        );
      };
      // The longest run of the colour on a row, if it is long enough to be a bar.
      const runOf = (y: number) => {
        let best: { from: number; to: number } | null = null;
        let from = -1;
        for (let x = 0; x <= width; x += 1) {
          if (x < width && matches(x, y)) {
            if (from < 0) from = x;
          } else if (from >= 0) {
            if (!best || x - from > best.to - best.from) best = { from, to: x };
            from = -1;
          }
        }
        return best && best.to - best.from >= 4 * ratio ? best : null;
      };
      const rect = canvas.getBoundingClientRect();
      const bars: { x: number; y: number; left: number }[] = [];
      let top = -1;
      let run: { from: number; to: number } | null = null;
      for (let y = Math.ceil(plotTop * ratio); y <= height; y += 1) {
        const row = y < height ? runOf(y) : null;
        if (row && top < 0) {
          top = y;
          run = row;
        } else if (!row && top >= 0 && run) {
          bars.push({
            x: rect.left + (run.from + run.to) / 2 / ratio,
            y: rect.top + (top + y) / 2 / ratio,
            left: rect.left + run.from / ratio,
          });
          top = -1;
        }
      }
      return bars;
    },
    { selector, rgb, plotTop },
  );
}

/** Waits until the chart in `selector` has painted at least one bar in `rgb`. */
async function waitForBars(
  page: Page,
  selector: string,
  rgb: readonly [number, number, number],
  plotTop: number,
  expected?: number,
): Promise<DrawnBar[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const bars = await drawnBars(page, selector, rgb, plotTop);
    // While the bars grow in, short ones are not drawn yet: wait for all of them when known.
    if (bars.length > 0 && (expected === undefined || bars.length === expected)) return bars;
    if (bars.length > 0 && Date.now() > deadline) return bars;
    if (Date.now() > deadline) {
      await page.screenshot({ path: join(RESULTS_DIR, 'drilldown-no-bars.png'), fullPage: true });
      throw new Error(`no bars drawn in ${selector}`);
    }
    await page.waitForTimeout(250);
  }
}

/** What `read` gives once it gives `expected`, or after 15 s what it gives then (to be compared). */
async function settled<T>(read: () => Promise<T>, expected: T): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (JSON.stringify(value) === JSON.stringify(expected) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function pathAndQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

describe('drilling down from the charts in Chromium', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token = '';
  let year = 0;

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    process.env['ATLAS_DEMO_DATA'] = 'true';
    server = await startAppServer();

    // The demo region loads in the background: wait until the default year has reports and the
    // overview has stopped changing.
    const deadline = Date.now() + DEMO_TIMEOUT_MS;
    let previous = '';
    for (;;) {
      // The account comes with the demo load: until then there is no token.
      token ||= await apiToken(server.baseUrl, OVERSIGHT).catch(() => '');
      const text = token
        ? JSON.stringify(await apiGet(server.baseUrl, token, '/analytics/overview'))
        : '';
      const answer = text
        ? (JSON.parse(text) as { year: number; submissions: { submitted: number } })
        : null;
      if (answer && answer.submissions.submitted > 0 && text === previous) {
        year = answer.year;
        break;
      }
      if (Date.now() > deadline)
        throw new Error(`the demo data did not load: ${text.slice(0, 400)}`);
      previous = text;
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    await signInThroughPage(page, server.baseUrl, OVERSIGHT);
  }, DEMO_TIMEOUT_MS + 90_000);

  afterAll(async () => {
    delete process.env['ATLAS_DEMO_DATA'];
    await browser?.close();
    await server?.stop();
  });

  /** Where opening `agencyId` must lead: its report of the year, or the list filtered to it. */
  async function expectOpened(agencyId: string): Promise<void> {
    await page
      .waitForURL((url) => url.pathname.startsWith('/reports'), { waitUntil: 'commit' })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: join(RESULTS_DIR, 'drilldown-not-opened.png') });
        throw new Error(`the click ended on ${page.url()}: ${String(error)}`);
      });
    const url = new URL(page.url());
    if (url.pathname === '/reports') {
      expect(url.searchParams.get('agencyId')).toBe(agencyId);
      expect(url.searchParams.get('year')).toBe(String(year));
      return;
    }
    expect(url.pathname).toMatch(/^\/reports\/[0-9a-f-]{36}$/);
    const report = await apiGet<{ agencyId: string; year: number }>(
      server.baseUrl,
      token,
      `/reports/${url.pathname.split('/').pop() ?? ''}`,
    );
    expect(report.agencyId).toBe(agencyId);
    expect(report.year).toBe(year);
  }

  it('opens an agency from its ranking bar and from its name, and Back returns to the ranking', async () => {
    const ranking = await apiGet<CompareAnswer>(
      server.baseUrl,
      token,
      `/analytics/compare?metric=applicationsReceived&year=${year}&by=agency&limit=20`,
    );
    const tree = await apiGet<AgencyNode[]>(server.baseUrl, token, '/agencies/tree');
    const withChildren = new Set<string>();
    const walk = (nodes: AgencyNode[]) =>
      nodes.forEach((node) => {
        if (node.children.length > 0) withChildren.add(node.id);
        walk(node.children);
      });
    walk(tree);
    // Ranked from the highest: the first bars are the positive values, top to bottom.
    const positive = ranking.items.filter((item) => (item.value ?? 0) > 0);
    const index = positive.findIndex((item) => !withChildren.has(item.agency.id));
    expect(index).toBeGreaterThanOrEqual(0);
    const target = positive[index] as CompareAnswer['items'][number];

    const comparePath = `/compare?year=${year}&by=agency`;
    await page.goto(`${server.baseUrl}${comparePath}`);
    const bars = await waitForBars(page, '[data-chart="ranking"]', RANKING_BAR, RANKING_PLOT_TOP, positive.length);
    expect(bars.length).toBe(positive.length);
    await page.screenshot({ path: join(RESULTS_DIR, 'drilldown-ranking.png'), fullPage: true });
    const before = pathAndQuery(page.url());

    const bar = bars[index] as DrawnBar;
    await page.mouse.click(bar.x, bar.y);
    await expectOpened(target.agency.id);

    await page.goBack();
    await page.waitForURL((url) => pathAndQuery(url.toString()) === before);
    const again = await waitForBars(page, '[data-chart="ranking"]', RANKING_BAR, RANKING_PLOT_TOP, positive.length);
    expect(again.length).toBe(positive.length);
    await expect(page.getByTestId('compare-agency').first().innerText()).resolves.toBe(
      ranking.items[0]?.agency.name,
    );

    // The name on the axis, just left of where the bar starts, opens the same agency.
    const named = again[index] as DrawnBar;
    await page.mouse.click(named.left - 20, named.y);
    await expectOpened(target.agency.id);
    await page.goBack();
    await page.waitForURL((url) => pathAndQuery(url.toString()) === before);
  });

  it('filters the problem list by the rule of a clicked bar, and Back shows every rule again', async () => {
    // The latest year (from the default one back) whose reports fail some check rule.
    let quality: QualityAnswer | null = null;
    for (let candidate = year; candidate > year - 8 && !quality; candidate -= 1) {
      const answer = await apiGet<QualityAnswer>(
        server.baseUrl,
        token,
        `/analytics/quality?year=${candidate}&limit=20`,
      );
      if (answer.rules.length > 0) quality = answer;
    }
    if (!quality) throw new Error(`no failed check rules in the demo data for ${year - 7}–${year}`);
    // The chart's order: most reports first, then by rule.
    const rules = [...quality.rules].sort(
      (a, b) => b.reports - a.reports || a.rule.localeCompare(b.rule),
    );
    const rule = rules[0]?.rule ?? '';
    const filtered = await apiGet<QualityAnswer>(
      server.baseUrl,
      token,
      `/analytics/quality?year=${quality.year}&rule=${encodeURIComponent(rule)}&limit=20`,
    );
    const everyRule = quality.items.map((item) => item.agency.name);
    const ruleOnly = filtered.items.map((item) => item.agency.name);
    // Else the list could not show that the click filtered it.
    expect(ruleOnly).not.toEqual(everyRule);

    await page.goto(`${server.baseUrl}/quality?year=${quality.year}`);
    const bars = await waitForBars(page, '[data-chart="rules"]', RULE_BAR, RULES_PLOT_TOP, rules.length);
    expect(bars.length).toBe(rules.length);
    const before = pathAndQuery(page.url());
    const list = page.getByTestId('quality-list');
    const listed = () => list.locator('.quality-items__agency').allInnerTexts();
    await expect(settled(listed, everyRule)).resolves.toEqual(everyRule);

    const bar = bars[0] as DrawnBar;
    await page.mouse.click(bar.x, bar.y);
    await page.waitForURL((url) => url.searchParams.get('rule') === rule);
    await expect(settled(listed, ruleOnly)).resolves.toEqual(ruleOnly);
    // The rule filter above the list says which rule it is.
    await expect(page.getByTestId('quality-rule').innerText()).resolves.toContain(rule);
    await page.screenshot({ path: join(RESULTS_DIR, 'drilldown-rule.png'), fullPage: true });

    await page.goBack();
    await page.waitForURL((url) => pathAndQuery(url.toString()) === before);
    expect(new URL(page.url()).searchParams.get('rule')).toBeNull();
    await expect(page.getByTestId('quality-rule').innerText()).resolves.not.toContain(rule);
    await expect(settled(listed, everyRule)).resolves.toEqual(everyRule);
  });
});
