import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { http } from '../api/request';
import { demoUser, signedIn, stubApi } from '../test/api-stub';
import { useAuthStore } from './auth';

const LOGIN_OK = {
  body: { accessToken: 'new-token', expiresIn: 43200, user: demoUser() },
};

describe('auth store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('signs in, keeps the token in localStorage and sends it as a bearer token', async () => {
    const { calls } = stubApi({ 'POST /api/auth/login': LOGIN_OK, 'GET /api/users': { body: [] } });
    const auth = useAuthStore();

    const user = await auth.login('admin', 'atlas-demo');

    expect(user.username).toBe('admin');
    expect(auth.isAuthenticated).toBe(true);
    expect(auth.role).toBe('admin');
    expect(localStorage.getItem('atlas:token')).toBe('new-token');
    expect(calls[0]?.body).toEqual({ username: 'admin', password: 'atlas-demo' });

    await http.get('/users');
    expect((calls[1]?.init.headers as Record<string, string>).Authorization).toBe(
      'Bearer new-token',
    );
  });

  it('reports a refused sign-in with the API reason and stays signed out', async () => {
    stubApi({
      'POST /api/auth/login': {
        status: 401,
        body: { statusCode: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' },
      },
    });
    const auth = useAuthStore();

    await expect(auth.login('admin', 'wrong')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: '用户名或密码错误',
    });
    expect(auth.token).toBeNull();
    expect(localStorage.getItem('atlas:token')).toBeNull();
  });

  it('loads the user of a stored token once, however many ask at the same time', async () => {
    const { calls } = stubApi(signedIn(demoUser({ displayName: '张三' })));
    const auth = useAuthStore();

    const [first, second] = await Promise.all([auth.ensureUser(), auth.ensureUser()]);

    expect(first?.displayName).toBe('张三');
    expect(second).toBe(first);
    expect(calls.filter((call) => call.path === '/api/auth/me')).toHaveLength(1);
    await auth.ensureUser();
    expect(calls.filter((call) => call.path === '/api/auth/me')).toHaveLength(1);
  });

  it('drops a stored token that the API refuses', async () => {
    stubApi(signedIn(demoUser(), 'fresh'));
    localStorage.setItem('atlas:token', 'stale');
    const auth = useAuthStore();

    expect(await auth.ensureUser()).toBeNull();
    expect(auth.token).toBeNull();
    expect(localStorage.getItem('atlas:token')).toBeNull();
  });

  it('keeps the token when the API cannot be reached, for a later try', async () => {
    localStorage.setItem('atlas:token', 'kept');
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const auth = useAuthStore();

    await expect(auth.ensureUser()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(auth.token).toBe('kept');
  });

  it('signs out on the API and here, even when the API call fails', async () => {
    const { calls } = stubApi({
      ...signedIn(demoUser()),
      'POST /api/auth/logout': { status: 500, body: { statusCode: 500, code: 'X', message: 'x' } },
    });
    const auth = useAuthStore();
    await auth.ensureUser();

    await auth.logout();

    expect(calls.map((call) => `${call.method} ${call.path}`)).toContain('POST /api/auth/logout');
    expect(auth.token).toBeNull();
    expect(auth.user).toBeNull();
    expect(localStorage.getItem('atlas:token')).toBeNull();
  });

  it('continues with the new token after a password change', async () => {
    const { calls } = stubApi({
      ...signedIn(demoUser()),
      'POST /api/auth/password': LOGIN_OK,
    });
    const auth = useAuthStore();
    await auth.ensureUser();

    await auth.changePassword('atlas-demo', 'a-new-password');

    expect(calls.at(-1)?.body).toEqual({
      currentPassword: 'atlas-demo',
      newPassword: 'a-new-password',
    });
    expect(auth.token).toBe('new-token');
    expect(localStorage.getItem('atlas:token')).toBe('new-token');
  });

  it('checks roles', async () => {
    stubApi(signedIn(demoUser({ role: 'oversight' })));
    const auth = useAuthStore();
    expect(auth.hasRole(['admin', 'oversight'])).toBe(false);
    await auth.ensureUser();
    expect(auth.hasRole(['admin', 'oversight'])).toBe(true);
    expect(auth.hasRole(['admin'])).toBe(false);
    expect(auth.hasRole(undefined)).toBe(true);
  });
});
