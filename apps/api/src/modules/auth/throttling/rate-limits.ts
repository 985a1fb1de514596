import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions, ThrottlerOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../../../common/auth/auth.decorators';
import { rateLimitGroupOf, throttlerGroup } from '../../../common/http/rate-limit';
import type { DeviceCookies } from './device-cookie';
import type { PostgresThrottleStore } from './throttle-store';

const MINUTE = 60_000;

/**
 * Sign-in requests a minute (ATLAS_LOGIN_PER_CLIENT_PER_MINUTE, ATLAS_LOGIN_OVERALL_PER_MINUTE).
 * From one client address, right or wrong (default 120): a flood (40 a second) waits 5 minutes,
 * while many people behind one NAT address signing in at nine stay below it; wrong passwords
 * per address have a tighter limit of their own (LoginAttempts). Overall (default 600): about
 * what two cores can verify (argon2id); beyond it a flood from many addresses waits instead of
 * starving the API. Browsers that signed in to the account before are not counted, so a flood
 * cannot keep known users out.
 */
export interface LoginLimits {
  readonly perClientPerMinute: number;
  readonly overallPerMinute: number;
  /** ATLAS_UPLOADS_PER_ACCOUNT_PER_MINUTE, ATLAS_IMPORTS_PER_ACCOUNT_PER_MINUTE (see below). */
  readonly uploadsPerAccountPerMinute: number;
  readonly importsPerAccountPerMinute: number;
}
/** Report uploads and previews per account, by default (each is parsed). */
export const UPLOADS_PER_ACCOUNT = { limit: 60, ttl: MINUTE, blockDuration: MINUTE } as const;
/** Bulk import uploads (create, preview, confirm) per account, by default: each up to 100 MB. */
export const IMPORTS_PER_ACCOUNT = { limit: 20, ttl: MINUTE, blockDuration: MINUTE } as const;

/** The throttlers of every rate-limited route, counted in PostgreSQL (shared by replicas). */
export function rateLimitOptions(
  store: PostgresThrottleStore,
  devices: DeviceCookies,
  login: LoginLimits,
): ThrottlerModuleOptions {
  const throttlers: ThrottlerOptions[] = [
    {
      name: 'login:client',
      limit: login.perClientPerMinute,
      ttl: MINUTE,
      blockDuration: 5 * MINUTE,
      getTracker: clientAddress,
    },
    {
      name: 'login:all',
      limit: login.overallPerMinute,
      ttl: MINUTE,
      blockDuration: MINUTE,
      getTracker: () => 'all',
      skipIf: (context) => devices.read(requestOf(context).headers.cookie) !== null,
    },
    {
      name: 'upload:account',
      ...UPLOADS_PER_ACCOUNT,
      limit: login.uploadsPerAccountPerMinute,
      getTracker: accountOrAddress,
    },
    {
      name: 'import:account',
      ...IMPORTS_PER_ACCOUNT,
      limit: login.importsPerAccountPerMinute,
      getTracker: accountOrAddress,
    },
  ];
  return {
    storage: store,
    setHeaders: false,
    // One count per throttler and tracker, shared by all routes of the group.
    generateKey: (_context, tracker, name) => `throttle:${name}:${tracker}`,
    throttlers: throttlers.map((throttler) => ({
      ...throttler,
      skipIf: (context: ExecutionContext) =>
        rateLimitGroupOf(context) !== throttlerGroup(throttler.name ?? '') ||
        (throttler.skipIf?.(context) ?? false),
    })),
  };
}

function requestOf(context: ExecutionContext): Request {
  return context.switchToHttp().getRequest<Request>();
}

/** The caller's address (behind a reverse proxy, Express's `trust proxy` decides which one). */
function clientAddress(request: Record<string, unknown>): string {
  const { ip, socket } = request as unknown as Request;
  return ip ?? socket.remoteAddress ?? 'unknown';
}

/** Limited routes are behind the auth guard, which has set the user. */
function accountOrAddress(request: Record<string, unknown>): string {
  const user = (request as unknown as AuthenticatedRequest).user;
  return user ? `user:${user.id}` : `address:${clientAddress(request)}`;
}
