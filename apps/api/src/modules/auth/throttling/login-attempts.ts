import { HttpException, HttpStatus } from '@nestjs/common';
import type { KnownDevice } from './device-cookie';
import type { PostgresThrottleStore } from './throttle-store';

/** Five wrong passwords within a quarter of an hour lock the account for a quarter of an hour. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
const LOCKOUT_MS = LOCKOUT_MINUTES * 60_000;
/**
 * Wrong passwords from one client address (to any accounts, existing or not) before it must
 * wait a quarter of an hour: a spray of a few guesses per account is cut short, while the
 * occasional typo of many people behind one NAT address stays far below it.
 */
export const MAX_FAILED_LOGINS_PER_CLIENT = 50;

/** Whose attempts a login spends: the account name's, or those of a browser that signed in before. */
export type AttemptCounter =
  | { readonly kind: 'account'; readonly key: string }
  | { readonly kind: 'device'; readonly key: string };

export type Claim =
  | { readonly granted: true; readonly counter: AttemptCounter; readonly attempt: number }
  | { readonly granted: false; readonly retryAfterSeconds: number };

/**
 * The same answer for a locked account and for a name that does not exist but has been guessed
 * as often: the status, code, message and Retry-After say nothing about whether it exists.
 */
export class AccountLockedException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      {
        code: 'ACCOUNT_LOCKED',
        message: `登录失败次数过多，账号已临时锁定，请 ${minutes} 分钟后再试`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  /** Whole minutes, as the message says, so both kinds of lock send the same header. */
  get retryAfterHeader(): string {
    return String(Math.max(1, Math.ceil(this.retryAfterSeconds / 60)) * 60);
  }
}

/** Too many wrong passwords from this address: says nothing about any account. */
export class ClientLoginsLimitedException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        code: 'RATE_LIMITED',
        message: `此地址登录失败次数过多，请 ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} 分钟后再试`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  get retryAfterHeader(): string {
    return String(Math.max(1, this.retryAfterSeconds));
  }
}

/**
 * Counts login attempts per account name (existing or not) and per known device, in the shared
 * auth_throttle table. An attempt is claimed before the password is checked, by one atomic
 * statement, so that 50 parallel guesses get at most MAX_FAILED_LOGINS checks; the claim that
 * finds the attempts used up is refused without checking anything.
 */
export class LoginAttempts {
  constructor(private readonly store: PostgresThrottleStore) {}

  /**
   * A known device spends its own attempts (an attacker elsewhere cannot use them up); once it
   * has none left it is treated as an unknown client and spends the account's.
   */
  async claim(username: string, device: KnownDevice | null): Promise<Claim> {
    if (device) {
      const counter: AttemptCounter = {
        kind: 'device',
        key: `login:device:${device.userId}:${device.deviceId}`,
      };
      const claim = await this.claimOn(counter);
      if (claim.granted) return claim;
    }
    return this.claimOn({ kind: 'account', key: `login:account:${username.toLowerCase()}` });
  }

  /** After a wrong password: the time the counter is locked until, when this was the last attempt. */
  async failed(claim: Extract<Claim, { granted: true }>): Promise<Date | null> {
    if (claim.attempt < MAX_FAILED_LOGINS) return null;
    return this.store.block(claim.counter.key, LOCKOUT_MS);
  }

  /** A correct password ends the run of failures it was counted in. */
  async succeeded(claim: Extract<Claim, { granted: true }>): Promise<void> {
    await this.store.clear(claim.counter.key);
  }

  /** Seconds the client address must wait after too many wrong passwords, 0 when it need not. */
  clientWait(address: string | null): Promise<number> {
    return this.store.blockedFor(clientKey(address));
  }

  /** A wrong password from an unknown client also counts against its address. */
  async clientFailed(address: string | null): Promise<void> {
    await this.store.increment(
      clientKey(address),
      LOCKOUT_MS,
      MAX_FAILED_LOGINS_PER_CLIENT - 1,
      LOCKOUT_MS,
    );
  }

  private async claimOn(counter: AttemptCounter): Promise<Claim> {
    const record = await this.store.increment(
      counter.key,
      LOCKOUT_MS,
      MAX_FAILED_LOGINS,
      LOCKOUT_MS,
    );
    return record.isBlocked
      ? { granted: false, retryAfterSeconds: record.timeToBlockExpire }
      : { granted: true, counter, attempt: record.totalHits };
  }
}

function clientKey(address: string | null): string {
  return `login:client-failures:${address ?? 'unknown'}`;
}
