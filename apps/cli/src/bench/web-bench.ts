import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { builtApiFile, workspaceRoot } from '../api-entry';
import { CliInputError, type CliIo } from '../io';
import { median, round } from './measure';

/**
 * The web app's weight and the overview's speed:
 * - initialJsGzipKB: the entry chunk of index.html, its modulepreloads and every chunk they
 *   import statically, gzipped (what a first visit must download before anything shows);
 * - totalJsGzipKB: every JS file of the build, gzipped;
 * - overviewChartsMs: from navigating to /overview (signed in as the oversight official, demo
 *   data loaded) until every chart canvas of the overview has painted pixels, in headless
 *   Chromium; the median of `runs` cold loads (a new browser context each, so no HTTP cache).
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

export interface WebBenchResult {
  initialJsGzipKB: number;
  totalJsGzipKB: number;
  overviewChartsMs: number;
  /** Every measured load, in milliseconds. */
  overviewRunsMs: number[];
  /** The files counted as initial JS. */
  initialFiles: string[];
}

/** The budgets: initial JS ≤ 300 KB gzip, overview charts drawn ≤ 2 s after navigation. */
export const INITIAL_JS_BUDGET_KB = 300;
export const OVERVIEW_CHARTS_BUDGET_MS = 2000;

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
 * Evaluated in the page (the CLI has no DOM types, so it is written as text): whether every
 * chart panel of the overview has a canvas with painted, non-white pixels.
 */
const OVERVIEW_PAINTED = `(() => {
  const page = document.querySelector('[data-testid="overview-page"]');
  if (!page || !document.querySelector('[data-testid="kpi-grid"]')) return false;
  const panels = [...page.querySelectorAll('[data-testid="chart-panel"]')];
  if (panels.length === 0) return false;
  return panels.every((panel) =>
    [...panel.querySelectorAll('canvas')].some((canvas) => {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) return false;
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        const white = data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245;
        if (data[i + 3] > 0 && !white && ++inked > 200) return true;
      }
      return false;
    }),
  );
})()`;

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
  const durations: number[] = [];
  try {
    io?.err('等待演示数据 / waiting for the demo data …');
    const token = await waitForDemo(app.baseUrl, options.demoTimeoutMs ?? 240_000);
    // One unmeasured load warms the API's caches (the first answer of each view is computed).
    for (let run = -1; run < runs; run++) {
      const context = await browser.newContext({
        // The app's CSP forbids eval, which a string predicate needs; the measured page is the same.
        bypassCSP: true,
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
      });
      await context.addInitScript(`localStorage.setItem('atlas:token', ${JSON.stringify(token)});`);
      const page = await context.newPage();
      const start = Date.now();
      await page.goto(`${app.baseUrl}/overview`);
      await page.waitForFunction(OVERVIEW_PAINTED, undefined, { timeout: 60_000, polling: 'raf' });
      const elapsed = Date.now() - start;
      if (run >= 0) durations.push(elapsed);
      await context.close();
    }
  } finally {
    await browser.close();
    await app.stop();
  }

  return {
    initialJsGzipKB: round(initial, 1),
    totalJsGzipKB: round(total, 1),
    overviewChartsMs: round(median(durations), 0),
    overviewRunsMs: durations,
    initialFiles,
  };
}
