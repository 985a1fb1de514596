import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { cookieValue } from '../common/http/cookies';

/*
 * Reads on streaming replicas (DATABASE_READ_URL); writes, and the reads of a client that has
 * just written, on the primary. A replica is behind by its replication delay (usually under a
 * second): a request that writes (anything but GET, HEAD, OPTIONS) gets a cookie that keeps the
 * client's reads on the primary for READ_YOUR_WRITES_MS, so a clerk sees the report just
 * submitted and an official the notice just sent. The cookie travels with the browser, so this
 * holds whichever API replica answers next. Outside a request (jobs, start-up) every read goes
 * to the primary.
 */

export const READ_PRIMARY_COOKIE = 'atlas_read_primary';
export const READ_YOUR_WRITES_MS = 5_000;

const routing = new AsyncLocalStorage<{ readonly replica: boolean }>();

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Express middleware: decides, per request, whether its reads may go to a replica. Installed
 * only when DATABASE_READ_URL names replicas: without them every read is on the primary anyway.
 */
export function readRouting(req: Request, res: Response, next: NextFunction): void {
  const now = Date.now();
  const writes = !READ_METHODS.has(req.method);
  if (writes)
    res.append(
      'Set-Cookie',
      [
        `${READ_PRIMARY_COOKIE}=${now + READ_YOUR_WRITES_MS}`,
        'Path=/api',
        `Max-Age=${READ_YOUR_WRITES_MS / 1000}`,
        'HttpOnly',
        'SameSite=Strict',
        ...(req.secure ? ['Secure'] : []),
      ].join('; '),
    );
  const primaryUntil = Number(cookieValue(req.headers.cookie, READ_PRIMARY_COOKIE) ?? 0);
  routing.run({ replica: !writes && !(primaryUntil > now) }, next);
}

/** Whether reads of the current request go to a replica (false without replicas). */
function readsFromReplica(dataSource: DataSource): boolean {
  return dataSource.driver.isReplicated && routing.getStore()?.replica === true;
}

/**
 * A read-only query: on a replica when DATABASE_READ_URL names one and the request has not just
 * written, else on the primary. Only for SELECTs whose answer may be a second old.
 */
export async function readQuery<T>(
  dataSource: DataSource,
  sql: string,
  parameters?: unknown[],
): Promise<T> {
  if (!readsFromReplica(dataSource)) return dataSource.query<T>(sql, parameters);
  const runner = dataSource.createQueryRunner('slave');
  try {
    return await runner.query(sql, parameters);
  } finally {
    await runner.release();
  }
}
