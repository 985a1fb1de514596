import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { Client } from 'pg';
import { isAlive } from '../src/database/cluster-lock';
import { findFreePort, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { CORPUS_DIR, corpusFile } from './reports-fixtures';

/**
 * The API started as `npm start` starts it (its own embedded PostgreSQL in ATLAS_DATA_DIR), killed
 * with SIGKILL in the middle of a bulk import, and started again on the same data directory: the
 * postgres it left behind is stopped, the API comes back healthy, the import finishes, and every
 * file is either stored whole (report, version, original and cells) or marked failed.
 */

const workspaceRoot = join(__dirname, '..', '..', '..');
const PINGTAN = [
  'pingtan-2021/source.txt',
  'pingtan-2022/source.txt',
  'pingtan-2023-text/source.txt',
  'pingtan-2024/source.txt',
].map((path) => corpusFile(path));
const withCorpus = PINGTAN.every((bytes) => bytes !== null) ? describe : describe.skip;
if (PINGTAN.some((bytes) => bytes === null)) {
  process.stderr.write(`crash-restart.e2e-spec: corpus missing under ${CORPUS_DIR}; skipped\n`);
}

const AGENCIES = 4;
const NAME_CHARACTERS = '甲乙丙丁戊己庚辛壬癸';

interface RunningApi {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** The real entry point, from source, on its own data directory and port. */
async function startApi(dataDir: string): Promise<RunningApi> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: workspaceRoot,
    env: {
      PATH: process.env['PATH'] ?? '',
      SWC_NODE_PROJECT: 'tsconfig.node-dev.json',
      ATLAS_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ATLAS_DEMO_DATA: 'false',
      ATLAS_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const api: RunningApi = { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
  await waitUntilHealthy(api);
  return api;
}

async function waitUntilHealthy(api: RunningApi): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null)
      throw new Error(`the API exited (${api.child.exitCode}):\n${api.output()}`);
    try {
      const response = await fetch(`${api.url}/api/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API did not become healthy:\n${api.output()}`);
}

async function call<T>(
  api: RunningApi,
  token: string | null,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${api.url}${path}`, {
    ...init,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
  return { status: response.status, body: (await response.json()) as T };
}

function postJson<T>(api: RunningApi, token: string | null, path: string, body: unknown) {
  return call<T>(api, token, path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
  });
}

/** The embedded database of a data directory, as the API left it running. */
async function connect(dataDir: string): Promise<Client> {
  const credentials = JSON.parse(readFileSync(join(dataDir, 'pg-credentials.json'), 'utf8')) as {
    user: string;
    password: string;
  };
  const port = Number.parseInt(
    readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3] ?? '',
    10,
  );
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: credentials.user,
    password: credentials.password,
    database: 'atlas',
  });
  await client.connect();
  return client;
}

function postmasterPid(dataDir: string): number | null {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file)
    ? Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10)
    : null;
}

interface ImportJob {
  status: string;
  total: number;
  done: number;
  items: {
    fileName: string;
    status: string;
    agencyId: string | null;
    reportId: string | null;
    version: number | null;
  }[];
}

withCorpus('self-healing start after the API is killed (SIGKILL) mid-import', () => {
  let dataDir: string;
  /** The lock-file tests' own cluster: they do not depend on how the crash test ended. */
  let lockDir: string | undefined;
  const apis: RunningApi[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atlas-crash-'));
    await chmod(dataDir, 0o755); // the cluster runs as the postgres user when tests run as root
  });
  afterAll(async () => {
    for (const api of apis)
      if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGTERM');
    await Promise.all(apis.map((api) => api.exited));
    const orphan = postmasterPid(dataDir);
    if (orphan !== null && isAlive(orphan)) process.kill(orphan, 'SIGINT');
    await rm(dataDir, { recursive: true, force: true });
    if (lockDir) await rm(lockDir, { recursive: true, force: true });
  });

  it('stops the postgres the killed API left, comes back healthy and finishes the import whole', async () => {
    const first = await startApi(dataDir);
    apis.push(first);
    const login = await postJson<{ accessToken: string }>(first, null, '/api/auth/login', {
      username: 'admin',
      password: 'atlas-demo',
    });
    expect(login.status).toBe(200);
    const admin = login.body.accessToken;

    // Ten agencies, four reports each: an import long enough to be killed in the middle.
    const files: Record<string, Uint8Array> = {};
    for (let index = 0; index < AGENCIES; index += 1) {
      const name = `崩溃测试${NAME_CHARACTERS[index]}县`;
      const created = await postJson(first, admin, '/api/agencies', {
        code: `CRASH${index}`,
        name,
        level: 'county',
        kind: 'government',
        parentId: null,
        activeFromYear: null,
      });
      expect(created.status).toBe(201);
      PINGTAN.forEach((bytes, year) => {
        files[`${name}/${year}.txt`] = Buffer.from(
          (bytes ?? Buffer.alloc(0)).toString('utf8').replaceAll('平潭综合实验区', name),
        );
      });
    }
    const form = new FormData();
    form.append('file', new Blob([zipSync(files)]), 'reports.zip');
    const queued = await call<{ id: string }>(first, admin, '/api/imports', {
      method: 'POST',
      body: form,
    });
    expect(queued.status).toBe(202);
    const importId = queued.body.id;

    // Kill the API in the middle: files being read (each parse in a fresh worker thread, slow
    // from source), or some stored and the rest not.
    const killDeadline = Date.now() + 120_000;
    for (;;) {
      const job = await call<ImportJob>(first, admin, `/api/imports/${importId}`);
      expect(job.body.status).not.toBe('finished');
      const read = job.body.items.filter((item) => item.agencyId !== null).length;
      if (job.body.done >= 1 || read >= job.body.total / 2) break;
      if (Date.now() > killDeadline)
        throw new Error(`the import did not progress: ${JSON.stringify(job.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    first.child.kill('SIGKILL');
    await first.exited;

    // What the issue saw: the API is gone, its postgres is not.
    const orphan = postmasterPid(dataDir);
    expect(orphan).not.toBeNull();
    expect(isAlive(orphan ?? -1)).toBe(true);

    const second = await startApi(dataDir);
    apis.push(second);
    expect(isAlive(orphan ?? -1)).toBe(false);

    const relogin = await postJson<{ accessToken: string }>(second, null, '/api/auth/login', {
      username: 'admin',
      password: 'atlas-demo',
    });
    const token = relogin.body.accessToken;
    let job: ImportJob;
    const finishDeadline = Date.now() + 150_000;
    for (;;) {
      job = (await call<ImportJob>(second, token, `/api/imports/${importId}`)).body;
      if (job.status === 'finished') break;
      if (Date.now() > finishDeadline)
        throw new Error(`the import did not finish after the restart: ${JSON.stringify(job)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(job.total).toBe(AGENCIES * PINGTAN.length);
    expect(
      job.items.every((item) => ['imported', 'duplicate', 'failed'].includes(item.status)),
    ).toBe(true);
    // The corpus reports are good: none may be lost to the crash.
    expect(job.items.filter((item) => item.status === 'failed')).toEqual([]);

    const client = await connect(dataDir);
    try {
      // One report with one version per file; every version has its original and its cells.
      const [stored] = (
        await client.query<{
          reports: number;
          versions: number;
          orphan_versions: number;
          versions_without_cells: number;
          items_with_bytes: number;
        }>(
          `SELECT (SELECT count(*)::int FROM report) AS reports,
                  (SELECT count(*)::int FROM report_version) AS versions,
                  (SELECT count(*)::int FROM report_version v LEFT JOIN report_file f ON f.id = v.file_id WHERE f.id IS NULL) AS orphan_versions,
                  (SELECT count(*)::int FROM report_version v WHERE NOT EXISTS (SELECT 1 FROM report_cell c WHERE c.version_id = v.id)) AS versions_without_cells,
                  (SELECT count(*)::int FROM import_item WHERE content IS NOT NULL) AS items_with_bytes`,
        )
      ).rows;
      expect(stored).toEqual({
        reports: AGENCIES * PINGTAN.length,
        versions: AGENCIES * PINGTAN.length,
        orphan_versions: 0,
        versions_without_cells: 0,
        items_with_bytes: 0,
      });
      const pointed = await client.query<{ n: number }>(
        `SELECT count(DISTINCT i.id)::int AS n FROM import_item i
           JOIN report_version v ON v.report_id = i.report_id AND v.version = i.version
           JOIN report_file f ON f.id = v.file_id AND f.sha256 = i.sha256`,
      );
      expect(pointed.rows[0]?.n).toBe(AGENCIES * PINGTAN.length);
    } finally {
      await client.end();
    }

    // A clean stop still stops postgres and frees the directory.
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(postmasterPid(dataDir)).toBeNull();
  }, 330_000);

  it('refuses a data directory whose postgres belongs to a running process', async () => {
    lockDir = await mkdtemp(join(tmpdir(), 'atlas-lock-'));
    await chmod(lockDir, 0o755);
    const database = await startEmbeddedPostgres({ dataDir: lockDir ?? '' });
    try {
      await expect(startEmbeddedPostgres({ dataDir: lockDir ?? '' })).rejects.toThrow(
        '正被另一个 PostgreSQL 进程',
      );
    } finally {
      await database.stop();
    }
    expect(postmasterPid(lockDir ?? '')).toBeNull();
  }, 60_000);

  it('removes a lock file whose pid is dead or is not a postgres of this directory', async () => {
    const lockFile = join(lockDir ?? '', 'pg', 'postmaster.pid');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    // A dead pid, then a live process that is no postgres (this test's own): both are stale.
    for (const pid of [Number.parseInt(dead.stdout, 10), process.pid]) {
      writeFileSync(
        lockFile,
        `${pid}\n${join(lockDir ?? '', 'pg')}\n0\n5432\n\n127.0.0.1\n0 0\nready\n`,
      );
      const lines: string[] = [];
      const database = await startEmbeddedPostgres({
        dataDir: lockDir ?? '',
        log: (line) => lines.push(line),
      });
      try {
        expect(lines.join('\n')).toContain(`removing the stale postmaster.pid of pid ${pid}`);
        expect(postmasterPid(lockDir ?? '')).not.toBe(pid);
      } finally {
        await database.stop();
      }
    }
  }, 60_000);
});
