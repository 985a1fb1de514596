import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CanonicalReport } from '@atlas/report-model';
import { generateReport, renderReportText, SeededRandom } from '@atlas/demo-data';
import { strToU8, zipSync } from 'fflate';
import { Client } from 'pg';
import { buildApi, workspaceRoot } from '../api-entry';
import { CliInputError, type CliIo } from '../io';
import {
  ANALYTICS_ENDPOINTS,
  type BenchScope,
  type BenchUniverse,
  type EndpointSpec,
  minYearOf,
  paramsAt,
} from './analytics-endpoints';
import { median, percentile, round } from './measure';

export interface AnalyticsBenchOptions {
  agencies: number;
  years: number;
  firstYear: number;
  requests: number;
  naiveRuns: number;
  naiveSeconds: number;
  importFiles: number;
  /** Keep (or reuse) the database in this folder instead of a fresh temporary one. */
  dataDir?: string;
  keep: boolean;
  /** false: use the API already built in dist/ (no `nx run api:build`). */
  build: boolean;
}

/** What the bench-data entry prints as its last line. */
export interface LoadSummary {
  agencies: number;
  years: number;
  firstYear: number;
  reports: number;
  versions: number;
  cells: number;
  rows: number;
  provinceId: string;
  oversightUser: string;
  copySeconds: number;
  indexSeconds: number;
  projectionSeconds: number;
  analyzeSeconds: number;
  totalSeconds: number;
  copyRowsPerSecond: number;
  copyReportsPerSecond: number;
  loadReportsPerSecond: number;
  databaseBytes: number;
  reportCellBytes: number;
}

export interface EndpointResult {
  name: string;
  example: string;
  requests: number;
  errors: number;
  /** First failure (status and body), when some requests did not answer 200. */
  error?: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  responseBytesP50: number;
  naiveSqlP50: number;
  naiveSqlRuns: number;
  healthP50: number;
  /** The same requests split by the scope's level: where the time goes. */
  byScope: Record<BenchScope['label'], { requests: number; p50: number; p95: number }>;
}

export interface IngestResult {
  year: number;
  files: number;
  imported: number;
  duplicates: number;
  failed: number;
  failures: string[];
  seconds: number;
  reportsPerSecond: number;
}

export interface AnalyticsBenchResult {
  reports: number;
  agencies: number;
  endpoints: EndpointResult[];
  ingestPerSecond: number;
  ingest: IngestResult;
  loadPerSecond: number;
  load: LoadSummary & { reused: boolean };
  healthP50: number;
  targetP95Ms: number;
  requestsPerEndpoint: number;
  durationSeconds: number;
  /** 1-minute load average when the HTTP measurements started and ended: others' work skews them. */
  loadAverage: { start: number; end: number };
}

/** The target for every endpoint at 100,000 reports on the 2-core machine. */
export const TARGET_P95_MS = 50;
/** The password of the benchmark's accounts (admin and the province's oversight user). */
export const PASSWORD = 'atlas-bench';
const MARKER_FILE = 'bench-data.json';

/**
 * `npm run bench -- analytics`: a fresh embedded PostgreSQL in a temporary folder, the
 * benchmark data loaded by the API's bench-data entry (COPY), the built API started on it, then
 * every analytics endpoint timed over HTTP against the same aggregate in naive SQL and
 * GET /api/health, and a bulk import timed through POST /api/imports.
 */
export async function benchAnalytics(
  io: CliIo,
  options: AnalyticsBenchOptions,
): Promise<AnalyticsBenchResult> {
  const started = performance.now();
  return withBenchApi(
    io,
    'analytics',
    options,
    {},
    async ({ http, db, load, tokens, universe }) => {
      await db.query(`SET statement_timeout = '300s'`);
      const loadAtStart = loadavg()[0] ?? 0;
      const health = await measureHealth(http, Math.max(options.requests, 200));
      io.err(`analytics: GET /api/health p50 ${health.toFixed(2)} ms\n`);
      const endpoints: EndpointResult[] = [];
      for (const endpoint of ANALYTICS_ENDPOINTS) {
        const result = await benchEndpoint(
          io,
          http,
          db,
          tokens.oversight,
          universe,
          endpoint,
          options,
        );
        endpoints.push(result);
      }
      const loadAtEnd = loadavg()[0] ?? 0;
      const ingest = await benchImport(io, http, db, tokens.admin, universe, options.importFiles);
      return {
        reports: load.reports,
        agencies: load.agencies,
        endpoints,
        ingestPerSecond: ingest.reportsPerSecond,
        ingest,
        loadPerSecond: load.loadReportsPerSecond,
        load,
        healthP50: round(health, 3),
        targetP95Ms: TARGET_P95_MS,
        requestsPerEndpoint: options.requests,
        durationSeconds: round((performance.now() - started) / 1000, 1),
        loadAverage: { start: round(loadAtStart, 2), end: round(loadAtEnd, 2) },
      };
    },
  );
}

/** What a benchmark works with once its data set is loaded and the built API answers. */
export interface BenchApi {
  readonly dataDir: string;
  readonly load: LoadSummary & { reused: boolean };
  /** The API's process id (for its memory) and address. */
  readonly apiPid: number | undefined;
  readonly base: string;
  readonly http: BenchHttp;
  /** A direct connection to the benchmark's database (for what the API does not answer). */
  readonly db: Client;
  /** Bearer tokens of the province's oversight user and of the admin. */
  readonly tokens: { oversight: string; admin: string };
  readonly universe: BenchUniverse;
}

/**
 * The set-up the API benchmarks share: build (or reuse) the API, load the data set into the
 * benchmark's own embedded cluster (or reuse the one in `--data-dir`), start a copy of the built
 * API on it, sign in, run `work`, then stop everything and remove what was not asked to be kept.
 */
export async function withBenchApi<T>(
  io: CliIo,
  label: string,
  options: Pick<
    AnalyticsBenchOptions,
    'agencies' | 'years' | 'firstYear' | 'dataDir' | 'keep' | 'build'
  >,
  extraEnv: NodeJS.ProcessEnv,
  work: (api: BenchApi) => Promise<T>,
): Promise<T> {
  const root = options.build ? buildApi(io) : workspaceRoot();
  if (!root) throw new CliInputError('找不到项目根目录 / cannot find the workspace root');
  const dataDir = options.dataDir
    ? resolve(options.dataDir)
    : await mkdtemp(join(tmpdir(), `atlas-${label}-bench-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ATLAS_DATA_DIR: dataDir,
    ATLAS_ADMIN_PASSWORD: PASSWORD,
    ATLAS_BENCH_PASSWORD: PASSWORD,
    ATLAS_DEMO_DATA: 'false',
    ATLAS_LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  // Always the benchmark's own embedded cluster, never a configured database.
  delete env['DATABASE_URL'];
  // A copy of the built API under the workspace (so its packages still resolve): others
  // rebuilding dist/ while the benchmark runs must not pull the API out from under it.
  await mkdir(join(root, 'tmp'), { recursive: true });
  const apiDir = await mkdtemp(join(root, 'tmp', 'bench-api-'));
  await cp(join(root, 'dist/apps/api'), apiDir, { recursive: true });
  const apiFile = (file: string) => join(apiDir, 'apps/api/src', file);
  let api: ChildProcess | null = null;
  try {
    const load = await loadData(io, apiFile('scripts/bench-data.js'), root, dataDir, env, options);
    if (load.agencies !== options.agencies || load.years !== options.years)
      throw new CliInputError(
        `${dataDir} 中已载入 ${load.reports} 份报告（${load.agencies} 个单位 × ${load.years} 年），与所要求的不符 / ` +
          `the folder holds another data set`,
      );
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    io.err(`${label}: starting the API on ${base}\n`);
    api = await startApi(
      apiFile('main.js'),
      root,
      dataDir,
      { ...env, PORT: String(port), HOST: '127.0.0.1' },
      base,
    );
    const db = new Client({
      connectionString: embeddedUrl(dataDir),
      application_name: `atlas-${label}`,
    });
    await db.connect();
    try {
      const http = new BenchHttp(base);
      const tokens = {
        oversight: await http.login(load.oversightUser, PASSWORD),
        admin: await http.login('admin', PASSWORD),
      };
      const universe = await loadUniverse(db, load);
      return await work({ dataDir, load, apiPid: api.pid, base, http, db, tokens, universe });
    } finally {
      await db.end().catch(() => undefined);
    }
  } finally {
    if (api) await stopProcess(api);
    await stopCluster(dataDir);
    await rm(apiDir, { recursive: true, force: true });
    if (!options.dataDir && !options.keep) await rm(dataDir, { recursive: true, force: true });
    else io.err(`${label}: database kept in ${dataDir}\n`);
  }
}

/** Runs the API's bench-data entry, unless the folder already holds a loaded benchmark database. */
export async function loadData(
  io: CliIo,
  entry: string,
  root: string,
  dataDir: string,
  env: NodeJS.ProcessEnv,
  options: Pick<AnalyticsBenchOptions, 'agencies' | 'years' | 'firstYear'>,
): Promise<LoadSummary & { reused: boolean }> {
  const marker = join(dataDir, MARKER_FILE);
  if (existsSync(marker)) {
    const summary = JSON.parse(readFileSync(marker, 'utf8')) as LoadSummary;
    io.err(`analytics: reusing the ${summary.reports} reports loaded in ${dataDir}\n`);
    return { ...summary, reused: true };
  }
  io.err(
    `analytics: loading ${options.agencies} agencies × ${options.years} years into ${dataDir}\n`,
  );
  const run = spawnSync(
    process.execPath,
    [
      entry,
      '--agencies',
      String(options.agencies),
      '--years',
      String(options.years),
      '--first-year',
      String(options.firstYear),
    ],
    {
      cwd: root,
      env,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lastLine = (run.stdout ?? '').trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !lastLine.startsWith('{'))
    throw new CliInputError(
      `写入基准数据失败（退出码 ${run.status ?? 'signal'}）/ loading the benchmark data failed`,
    );
  const summary = JSON.parse(lastLine) as LoadSummary;
  // Written only after a complete load: a folder with it can be reused (--data-dir).
  await writeFile(marker, `${JSON.stringify(summary, null, 2)}\n`);
  return { ...summary, reused: false };
}

/** The embedded cluster's URL, as docs/operations.md says: credentials file + postmaster.pid. */
export function embeddedUrl(dataDir: string): string {
  const credentials = JSON.parse(readFileSync(join(dataDir, 'pg-credentials.json'), 'utf8')) as {
    user: string;
    password: string;
  };
  const port = readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]
    ?.trim();
  return `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/atlas`;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function startApi(
  main: string,
  root: string,
  dataDir: string,
  env: NodeJS.ProcessEnv,
  base: string,
): Promise<ChildProcess> {
  const logFile = join(dataDir, 'api.log');
  const log = openSync(logFile, 'a');
  const api = spawn(process.execPath, [main], {
    cwd: root,
    env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  let exited = false;
  api.once('exit', () => (exited = true));
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return api;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stopProcess(api);
  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  throw new CliInputError(`API 未能启动 / the API did not start:\n${tail}`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
}

/** A cluster left running by a process that died: fast shutdown, as the API's exit hook does. */
export async function stopCluster(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  for (let attempt = 0; attempt < 120 && existsSync(pidFile); attempt++) {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
    try {
      process.kill(pid, attempt === 0 ? 'SIGINT' : 0);
    } catch {
      return; // gone; a stale pid file is harmless
    }
    await sleep(500);
  }
}

/** Sequential HTTP/1.1 on one kept-alive connection: each duration is one request's latency. */
export class BenchHttp {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly base: string) {}

  get(path: string, token?: string): Promise<{ status: number; body: string; ms: number }> {
    return new Promise((resolveGet, reject) => {
      const started = performance.now();
      const req = httpRequest(
        `${this.base}${path}`,
        {
          agent: this.agent,
          headers: token ? { authorization: `Bearer ${token}` } : {},
          timeout: 120_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolveGet({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timeout: GET ${path}`)));
      req.on('error', reject);
      req.end();
    });
  }

  async login(username: string, password: string): Promise<string> {
    const response = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok)
      throw new CliInputError(
        `登录失败 / login as ${username} failed: ${response.status} ${await response.text()}`,
      );
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  async postFile(
    path: string,
    token: string,
    fileName: string,
    bytes: Uint8Array,
  ): Promise<Response> {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/zip' }), fileName);
    return fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
  }
}

async function measureHealth(http: BenchHttp, requests: number): Promise<number> {
  for (let i = 0; i < 20; i++) await http.get('/api/health');
  const durations: number[] = [];
  for (let i = 0; i < requests; i++) durations.push((await http.get('/api/health')).ms);
  return median(durations);
}

/** The province, its cities and counties (their governments), and the loaded years. */
export async function loadUniverse(db: Client, load: LoadSummary): Promise<BenchUniverse> {
  const rows = await db.query<{ id: string; path: string; depth: number }>(
    `SELECT id, path, depth FROM agency
      WHERE kind = 'government' AND depth <= 2 AND path LIKE $1
      ORDER BY depth, code`,
    [`${load.provinceId}%`],
  );
  const scopes = (depth: number, label: BenchScope['label']) =>
    rows.rows
      .filter((row) => row.depth === depth)
      .map((row) => ({ id: row.id, path: row.path, label }));
  const [root] = scopes(0, 'province');
  if (!root) throw new CliInputError('基准数据中没有省级机构 / no province in the benchmark data');
  return {
    root,
    cities: scopes(1, 'city'),
    counties: scopes(2, 'county'),
    firstYear: load.firstYear,
    lastYear: load.firstYear + load.years - 1,
  };
}

async function benchEndpoint(
  io: CliIo,
  http: BenchHttp,
  db: Client,
  token: string,
  universe: BenchUniverse,
  endpoint: EndpointSpec,
  options: AnalyticsBenchOptions,
): Promise<EndpointResult> {
  const minYear = minYearOf(endpoint, universe.firstYear);
  const at = (i: number) => paramsAt(universe, i, minYear);
  // Warm-up on parameters the measured run does not ask again soon (JIT, plans, caches).
  for (let i = 0; i < 10; i++) await http.get(endpoint.path(at(1000 + i)), token);

  const durations: number[] = [];
  const byScope: Record<BenchScope['label'], number[]> = { province: [], city: [], county: [] };
  const healthDurations: number[] = [];
  const sizes: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  for (let i = 0; i < options.requests; i++) {
    const params = at(i);
    const response = await http.get(endpoint.path(params), token);
    if (response.status !== 200) {
      errors++;
      firstError ??= `${response.status} ${response.body.slice(0, 300)}`;
    } else {
      durations.push(response.ms);
      byScope[params.scope.label].push(response.ms);
      sizes.push(Buffer.byteLength(response.body));
    }
    // Interleaved, so both see the same server state.
    healthDurations.push((await http.get('/api/health')).ms);
  }

  const naiveDurations: number[] = [];
  const naiveStarted = performance.now();
  for (let i = 0; i < options.naiveRuns; i++) {
    if (i >= 3 && performance.now() - naiveStarted > options.naiveSeconds * 1000) break;
    const query = endpoint.naive(at(i));
    const start = performance.now();
    await db.query(query.text, query.values);
    naiveDurations.push(performance.now() - start);
  }

  const result: EndpointResult = {
    name: endpoint.name,
    example: endpoint.path(at(0)),
    requests: options.requests,
    errors,
    ...(firstError ? { error: firstError } : {}),
    p50: round(percentile(durations, 50), 2),
    p95: round(percentile(durations, 95), 2),
    p99: round(percentile(durations, 99), 2),
    max: round(percentile(durations, 100), 2),
    responseBytesP50: percentile(sizes, 50),
    naiveSqlP50: round(median(naiveDurations), 2),
    naiveSqlRuns: naiveDurations.length,
    healthP50: round(median(healthDurations), 3),
    byScope: Object.fromEntries(
      Object.entries(byScope).map(([label, list]) => [
        label,
        {
          requests: list.length,
          p50: round(percentile(list, 50), 2),
          p95: round(percentile(list, 95), 2),
        },
      ]),
    ) as EndpointResult['byScope'],
  };
  io.err(
    `analytics: ${endpoint.name} p50 ${result.p50} ms, p95 ${result.p95} ms ` +
      `(province ${result.byScope.province.p95}, city ${result.byScope.city.p95}, county ${result.byScope.county.p95}), ` +
      `naive SQL p50 ${result.naiveSqlP50} ms (${result.naiveSqlRuns} runs)` +
      (errors > 0 ? `, ${errors} errors (${firstError})` : '') +
      '\n',
  );
  return result;
}

interface ImportJob {
  id: string;
  status: string;
  total: number;
  imported: number;
  duplicates: number;
  failed: number;
  items?: { fileName: string; status: string; code: string | null; message: string | null }[];
}

/**
 * Bulk ingestion through the import path: a zip of generated report documents (text, as
 * agencies publish them) with a manifest, for agencies that have no report on the year yet;
 * POST /api/imports, then GET /api/imports/:id until the job is finished.
 */
async function benchImport(
  io: CliIo,
  http: BenchHttp,
  db: Client,
  token: string,
  universe: BenchUniverse,
  files: number,
): Promise<IngestResult> {
  const thisYear = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
      new Date(),
    ),
  );
  // A year's report is accepted only once the year has ended (YEAR_NOT_ENDED before that).
  const year = universe.lastYear + 1 < thisYear ? universe.lastYear + 1 : universe.firstYear - 1;
  const agencies = await db.query<{
    code: string;
    name: string;
    canonical: CanonicalReport | null;
  }>(
    `SELECT a.code, a.name, v.canonical
       FROM agency a
       LEFT JOIN report r ON r.agency_id = a.id AND r.year = $2
       LEFT JOIN report_version v ON v.id = r.current_version_id
      WHERE a.path LIKE $3
        AND NOT EXISTS (SELECT 1 FROM report x WHERE x.agency_id = a.id AND x.year = $1)
      ORDER BY a.depth DESC, a.code
      LIMIT $4`,
    [year, year - 1, `${universe.root.path}%`, files],
  );
  const random = new SeededRandom(year);
  const entries: Record<string, Uint8Array> = {};
  const manifest = ['file,agency_code,year'];
  for (const agency of agencies.rows) {
    const report = generateReport(random, {
      year,
      activity: 0.3 + random.next() * 2.7,
      agencyName: agency.name,
      ...(agency.canonical ? { previous: agency.canonical } : {}),
    });
    const file = `reports/${agency.code}-${year}.txt`;
    entries[file] = strToU8(renderReportText(report));
    manifest.push(`${file},${agency.code},${year}`);
  }
  entries['manifest.csv'] = strToU8(`${manifest.join('\n')}\n`);
  const zip = zipSync(entries);
  io.err(
    `analytics: importing ${agencies.rows.length} report files for ${year} (${zip.length} bytes zipped)\n`,
  );

  const started = performance.now();
  const created = await http.postFile('/api/imports', token, `bench-${year}.zip`, zip);
  if (created.status !== 202)
    throw new CliInputError(
      `导入请求失败 / POST /api/imports: ${created.status} ${await created.text()}`,
    );
  const { id } = (await created.json()) as { id: string };
  let job: ImportJob;
  for (;;) {
    const response = await http.get(`/api/imports/${id}`, token);
    if (response.status !== 200)
      throw new CliInputError(
        `GET /api/imports/${id}: ${response.status} ${response.body.slice(0, 300)}`,
      );
    job = JSON.parse(response.body) as ImportJob;
    if (job.status === 'finished') break;
    if (performance.now() - started > 3_600_000)
      throw new CliInputError('导入超时 / the import took over an hour');
    await sleep(100);
  }
  const seconds = (performance.now() - started) / 1000;
  const failures = (job.items ?? [])
    .filter((item) => item.status === 'failed')
    .slice(0, 5)
    .map((item) => `${item.fileName}: ${item.code ?? ''} ${item.message ?? ''}`);
  const result: IngestResult = {
    year,
    files: agencies.rows.length,
    imported: job.imported,
    duplicates: job.duplicates,
    failed: job.failed,
    failures,
    seconds: round(seconds, 2),
    reportsPerSecond: round(job.imported / seconds, 1),
  };
  io.err(
    `analytics: import of ${result.files} files: ${result.imported} imported, ${result.failed} failed in ${result.seconds} s\n`,
  );
  return result;
}

/** Machine facts worth keeping next to the numbers. */
export function machineInfo() {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    platform: `${process.platform}-${process.arch}`,
    node: process.version,
  };
}
