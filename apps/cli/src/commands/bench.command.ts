import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { isSamplePath, SAMPLE_PATHS, type SamplePath } from '@atlas/report-samples';
import {
  ACCURACY_TARGETS,
  benchAccuracy,
  meetsTargets,
  type AccuracyRow,
} from '../bench/accuracy-bench';
import { benchAnalytics, machineInfo, TARGET_P95_MS } from '../bench/analytics-bench';
import { benchCopies } from '../bench/copies-bench';
import { loadBaselineParser } from '../bench/baseline-parser';
import { benchHealthUnderParse, HEALTH_TARGET_MAX_MS } from '../bench/health-bench';
import {
  benchLoad,
  dataSetSize,
  LOAD_TARGETS,
  type LatencyRow,
  loadErrors,
} from '../bench/load-bench';
import { benchParse, corpusInputs } from '../bench/parse-bench';
import { benchStorage } from '../bench/storage-bench';
import {
  benchWeb,
  COLD_CHARTS_BUDGET_MS,
  INITIAL_JS_BUDGET_KB,
  WARM_CHARTS_BUDGET_MS,
} from '../bench/web-bench';
import { CliInputError, type CliIo } from '../io';
import { formatTable } from '../text-table';

interface BenchOptions {
  corpus: string;
  out: string;
  runs: string;
  agencies: string;
  years: string;
  firstYear: string;
  requests: string;
  naiveRuns: string;
  naiveSeconds: string;
  importFiles: string;
  dataDir?: string;
  /** analytics: keep the database (flag); accuracy: the folder for the documents. */
  keep?: boolean | string;
  build: boolean;
  count: string;
  seed: string;
  paths?: string;
  against?: string;
  sizeMb: string;
  parallel: string;
  reports: string;
  connections: string;
  duration: string;
  cacheMb?: string;
}

const BENCHMARKS = [
  'parse',
  'analytics',
  'web',
  'accuracy',
  'health-under-parse',
  'copies',
  'load',
  'storage',
] as const;

function positiveInteger(value: string, option: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(number) || number < 1)
    throw new CliInputError(`${option} 应为正整数 / ${option} must be a positive integer`);
  return number;
}

export function registerBenchCommand(program: Command, io: CliIo): void {
  program
    .command('bench')
    .description('运行基准测试并写入 bench-results/<name>.json / run a benchmark')
    .argument('<name>', `基准名称 / benchmark: ${BENCHMARKS.join(', ')}`)
    .option('--out <dir>', '结果目录 / results folder', 'bench-results')
    .option('--corpus <dir>', 'parse：语料目录 / corpus folder', '../shared/corpus')
    .option(
      '--runs <n>',
      'parse：每个文件的测量次数；web：每个页面冷、热各测的次数 / measured runs',
      '20',
    )
    .option('--agencies <n>', 'analytics：单位数 / reporting units', '10000')
    .option('--years <n>', 'analytics：年度数 / years of reports per unit', '10')
    .option('--first-year <year>', 'analytics：第一个年度 / first year', '2016')
    .option('--requests <n>', 'analytics：每个接口的请求数 / HTTP requests per endpoint', '200')
    .option(
      '--naive-runs <n>',
      'analytics：朴素 SQL 最多执行次数 / naive SQL runs per endpoint',
      '20',
    )
    .option(
      '--naive-seconds <n>',
      'analytics：每个接口朴素 SQL 的时间上限（至少 3 次）/ time cap of the naive SQL per endpoint',
      '60',
    )
    .option(
      '--import-files <n>',
      'analytics：批量导入的文件数 / files in the timed bulk import',
      '200',
    )
    .option(
      '--data-dir <dir>',
      'analytics、load：数据库目录（保留；已载入时复用）/ keep the database here, reuse it if loaded',
    )
    .option(
      '--keep [dir]',
      'analytics：保留临时数据库；accuracy：把生成的文档及其真值写入该目录 / analytics: keep the database; accuracy: write the documents and their truth here',
    )
    .option('--count <n>', 'accuracy：每条路径的文档数 / documents per path', '200')
    .option('--seed <n>', 'accuracy：第一份文档的种子 / seed of the first document', '1')
    .option(
      '--paths <list>',
      `accuracy：渲染路径，逗号分隔 / rendering paths, comma-separated (${SAMPLE_PATHS.join(', ')})`,
    )
    .option(
      '--against <git-ref>',
      'parse：同时测量该版本的解析器（如 HEAD~5）/ also time the parser of that revision, in the same run',
    )
    .option('--size-mb <n>', 'health-under-parse：报告大小（MB）/ size of the parsed report', '19')
    .option('--parallel <n>', 'health-under-parse：同时解析的份数 / reports sent at once', '4')
    .option(
      '--reports <n>',
      'copies：全国一年的报告数；load、storage：数据集的报告数（每单位 10 年）或 small / copies: reports of the national run; load, storage: reports of the data set (10 years per agency) or small',
      '100000',
    )
    .option('--connections <n>', 'load：并发连接数 / concurrent connections', '50')
    .option('--duration <s>', 'load：持续秒数 / seconds of load', '30')
    .option(
      '--cache-mb <n>',
      "load：API 的分析答案缓存（MB，0 为不缓存；默认用 API 的默认值）/ the API's ATLAS_ANALYTICS_CACHE_MB (0: off)",
    )
    .option(
      '--no-build',
      'analytics、load 等：使用已构建的 API / use the API already built in dist/',
    )
    .action(async (name: string, options: BenchOptions) => {
      if (!BENCHMARKS.includes(name as (typeof BENCHMARKS)[number])) {
        throw new CliInputError(
          `未知的基准 ${name}，可选：${BENCHMARKS.join(', ')} / unknown benchmark`,
        );
      }
      const result =
        name === 'parse'
          ? await runParse(io, options)
          : name === 'web'
            ? await runWeb(io, options)
            : name === 'accuracy'
              ? await runAccuracy(io, options)
              : name === 'health-under-parse'
                ? await runHealthUnderParse(io, options)
                : name === 'copies'
                  ? runCopies(io, options)
                  : name === 'load'
                    ? await runLoad(io, options)
                    : name === 'storage'
                      ? await runStorage(io, options)
                      : await runAnalytics(io, options);
      await mkdir(options.out, { recursive: true });
      const file = join(options.out, `${name}.json`);
      await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
      io.out(`\n写入 / written: ${file}\n`);
      // The load benchmark requires every answer: its errors are written down, then fail the run.
      const loadErrorCount = name === 'load' ? (result as { errors: number }).errors : 0;
      if (loadErrorCount > 0)
        throw new CliInputError(`负载测试出现 ${loadErrorCount} 个错误 / the load run had errors`);
    });
}

async function runStorage(io: CliIo, options: BenchOptions): Promise<object> {
  const result = await benchStorage(io, {
    ...dataSetSize(options.reports),
    firstYear: positiveInteger(options.firstYear, '--first-year'),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    keep: options.keep !== undefined && options.keep !== false,
    build: options.build,
  });
  const { machine, dataSet } = result;
  const kb = (bytes: number) => (bytes / 1024).toFixed(2);
  io.out(
    `${dataSet.reports} 份报告 / reports (${dataSet.versions} versions, ${dataSet.cells} numbers; ` +
      `${dataSet.agencies} agencies × ${dataSet.years} years); ` +
      `${machine.host}: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB\n\n`,
  );
  io.out(
    formatTable(
      ['表 table', '每份报告 KB/report', '表 heap', 'TOAST', '索引 indexes'],
      result.tables
        .filter((row) => row.bytesPerReport >= 10)
        .map((row) => [
          row.table,
          kb(row.bytesPerReport),
          kb(row.heapBytesPerReport),
          kb(row.toastBytesPerReport),
          kb(row.indexBytesPerReport),
        ]),
    ),
  );
  io.out(
    `\n数字 / the numbers of a report: ${kb(result.cellBytesPerReport)} KB; as one row per number ` +
      `(baseline, same run) ${kb(result.baselineCellBytesPerReport)} KB: ${result.cellRatio}×\n` +
      `数据库 / database: ${kb(result.databaseBytesPerReport)} KB per report ` +
      `(with the baseline's cells ${kb(result.baselineDatabaseBytesPerReport)} KB); ` +
      `target ≤ ${kb(result.targetBytesPerReport)} KB: ${result.meetsTarget ? 'met' : 'NOT MET'}\n`,
  );
  return result;
}

async function runLoad(io: CliIo, options: BenchOptions): Promise<object> {
  const size = dataSetSize(options.reports);
  const result = await benchLoad(io, {
    ...size,
    firstYear: positiveInteger(options.firstYear, '--first-year'),
    connections: positiveInteger(options.connections, '--connections'),
    durationSeconds: positiveInteger(options.duration, '--duration'),
    ...(options.cacheMb !== undefined
      ? { cacheMb: options.cacheMb === '0' ? 0 : positiveInteger(options.cacheMb, '--cache-mb') }
      : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    keep: options.keep !== undefined && options.keep !== false,
    build: options.build,
  });
  const { machine } = result;
  io.out(
    `${result.dataSet.reports} 份报告 / reports (${result.dataSet.agencies} agencies × ${result.dataSet.years} years); ` +
      `${result.connections} connections for ${result.durationSeconds} s over ${result.distinctRequests} distinct requests ` +
      `(analytics cache: ${result.analyticsCacheMb === 'default' ? 'default' : `${result.analyticsCacheMb} MB`}); ` +
      `${machine.host}: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB; ` +
      `load average ${machine.loadAverage.start.join('/')} → ${machine.loadAverage.end.join('/')}\n\n`,
  );
  const cold = new Map(result.cold.map((row) => [row.name, row]));
  const cells = (row: LatencyRow) => [
    row.name,
    String(row.requests),
    String(row.errors),
    row.requestsPerSecond.toFixed(1),
    row.p50.toFixed(2),
    row.p95.toFixed(2),
    row.p99.toFixed(2),
    row.max.toFixed(2),
    cold.get(row.name)?.p95.toFixed(2) ?? '',
  ];
  io.out(
    formatTable(
      [
        '接口 endpoint',
        '请求 requests',
        '错误 errors',
        'req/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        '首次计算 cold p95 ms',
      ],
      [...result.endpoints.map(cells), cells(result.total)],
    ),
  );
  const errors = loadErrors(result);
  io.out(
    `\nAPI 内存 / RSS: ${result.api.rssBeforeMb} MB before, peak ${result.api.peakRssMb} MB, ${result.api.rssAfterMb} MB after; ` +
      `connection errors ${result.connectionErrors} (timeouts ${result.timeouts})\n` +
      `目标 / targets (issue 18, at 1,000,000 reports): ≥ ${LOAD_TARGETS.requestsPerSecond} req/s, p95 ≤ ${LOAD_TARGETS.p95Ms} ms, ` +
      `0 errors: ${result.meetsTargets ? 'met' : 'NOT MET'}` +
      `${errors > 0 ? `; ${errors} ERRORS (first: ${result.firstError ?? 'connection'})` : ''}\n`,
  );
  return { ...result, errors };
}

function runCopies(io: CliIo, options: BenchOptions): object {
  const reports = positiveInteger(options.reports, '--reports');
  const seed = positiveInteger(options.seed, '--seed');
  const { county, national } = benchCopies({
    county: 100,
    national: reports,
    seed,
    log: (line) => io.err(`${line}\n`),
  });
  const row = (label: string, run: typeof county) => [
    label,
    String(run.reports),
    `${run.foundCopies}/${run.plantedCopies}`,
    String(run.unjudgeableCopies),
    String(run.flaggedIndependent),
    run.ms.toFixed(0),
    run.baselineMs.toFixed(0),
    `${run.ratio}×`,
  ];
  io.out(
    formatTable(
      [
        '范围 run',
        '报告 reports',
        '找到抄袭 copies found',
        '过短未判 too short',
        '误报 independent flagged',
        'ms',
        '基线 baseline ms',
        '倍数 ratio',
      ],
      [
        row('一个县，两两比较 / one county, all pairs', county),
        row('全国一年，索引 / national year, index', national),
      ],
    ),
  );
  return {
    benchmark: 'copies',
    measuredAt: new Date().toISOString(),
    machine: machineInfo(),
    county,
    national,
  };
}

async function runHealthUnderParse(io: CliIo, options: BenchOptions): Promise<object> {
  const result = await benchHealthUnderParse(io, {
    sizeMb: positiveInteger(options.sizeMb, '--size-mb'),
    parallel: positiveInteger(options.parallel, '--parallel'),
    build: options.build,
  });
  io.out(
    `${result.reportMb} MB 报告 / report; GET /api/health idle p50 ${result.idleHealth.p50} ms; ` +
      `${result.machine.cpus} × ${result.machine.cpuModel}\n\n`,
  );
  io.out(
    formatTable(
      [
        '接口 route',
        '同时 at once',
        '健康检查次数 samples',
        'p50 ms',
        'p99 ms',
        'max ms',
        '解析 s',
        '状态 status',
        '峰值内存 MB',
        '',
      ],
      result.scenarios.map((scenario) => [
        scenario.route === 'preview' ? '预览 preview' : '上传 upload',
        String(scenario.parallel),
        String(scenario.health.samples),
        String(scenario.health.p50),
        String(scenario.health.p99),
        String(scenario.health.max),
        scenario.seconds.join(' / '),
        scenario.statuses.join(' / '),
        String(scenario.apiPeakRssMb),
        scenario.health.max <= HEALTH_TARGET_MAX_MS ? 'ok' : 'SLOW',
      ]),
    ),
  );
  return result;
}

async function runParse(io: CliIo, options: BenchOptions): Promise<object> {
  const runs = positiveInteger(options.runs, '--runs');
  const inputs = corpusInputs(resolve(options.corpus));
  if (inputs.length === 0)
    throw new CliInputError(`语料目录 ${options.corpus} 中没有文件 / no corpus files found`);

  // The parser of another revision, timed in the same run: how much slower or faster today's is.
  const previous = options.against
    ? loadBaselineParser(workspaceRoot(), options.against)
    : undefined;
  const rows = await benchParse(inputs, runs, previous?.parse);
  io.out(
    formatTable(
      [
        '格式 format',
        '文件 files',
        '解析 parse ms',
        '基线 baseline ms',
        '倍数 ratio',
        '目标 target ms',
        '',
        ...(previous
          ? [`${previous.commit.slice(0, 8)} ms`, '对比 vs previous', '预热期对比 while warming']
          : []),
      ],
      rows.map((row) => [
        row.format,
        String(row.files.length),
        row.parseMs.toFixed(3),
        row.baselineMs.toFixed(3),
        `${row.ratio.toFixed(2)}×`,
        String(row.targetMs),
        row.parseMs <= row.targetMs ? 'ok' : 'SLOW',
        ...(previous
          ? [
              row.previousParserMs?.toFixed(3) ?? '—',
              `${row.ratioToPrevious?.toFixed(2) ?? '—'}×`,
              `${row.warmingRatioToPrevious?.toFixed(2) ?? '—'}×`,
            ]
          : []),
      ]),
    ),
  );
  return {
    benchmark: 'parse',
    measuredAt: new Date().toISOString(),
    machine: machineInfo(),
    node: process.version,
    runsPerFile: runs,
    ...(previous ? { previousParser: { ref: options.against, commit: previous.commit } } : {}),
    formats: rows,
  };
}

/** The workspace root: where this CLI's sources are (dist/apps/cli/… or apps/cli/…). */
function workspaceRoot(): string {
  const marker = `${sep}dist${sep}apps${sep}cli${sep}`;
  const at = __dirname.indexOf(marker);
  return at >= 0 ? __dirname.slice(0, at) : resolve(__dirname, '../../../..');
}

const ratio = (a: number, b: number) =>
  b > 0 ? `${a / b >= 0.1 ? (a / b).toFixed(2) : (a / b).toPrecision(2)}×` : '—';

async function runAnalytics(io: CliIo, options: BenchOptions): Promise<object> {
  const result = await benchAnalytics(io, {
    agencies: positiveInteger(options.agencies, '--agencies'),
    years: positiveInteger(options.years, '--years'),
    firstYear: positiveInteger(options.firstYear, '--first-year'),
    requests: positiveInteger(options.requests, '--requests'),
    naiveRuns: positiveInteger(options.naiveRuns, '--naive-runs'),
    naiveSeconds: positiveInteger(options.naiveSeconds, '--naive-seconds'),
    importFiles: positiveInteger(options.importFiles, '--import-files'),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    keep: options.keep !== undefined && options.keep !== false,
    build: options.build,
  });
  io.out(
    `${result.reports} 份报告 / reports, ${result.agencies} 个单位 / agencies; ` +
      `${result.requestsPerEndpoint} requests per endpoint (p50/p95 in ms); ` +
      `load average ${result.loadAverage.start} → ${result.loadAverage.end} on ${machineInfo().cpus} CPUs\n\n`,
  );
  io.out(
    formatTable(
      [
        '接口 endpoint',
        'p50',
        'p95',
        '朴素SQL naive p50',
        'health p50',
        '接口/SQL',
        '接口/health',
        `目标 p95≤${TARGET_P95_MS}`,
      ],
      result.endpoints.map((e) => [
        e.name,
        e.p50.toFixed(2),
        e.p95.toFixed(2),
        e.naiveSqlP50.toFixed(2),
        e.healthP50.toFixed(2),
        ratio(e.p50, e.naiveSqlP50),
        ratio(e.p50, e.healthP50),
        e.errors > 0 ? `ERRORS ${e.errors}` : e.p95 <= TARGET_P95_MS ? 'ok' : 'SLOW',
      ]),
    ),
  );
  const { load, ingest } = result;
  io.out(
    `\n载入 / load (COPY): ${load.copyRowsPerSecond} rows/s, ${load.copyReportsPerSecond} reports/s ` +
      `(${load.rows} rows in ${load.copySeconds} s; whole load incl. indexes, roll-ups, VACUUM ANALYZE: ` +
      `${load.totalSeconds} s = ${load.loadReportsPerSecond} reports/s; database ${(load.databaseBytes / 1024 ** 3).toFixed(2)} GB)` +
      `${load.reused ? ' [reused]' : ''}\n` +
      `导入 / import path: ${ingest.imported}/${ingest.files} files in ${ingest.seconds} s = ${ingest.reportsPerSecond} reports/s` +
      `${ingest.failed > 0 ? ` (${ingest.failed} failed: ${ingest.failures.join('; ')})` : ''}\n`,
  );
  return {
    benchmark: 'analytics',
    measuredAt: new Date().toISOString(),
    machine: { ...machineInfo(), loadAverage: result.loadAverage },
    reports: result.reports,
    agencies: result.agencies,
    targetP95Ms: result.targetP95Ms,
    requestsPerEndpoint: result.requestsPerEndpoint,
    endpoints: result.endpoints,
    ingestPerSecond: result.ingestPerSecond,
    ingest: result.ingest,
    loadPerSecond: result.loadPerSecond,
    load: result.load,
    healthP50: result.healthP50,
    durationSeconds: result.durationSeconds,
  };
}

async function runWeb(io: CliIo, options: BenchOptions): Promise<object> {
  const runs = positiveInteger(options.runs, '--runs');
  const result = await benchWeb({ build: options.build, runs: Math.min(runs, 15) }, io);
  const ratio = (ms: number) => (result.shellMs > 0 ? `${(ms / result.shellMs).toFixed(2)}×` : '—');
  io.out(
    formatTable(
      ['指标 measure', '数值 value', '对基线 vs shell', '目标 target', ''],
      [
        [
          '首屏 JS initial JS (gzip KB)',
          result.initialJsGzipKB.toFixed(1),
          '',
          `≤ ${INITIAL_JS_BUDGET_KB}`,
          result.initialJsGzipKB <= INITIAL_JS_BUDGET_KB ? 'ok' : 'OVER',
        ],
        ['全部 JS total JS (gzip KB)', result.totalJsGzipKB.toFixed(1), '', '—', ''],
        [
          '机器负载 load average 1/5/15 min (start → end)',
          `${result.loadAverage.atStart.join('/')} → ${result.loadAverage.atEnd.join('/')}`,
          '',
          '—',
          '',
        ],
        [
          '基线：框架显示 baseline: app frame shown (ms)',
          result.shellMs.toFixed(0),
          '1.00×',
          '—',
          '',
        ],
        ...result.pages.flatMap((page) => [
          [
            `${page.page} 图表（冷）charts, cold (ms)`,
            page.coldMs.toFixed(0),
            ratio(page.coldMs),
            `≤ ${COLD_CHARTS_BUDGET_MS}`,
            page.coldMs <= COLD_CHARTS_BUDGET_MS ? 'ok' : 'SLOW',
          ],
          [
            `${page.page} 图表（菜单）charts, menu click (ms)`,
            page.warmMs.toFixed(0),
            ratio(page.warmMs),
            `≤ ${WARM_CHARTS_BUDGET_MS}`,
            page.warmMs <= WARM_CHARTS_BUDGET_MS ? 'ok' : 'SLOW',
          ],
          [
            `${page.page} 图表（菜单，含驱动）menu click with the driver's own work (ms)`,
            page.warmWallMs.toFixed(0),
            ratio(page.warmWallMs),
            '—',
            '',
          ],
        ]),
      ],
    ),
  );
  return {
    initialJsGzipKB: result.initialJsGzipKB,
    totalJsGzipKB: result.totalJsGzipKB,
    shellMs: result.shellMs,
    pages: result.pages,
    overviewChartsMs: result.overviewChartsMs,
    budgets: {
      coldMs: COLD_CHARTS_BUDGET_MS,
      warmMs: WARM_CHARTS_BUDGET_MS,
      initialJsGzipKB: INITIAL_JS_BUDGET_KB,
    },
    benchmark: 'web',
    measuredAt: new Date().toISOString(),
    machine: machineInfo(),
    loadAverage: result.loadAverage,
    initialFiles: result.initialFiles,
  };
}

function samplePaths(list: string | undefined): SamplePath[] {
  if (list === undefined) return [...SAMPLE_PATHS];
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !isSamplePath(name));
  if (unknown.length > 0)
    throw new CliInputError(
      `未知的渲染路径 / unknown paths: ${unknown.join(', ')}（可选 / known: ${SAMPLE_PATHS.join(', ')}）`,
    );
  return names.filter(isSamplePath);
}

function accuracyCells(row: AccuracyRow): string[] {
  const s = row.summary;
  if (row.skipped)
    return [
      row.path,
      '—',
      `skipped: ${row.skipped}`,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ];
  return [
    row.path,
    String(s.documents + row.renderFailures.length),
    `${s.right}/${s.cells}`,
    s.rightPercent.toFixed(3),
    String(s.flagged),
    String(s.undecidedRight),
    String(s.wrong),
    String(s.falseAlarms),
    String(s.missedDefects),
    String(s.invisibleDefects),
    String(s.layoutDocuments),
    String(s.parseErrors),
    String(s.internalErrors),
    s.medianParseMs.toFixed(1),
    row.renderFailures.length > 0
      ? `${row.renderFailures.length} NOT RENDERED`
      : meetsTargets(s)
        ? 'ok'
        : 'BELOW TARGET',
  ];
}

async function runAccuracy(io: CliIo, options: BenchOptions): Promise<object> {
  const count = positiveInteger(options.count, '--count');
  const seed = positiveInteger(options.seed, '--seed');
  const paths = samplePaths(options.paths);
  const keepDir = typeof options.keep === 'string' ? resolve(options.keep) : undefined;
  const { rows, durationSeconds } = await benchAccuracy({
    paths,
    count,
    seed,
    corpusDir: resolve(options.corpus),
    ...(keepDir ? { keepDir } : {}),
    log: (line) => io.err(`${line}\n`),
  });
  io.out(
    `${count} 份文档/路径 / documents per path, seeds ${seed}–${seed + count - 1}; ` +
      `目标 / targets: ≥ ${ACCURACY_TARGETS.rightPercent}% cells right, ` +
      `${ACCURACY_TARGETS.falseAlarms} false alarms, ${ACCURACY_TARGETS.missedDefects} missed defects\n\n`,
  );
  io.out(
    formatTable(
      [
        '路径 path',
        '文档 docs',
        '单元格 right/total',
        '%',
        '标记 flagged',
        '其中文档不可判定 right: undecided, F.AMBIGUOUS',
        '错误 wrong',
        '误报 false alarms',
        '漏报 missed',
        '文档不可见缺陷 invisible defects',
        'F.LAYOUT docs',
        'ParseError',
        '内部错误 internal',
        '中位 ms',
        `目标 ≥${ACCURACY_TARGETS.rightPercent}%`,
      ],
      rows.map(accuracyCells),
    ),
  );
  io.out(
    `\n用时 / took ${durationSeconds} s${keepDir ? `; 文档 / documents in ${keepDir}` : ''}\n`,
  );
  return {
    benchmark: 'accuracy',
    measuredAt: new Date().toISOString(),
    machine: machineInfo(),
    documentsPerPath: count,
    firstSeed: seed,
    targets: ACCURACY_TARGETS,
    durationSeconds,
    reproduce:
      'npm run bench -- accuracy --paths <path> --seed <document seed> --count 1 --keep <dir>',
    paths: rows,
  };
}
