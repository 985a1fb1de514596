import { vi } from 'vitest';
import type { UserDto } from '../api/auth';

type Handler = (request: { url: URL; init: RequestInit; body: unknown }) => {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
};
type Reply = ReturnType<Handler> | Handler;

/**
 * A fetch stand-in that answers by route (`'GET /api/auth/me'`), so a test states what the API
 * says; unknown routes answer 404 in the API's error shape. `calls` records every request.
 */
export function stubApi(routes: Record<string, Reply>) {
  const calls: { method: string; path: string; url: URL; init: RequestInit; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const body =
      typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : (init.body ?? undefined);
    calls.push({ method, path: url.pathname, url, init, body });
    const route = routes[`${method} ${url.pathname}`];
    const reply =
      typeof route === 'function'
        ? route({ url, init, body })
        : (route ?? {
            status: 404,
            body: { statusCode: 404, code: 'NOT_FOUND', message: '请求的资源不存在' },
          });
    const status = reply.status ?? 200;
    const headers = { 'Content-Type': 'application/json', ...reply.headers };
    const text =
      reply.body === undefined
        ? null
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body);
    return new Response(status === 204 ? null : text, { status, headers });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, calls };
}

export const HEALTHY = { body: { status: 'ok', db: 'up', version: '0.1.0' } };

export function demoUser(overrides: Partial<UserDto> = {}): UserDto {
  return {
    id: '1df76866-6353-4872-9d2d-6878eb57b3fe',
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    agencyId: null,
    scopeAgencyIds: [],
    disabled: false,
    lastLoginAt: null,
    mustChangePassword: false,
    ...overrides,
  };
}

/** A signed-in browser: stores `token` and returns the route that accepts it for `user`. */
export function signedIn(user: UserDto, token = 'test-token') {
  localStorage.setItem('atlas:token', token);
  return {
    'GET /api/auth/me': (request: { init: RequestInit }) => {
      const header = (request.init.headers as Record<string, string> | undefined)?.Authorization;
      return header === `Bearer ${token}`
        ? { body: user }
        : {
            status: 401,
            body: { statusCode: 401, code: 'INVALID_TOKEN', message: '登录已失效，请重新登录' },
          };
    },
  } satisfies Record<string, Reply>;
}
