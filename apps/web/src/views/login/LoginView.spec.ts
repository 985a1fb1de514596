import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElMessage } from 'element-plus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../locales';
import { demoUser, HEALTHY, stubApi } from '../../test/api-stub';
import { mountApp } from '../../test/mount-app';

// Signing in is under test, not the pages: each area is a stand-in with just its header, so
// these tests neither wait for the analytics pages (ECharts) nor break when a page changes.
vi.mock('../../views/overview/OverviewView.vue', () => import('../../test/page-stub'));
vi.mock('../../views/trends/TrendsView.vue', () => import('../../test/page-stub'));
vi.mock('../../views/compare/CompareView.vue', () => import('../../test/page-stub'));
vi.mock('../../views/yoy/YoyView.vue', () => import('../../test/page-stub'));
vi.mock('../../views/quality/QualityView.vue', () => import('../../test/page-stub'));
vi.mock('../../views/reports/ReportsView.vue', () => import('../../test/page-stub'));
vi.mock('../../views/upload/UploadView.vue', () => import('../../test/page-stub'));
vi.mock('../../views/admin/AdminView.vue', () => import('../../test/page-stub'));

async function fillAndSubmit(wrapper: VueWrapper, username: string, password: string) {
  await wrapper.find('input[data-testid="login-username"]').setValue(username);
  await wrapper.find('input[data-testid="login-password"]').setValue(password);
  await wrapper.find('form').trigger('submit');
  await flushPromises();
  await vi.waitFor(() => undefined);
  await flushPromises();
}

describe('LoginView', () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    localStorage.clear();
    i18n.global.locale.value = 'zh-CN';
    vi.spyOn(ElMessage, 'warning').mockImplementation(() => ({ close: vi.fn() }));
  });

  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
  });

  it('is a Chinese sign-in page outside the layout, with the language switch', async () => {
    stubApi({});
    ({ wrapper } = await mountApp('/trends'));

    expect(wrapper.find('[data-testid="login-page"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="app-layout"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('账号登录');
    expect(wrapper.find('[data-testid="locale-switch"]').exists()).toBe(true);
    expect(document.title).toBe('登录 - 政务公开年报汇聚分析平台');
  });

  it('shows why a sign-in was refused, in the API words', async () => {
    stubApi({
      'POST /api/auth/login': {
        status: 429,
        body: {
          statusCode: 429,
          code: 'ACCOUNT_LOCKED',
          message: '登录失败次数过多，账号已临时锁定，请 15 分钟后再试',
        },
      },
    });
    ({ wrapper } = await mountApp('/login'));

    await fillAndSubmit(wrapper, 'admin', 'wrong-password');

    expect(wrapper.find('[data-testid="login-error"]').text()).toBe(
      '登录失败：登录失败次数过多，账号已临时锁定，请 15 分钟后再试',
    );
    expect(
      (wrapper.find('input[data-testid="login-password"]').element as HTMLInputElement).value,
    ).toBe('');
  });

  it('signs in and goes back to the page that asked for it', async () => {
    const { calls } = stubApi({
      'GET /api/health': HEALTHY,
      'POST /api/auth/login': {
        body: { accessToken: 'tok', expiresIn: 3600, user: demoUser({ role: 'oversight' }) },
      },
    });
    let router;
    ({ wrapper, router } = await mountApp('/trends?fromYear=2020'));
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/trends?fromYear=2020');

    await fillAndSubmit(wrapper, ' oversight ', 'atlas-demo');

    expect(calls.find((call) => call.path === '/api/auth/login')?.body).toEqual({
      username: 'oversight',
      password: 'atlas-demo',
    });
    await vi.waitFor(() =>
      expect(router.currentRoute.value.fullPath).toBe('/trends?fromYear=2020'),
    );
    expect(localStorage.getItem('atlas:token')).toBe('tok');
  });

  it('lands on the first area of the role when the requested page is not for it', async () => {
    stubApi({
      'GET /api/health': HEALTHY,
      'POST /api/auth/login': {
        body: {
          accessToken: 'tok',
          expiresIn: 3600,
          user: demoUser({ role: 'uploader', agencyId: 'a' }),
        },
      },
    });
    let router;
    ({ wrapper, router } = await mountApp('/admin'));

    await fillAndSubmit(wrapper, 'ziranziyuan', 'atlas-demo');

    // A clerk's first area is the agency's to-do.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/todo'));
  });
});
