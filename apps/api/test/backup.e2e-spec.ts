import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { buildDataSourceOptions } from '../src/database/typeorm-options';
import { createAgencyTree, jiyuanFor, uploadFile } from './reports-fixtures';
import { bootTestApp } from './support/test-app';
import { TEST_DATABASE_URL_VARIABLE } from './support/test-database';

/**
 * `atlas backup` / `atlas restore` through the API's own entry (apps/api/src/scripts/backup.ts):
 * a database with reports and their originals is dumped, wiped and restored, and every table's
 * rows, every original's checksum and every sequence come back as they were; restoring into a
 * database that has data needs --wipe, a damaged file changes nothing, and the embedded default
 * works while its API runs and while it does not.
 */

const workspaceRoot = join(__dirname, '..', '..', '..');
const ADMIN_PASSWORD = 'backup-admin-password';

/** Runs the backup entry from source with the given database settings. */
function atlas(args: string[], environment: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/api/src/scripts/backup.ts', ...args],
    {
      cwd: workspaceRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        SWC_NODE_PROJECT: 'tsconfig.node-dev.json',
        ...environment,
      },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
}

/** Exit code 0; on failure the diff shows what the command said. */
function expectSuccess(result: ReturnType<typeof atlas>): void {
  expect({ status: result.status, stderr: result.stderr }).toEqual({
    status: 0,
    stderr: expect.any(String),
  });
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the run's server (never the shared test database). */
async function createDatabase(): Promise<string> {
  const shared = process.env[TEST_DATABASE_URL_VARIABLE] ?? '';
  const name = `atlas_backup_${randomBytes(4).toString('hex')}`;
  await withClient(shared, (client) => client.query(`CREATE DATABASE ${name} ENCODING 'UTF8'`));
  return databaseUrl(shared, name);
}

async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withClient(process.env[TEST_DATABASE_URL_VARIABLE] ?? '', (client) =>
    client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
}

async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions(url, false));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

interface Snapshot {
  /** Per table: rows and a digest of its whole contents. */
  tables: Record<string, { rows: number; digest: string }>;
  /** Per original: its recorded SHA-256 and the SHA-256 of the stored bytes. */
  files: { id: string; sha256: string; stored: string; bytes: number }[];
  sequences: Record<string, string>;
}

/** Everything a restore must bring back, read straight from the database. */
async function snapshot(url: string): Promise<Snapshot> {
  return withClient(url, async (client) => {
    const tables: Snapshot['tables'] = {};
    const names = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' ORDER BY relname`,
    );
    for (const { name } of names.rows) {
      const [row] = (
        await client.query<{ rows: number; digest: string | null }>(
          `SELECT count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM "${name}" t`,
        )
      ).rows;
      // The migration log's run times differ; its names must not.
      tables[name] =
        name === 'typeorm_migrations'
          ? {
              rows: row?.rows ?? -1,
              digest: (
                await client.query(
                  `SELECT string_agg(name, ',' ORDER BY id) AS d FROM typeorm_migrations`,
                )
              ).rows[0].d,
            }
          : { rows: row?.rows ?? -1, digest: row?.digest ?? '' };
    }
    const files = await client.query<Snapshot['files'][number]>(
      `SELECT id, sha256, encode(sha256(content), 'hex') AS stored, octet_length(content) AS bytes FROM report_file ORDER BY id`,
    );
    const sequences: Snapshot['sequences'] = {};
    const sequenceNames = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'S' AND relname <> 'typeorm_migrations_id_seq'`,
    );
    for (const { name } of sequenceNames.rows) {
      const [row] = (
        await client.query<{ v: string }>(
          `SELECT last_value::text || '/' || is_called AS v FROM "${name}"`,
        )
      ).rows;
      sequences[name] = row?.v ?? '';
    }
    return { tables, files: files.rows, sequences };
  });
}

describe('backup and restore (atlas backup / atlas restore)', () => {
  let folder: string;
  let sourceUrl: string;
  let before: Snapshot;
  const scratch: string[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'atlas-backup-'));
    await chmod(folder, 0o755); // the embedded cluster runs as the postgres user when tests run as root
    sourceUrl = await createDatabase();
    scratch.push(sourceUrl);
    await migrate(sourceUrl);
    // Reports uploaded through the API: originals, versions, cells, events, audit, analytics.
    const testApp = await bootTestApp({ ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD }, sourceUrl);
    try {
      const login = await request(testApp.app.getHttpServer())
        .post('/api/auth/login')
        .send({ username: 'admin', password: ADMIN_PASSWORD })
        .expect(200);
      const token = (login.body as { accessToken: string }).accessToken;
      const tree = await createAgencyTree(testApp);
      for (const year of [2021, 2022, 2023]) {
        await uploadFile(
          testApp,
          token,
          { agencyId: tree.agencyA, year },
          Buffer.from(jiyuanFor(year), 'utf8'),
          `济源${year}.txt`,
        ).expect(201);
      }
      // Bytes no text survives unchanged: every value 0–255, so the original must come back as bytes.
      const binary = Buffer.concat([
        Buffer.from(jiyuanFor(2024), 'utf8'),
        Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      ]);
      await uploadFile(
        testApp,
        token,
        { agencyId: tree.agencyB, year: 2024 },
        binary,
        'binary-tail.txt',
      ).expect(201);
    } finally {
      await testApp.close();
    }
    before = await snapshot(sourceUrl);
    expect(before.files.length).toBe(4);
    expect(before.files.every((file) => file.sha256 === file.stored)).toBe(true);
    expect(before.tables['report_cell']?.rows).toBeGreaterThan(0);
  }, 120_000);

  afterAll(async () => {
    for (const url of scratch) await dropDatabase(url);
    await rm(folder, { recursive: true, force: true });
  });

  it('dumps, refuses a database with data without --wipe, wipes and restores every row, original and sequence', async () => {
    const file = join(folder, 'atlas.backup.gz');
    const dumped = atlas(['backup', file], { DATABASE_URL: sourceUrl });
    expect(dumped.stderr).toBe('');
    expect(dumped.status).toBe(0);
    expect(dumped.stdout).toMatch(/备份完成 \/ backed up: \d+ 张表 tables/);
    expect((await stat(file)).size).toBeGreaterThan(0);

    const refused = atlas(['restore', file], { DATABASE_URL: sourceUrl });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('目标数据库不是空的');
    expect(refused.stderr).toContain('--wipe');
    expect(await snapshot(sourceUrl)).toEqual(before);

    const restored = atlas(['restore', file, '--wipe'], { DATABASE_URL: sourceUrl });
    expectSuccess(restored);
    expect(restored.stdout).toContain('恢复完成 / restored');
    expect(await snapshot(sourceUrl)).toEqual(before);

    // Into an empty database, as on a new server; the API then runs on it as before.
    const emptyUrl = await createDatabase();
    scratch.push(emptyUrl);
    expectSuccess(atlas(['restore', file], { DATABASE_URL: emptyUrl }));
    expect(await snapshot(emptyUrl)).toEqual(before);
    const testApp = await bootTestApp(
      { ATLAS_ADMIN_PASSWORD: 'not-the-backup-password' },
      emptyUrl,
    );
    try {
      const login = await request(testApp.app.getHttpServer())
        .post('/api/auth/login')
        .send({ username: 'admin', password: ADMIN_PASSWORD })
        .expect(200);
      const reports = await request(testApp.app.getHttpServer())
        .get('/api/reports')
        .set('Authorization', `Bearer ${(login.body as { accessToken: string }).accessToken}`)
        .expect(200);
      expect((reports.body as { total: number }).total).toBe(before.tables['report']?.rows);
    } finally {
      await testApp.close();
    }
  }, 180_000);

  it('refuses a damaged or cut-short file before touching the database', async () => {
    const file = join(folder, 'damaged.backup.gz');
    expectSuccess(atlas(['backup', file], { DATABASE_URL: sourceUrl }));
    const whole = await readFile(file);
    await writeFile(file, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const cut = atlas(['restore', file, '--wipe'], { DATABASE_URL: sourceUrl });
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/不完整|损坏/);
    expect(await snapshot(sourceUrl)).toEqual(before);

    await writeFile(file, 'not a backup');
    const foreign = atlas(['restore', file, '--wipe'], { DATABASE_URL: sourceUrl });
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toMatch(/损坏|不是/);
    expect(await snapshot(sourceUrl)).toEqual(before);
  }, 120_000);

  it('works on the embedded default: beside a running API, and with nothing running', async () => {
    const dataDir = join(folder, 'embedded');
    const file = join(folder, 'embedded.backup.gz');
    const agencyCount = (url: string) =>
      withClient(
        url,
        async (client) =>
          (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM agency')).rows[0]?.n,
      );

    // This process plays the running API: the backup uses its postgres and leaves it running.
    let running = await startEmbeddedPostgres({ dataDir });
    await migrate(running.url);
    await withClient(running.url, (client) =>
      client.query(`INSERT INTO agency (id, code, name, level, kind, parent_id, path, depth)
                    VALUES ('00000000-0000-4000-8000-000000000001', 'EMB1', '嵌入式测试县', 'county', 'government', NULL, '00000000-0000-4000-8000-000000000001', 0)`),
    );
    const dumped = atlas(['backup', file], { ATLAS_DATA_DIR: dataDir });
    expect(dumped.stderr).toBe('');
    expect(dumped.status).toBe(0);
    expect(await agencyCount(running.url)).toBe(1);
    await withClient(running.url, (client) => client.query('DELETE FROM agency'));
    await running.stop();

    // Nothing running: restore starts the embedded postgres for itself and stops it after.
    const restored = atlas(['restore', file, '--wipe'], { ATLAS_DATA_DIR: dataDir });
    expectSuccess(restored);
    running = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await agencyCount(running.url)).toBe(1);
    } finally {
      await running.stop();
    }
  }, 120_000);
});
