import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { builtApiFile, workspaceRoot } from '../api-entry';
import { CliInputError, type CliIo } from '../io';
import { median, round } from './measure';

/**
 * The web app's weight and how fast each analytics page draws its charts:
 * - initialJsGzipKB: the entry chunk of index.html, its modulepreloads and every chunk they
 *   import statically, gzipped (what a first visit must download before anything shows);
 * - totalJsGzipKB: every JS file of the build, gzipped;
 * - per analytics page (总览, 趋势, 对比, 同比, 合规), signed in as the oversight official with the
 *   demo data loaded, in headless Chromium: `coldMs`, from navigating to the page's address in a
 *   new browser context (no HTTP cache) until every chart of the page has painted pixels, and
 *   `warmMs`, from a click on its menu item on another page until the same, timed in the page
 *   (from the click event to the frame that found every chart painted); medians of `runs`.
 *   `warmWallMs` is the same click timed from outside, including what the browser driver does
 *   before it clicks (scrolling the item into view, waiting until it stands still: ~85 ms here);
 * - shellMs: the baseline measured in the same run, from navigating to /overview until the
 *   app's frame (menu and header) is on screen: what any page costs before its own work.
 */

export interface WebBenchOptions {
  /** false: use dist/apps/web and dist/apps/api as they are. Default true. */
  build?: boolean;
  /** Measured loads of the overview, at least 5 (default 7). */
  runs?: number;
  /** Chromium to drive; default ATLAS_CHROMIUM or /usr/bin/chromium. */
  chromium?: string;
  /** Give up waiting for the demo data after this long (default 240 s). */
  demoTimeoutMs?: number;
}

export interface PageTiming {
  page: AnalyticsPage;
  /** Median ms from navigating to the address (new context) until every chart painted. */
  coldMs: number;
  /** Median ms from a menu click on another page until every chart painted, timed in the page. */
  warmMs: number;
  /** The same clicks timed from outside the page, with the browser driver's own work before them. */
  warmWallMs: number;
  coldRunsMs: number[];
  warmRunsMs: number[];
  warmWallRunsMs: number[];
}

export interface WebBenchResult {
  initialJsGzipKB: number;
  totalJsGzipKB: number;
  /** Median ms until the app's frame shows (the same-run baseline). */
  shellMs: number;
  pages: PageTiming[];
  /** The overview's cold median (kept for comparison with earlier results). */
  overviewChartsMs: number;
  /** The files counted as initial JS. */
  initialFiles: string[];
  /**
   * The machine's load average (1, 5 and 15 minutes) when the measuring began and ended: on a
   * shared machine the same build measures slower when others are busy.
   */
  loadAverage: { atStart: number[]; atEnd: number[] };
}

/** The budgets: initial JS ≤ 200 KB gzip; every analytics page's charts ≤ 1 s cold, ≤ 300 ms warm. */
export const INITIAL_JS_BUDGET_KB = 200;
export const COLD_CHARTS_BUDGET_MS = 1000;
export const WARM_CHARTS_BUDGET_MS = 300;
/** Earlier budget of the overview alone (kept for callers). */
export const OVERVIEW_CHARTS_BUDGET_MS = COLD_CHARTS_BUDGET_MS;

/** The analytics pages, their menu titles and whether their answer includes the KPI cards. */
export const ANALYTICS_PAGES = ['overview', 'trends', 'compare', 'yoy', 'quality'] as const;
export type AnalyticsPage = (typeof ANALYTICS_PAGES)[number];
const MENU_TITLES: Record<AnalyticsPage, string> = {
  overview: '总览',
  trends: '趋势',
  compare: '对比',
  yoy: '同比',
  quality: '合规与数据质量',
};

const OVERSIGHT = { username: 'oversight', password: 'atlas-demo' };

/** The chunks a first visit loads: entry + modulepreloads from index.html, then their static imports. */
export async function initialJsFiles(
  indexHtml: string,
  readChunk: (file: string) => Promise<string>,
): Promise<string[]> {
  const roots = [
    ...indexHtml.matchAll(
      /<script[^>]*\ssrc="([^"]+\.js)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g,
    ),
  ].map((match) => (match[1] ?? match[2] ?? '').replace(/^\//, ''));
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readChunk(file);
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` is lazy.
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g)) {
      const target = match[1] ?? '';
      if (!target.startsWith('.') && !target.startsWith('/')) continue;
      const resolved = target.startsWith('/')
        ? target.slice(1)
        : posix.normalize(posix.join(posix.dirname(file), target));
      if (!seen.has(resolved)) queue.push(resolved);
    }
  }
  return [...seen];
}

const gzipKB = (code: Buffer | string) => gzipSync(code).length / 1024;

async function jsFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await jsFiles(dir, path)));
    else if (entry.name.endsWith('.js')) files.push(path);
  }
  return files;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function postJson<T>(url: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

/** Starts the built app on a fresh embedded database with the demo; resolves once it answers. */
async function startApp(root: string): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'atlas-web-bench-'));
  await chmod(dataDir, 0o755); // the embedded cluster runs as the postgres user under root
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [builtApiFile(root, 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      ATLAS_DATA_DIR: dataDir,
      ATLAS_DEMO_DATA: 'true',
      ATLAS_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the app exited with code ${child.exitCode}:\n${output}`);
    }
    const ok = await fetch(`${baseUrl}/api/health`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return { baseUrl, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not start:\n${output}`);
    }
    await sleep(250);
  }
}

/** Waits for the demo: the oversight account exists and the overview has stopped changing. */
async function waitForDemo(baseUrl: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let previous = '';
  for (;;) {
    const login = await postJson<{ accessToken?: string }>(`${baseUrl}/api/auth/login`, OVERSIGHT);
    const token = login.status === 200 ? login.body.accessToken : undefined;
    if (token) {
      const response = await fetch(`${baseUrl}/api/analytics/overview`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const text = await response.text();
      const submitted = (JSON.parse(text) as { submissions?: { submitted?: number } }).submissions
        ?.submitted;
      if (response.status === 200 && (submitted ?? 0) > 0 && text === previous) return token;
      previous = text;
    }
    if (Date.now() > deadline) throw new Error('the demo data did not load in time');
    await sleep(5000);
  }
}

/**
 * Evaluated in the page (the CLI has no DOM types, so it is written as text): whether the page
 * is there, no chart of it is still loading, and every chart shown has a canvas with painted,
 * non-white pixels (a chart with nothing to show says so instead, and counts as drawn). A canvas
 * found painted is not read again at the next frame: the check runs on the page's own thread,
 * beside the work it times.
 */
function paintedPredicate(page: AnalyticsPage): string {
  return `(() => {
  const page = document.querySelector('[data-testid="${page}-page"]');
  if (!page) return false;
  const panels = [...page.querySelectorAll('[data-testid="chart-panel"]')];
  if (panels.length === 0) return false;
  if (panels.some((panel) => panel.getAttribute('data-state') === 'loading')) return false;
  const charts = panels.filter((panel) => panel.getAttribute('data-state') === 'chart');
  if (charts.length === 0) return false;
  const inkedCanvases = (window.__atlasInkedCanvases ??= new WeakSet());
  return charts.every((panel) =>
    [...panel.querySelectorAll('canvas')].some((canvas) => {
      if (inkedCanvases.has(canvas)) return true;
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) return false;
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        const white = data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245;
        if (data[i + 3] > 0 && !white && ++inked > 200) {
          inkedCanvases.add(canvas);
          return true;
        }
      }
      return false;
    }),
  );
})()`;
}

/** Evaluated in the page before a menu click: keeps the time of the click event. */
const KEEP_CLICK_TIME = `window.__atlasClickAt = undefined;
document.addEventListener('click', (event) => { window.__atlasClickAt = event.timeStamp; }, { capture: true, once: true });`;

const SHELL_SHOWN = `!!document.querySelector('[data-testid="app-layout"] [data-testid="nav-menu"], [data-testid="app-layout"] [data-testid="nav-toggle"]')`;

export async function benchWeb(options: WebBenchOptions = {}, io?: CliIo): Promise<WebBenchResult> {
  const root = workspaceRoot();
  if (!root) throw new CliInputError('找不到项目根目录 / cannot find the workspace root');
  const runs = Math.max(5, options.runs ?? 7);
  const chromiumPath = options.chromium ?? process.env['ATLAS_CHROMIUM'] ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath))
    throw new CliInputError(`未找到 Chromium（${chromiumPath}）/ Chromium not found`);

  if (options.build ?? true) {
    io?.err('构建 api 和 web / building api and web …');
    const build = spawnSync(
      join(root, 'node_modules', '.bin', 'nx'),
      ['run-many', '-t', 'build', '-p', 'api', 'web', '--output-style=static'],
      { cwd: root, encoding: 'utf8' },
    );
    if (build.status !== 0) {
      io?.err(`${build.stdout ?? ''}${build.stderr ?? ''}`);
      throw new CliInputError('构建失败 / the build failed');
    }
  }

  const webDir = join(root, 'dist/apps/web');
  const html = await readFile(join(webDir, 'index.html'), 'utf8').catch(() => {
    throw new CliInputError('dist/apps/web/index.html 不存在，请先构建 / build the web app first');
  });
  const initialFiles = await initialJsFiles(html, (file) => readFile(join(webDir, file), 'utf8'));
  let initial = 0;
  for (const file of initialFiles) initial += gzipKB(await readFile(join(webDir, file)));
  let total = 0;
  for (const file of await jsFiles(webDir)) total += gzipKB(await readFile(join(webDir, file)));

  const app = await startApp(root);
  const loadAtStart = loadavg();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--lang=zh-CN',
    ],
  });
  const shell: number[] = [];
  const cold = new Map<AnalyticsPage, number[]>(ANALYTICS_PAGES.map((page) => [page, []]));
  const warm = new Map<AnalyticsPage, number[]>(ANALYTICS_PAGES.map((page) => [page, []]));
  const warmWall = new Map<AnalyticsPage, number[]>(ANALYTICS_PAGES.map((page) => [page, []]));
  try {
    io?.err('等待演示数据 / waiting for the demo data …');
    const token = await waitForDemo(app.baseUrl, options.demoTimeoutMs ?? 240_000);
    const newPage = async () => {
      const context = await browser.newContext({
        // The app's CSP forbids eval, which a string predicate needs; the measured page is the same.
        bypassCSP: true,
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
      });
      await context.addInitScript(`localStorage.setItem('atlas:token', ${JSON.stringify(token)});`);
      return { context, page: await context.newPage() };
    };
    /** Resolves with the page's clock (performance.now()) at the frame that found every chart painted. */
    const painted = async (target: import('playwright-core').Page, page: AnalyticsPage) => {
      const found = await target.waitForFunction(
        `${paintedPredicate(page)} ? performance.now() : false`,
        undefined,
        { timeout: 60_000, polling: 'raf' },
      );
      return Number(await found.jsonValue());
    };
    // One unmeasured round warms the API's caches (the first answer of each view is computed).
    for (let run = -1; run < runs; run++) {
      for (const page of ANALYTICS_PAGES) {
        const { context, page: tab } = await newPage();
        const start = Date.now();
        await tab.goto(`${app.baseUrl}/${page}`);
        if (page === 'overview') {
          await tab.waitForFunction(SHELL_SHOWN, undefined, { timeout: 60_000, polling: 'raf' });
          if (run >= 0) shell.push(Date.now() - start);
        }
        await painted(tab, page);
        if (run >= 0) cold.get(page)?.push(Date.now() - start);
        await context.close();
      }
      // Warm: one tab goes from page to page by the menu, as an official clicks through.
      const { context, page: tab } = await newPage();
      await tab.goto(`${app.baseUrl}/overview`);
      await painted(tab, 'overview');
      for (const page of [...ANALYTICS_PAGES.slice(1), 'overview' as const]) {
        const item = tab
          .locator('[data-testid="nav-menu"] .el-menu-item', { hasText: MENU_TITLES[page] })
          .first();
        await tab.evaluate(KEEP_CLICK_TIME);
        const start = Date.now();
        await item.click();
        const paintedAt = await painted(tab, page);
        const wallMs = Date.now() - start;
        const clickedAt = Number(await tab.evaluate('window.__atlasClickAt'));
        if (!Number.isFinite(clickedAt))
          throw new Error(`the click on ${MENU_TITLES[page]} was not seen in the page`);
        if (run >= 0) {
          warm.get(page)?.push(Math.round(paintedAt - clickedAt));
          warmWall.get(page)?.push(wallMs);
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  const pages = ANALYTICS_PAGES.map((page) => {
    const coldRunsMs = cold.get(page) ?? [];
    const warmRunsMs = warm.get(page) ?? [];
    const warmWallRunsMs = warmWall.get(page) ?? [];
    return {
      page,
      coldMs: round(median(coldRunsMs), 0),
      warmMs: round(median(warmRunsMs), 0),
      warmWallMs: round(median(warmWallRunsMs), 0),
      coldRunsMs,
      warmRunsMs,
      warmWallRunsMs,
    };
  });

  return {
    initialJsGzipKB: round(initial, 1),
    totalJsGzipKB: round(total, 1),
    shellMs: round(median(shell), 0),
    pages,
    overviewChartsMs: pages[0]?.coldMs ?? 0,
    initialFiles,
    loadAverage: {
      atStart: loadAtStart.map((load) => round(load, 2)),
      atEnd: loadavg().map((load) => round(load, 2)),
    },
  };
}
