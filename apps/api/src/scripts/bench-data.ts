// Loads the analytics benchmark's data set into an empty database (DATABASE_URL, or the embedded
// one under ATLAS_DATA_DIR) and exits: run by `npm run bench -- analytics`.
//   node bench-data.js [--agencies 10000] [--years 10] [--first-year 2016] [--seed N]
// A province of `agencies` reporting units, every one with a submitted report on each year
// (a few with errors, a few late, a few corrected after being returned), an admin and an
// oversight user for the province. Everything is written by the modules that own it, through
// their services: the tree by AgenciesService.loadTree, the accounts by UsersService, the reports
// by ReportBulkLoadService (COPY, one transaction per batch), then the analytics projection is
// rebuilt from their replays as `api:rebuild-analytics` does. Progress goes to stderr; a JSON
// summary is the last line on stdout.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { generateReport, SeededRandom } from '@atlas/demo-data';
import type { CanonicalReport } from '@atlas/report-model';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config';
import { AgenciesService } from '../modules/agencies';
import { AnalyticsProjection } from '../modules/analytics';
import { SYSTEM } from '../modules/audit';
import { UsersService } from '../modules/auth';
import { type BulkReport, type BulkReportVersion, ReportBulkLoadService } from '../modules/reports';
import { type BenchAgency, benchRegion } from './bench/bench-region';
import { withAppContext } from './with-app-context';

export const BENCH_OVERSIGHT_USER = 'bench-oversight';
const DEFAULT_PASSWORD = 'atlas-bench';
/** Agencies per batch: all their years in one transaction (next year's checks read this year). */
const AGENCIES_PER_BATCH = 50;

interface Options {
  agencies: number;
  years: number;
  firstYear: number;
  seed: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { agencies: 10_000, years: 10, firstYear: 2016, seed: 20261127 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    const value = Number(argv[i + 1]);
    const key = (
      { agencies: 'agencies', years: 'years', 'first-year': 'firstYear', seed: 'seed' } as const
    )[name ?? ''];
    if (!key || !Number.isInteger(value) || value < 1)
      throw new Error(
        `usage: bench-data [--agencies N] [--years N] [--first-year YYYY] [--seed N]`,
      );
    options[key] = value;
  }
  return options;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (ms: number) => Math.round(ms / 10) / 100;

/** One more request carried forward than the other rows allow: a T3.BALANCE error. */
function breakBalance(report: CanonicalReport): void {
  report.applications.carriedForward.naturalPerson += 1;
  report.applications.carriedForward.total += 1;
}

/** A submission time on the given day, in working hours in China. */
function submittedOn(random: SeededRandom, day: string): Date {
  return new Date(
    `${day}T${String(random.int(9, 17)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00+08:00`,
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** One agency-year: a few keep a deliberate error, a few more were returned once for one and corrected. */
function planReport(
  random: SeededRandom,
  agency: BenchAgency,
  year: number,
  lastYear: number,
  canonical: CanonicalReport,
): BulkReport {
  const faulty = random.chance(0.004);
  if (faulty) breakBalance(canonical);
  const late = random.chance(0.04);
  const finalSubmitted = late
    ? submittedOn(
        random,
        `${year + 1}-0${random.int(2, 4)}-${String(random.int(1, 28)).padStart(2, '0')}`,
      )
    : submittedOn(random, `${year + 1}-01-${String(random.int(3, 30)).padStart(2, '0')}`);
  const versions: BulkReportVersion[] = [];
  if (!faulty && random.chance(0.03)) {
    const first = structuredClone(canonical);
    breakBalance(first);
    const submittedAt = new Date(finalSubmitted.getTime() - random.int(3, 20) * DAY_MS);
    versions.push({
      canonical: first,
      createdAt: new Date(submittedAt.getTime() - random.int(1, 5) * DAY_MS),
      submittedAt,
    });
  }
  versions.push({
    canonical,
    createdAt: new Date(finalSubmitted.getTime() - random.int(0, 3) * DAY_MS - 3_600_000),
    submittedAt: finalSubmitted,
  });
  const status = random.chance(year === lastYear ? 0.4 : 0.02) ? 'submitted' : 'accepted';
  return { agencyId: agency.id, year, status, versions };
}

/** Every agency's reports, generated a batch of agencies at a time as the loader asks for them. */
function* reportBatches(
  random: SeededRandom,
  agencies: readonly BenchAgency[],
  options: Options,
): Generator<BulkReport[]> {
  const lastYear = options.firstYear + options.years - 1;
  for (let at = 0; at < agencies.length; at += AGENCIES_PER_BATCH) {
    const batch: BulkReport[] = [];
    for (const agency of agencies.slice(at, at + AGENCIES_PER_BATCH)) {
      let previous: CanonicalReport | undefined;
      for (let year = options.firstYear; year <= lastYear; year++) {
        const canonical = generateReport(random, {
          year,
          activity: agency.activity,
          agencyName: agency.name,
          previous,
        });
        batch.push(planReport(random, agency, year, lastYear, canonical));
        previous = canonical;
      }
    }
    yield batch;
  }
}

async function loadBenchData(options: Options): Promise<void> {
  const started = performance.now();
  // No job queue and no demo: the process only loads.
  const config = loadConfig({
    ...process.env,
    ATLAS_JOBS: 'false',
    ATLAS_DEMO_DATA: 'false',
    ATLAS_ADMIN_PASSWORD: process.env['ATLAS_ADMIN_PASSWORD'] ?? DEFAULT_PASSWORD,
  });
  await withAppContext(config, async (context) => {
    const random = new SeededRandom(options.seed);
    const agencies = benchRegion(random, options.agencies);
    const province = agencies[0] as BenchAgency;
    await context.get(AgenciesService).loadTree(agencies);
    const users = context.get(UsersService);
    const admin = await users.systemActor();
    await users.create(
      {
        username: BENCH_OVERSIGHT_USER,
        displayName: `${province.name}政务公开办（监督）`,
        password: process.env['ATLAS_BENCH_PASSWORD'] ?? DEFAULT_PASSWORD,
        role: 'oversight',
        scopeAgencyIds: [province.id],
      },
      SYSTEM,
      // Its password is published with the benchmark, not an admin's choice for someone else.
      { usersOwnPassword: true },
    );
    log(`bench-data: ${agencies.length} agencies; loading ${options.years} years of reports`);

    const copyStarted = performance.now();
    let logged = 0;
    const load = await context
      .get(ReportBulkLoadService)
      .load(reportBatches(random, agencies, options), admin.id, (loaded) => {
        if (loaded.reports - logged < 10_000) return;
        logged = loaded.reports;
        const elapsed = (performance.now() - copyStarted) / 1000;
        log(
          `  ${loaded.reports} reports, ${loaded.cells} cells, ${Math.round(loaded.reports / elapsed)} reports/s`,
        );
      });
    const rows = load.reports + load.versions + load.cells;
    log(
      `bench-data: COPY of ${rows} rows (${load.cells} cells) in ${load.copySeconds} s; keys and indexes in ${load.indexSeconds} s`,
    );

    const projectionStarted = performance.now();
    await context.get(AnalyticsProjection).rebuild();
    const projectionMs = performance.now() - projectionStarted;
    log(`bench-data: analytics projection rebuilt in ${seconds(projectionMs)} s`);

    // Planner statistics and the visibility map for the whole database, as after any bulk load.
    const database = context.get(DataSource);
    const analyzeStarted = performance.now();
    await database.query('VACUUM (ANALYZE)');
    const analyzeMs = performance.now() - analyzeStarted;
    const [sizes] = await database.query<{ database: string; cells: string }[]>(
      `SELECT pg_database_size(current_database())::text AS database,
              (pg_total_relation_size('report_version_cells') + pg_total_relation_size('report_cell_address'))::text AS cells`,
    );
    const totalMs = performance.now() - started;
    log(`bench-data: VACUUM ANALYZE in ${seconds(analyzeMs)} s; total ${seconds(totalMs)} s`);
    const copyMs = load.copySeconds * 1000;
    process.stdout.write(
      `${JSON.stringify({
        agencies: agencies.length,
        years: options.years,
        firstYear: options.firstYear,
        reports: load.reports,
        versions: load.versions,
        cells: load.cells,
        rows,
        provinceId: province.id,
        oversightUser: BENCH_OVERSIGHT_USER,
        copySeconds: load.copySeconds,
        indexSeconds: load.indexSeconds,
        projectionSeconds: seconds(projectionMs),
        analyzeSeconds: seconds(analyzeMs),
        totalSeconds: seconds(totalMs),
        copyRowsPerSecond: Math.round(rows / (copyMs / 1000)),
        copyReportsPerSecond: Math.round(load.reports / (copyMs / 1000)),
        loadReportsPerSecond: Math.round(load.reports / (totalMs / 1000)),
        databaseBytes: Number(sizes?.database ?? 0),
        reportCellBytes: Number(sizes?.cells ?? 0),
      })}\n`,
    );
  });
}

let options: Options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
loadBenchData(options).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `基准数据写入失败 / bench data load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}\n`,
  );
  process.exit(1);
});
