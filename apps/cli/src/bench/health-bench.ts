import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
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
  /** Previews sent at once. */
  readonly parallel: number;
  readonly previewStatuses: number[];
  /** The error code of each preview that was refused (PARSE_TIMEOUT, PARSE_BUSY, …). */
  readonly previewErrors: (string | null)[];
  readonly previewSeconds: number[];
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
  const text = Buffer.from(largeReportText(options.sizeMb), 'utf8');
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
    for (const parallel of [...new Set([1, options.parallel])]) {
      let running = true;
      const previews = Array.from({ length: parallel }, async () => {
        const started = performance.now();
        const response = await http.postFile('/api/reports/preview', token, '年报.txt', text);
        const body = await response.text();
        const code = response.ok ? null : ((JSON.parse(body) as { code?: string }).code ?? null);
        return {
          status: response.status,
          code,
          seconds: round((performance.now() - started) / 1000, 2),
        };
      });
      const done = Promise.all(previews).finally(() => (running = false));
      const health: number[] = [];
      const loadBefore = loadavg()[0] ?? 0;
      let peakRss = residentMb(api.pid);
      while (running) {
        health.push((await http.get('/api/health')).ms);
        peakRss = Math.max(peakRss, residentMb(api.pid));
      }
      const results = await done;
      const scenario: ParseScenario = {
        parallel,
        previewStatuses: results.map((result) => result.status),
        previewErrors: results.map((result) => result.code),
        previewSeconds: results.map((result) => result.seconds),
        health: summarize(health),
        apiPeakRssMb: peakRss,
        loadAverage: { start: round(loadBefore, 2), end: round(loadavg()[0] ?? 0, 2) },
      };
      io.err(
        `health-under-parse: ${parallel} at once: health p50 ${scenario.health.p50} ms, ` +
          `p99 ${scenario.health.p99} ms, max ${scenario.health.max} ms; previews ${scenario.previewStatuses.join(', ')}\n`,
      );
      scenarios.push(scenario);
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
