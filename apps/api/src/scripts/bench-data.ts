// Loads the analytics benchmark's data set into an empty database (DATABASE_URL, or the embedded
// one under ATLAS_DATA_DIR) with COPY, and exits: run by `npm run bench -- analytics`.
//   node bench-data.js [--agencies 10000] [--years 10] [--first-year 2016] [--seed N]
// A province of `agencies` reporting units, every one with a submitted report on each year
// (a few with errors, a few late, a few corrected after being returned), every cell in
// report_cell, the analytics facts and roll-ups, an admin and an oversight user for the
// province. Progress goes to stderr; a JSON summary is the last line on stdout.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { generateReport, SeededRandom } from '@atlas/demo-data';
import {
  type CanonicalReport,
  type Finding,
  listCells,
  runCrossReportChecks,
  runSingleReportChecks,
} from '@atlas/report-model';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config';
import { projectAgencyTree } from '../modules/analytics/projection/agency-projection';
import { ANALYTICS_LAYOUT_SIGNATURE, factOf } from '../modules/analytics/projection/analytics-fact';
import { FACT_COLUMNS, factValues } from '../modules/analytics/projection/fact-rows';
import { rebuildRollups } from '../modules/analytics/projection/rollup-writes';
import { hashPassword } from '../modules/auth/password';
import { assessTimeliness, statutoryDueDate } from '../modules/reports/report-deadline';
import { countedNumbers } from '../modules/reports/report-snapshot';
import { type BenchAgency, benchRegion } from './bench/bench-region';
import { type CopyValue, CopyWriter } from './bench/copy-text';
import { provideDatabase } from '../database/database';
import { buildDataSourceOptions } from '../database/typeorm-options';

export const BENCH_OVERSIGHT_USER = 'bench-oversight';
const DEFAULT_PASSWORD = 'atlas-bench';

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

/** The tables COPY fills; their foreign keys (and report_cell's keys and indexes) are set aside. */
const LOADED_TABLES = ['report', 'report_version', 'report_cell', 'analytics_report'];

interface SetAside {
  constraints: { table: string; name: string; definition: string; type: string }[];
  indexes: { name: string; definition: string }[];
}

/**
 * What PostgreSQL's docs advise for a bulk load: drop the foreign keys and the big table's
 * indexes, load, and create them again (one sort per index, one join per foreign key) — instead
 * of 25 million index insertions and trigger firings. The definitions are read from the
 * catalogue, so they come back exactly as the migrations made them.
 */
async function setAsideConstraints(client: Client): Promise<SetAside> {
  const constraints = await client.query<{
    table: string;
    name: string;
    definition: string;
    type: string;
  }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name,
            pg_get_constraintdef(c.oid) AS definition, c.contype AS type
       FROM pg_constraint c
      WHERE c.conrelid = ANY($1::regclass[])
        AND (c.contype = 'f' OR (c.conrelid = 'report_cell'::regclass AND c.contype IN ('p', 'u')))
      ORDER BY c.contype DESC, c.conname`,
    [LOADED_TABLES],
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = 'report_cell'::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
  );
  await client.query('BEGIN');
  for (const c of constraints.rows)
    await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
  for (const index of indexes.rows) await client.query(`DROP INDEX ${index.name}`);
  await client.query('COMMIT');
  // Keys first (a foreign key needs the key it points at), then plain indexes, then foreign keys.
  constraints.rows.sort((a, b) => (a.type === 'f' ? 1 : 0) - (b.type === 'f' ? 1 : 0));
  return { constraints: constraints.rows, indexes: indexes.rows };
}

async function restoreConstraints(client: Client, setAside: SetAside): Promise<void> {
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query('BEGIN');
  for (const c of setAside.constraints.filter((c) => c.type !== 'f'))
    await client.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.definition}`);
  for (const index of setAside.indexes) await client.query(index.definition);
  for (const c of setAside.constraints.filter((c) => c.type === 'f'))
    await client.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.definition}`);
  await client.query('COMMIT');
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'atlas-bench-data' });
  await client.connect();
  return client;
}

/** The first admin (as the app creates it) if there is none yet, and the province's oversight user. */
async function createUsers(client: Client, province: BenchAgency): Promise<string> {
  const admins = await client.query<{ id: string }>(
    `SELECT id FROM app_user WHERE role = 'admin' AND NOT disabled ORDER BY created_at LIMIT 1`,
  );
  let adminId = admins.rows[0]?.id;
  if (!adminId) {
    const created = await client.query<{ id: string }>(
      `INSERT INTO app_user (username, display_name, password_hash, role)
       VALUES ('admin', '系统管理员', $1, 'admin') RETURNING id`,
      [await hashPassword(process.env['ATLAS_ADMIN_PASSWORD'] ?? DEFAULT_PASSWORD)],
    );
    adminId = created.rows[0]?.id ?? '';
  }
  const oversight = await client.query<{ id: string }>(
    `INSERT INTO app_user (username, display_name, password_hash, role)
     VALUES ($1, $2, $3, 'oversight') RETURNING id`,
    [
      BENCH_OVERSIGHT_USER,
      `${province.name}政务公开办（监督）`,
      await hashPassword(process.env['ATLAS_BENCH_PASSWORD'] ?? DEFAULT_PASSWORD),
    ],
  );
  await client.query('INSERT INTO user_scope (user_id, agency_id) VALUES ($1, $2)', [
    oversight.rows[0]?.id,
    province.id,
  ]);
  return adminId;
}

/** One more request carried forward than the other rows allow: a T3.BALANCE error. */
function breakBalance(report: CanonicalReport): void {
  report.applications.carriedForward.naturalPerson += 1;
  report.applications.carriedForward.total += 1;
}

function findingsOf(report: CanonicalReport, previous: CanonicalReport | undefined): Finding[] {
  return [
    ...runSingleReportChecks(report),
    ...(previous ? runCrossReportChecks(report, previous) : []),
  ];
}

/** A submission time on the given day, in working hours in China. */
function submittedOn(random: SeededRandom, day: string): Date {
  return new Date(
    `${day}T${String(random.int(9, 17)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00+08:00`,
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;

interface Writers {
  report: CopyWriter;
  version: CopyWriter;
  cell: CopyWriter;
  fact: CopyWriter;
}

interface VersionPlan {
  id: string;
  version: number;
  canonical: CanonicalReport;
  findings: Finding[];
  createdAt: Date;
  submittedAt: Date;
  basedOn: number | null;
}

/** Writes one report: its versions, every cell of each, and its analytics fact. */
async function writeReport(
  writers: Writers,
  random: SeededRandom,
  agency: BenchAgency,
  year: number,
  lastYear: number,
  canonical: CanonicalReport,
  previous: CanonicalReport | undefined,
  ids: { admin: string; revision: string },
): Promise<number> {
  // A few reports keep a deliberate error; a few more were returned once for one and corrected.
  const faulty = random.chance(0.004);
  if (faulty) breakBalance(canonical);
  const findings = findingsOf(canonical, previous);
  canonical.findings = findings;
  const late = random.chance(0.04);
  const due = statutoryDueDate(year);
  const finalSubmitted = late
    ? submittedOn(
        random,
        `${year + 1}-0${random.int(2, 4)}-${String(random.int(1, 28)).padStart(2, '0')}`,
      )
    : submittedOn(random, `${year + 1}-01-${String(random.int(3, 30)).padStart(2, '0')}`);
  const versions: VersionPlan[] = [];
  if (!faulty && random.chance(0.03)) {
    const first = structuredClone(canonical);
    breakBalance(first);
    first.findings = findingsOf(first, previous);
    const submittedAt = new Date(finalSubmitted.getTime() - random.int(3, 20) * DAY_MS);
    versions.push({
      id: randomUUID(),
      version: 1,
      canonical: first,
      findings: first.findings,
      createdAt: new Date(submittedAt.getTime() - random.int(1, 5) * DAY_MS),
      submittedAt,
      basedOn: null,
    });
  }
  versions.push({
    id: randomUUID(),
    version: versions.length + 1,
    canonical,
    findings,
    createdAt: new Date(finalSubmitted.getTime() - random.int(0, 3) * DAY_MS - 3_600_000),
    submittedAt: finalSubmitted,
    basedOn: versions.length > 0 ? 1 : null,
  });
  const current = versions[versions.length - 1] as VersionPlan;
  const status = random.chance(year === lastYear ? 0.4 : 0.02) ? 'submitted' : 'accepted';
  const reportId = randomUUID();
  const timeliness = assessTimeliness(current.submittedAt, due);

  await writers.report.writeRow([
    reportId,
    agency.id,
    year,
    status,
    current.id,
    versions[0]?.createdAt ?? current.createdAt,
    current.submittedAt,
  ]);
  for (const version of versions) {
    const versionTimeliness = assessTimeliness(version.submittedAt, due);
    await writers.version.writeRow([
      version.id,
      reportId,
      version.version,
      JSON.stringify(version.canonical),
      JSON.stringify(version.findings),
      year,
      year,
      ids.admin,
      version.createdAt,
      version.submittedAt,
      ids.admin,
      versionTimeliness.onTime,
      versionTimeliness.daysLate,
      version.basedOn,
    ]);
    // ~250 rows per version: built as one string (the escaping copyLine does is not needed here).
    const cells = listCells(version.canonical);
    let lines = '';
    for (const cell of cells)
      lines += `${version.id}\t${cell.address}\t${cell.table}\t${cell.row}\t${cell.column}\t${cell.value}\t${agency.id}\t${year}\n`;
    await writers.cell.write(lines, cells.length);
  }
  // The fact analytics projects from this report's snapshot.
  const fact = factOf(
    {
      reportId,
      agencyId: agency.id,
      year,
      status,
      counted: {
        versionId: current.id,
        submittedAt: current.submittedAt,
        ...timeliness,
        ...countedNumbers(canonical, findings),
      },
    },
    { ...agency, activeFromYear: null, activeToYear: null },
  );
  if (fact) await writers.fact.writeRow(factValues(fact, ids.revision) as CopyValue[]);
  return versions.length;
}

async function loadBenchData(options: Options): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const database = await provideDatabase(config, () => undefined);
  const dataSource = new DataSource(buildDataSourceOptions(database.url, false));
  const clients: Client[] = [];
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const admin = await connect(database.url);
    clients.push(admin);
    const [{ count } = { count: '0' }] = (
      await admin.query<{ count: string }>(
        'SELECT (SELECT count(*) FROM agency) + (SELECT count(*) FROM report) AS count',
      )
    ).rows;
    if (Number(count) > 0)
      throw new Error('数据库不是空的：基准数据只写入新建的数据库 / the database is not empty');

    const random = new SeededRandom(options.seed);
    const agencies = benchRegion(random, options.agencies);
    const province = agencies[0] as BenchAgency;
    const agencyWriter = CopyWriter.open(
      admin,
      'COPY agency (id, code, name, level, kind, parent_id, path, depth) FROM STDIN',
    );
    for (const a of agencies)
      await agencyWriter.writeRow([
        a.id,
        a.code,
        a.name,
        a.level,
        a.kind,
        a.parentId,
        a.path,
        a.depth,
      ]);
    await agencyWriter.end();
    // Analytics' copy of the tree, through the code its 'agency.tree-changed' handler runs.
    await dataSource.transaction((manager) =>
      projectAgencyTree(
        manager,
        agencies.map((a) => ({
          id: a.id,
          parentId: a.parentId,
          code: a.code,
          name: a.name,
          path: a.path,
          kind: a.kind,
          level: a.level,
          activeFromYear: null,
          activeToYear: null,
        })),
      ),
    );
    const adminId = await createUsers(admin, province);
    log(`bench-data: ${agencies.length} agencies; loading ${options.years} years of reports`);

    const setAside = await setAsideConstraints(admin);
    const [revisionRow] = (
      await admin.query<{ revision: string }>(
        "SELECT nextval('analytics_revision_seq')::text AS revision",
      )
    ).rows;
    const revision = revisionRow?.revision ?? '1';

    // Four COPY streams on four connections: PostgreSQL parses them while this process generates.
    const [reportClient, versionClient, cellClient, factClient] = await Promise.all(
      [0, 1, 2, 3].map(() => connect(database.url)),
    );
    clients.push(reportClient, versionClient, cellClient, factClient);
    // Emptied in the same transaction, so COPY FREEZE writes the rows already frozen and
    // all-visible (no later rewrite by VACUUM, index-only scans right away).
    await cellClient.query('BEGIN');
    await cellClient.query('TRUNCATE report_cell');
    const copyStarted = performance.now();
    const writers: Writers = {
      report: CopyWriter.open(
        reportClient,
        'COPY report (id, agency_id, year, status, current_version_id, created_at, updated_at) FROM STDIN',
      ),
      version: CopyWriter.open(
        versionClient,
        `COPY report_version (id, report_id, version, canonical, findings, declared_year, parsed_year,
           created_by, created_at, submitted_at, submitted_by, on_time, days_late, based_on_version) FROM STDIN`,
      ),
      cell: CopyWriter.open(
        cellClient,
        `COPY report_cell (version_id, address, table_key, row_key, column_key, value, agency_id, year)
           FROM STDIN WITH (FREEZE)`,
      ),
      fact: CopyWriter.open(
        factClient,
        `COPY analytics_report (${FACT_COLUMNS.join(', ')}) FROM STDIN`,
      ),
    };
    const lastYear = options.firstYear + options.years - 1;
    let reports = 0;
    let versions = 0;
    for (const agency of agencies) {
      let previous: CanonicalReport | undefined;
      for (let year = options.firstYear; year <= lastYear; year++) {
        const canonical = generateReport(random, {
          year,
          activity: agency.activity,
          agencyName: agency.name,
          previous,
        });
        versions += await writeReport(
          writers,
          random,
          agency,
          year,
          lastYear,
          canonical,
          previous,
          {
            admin: adminId,
            revision,
          },
        );
        previous = canonical;
        reports++;
      }
      if (reports % 10_000 === 0) {
        const elapsed = (performance.now() - copyStarted) / 1000;
        log(
          `  ${reports} reports, ${writers.cell.rows} cells, ${Math.round(reports / elapsed)} reports/s`,
        );
      }
    }
    const rowCounts = await Promise.all([
      writers.report.end(),
      writers.version.end(),
      writers.cell.end(),
      writers.fact.end(),
    ]);
    await cellClient.query('COMMIT');
    const copyMs = performance.now() - copyStarted;
    const rows = rowCounts.reduce((a, b) => a + b, 0);
    log(`bench-data: COPY of ${rows} rows (${rowCounts[2]} cells) in ${seconds(copyMs)} s`);

    const indexStarted = performance.now();
    await restoreConstraints(admin, setAside);
    const indexMs = performance.now() - indexStarted;
    log(`bench-data: keys, indexes and foreign keys back in ${seconds(indexMs)} s`);

    const rollupStarted = performance.now();
    await dataSource.transaction(async (manager) => {
      await rebuildRollups(manager, revision);
      await manager.query('UPDATE analytics_state SET layout = $1 WHERE id = 1', [
        ANALYTICS_LAYOUT_SIGNATURE,
      ]);
    });
    const rollupMs = performance.now() - rollupStarted;
    log(`bench-data: analytics roll-ups in ${seconds(rollupMs)} s`);

    const analyzeStarted = performance.now();
    await admin.query('VACUUM (ANALYZE)');
    const analyzeMs = performance.now() - analyzeStarted;
    const sizes = await admin.query<{ database: string; cells: string }>(
      `SELECT pg_database_size(current_database())::text AS database,
              pg_total_relation_size('report_cell')::text AS cells`,
    );
    const totalMs = performance.now() - started;
    log(`bench-data: VACUUM ANALYZE in ${seconds(analyzeMs)} s; total ${seconds(totalMs)} s`);
    process.stdout.write(
      `${JSON.stringify({
        agencies: agencies.length,
        years: options.years,
        firstYear: options.firstYear,
        reports,
        versions,
        cells: rowCounts[2],
        rows,
        provinceId: province.id,
        oversightUser: BENCH_OVERSIGHT_USER,
        copySeconds: seconds(copyMs),
        indexSeconds: seconds(indexMs),
        rollupSeconds: seconds(rollupMs),
        analyzeSeconds: seconds(analyzeMs),
        totalSeconds: seconds(totalMs),
        copyRowsPerSecond: Math.round(rows / (copyMs / 1000)),
        copyReportsPerSecond: Math.round(reports / (copyMs / 1000)),
        loadReportsPerSecond: Math.round(reports / (totalMs / 1000)),
        databaseBytes: Number(sizes.rows[0]?.database ?? 0),
        reportCellBytes: Number(sizes.rows[0]?.cells ?? 0),
      })}\n`,
    );
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
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
