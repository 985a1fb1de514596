import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { generateReport, renderReportText, SeededRandom } from '@atlas/demo-data';
import { buildApi, workspaceRoot } from '../api-entry';
import { CliInputError, type CliIo } from '../io';
import {
  BenchHttp,
  freePort,
  machineInfo,
  startApi,
  stopCluster,
  stopProcess,
} from './analytics-bench';
import { percentile, round } from './measure';

/**
 * `bench health-under-parse`: how long GET /api/health takes while the API parses a large text
 * report (19 MB by default; once it froze health for 2.8 s), alone and several at once. Health
 * is asked again as soon as it answers, so every stall of the API's event loop shows up.
 */

export interface HealthUnderParseOptions {
  readonly sizeMb: number;
  readonly parallel: number;
  readonly build: boolean;
}

export interface LatencySummary {
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface ParseScenario {
  /** `preview`: parsed and answered; `upload`: parsed and stored as a new report. */
  readonly route: 'preview' | 'upload';
  /** Reports sent at once. */
  readonly parallel: number;
  readonly statuses: number[];
  /** The error code of each request that was refused (PARSE_TIMEOUT, PARSE_BUSY, …). */
  readonly errors: (string | null)[];
  readonly seconds: number[];
  readonly health: LatencySummary;
  /** Largest resident set of the API process seen while the previews ran. */
  readonly apiPeakRssMb: number;
  /** The machine's 1-minute load: on a shared machine, other work delays health as well. */
  readonly loadAverage: { start: number; end: number };
}

export interface HealthUnderParseResult {
  readonly machine: ReturnType<typeof machineInfo>;
  readonly reportMb: number;
  readonly idleHealth: LatencySummary;
  readonly scenarios: ParseScenario[];
  /** The aim: health keeps answering within this while reports are parsed. */
  readonly targetMaxMs: number;
}

export const HEALTH_TARGET_MAX_MS = 100;
const PASSWORD = 'bench-health-password';

/** A real report (tables and all) followed by narrative paragraphs up to `sizeMb`. */
export function largeReportText(sizeMb: number): string {
  const report = generateReport(new SeededRandom(19), {
    agencyName: '基准测试市人民政府',
    year: 2023,
    activity: 1,
  });
  const parts = [renderReportText(report), '\n五、其他需要报告的事项\n'];
  let size = Buffer.byteLength(parts.join(''));
  const target = sizeMb * 1024 * 1024;
  for (let n = 1; size < target; n += 1) {
    const line = `（${n}）本机关依法依规做好政府信息公开工作，及时回应社会关切，第 ${n} 段说明。\n`;
    parts.push(line);
    size += Buffer.byteLength(line);
  }
  return parts.join('');
}

interface SendResult {
  readonly status: number;
  readonly code: string | null;
  readonly seconds: number;
}

/**
 * One report sent (to the preview or as an upload) and its answer read in a thread of its own, at a lower priority. Sent from
 * this thread, building the 19 MB request and decoding the answer took this thread up to 360 ms
 * at a time, and the health requests waiting behind it were counted as the API's delay; at the
 * same priority, four senders took the two cores from the API as other machines would not.
 */
const REPORT_SENDER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, fileName, bytes, fields } = workerData;
// The senders stand for other machines: below the threads measured (on Linux, this thread only).
if (process.platform === 'linux') require('node:os').setPriority(10);
(async () => {
  const started = performance.now();
  const form = new FormData();
  form.append('file', new Blob([bytes]), fileName);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: 'Bearer ' + token },
    body: form,
  });
  const body = await response.text();
  const code = response.ok ? null : (JSON.parse(body).code ?? null);
  parentPort.postMessage({
    status: response.status,
    code,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  });
})().catch((error) => parentPort.postMessage({ status: 0, code: String(error), seconds: 0 }));
`;

function sendOffThisThread(
  url: string,
  token: string,
  bytes: Uint8Array,
  fields: Record<string, string> = {},
): Promise<SendResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(REPORT_SENDER, {
      eval: true,
      workerData: { url, token, fileName: '年报.txt', bytes, fields },
    });
    worker.once('message', (result: SendResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** A county government to upload to, created by the admin. */
async function createAgency(base: string, token: string, n: number): Promise<string> {
  const response = await fetch(`${base}/api/agencies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      code: `BENCH-${n}`,
      name: `基准测试第${n}县人民政府`,
      level: 'county',
      kind: 'government',
    }),
  });
  const body = (await response.json()) as { id?: string; message?: string };
  if (!response.ok || !body.id)
    throw new CliInputError(`无法创建测试单位 / cannot create an agency: ${body.message}`);
  return body.id;
}

function summarize(durations: readonly number[]): LatencySummary {
  return {
    samples: durations.length,
    p50: round(percentile(durations, 50), 2),
    p99: round(percentile(durations, 99), 2),
    max: round(Math.max(0, ...durations), 2),
  };
}

function residentMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return round(kb / 1024, 1);
  } catch {
    return 0; // not Linux, or gone
  }
}

export async function benchHealthUnderParse(
  io: CliIo,
  options: HealthUnderParseOptions,
): Promise<HealthUnderParseResult> {
  const root = options.build ? buildApi(io) : workspaceRoot();
  if (!root) throw new CliInputError('找不到项目根目录 / cannot find the workspace root');
  const dataDir = await mkdtemp(join(tmpdir(), 'atlas-health-bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ATLAS_DATA_DIR: dataDir,
    ATLAS_ADMIN_PASSWORD: PASSWORD,
    ATLAS_DEMO_DATA: 'false',
    ATLAS_LOG_LEVEL: 'warn',
    // The report must fit the upload limit, whatever size is asked.
    ATLAS_UPLOAD_LIMIT_MB: String(Math.max(20, Math.ceil(options.sizeMb) + 1)),
    // Measured is the API's answer meanwhile, not the parser: let every parse finish.
    ATLAS_PARSE_TIMEOUT_S: '600',
  };
  delete env['DATABASE_URL'];
  // A copy of the built API, as the analytics benchmark does: a rebuild of dist/ meanwhile
  // must not pull it away.
  await mkdir(join(root, 'tmp'), { recursive: true });
  const apiDir = await mkdtemp(join(root, 'tmp', 'bench-api-'));
  await cp(join(root, 'dist/apps/api'), apiDir, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // In shared memory: each sending thread reads it without a copy made here.
  const encoded = Buffer.from(largeReportText(options.sizeMb), 'utf8');
  const text = new Uint8Array(new SharedArrayBuffer(encoded.length));
  text.set(encoded);
  io.err(`health-under-parse: a ${round(text.length / 1024 ** 2, 1)} MB report; API on ${base}\n`);
  const api = await startApi(
    join(apiDir, 'apps/api/src/main.js'),
    root,
    dataDir,
    { ...env, PORT: String(port), HOST: '127.0.0.1' },
    base,
  );
  try {
    const http = new BenchHttp(base);
    const token = await http.login('admin', PASSWORD);
    for (let i = 0; i < 20; i++) await http.get('/api/health');
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) idle.push((await http.get('/api/health')).ms);

    const scenarios: ParseScenario[] = [];
    let agencies = 0;
    for (const route of ['preview', 'upload'] as const) {
      for (const parallel of [...new Set([1, options.parallel])]) {
        // An upload is stored: each goes to an agency of its own, for a year already ended.
        const fields = await Promise.all(
          Array.from({ length: parallel }, async (): Promise<Record<string, string>> =>
            route === 'upload'
              ? { agencyId: await createAgency(base, token, (agencies += 1)), year: '2023' }
              : {},
          ),
        );
        const url = `${base}/api/reports${route === 'preview' ? '/preview' : ''}`;
        let running = true;
        const sent = fields.map((form) => sendOffThisThread(url, token, text, form));
        const done = Promise.all(sent).finally(() => (running = false));
        const health: number[] = [];
        const loadBefore = loadavg()[0] ?? 0;
        let peakRss = residentMb(api.pid);
        while (running) {
          health.push((await http.get('/api/health')).ms);
          peakRss = Math.max(peakRss, residentMb(api.pid));
        }
        const results = await done;
        const scenario: ParseScenario = {
          route,
          parallel,
          statuses: results.map((result) => result.status),
          errors: results.map((result) => result.code),
          seconds: results.map((result) => result.seconds),
          health: summarize(health),
          apiPeakRssMb: peakRss,
          loadAverage: { start: round(loadBefore, 2), end: round(loadavg()[0] ?? 0, 2) },
        };
        io.err(
          `health-under-parse: ${route}, ${parallel} at once: health p50 ${scenario.health.p50} ms, ` +
            `p99 ${scenario.health.p99} ms, max ${scenario.health.max} ms; answers ${scenario.statuses.join(', ')}\n`,
        );
        scenarios.push(scenario);
      }
    }
    return {
      machine: machineInfo(),
      reportMb: round(text.length / 1024 ** 2, 2),
      idleHealth: summarize(idle),
      scenarios,
      targetMaxMs: HEALTH_TARGET_MAX_MS,
    };
  } finally {
    await stopProcess(api);
    await stopCluster(dataDir);
    await rm(apiDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}
