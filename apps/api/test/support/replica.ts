import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  appendFile,
  chmod,
  chown,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import {
  findFreePort,
  postgresBinary,
  startEmbeddedPostgres,
} from '../../src/database/embedded-postgres';
import { withClient } from './test-database';

/**
 * A real primary and a real streaming replica, made with the PostgreSQL binaries the project
 * installs (embedded-postgres ships no pg_basebackup): the replica's data directory is a
 * low-level base backup of the primary (pg_backup_start, a copy, pg_backup_stop and its
 * backup_label), started as a hot standby that streams from the primary. docs/scaling.md says
 * how to do the same by hand.
 */
export interface ReplicatedPair {
  readonly primaryUrl: string;
  readonly replicaUrl: string;
  /** Resolves once the replica has replayed everything the primary had written when called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
}

export async function startReplicatedPair(): Promise<ReplicatedPair> {
  const root = await mkdtemp(join(tmpdir(), 'atlas-replica-'));
  await chmod(root, 0o755); // the clusters run as the postgres user under root
  const primaryDir = join(root, 'primary');
  const replicaDir = join(root, 'replica');
  const primary = await startEmbeddedPostgres({ dataDir: primaryDir });
  let replica: ChildProcess | null = null;
  let replicaUrl = '';
  try {
    const clusterDir = join(replicaDir, 'pg');
    await mkdir(replicaDir, { recursive: true });
    await baseBackup(primary.url, join(primaryDir, 'pg'), clusterDir);
    const { user, password } = JSON.parse(
      await readFile(join(primaryDir, 'pg-credentials.json'), 'utf8'),
    ) as { user: string; password: string };
    await writeFile(join(clusterDir, 'standby.signal'), '');
    await appendFile(
      join(clusterDir, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${new URL(primary.url).port} user=${user} password=${password} application_name=atlas-replica'\n`,
    );
    const port = await findFreePort();
    replica = await startStandby(clusterDir, port);
    const url = new URL(primary.url);
    url.port = String(port);
    replicaUrl = url.toString();
  } catch (error) {
    await stopProcess(replica);
    await primary.stop();
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  const onReplica = (sql: string) => withClient(replicaUrl, (client) => client.query(sql));
  return {
    primaryUrl: primary.url,
    replicaUrl,
    async caughtUp(timeoutMs = 30_000) {
      const target = await withClient(primary.url, (client) =>
        client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn'),
      );
      const lsn = target.rows[0]?.lsn;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const done = await withClient(replicaUrl, (client) =>
          client.query<{ done: boolean }>(
            'SELECT pg_is_in_recovery() AND pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
            [lsn],
          ),
        );
        if (done.rows[0]?.done) return;
        if (Date.now() > deadline) throw new Error(`the replica did not reach ${lsn}`);
        await sleep(50);
      }
    },
    pauseReplay: () => onReplica('SELECT pg_wal_replay_pause()').then(() => undefined),
    resumeReplay: () => onReplica('SELECT pg_wal_replay_resume()').then(() => undefined),
    async stop() {
      await stopProcess(replica);
      await primary.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * The low-level base backup: the backup starts (a checkpoint), the running cluster's directory
 * is copied with its owners (not the lock file nor the WAL, which the replica streams), and the
 * label pg_backup_stop returns is written where the replica looks for it.
 */
async function baseBackup(primaryUrl: string, from: string, to: string): Promise<void> {
  const client = new Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    await client.query(`SELECT pg_backup_start('atlas-replica', true)`);
    const copy = spawnSync('cp', ['-a', from, to], { encoding: 'utf8' });
    if (copy.status !== 0) throw new Error(`copying the data directory failed: ${copy.stderr}`);
    for (const file of ['postmaster.pid', 'postmaster.opts'])
      await rm(join(to, file), { force: true });
    // The WAL is streamed from the primary; the replica starts with an empty pg_wal, owned as the rest.
    const owner = await stat(from);
    await rm(join(to, 'pg_wal'), { recursive: true, force: true });
    await mkdir(join(to, 'pg_wal', 'archive_status'), { recursive: true });
    for (const dir of [join(to, 'pg_wal'), join(to, 'pg_wal', 'archive_status')])
      await chown(dir, owner.uid, owner.gid);
    const stop = await client.query<{ labelfile: string }>(
      'SELECT labelfile FROM pg_backup_stop(true)',
    );
    await writeFile(join(to, 'backup_label'), stop.rows[0]?.labelfile ?? '');
    await chown(join(to, 'backup_label'), owner.uid, owner.gid);
  } finally {
    await client.end();
  }
}

/** The standby's postgres, as the postgres user when run as root (as embedded-postgres does). */
async function startStandby(clusterDir: string, port: number): Promise<ChildProcess> {
  const ids = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const asPostgres = process.getuid?.() === 0 ? { uid: ids('-u'), gid: ids('-g') } : {};
  const child = spawn(
    await postgresBinary(),
    [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ],
    { ...asPostgres, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept read-only connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the standby exited (${code}):\n${log}`)));
  });
  child.stderr?.resume();
  return child;
}

async function stopProcess(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT'); // fast shutdown
  });
}
