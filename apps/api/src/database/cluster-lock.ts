import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

/**
 * Who holds an embedded cluster's data directory, read from its `postmaster.pid`, `/proc` and the
 * owner file the starting process writes beside the cluster:
 * - `free`: no lock file;
 * - `stale-lock`: a lock file whose pid is dead or is not a postgres of this directory (pids are
 *   reused after a reboot or a long uptime), which PostgreSQL itself may refuse to start over;
 * - `orphan`: a live postgres of this directory whose starter has died (an API killed with
 *   SIGKILL or by the OOM killer leaves its child postgres running, reparented);
 * - `owned`: a live postgres of this directory whose starter is still its parent: in use.
 */
export type ClusterHolder =
  | { readonly kind: 'free' }
  | { readonly kind: 'stale-lock'; readonly pid: number }
  | { readonly kind: 'orphan'; readonly pid: number; readonly port: number }
  | {
      readonly kind: 'owned';
      readonly pid: number;
      readonly port: number;
      readonly ownerPid: number;
    };

/** The owner file: which process started the cluster (the postmaster's parent while it lives). */
export function ownerFileOf(clusterDir: string): string {
  return `${clusterDir}.owner.json`;
}

interface PostmasterLock {
  readonly pid: number;
  readonly port: number;
}

/** `postmaster.pid`: line 1 the pid, line 4 the port (PostgreSQL's documented layout). */
function readLock(clusterDir: string): PostmasterLock | null {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  return {
    pid: Number.parseInt(lines[0] ?? '', 10),
    port: Number.parseInt(lines[3] ?? '', 10),
  };
}

/** The process's state letter from /proc (Z: a zombie, already dead), or null when it is gone. */
function processState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S ppid ..." — comm may hold spaces and parentheses; the state follows the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  try {
    const match = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number.parseInt(match[1] ?? '', 10) : null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (existsSync('/proc/self/stat')) {
    const state = processState(pid);
    return state !== null && state !== 'Z' && state !== 'X';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `pid` runs the `postgres` executable with `-D <clusterDir>` (null: cannot tell, no /proc). */
function isPostgresOf(pid: number, clusterDir: string): boolean | null {
  if (!existsSync('/proc/self/cmdline')) return null;
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const dataDir = argv[argv.indexOf('-D') + 1];
    return (
      basename(argv[0] ?? '') === 'postgres' &&
      dataDir !== undefined &&
      argv.includes('-D') &&
      resolve(dataDir) === resolve(clusterDir)
    );
  } catch {
    return false;
  }
}

function readOwnerPid(clusterDir: string): number | null {
  try {
    const owner = JSON.parse(readFileSync(ownerFileOf(clusterDir), 'utf8')) as { pid?: unknown };
    return typeof owner.pid === 'number' ? owner.pid : null;
  } catch {
    return null;
  }
}

export function inspectCluster(clusterDir: string): ClusterHolder {
  const lock = readLock(clusterDir);
  if (!lock) return { kind: 'free' };
  const { pid, port } = lock;
  if (!isAlive(pid)) return { kind: 'stale-lock', pid };
  const ours = isPostgresOf(pid, clusterDir);
  if (ours === false) return { kind: 'stale-lock', pid };
  const ownerPid = readOwnerPid(clusterDir);
  const parent = parentOf(pid);
  // Started before owners were recorded: only a postmaster adopted by init is surely orphaned.
  if (ownerPid === null && parent === 1 && ours) return { kind: 'orphan', pid, port };
  // Without /proc, or started by something other than this application: assume it is in use.
  if (ours === null || ownerPid === null || parent === null)
    return { kind: 'owned', pid, port, ownerPid: parent ?? -1 };
  // A dead starter's children are reparented (to init or a subreaper), so the parent is another pid.
  return parent === ownerPid && isAlive(ownerPid)
    ? { kind: 'owned', pid, port, ownerPid }
    : { kind: 'orphan', pid, port };
}

export async function recordOwner(clusterDir: string): Promise<void> {
  await writeFile(
    ownerFileOf(clusterDir),
    JSON.stringify({ pid: process.pid, since: new Date().toISOString() }) + '\n',
  );
}

export async function removeStaleLock(clusterDir: string): Promise<void> {
  await rm(join(clusterDir, 'postmaster.pid'), { force: true });
}

const SMART_SHUTDOWN_MS = 10_000;
const FAST_SHUTDOWN_MS = 20_000;

/**
 * Stops an orphaned postmaster the way PostgreSQL asks to be stopped: SIGTERM (smart shutdown:
 * its clients died with their API, so it ends at once, with a checkpoint), then SIGINT (fast
 * shutdown: rolls back what is open) if it lingers. Never SIGKILL: that would need crash recovery.
 */
export async function stopOrphan(pid: number, log: (line: string) => void): Promise<void> {
  const startedAt = Date.now();
  let fast = false;
  signal(pid, 'SIGTERM');
  while (isAlive(pid)) {
    const waited = Date.now() - startedAt;
    if (!fast && waited > SMART_SHUTDOWN_MS) {
      log(`postgres ${pid} still running after smart shutdown; asking for a fast shutdown`);
      signal(pid, 'SIGINT');
      fast = true;
    }
    if (waited > FAST_SHUTDOWN_MS) {
      throw new Error(
        `PostgreSQL 进程 ${pid} 在 ${FAST_SHUTDOWN_MS / 1000} 秒内未停止 / postgres ${pid} did not stop`,
      );
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
