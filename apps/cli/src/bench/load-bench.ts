import { readFileSync } from 'node:fs';
import { hostname, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { CliInputError, type CliIo } from '../io';
import { machineInfo, withBenchApi } from './analytics-bench';
import {
  ANALYTICS_ENDPOINTS,
  type BenchUniverse,
  type EndpointSpec,
  minYearOf,
  paramsAt,
} from './analytics-endpoints';
import { percentile, round } from './measure';

/*
 * `npm run bench -- load`: the dashboard's analytics answers under concurrent use. The built API
 * on the analytics benchmark's data set (loaded by the same bench-data entry, reusable with
 * --data-dir), every distinct request asked once (computed: the "cold" figures), then
 * autocannon keeps `connections` connections busy for `duration` seconds cycling through them as
 * the province's oversight user and the admin, while the API's resident memory is sampled.
 */

/** Issue 18's targets at 1,000,000 reports (50 connections, 30 s). */
export const LOAD_TARGETS = { requestsPerSecond: 1000, p95Ms: 100, errors: 0 } as const;
/** `--reports small`: enough for every scope level, loaded in a minute on a busy machine. */
export const SMALL_REPORTS = 1000;
const YEARS = 10;
/** Questions per endpoint asked by the province's oversight user (scopes × years). */
const SCOPED_QUESTIONS = 30;
const RSS_SAMPLE_MS = 100;

export interface DataSetSize {
  readonly reports: number;
  readonly agencies: number;
  readonly years: number;
}

/** `--reports`: a count of reports (10 years of reports per agency), or `small`. */
export function dataSetSize(value: string): DataSetSize {
  const reports = value === 'small' ? SMALL_REPORTS : Number(value);
  if (!/^(small|\d+)$/.test(value) || !Number.isSafeInteger(reports) || reports < YEARS * 10)
    throw new CliInputError(
      `--reports 应为 small 或不小于 ${YEARS * 10} 的整数 / --reports must be "small" or an integer ≥ ${YEARS * 10}`,
    );
  if (reports % YEARS !== 0)
    throw new CliInputError(
      `--reports 应为 ${YEARS} 的倍数（每个单位 ${YEARS} 年）/ --reports must be a multiple of ${YEARS}`,
    );
  return { reports, agencies: reports / YEARS, years: YEARS };
}

export interface LoadRequest {
  readonly endpoint: string;
  readonly path: string;
  readonly user: 'oversight' | 'admin';
}

/**
 * The requests the connections cycle through, endpoints interleaved: for every endpoint the
 * province's oversight user's questions (province, city and county scopes over the years, as
 * the analytics benchmark rotates them) and the admin's national view of each year. Endpoints
 * over a range of years (trend, compliance) have fewer distinct requests; they come round more
 * often, so that every endpoint gets the same share of the load.
 */
export function loadRequests(
  universe: BenchUniverse,
  endpoints: readonly EndpointSpec[] = ANALYTICS_ENDPOINTS,
): LoadRequest[] {
  const perEndpoint = endpoints.map((endpoint) => {
    const minYear = minYearOf(endpoint, universe.firstYear);
    const scoped = Array.from({ length: SCOPED_QUESTIONS }, (_, i) => ({
      endpoint: endpoint.name,
      path: endpoint.path(paramsAt(universe, i, minYear)),
      user: 'oversight' as const,
    }));
    const national = Array.from({ length: universe.lastYear - minYear + 1 }, (_, i) => {
      const params = paramsAt(universe, i * 3, minYear); // i * 3: the province's turn
      return {
        endpoint: endpoint.name,
        path: endpoint.path({ ...params, year: minYear + i }).replace(/&scope=[^&]*/, ''),
        user: 'admin' as const,
      };
    });
    const distinct = new Map([...scoped, ...national].map((r) => [`${r.user} ${r.path}`, r]));
    return [...distinct.values()];
  });
  // Every endpoint as often as the others, as the dashboard asks them: shorter lists repeat.
  const longest = Math.max(0, ...perEndpoint.map((list) => list.length));
  const requests: LoadRequest[] = [];
  for (let i = 0; i < longest; i++)
    for (const list of perEndpoint) {
      const request = list[i % list.length];
      if (request) requests.push(request);
    }
  return requests;
}

/** One answered request: its endpoint, HTTP status and latency. */
export interface LoadSample {
  readonly endpoint: string;
  readonly status: number;
  readonly ms: number;
}

export interface LatencyRow {
  readonly name: string;
  readonly requests: number;
  readonly errors: number;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Requests, errors (any status but 200), requests per second and latency percentiles (of the
 * answered requests, errors included) per endpoint, in the order given, and in total.
 */
export function summarizeLoad(
  samples: readonly LoadSample[],
  seconds: number,
  endpoints: readonly string[],
): { endpoints: LatencyRow[]; total: LatencyRow } {
  const row = (name: string, list: readonly LoadSample[]): LatencyRow => {
    const durations = list.map((sample) => sample.ms);
    return {
      name,
      requests: list.length,
      errors: list.filter((sample) => sample.status !== 200).length,
      requestsPerSecond: seconds > 0 ? round(list.length / seconds, 1) : 0,
      p50: round(percentile(durations, 50), 2),
      p95: round(percentile(durations, 95), 2),
      p99: round(percentile(durations, 99), 2),
      max: round(percentile(durations, 100), 2),
    };
  };
  return {
    endpoints: endpoints.map((name) =>
      row(
        name,
        samples.filter((sample) => sample.endpoint === name),
      ),
    ),
    total: row('total', samples),
  };
}

/** Whether a run meets issue 18's targets (they are set for 1,000,000 reports). */
export function meetsLoadTargets(total: LatencyRow, failures: number): boolean {
  return (
    total.errors + failures === LOAD_TARGETS.errors &&
    total.requestsPerSecond >= LOAD_TARGETS.requestsPerSecond &&
    total.p95 <= LOAD_TARGETS.p95Ms
  );
}

export interface LoadBenchOptions extends DataSetSize {
  readonly firstYear: number;
  /** The API's ATLAS_ANALYTICS_CACHE_MB (0: every answer computed; to see what the cache does). */
  readonly cacheMb?: number;
  readonly connections: number;
  readonly durationSeconds: number;
  /** Keep (or reuse) the database in this folder instead of a fresh temporary one. */
  readonly dataDir?: string;
  readonly keep: boolean;
  /** false: use the API already built in dist/. */
  readonly build: boolean;
}

export interface LoadBenchResult {
  readonly benchmark: 'load';
  readonly measuredAt: string;
  readonly machine: ReturnType<typeof machineInfo> & {
    host: string;
    /** 1, 5 and 15-minute load averages when the load started and ended: others' work skews it. */
    loadAverage: { start: number[]; end: number[] };
  };
  readonly dataSet: { reports: number; agencies: number; years: number; reused: boolean };
  /** The API's ATLAS_ANALYTICS_CACHE_MB: its default unless the run set one. */
  readonly analyticsCacheMb: number | 'default';
  readonly connections: number;
  readonly durationSeconds: number;
  readonly distinctRequests: number;
  /** Every distinct request asked once before the load, one at a time: computed, not cached. */
  readonly cold: LatencyRow[];
  readonly endpoints: LatencyRow[];
  readonly total: LatencyRow;
  /** Connection errors and timeouts (autocannon), beyond the answers that were not 200. */
  readonly connectionErrors: number;
  readonly timeouts: number;
  /** The first answer that was not 200, for the record. */
  readonly firstError?: string;
  readonly api: { rssBeforeMb: number; peakRssMb: number; rssAfterMb: number };
  readonly targets: typeof LOAD_TARGETS;
  readonly meetsTargets: boolean;
}

function residentMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? round(kb / 1024, 1) : 0;
  } catch {
    return 0; // not Linux, or gone
  }
}

const loadAverage = () => loadavg().map((value) => round(value, 2));

export async function benchLoad(io: CliIo, options: LoadBenchOptions): Promise<LoadBenchResult> {
  const extraEnv =
    options.cacheMb !== undefined ? { ATLAS_ANALYTICS_CACHE_MB: String(options.cacheMb) } : {};
  return withBenchApi(
    io,
    'load',
    options,
    extraEnv,
    async ({ base, http, tokens, universe, load, apiPid }) => {
      const requests = loadRequests(universe);
      const names = ANALYTICS_ENDPOINTS.map((endpoint) => endpoint.name);

      const distinct = [...new Set(requests)];
      io.err(`load: asking each of ${distinct.length} distinct requests once\n`);
      const coldSamples: LoadSample[] = [];
      let firstError: string | undefined;
      for (const request of distinct) {
        const response = await http.get(request.path, tokens[request.user]);
        coldSamples.push({ endpoint: request.endpoint, status: response.status, ms: response.ms });
        if (response.status !== 200)
          firstError ??= `${request.path}: ${response.status} ${response.body.slice(0, 300)}`;
      }

      io.err(
        `load: ${options.connections} connections for ${options.durationSeconds} s on ${names.join(', ')}\n`,
      );
      const loadAtStart = loadAverage();
      const rssBeforeMb = residentMb(apiPid);
      let peakRssMb = rssBeforeMb;
      const sampler = setInterval(
        () => (peakRssMb = Math.max(peakRssMb, residentMb(apiPid))),
        RSS_SAMPLE_MS,
      );
      const samples: LoadSample[] = [];
      let next = 0;
      interface Sent {
        request?: LoadRequest;
        sentAt?: number;
      }
      const started = performance.now();
      let cannon: autocannon.Result;
      try {
        cannon = await new Promise<autocannon.Result>((resolveRun, reject) => {
          autocannon(
            {
              url: base,
              connections: options.connections,
              duration: options.durationSeconds,
              requests: [
                {
                  method: 'GET',
                  // Called as each request is written (one at a time per connection): the next of
                  // the shared rotation, so the connections spread over all the distinct requests.
                  setupRequest: (request, context: Sent) => {
                    const chosen = requests[next++ % requests.length] as LoadRequest;
                    context.request = chosen;
                    context.sentAt = performance.now();
                    return {
                      ...request,
                      path: chosen.path,
                      headers: {
                        ...request.headers,
                        authorization: `Bearer ${tokens[chosen.user]}`,
                      },
                    };
                  },
                  onResponse: (status, body, context: Sent) => {
                    if (!context.request || context.sentAt === undefined) return;
                    samples.push({
                      endpoint: context.request.endpoint,
                      status,
                      ms: performance.now() - context.sentAt,
                    });
                    if (status !== 200)
                      firstError ??= `${context.request.path}: ${status} ${body.slice(0, 300)}`;
                  },
                },
              ],
            },
            (error: unknown, result) => (error ? reject(error) : resolveRun(result)),
          );
        });
      } finally {
        clearInterval(sampler);
      }
      const seconds = (performance.now() - started) / 1000;
      const loadAtEnd = loadAverage();
      peakRssMb = Math.max(peakRssMb, residentMb(apiPid));
      const { endpoints, total } = summarizeLoad(samples, seconds, names);
      const cold = summarizeLoad(coldSamples, 0, names).endpoints;
      const failures = cannon.errors + cold.reduce((sum, row) => sum + row.errors, 0);
      return {
        benchmark: 'load',
        measuredAt: new Date().toISOString(),
        machine: {
          host: hostname(),
          ...machineInfo(),
          loadAverage: { start: loadAtStart, end: loadAtEnd },
        },
        dataSet: {
          reports: load.reports,
          agencies: load.agencies,
          years: load.years,
          reused: load.reused,
        },
        analyticsCacheMb: options.cacheMb ?? 'default',
        connections: options.connections,
        durationSeconds: round(seconds, 1),
        distinctRequests: new Set(requests).size,
        cold,
        endpoints,
        total,
        connectionErrors: cannon.errors,
        timeouts: cannon.timeouts,
        ...(firstError ? { firstError } : {}),
        api: { rssBeforeMb, peakRssMb, rssAfterMb: residentMb(apiPid) },
        targets: LOAD_TARGETS,
        meetsTargets: meetsLoadTargets(total, failures),
      };
    },
  );
}

/** Every error of a run: answers that were not 200, before or under load, and lost connections. */
export function loadErrors(result: LoadBenchResult): number {
  return (
    result.total.errors +
    result.connectionErrors +
    result.cold.reduce((sum, row) => sum + row.errors, 0)
  );
}
