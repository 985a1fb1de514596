import { createHash } from 'node:crypto';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';

export type ThrottleRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Rows whose window and block are both over are deleted at most this often per process. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * @nestjs/throttler's storage in PostgreSQL (table auth_throttle), so that API replicas share
 * every count. Each hit is one INSERT … ON CONFLICT DO UPDATE: the row lock makes concurrent
 * hits on one key take turns, so no two requests read the same count (no read-then-write race).
 * Same semantics as the library's in-memory store: a fixed window of `ttl` from the first hit;
 * the hit that goes over `limit` blocks the key for `blockDuration`; once the block is over a
 * new window starts.
 */
export class PostgresThrottleStore implements ThrottlerStorage {
  private lastSweep = 0;

  constructor(private readonly dataSource: DataSource) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    _throttlerName?: string,
  ): Promise<ThrottleRecord> {
    this.sweepNowAndThen();
    const [row] = await this.dataSource.query<
      { hits: number; expires_in: number; blocked_for: number | null }[]
    >(
      `INSERT INTO auth_throttle AS t (key, hits, expires_at, blocked_until)
       VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000),
               CASE WHEN 1 > $3::int AND $4::float8 > 0 THEN now() + make_interval(secs => $4::float8 / 1000) END)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN t.blocked_until > now() THEN t.hits
                     WHEN t.expires_at <= now() OR t.blocked_until IS NOT NULL THEN 1
                     ELSE t.hits + 1 END,
         expires_at = CASE WHEN t.blocked_until > now() THEN t.expires_at
                           WHEN t.expires_at <= now() OR t.blocked_until IS NOT NULL THEN excluded.expires_at
                           ELSE t.expires_at END,
         blocked_until = CASE WHEN t.blocked_until > now() THEN t.blocked_until
                              WHEN $4::float8 > 0 AND (CASE WHEN t.expires_at <= now() OR t.blocked_until IS NOT NULL
                                                            THEN 1 ELSE t.hits + 1 END) > $3::int
                                THEN now() + make_interval(secs => $4::float8 / 1000)
                              ELSE NULL END
       RETURNING hits,
                 ceil(extract(epoch FROM t.expires_at - now()))::int AS expires_in,
                 ceil(extract(epoch FROM t.blocked_until - now()))::int AS blocked_for`,
      [hashedKey(key), ttl, limit, blockDuration],
    );
    const blockedFor = row?.blocked_for ?? 0;
    return {
      totalHits: row?.hits ?? 1,
      timeToExpire: row?.expires_in ?? Math.ceil(ttl / 1000),
      isBlocked: blockedFor > 0,
      timeToBlockExpire: Math.max(0, blockedFor),
    };
  }

  /** Blocks the key for `ms` from now (a lock decided after the hit, e.g. the fifth wrong password). */
  async block(key: string, ms: number): Promise<Date> {
    const [row] = await this.dataSource.query<{ blocked_until: Date }[]>(
      `INSERT INTO auth_throttle AS t (key, hits, expires_at, blocked_until)
       VALUES ($1, 0, now() + make_interval(secs => $2::float8 / 1000), now() + make_interval(secs => $2::float8 / 1000))
       ON CONFLICT (key) DO UPDATE SET blocked_until = excluded.blocked_until,
                                       expires_at = greatest(t.expires_at, excluded.expires_at)
       RETURNING blocked_until`,
      [hashedKey(key), ms],
    );
    return row?.blocked_until ?? new Date(Date.now() + ms);
  }

  /** Seconds the key stays blocked, 0 when it is not (a look that counts nothing). */
  async blockedFor(key: string): Promise<number> {
    const [row] = await this.dataSource.query<{ blocked_for: number }[]>(
      `SELECT ceil(extract(epoch FROM blocked_until - now()))::int AS blocked_for
       FROM auth_throttle WHERE key = $1 AND blocked_until > now()`,
      [hashedKey(key)],
    );
    return row?.blocked_for ?? 0;
  }

  /** Forgets the key's count and block (a correct password ends the run of failures). */
  async clear(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM auth_throttle WHERE key = $1', [hashedKey(key)]);
  }

  private sweepNowAndThen(): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    // Not awaited: a failed sweep is retried at the next interval and never fails a request.
    this.dataSource
      .query(
        `DELETE FROM auth_throttle
         WHERE expires_at < now() AND (blocked_until IS NULL OR blocked_until < now())`,
      )
      .catch(() => undefined);
  }
}

/** Keys name accounts and addresses; the table keeps only their hashes. */
function hashedKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
