import { ElMessage } from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { http } from '../api/request';
import { i18n } from '../locales';
import { useAuthStore } from '../stores/auth';
import { demoUser, signedIn, stubApi } from '../test/api-stub';
import { safeRedirect } from './guard';
import { createAppRouter } from './index';

const UPLOADER = demoUser({
  username: 'ziranziyuan',
  displayName: '青山县自然资源局（填报）',
  role: 'uploader',
  agencyId: '92cb4c99-2752-487d-b234-433d9f8cb386',
});

describe('sign-in guard', () => {
  let warn: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    i18n.global.locale.value = 'zh-CN';
    warn = vi.spyOn(ElMessage, 'warning').mockImplementation(() => ({ close: vi.fn() }));
    vi.spyOn(ElMessage, 'error').mockImplementation(() => ({ close: vi.fn() }));
  });

  it('sends a visitor without a session to the sign-in page, remembering the address', async () => {
    const { calls } = stubApi({});
    const router = createAppRouter(createMemoryHistory());

    await router.push('/trends?year=2023');

    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/trends?year=2023');
    expect(calls).toEqual([]);
  });

  it('does not add a redirect for the start page', async () => {
    stubApi({});
    const router = createAppRouter(createMemoryHistory());
    await router.push('/');
    expect(router.currentRoute.value.fullPath).toBe('/login');
  });

  it('drops a stored token the API no longer accepts and asks to sign in', async () => {
    stubApi(signedIn(demoUser(), 'the-current-token'));
    localStorage.setItem('atlas:token', 'expired');
    const router = createAppRouter(createMemoryHistory());

    await router.push('/reports');

    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/reports');
    expect(localStorage.getItem('atlas:token')).toBeNull();
  });

  it('opens the page for a signed-in user whose role may see it', async () => {
    stubApi(signedIn(demoUser()));
    const router = createAppRouter(createMemoryHistory());
    await router.push('/admin');
    expect(router.currentRoute.value.name).toBe('admin');
    expect(useAuthStore().user?.username).toBe('admin');
  });

  it('turns a role away from a page it may not open, to its first area, saying why', async () => {
    stubApi(signedIn(UPLOADER));
    const router = createAppRouter(createMemoryHistory());

    await router.push('/admin');

    expect(router.currentRoute.value.path).toBe('/todo');
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ message: '您没有权限访问“管理”，已为您打开可访问的页面' }),
    );
  });

  it('keeps a role out of sub-pages of areas it may not open', async () => {
    stubApi(signedIn(demoUser({ role: 'oversight', scopeAgencyIds: ['x'] })));
    const router = createAppRouter(createMemoryHistory());
    await router.push('/upload/bulk');
    expect(router.currentRoute.value.path).toBe('/overview');
  });

  it('leads a signed-in user away from the sign-in page to where they were going', async () => {
    stubApi(signedIn(demoUser()));
    const router = createAppRouter(createMemoryHistory());
    await router.push('/login?redirect=/compare');
    expect(router.currentRoute.value.path).toBe('/compare');
  });

  it('ends the session and returns to sign-in when the API answers 401 later', async () => {
    stubApi({
      ...signedIn(demoUser()),
      'GET /api/reports': {
        status: 401,
        body: { statusCode: 401, code: 'INVALID_TOKEN', message: '登录已失效，请重新登录' },
      },
    });
    const router = createAppRouter(createMemoryHistory());
    await router.push('/reports?page=2');

    await expect(http.get('/reports')).rejects.toMatchObject({ statusCode: 401 });
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));

    expect(router.currentRoute.value.query.redirect).toBe('/reports?page=2');
    expect(useAuthStore().token).toBeNull();
    expect(localStorage.getItem('atlas:token')).toBeNull();
  });
});

describe('first steps', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('sends a user whose password an admin chose to set their own, wherever they were going', async () => {
    stubApi(signedIn(demoUser({ role: 'oversight', scopeAgencyIds: ['x'], mustChangePassword: true })));
    const router = createAppRouter(createMemoryHistory());
    await router.push('/compare?year=2024');
    expect(router.currentRoute.value.name).toBe('password');
    expect(router.currentRoute.value.query.redirect).toBe('/compare?year=2024');
  });

  it('starts a clerk on the agency to-do and an official on the overview', async () => {
    stubApi(signedIn(UPLOADER));
    const clerk = createAppRouter(createMemoryHistory());
    await clerk.push('/');
    expect(clerk.currentRoute.value.path).toBe('/todo');

    setActivePinia(createPinia());
    stubApi(signedIn(demoUser({ role: 'oversight', scopeAgencyIds: ['x'] })));
    const official = createAppRouter(createMemoryHistory());
    await official.push('/');
    expect(official.currentRoute.value.path).toBe('/overview');
  });
});

describe('safeRedirect', () => {
  it('accepts paths of this app only', () => {
    expect(safeRedirect('/trends?year=2023')).toBe('/trends?year=2023');
    expect(safeRedirect(['/admin', '/x'])).toBe('/admin');
    expect(safeRedirect('//evil.example/x')).toBeNull();
    expect(safeRedirect('https://evil.example')).toBeNull();
    expect(safeRedirect('/login?redirect=/x')).toBeNull();
    expect(safeRedirect(undefined)).toBeNull();
    expect(safeRedirect(null)).toBeNull();
  });
});
