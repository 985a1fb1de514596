import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../src/config/app-config';
import { restoreBackupFile, writeBackupFile } from '../src/database/backup/backup-files';
import { provideDatabaseForTool } from '../src/database/database';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import {
  CORPUS_DIR,
  corpusFile,
  createAgencyTree,
  jiyuanFor,
  uploadFile,
} from './reports-fixtures';
import { bootTestApp } from './support/test-app';
import { createSeparateDatabase, migrate, withClient } from './support/test-database';

/**
 * `atlas backup` / `atlas restore`, through the API's own entry (apps/api/src/scripts/backup.ts)
 * where the command's behaviour is the point, and through the same functions in-process elsewhere:
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
  const scratch: (() => Promise<void>)[] = [];

  /** A database on the run's server for this spec alone, dropped at the end. */
  async function separateDatabase(migrated: boolean): Promise<string> {
    const database = await createSeparateDatabase('atlas_backup', { migrated });
    scratch.push(database.drop);
    return database.url;
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'atlas-backup-'));
    await chmod(folder, 0o755); // the embedded cluster runs as the postgres user when tests run as root
    sourceUrl = await separateDatabase(true);
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
      // A PDF: binary bytes, which must come back byte for byte.
      const pdf = corpusFile('hongze-2024/source.pdf');
      if (!pdf) throw new Error(`corpus missing under ${CORPUS_DIR}`);
      await uploadFile(
        testApp,
        token,
        { agencyId: tree.agencyB, year: 2024 },
        pdf,
        'source.pdf',
      ).expect(201);
    } finally {
      await testApp.close();
    }
    before = await snapshot(sourceUrl);
    expect(before.files.length).toBe(4);
    expect(before.files.every((file) => file.sha256 === file.stored)).toBe(true);
    expect(before.tables['report_version_cells']?.rows).toBeGreaterThan(0);
  }, 120_000);

  afterAll(async () => {
    for (const drop of scratch) await drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('dumps, refuses a database with data without --wipe, wipes and restores every row, original and sequence', async () => {
    // The command's own entry point, as `npm run atlas -- backup FILE` runs it.
    const file = join(folder, 'atlas.backup.gz');
    const dumped = atlas(['backup', file], { DATABASE_URL: sourceUrl });
    expectSuccess(dumped);
    expect(dumped.stdout).toMatch(/备份完成 \/ backed up: \d+ 张表 tables/);

    await expect(restoreBackupFile(sourceUrl, file, { wipe: false })).rejects.toThrow(
      /目标数据库不是空的.*--wipe/,
    );
    expect(await snapshot(sourceUrl)).toEqual(before);

    const restored = atlas(['restore', file, '--wipe'], { DATABASE_URL: sourceUrl });
    expectSuccess(restored);
    expect(restored.stdout).toContain('恢复完成 / restored');
    expect(await snapshot(sourceUrl)).toEqual(before);

    // Into an empty database, as on a new server; the API then runs on it as before.
    const emptyUrl = await separateDatabase(false);
    await restoreBackupFile(emptyUrl, file, { wipe: false });
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
  }, 120_000);

  it('refuses a damaged or cut-short file before touching the database', async () => {
    const file = join(folder, 'damaged.backup.gz');
    await writeBackupFile(sourceUrl, file, 'test');
    const whole = await readFile(file);
    await writeFile(file, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await expect(restoreBackupFile(sourceUrl, file, { wipe: true })).rejects.toThrow();
    expect(await snapshot(sourceUrl)).toEqual(before);

    // A gzip of something else, and (through the command) a file that is not even gzip.
    await writeFile(file, gzipSync('{"format":"something-else"}\n'));
    await expect(restoreBackupFile(sourceUrl, file, { wipe: true })).rejects.toThrow(
      '不是本系统的备份文件',
    );
    await writeFile(file, 'not a backup');
    const foreign = atlas(['restore', file, '--wipe'], { DATABASE_URL: sourceUrl });
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toContain('不是本系统的备份文件');
    expect(await snapshot(sourceUrl)).toEqual(before);
  }, 60_000);

  it('refuses to back up a database the application never set up, and leaves no file', async () => {
    const emptyUrl = await separateDatabase(false);
    const file = join(folder, 'nothing.backup.gz');
    await expect(writeBackupFile(emptyUrl, file, 'test')).rejects.toThrow('没有可备份的内容');
    await expect(stat(file)).rejects.toThrow();
    await expect(stat(`${file}.partial`)).rejects.toThrow();
  }, 30_000);

  it('works on the embedded default: beside a running API, and with nothing running', async () => {
    const dataDir = join(folder, 'embedded');
    const file = join(folder, 'embedded.backup.gz');
    const config = loadConfig({ NODE_ENV: 'test', ATLAS_DATA_DIR: dataDir });
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
    const attached = await provideDatabaseForTool(config, () => undefined);
    expect(new URL(attached.url).port).toBe(new URL(running.url).port);
    await writeBackupFile(attached.url, file, 'test');
    await attached.stop();
    expect(await agencyCount(running.url)).toBe(1);
    await withClient(running.url, (client) => client.query('DELETE FROM agency'));
    await running.stop();

    // Nothing running: the tool starts the embedded postgres for itself and stops it after.
    const started = await provideDatabaseForTool(config, () => undefined);
    try {
      await restoreBackupFile(started.url, file, { wipe: true });
    } finally {
      await started.stop();
    }
    running = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await agencyCount(running.url)).toBe(1);
    } finally {
      await running.stop();
    }
  }, 60_000);
});
