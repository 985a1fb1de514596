import type { DetachedWindowAPI } from 'happy-dom';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../locales';
import { useAppStore } from '../stores/app';
import { demoUser, HEALTHY, signedIn, stubApi } from '../test/api-stub';
import { mountApp } from '../test/mount-app';

// The layout is under test, not the pages: each area is a stand-in with just its header, so
// these tests neither wait for the analytics pages (ECharts) nor break when a page changes.
vi.mock('../views/overview/OverviewView.vue', () => import('../test/page-stub'));
vi.mock('../views/trends/TrendsView.vue', () => import('../test/page-stub'));
vi.mock('../views/compare/CompareView.vue', () => import('../test/page-stub'));
vi.mock('../views/yoy/YoyView.vue', () => import('../test/page-stub'));
vi.mock('../views/breakdown/BreakdownView.vue', () => import('../test/page-stub'));
vi.mock('../views/quality/QualityView.vue', () => import('../test/page-stub'));
vi.mock('../views/alerts/AlertsView.vue', () => import('../test/page-stub'));
vi.mock('../views/rectification/RectificationsView.vue', () => import('../test/page-stub'));
vi.mock('../views/reports/ReportsView.vue', () => import('../test/page-stub'));
vi.mock('../views/upload/UploadView.vue', () => import('../test/page-stub'));
vi.mock('../views/admin/AdminView.vue', () => import('../test/page-stub'));
vi.mock('../views/todo/TodoView.vue', () => import('../test/page-stub'));

/** Resizes the test window through happy-dom's own API, so media queries answer as on that screen. */
function setViewport(width: number, height: number) {
  (window as unknown as { happyDOM: DetachedWindowAPI }).happyDOM.setViewport({ width, height });
}

const CHINESE_MENU = [
  '总览',
  '趋势',
  '对比',
  '同比',
  '申请与办理',
  '合规与数据质量',
  '预警',
  '整改台账',
  '报告',
  '上传',
  '管理',
];
const ENGLISH_MENU = [
  'Overview',
  'Trends',
  'Compare',
  'Year over Year',
  'Requests and outcomes',
  'Compliance & Quality',
  'Alerts',
  'Rectifications',
  'Reports',
  'Upload',
  'Administration',
];

function menuTexts(wrapper: VueWrapper) {
  return wrapper.findAll('[data-testid="nav-menu"] .el-menu-item').map((item) => item.text());
}

describe('AppLayout', () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    localStorage.clear();
    i18n.global.locale.value = 'zh-CN';
    stubApi({ 'GET /api/health': HEALTHY, ...signedIn(demoUser()) });
  });

  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
  });

  it('renders the nine areas in Chinese for an admin and opens on the overview', async () => {
    ({ wrapper } = await mountApp('/'));

    expect(wrapper.find('[data-testid="app-layout"]').exists()).toBe(true);
    expect(menuTexts(wrapper)).toEqual(CHINESE_MENU);
    expect(wrapper.find('[data-testid="app-header"]').text()).toContain('政务公开年报汇聚分析平台');
    expect(wrapper.find('[data-testid="page-title"]').text()).toBe('总览');
    expect(wrapper.find('[data-testid="breadcrumb"]').text()).toContain('总览');
    expect(wrapper.find('.el-menu-item.is-active').text()).toBe('总览');
    expect(document.title).toBe('总览 - 政务公开年报汇聚分析平台');
  });

  it('shows who is signed in, with the role, in the header', async () => {
    ({ wrapper } = await mountApp('/'));

    expect(wrapper.find('[data-testid="user-name"]').text()).toBe('系统管理员');
    expect(wrapper.find('[data-testid="user-role"]').text()).toBe('管理员');
  });

  it('shows an uploader only the areas of its role', async () => {
    stubApi({
      'GET /api/health': HEALTHY,
      ...signedIn(
        demoUser({
          username: 'ziranziyuan',
          displayName: '青山县自然资源局（填报）',
          role: 'uploader',
          agencyId: '92cb4c99-2752-487d-b234-433d9f8cb386',
        }),
      ),
    });
    ({ wrapper } = await mountApp('/'));

    expect(menuTexts(wrapper)).toEqual(['我的待办', '总览', '合规与数据质量', '报告', '上传']);
    expect(wrapper.find('[data-testid="user-role"]').text()).toBe('填报用户');
  });

  it('shows oversight users the analytics but neither upload nor administration', async () => {
    stubApi({
      'GET /api/health': HEALTHY,
      ...signedIn(demoUser({ username: 'oversight', role: 'oversight', scopeAgencyIds: ['x'] })),
    });
    ({ wrapper } = await mountApp('/'));

    expect(menuTexts(wrapper)).toEqual([
      '总览',
      '趋势',
      '对比',
      '同比',
      '申请与办理',
      '合规与数据质量',
      '预警',
      '整改台账',
      '报告',
    ]);
  });

  it('shows each page with its title in the page, the breadcrumb and the document', async () => {
    ({ wrapper } = await mountApp('/trends'));

    expect(wrapper.find('[data-testid="page-title"]').text()).toBe('趋势');
    expect(wrapper.find('[data-testid="breadcrumb"]').text()).toContain('趋势');
    expect(wrapper.find('.el-menu-item.is-active').text()).toBe('趋势');
    expect(document.title).toBe('趋势 - 政务公开年报汇聚分析平台');
  });

  it('shows the system status and version from /api/health', async () => {
    ({ wrapper } = await mountApp('/'));

    const status = wrapper.find('[data-testid="system-status"]');
    expect(status.text()).toBe('系统正常');
    expect(status.attributes('data-status')).toBe('ok');
    expect(wrapper.find('[data-testid="system-version"]').text()).toBe('v0.1.0');
  });

  it('switches the menu, titles, role and product name to English', async () => {
    ({ wrapper } = await mountApp('/trends'));

    const english = wrapper
      .findAll('[data-testid="locale-switch"] label')
      .find((option) => option.text() === 'English');
    await english?.find('input').setValue(true);
    await flushPromises();

    expect(menuTexts(wrapper)).toEqual(ENGLISH_MENU);
    expect(wrapper.find('[data-testid="page-title"]').text()).toBe('Trends');
    expect(wrapper.find('[data-testid="app-header"]').text()).toContain('Disclosure Atlas');
    expect(wrapper.find('[data-testid="user-role"]').text()).toBe('Administrator');
    expect(document.title).toBe('Trends - Disclosure Atlas');
    expect(localStorage.getItem('atlas:locale')).toBe('en');
  });

  it('shows a Chinese 404 page for unknown addresses', async () => {
    ({ wrapper } = await mountApp('/no/such/page'));

    expect(wrapper.find('[data-testid="page-title"]').text()).toBe('页面不存在');
    expect(wrapper.text()).toContain('返回总览');
  });

  describe('on a 390 px phone', () => {
    beforeEach(() => setViewport(390, 844));
    afterEach(() => setViewport(1024, 768));

    const drawerMenu = () =>
      document.querySelector('[data-testid="nav-drawer"] [data-testid="nav-menu"]');

    it('hides the navigation behind a menu button and keeps the user menu in the header', async () => {
      ({ wrapper } = await mountApp('/'));

      expect(wrapper.find('[data-testid="app-aside"]').exists()).toBe(false);
      expect(wrapper.find('[data-testid="breadcrumb"]').exists()).toBe(false);
      expect(drawerMenu()).toBeNull();
      expect(wrapper.find('[data-testid="nav-toggle"]').attributes('aria-expanded')).toBe('false');
      expect(wrapper.find('[data-testid="app-header"] [data-testid="user-menu"]').exists()).toBe(
        true,
      );
    });

    it('opens the areas in a drawer, and closes it once one is chosen', async () => {
      const mounted = await mountApp('/');
      wrapper = mounted.wrapper;

      await wrapper.find('[data-testid="nav-toggle"]').trigger('click');
      await flushPromises();
      const items = [...(drawerMenu()?.querySelectorAll('.el-menu-item') ?? [])];
      expect(items.map((item) => item.textContent?.trim())).toEqual(CHINESE_MENU);
      expect(
        document.querySelector('[data-testid="nav-drawer"] [data-testid="system-status"]'),
      ).not.toBeNull();

      (items[1] as HTMLElement).click();
      await flushPromises();
      expect(mounted.router.currentRoute.value.path).toBe('/trends');
      expect(wrapper.find('[data-testid="nav-toggle"]').attributes('aria-expanded')).toBe('false');
    });

    it('closes the drawer when the current area is chosen again', async () => {
      ({ wrapper } = await mountApp('/overview'));

      await wrapper.find('[data-testid="nav-toggle"]').trigger('click');
      await flushPromises();
      expect(wrapper.find('[data-testid="nav-toggle"]').attributes('aria-expanded')).toBe('true');
      (drawerMenu()?.querySelector('.el-menu-item') as HTMLElement).click();
      await flushPromises();
      expect(wrapper.find('[data-testid="nav-toggle"]').attributes('aria-expanded')).toBe('false');
    });

    it('goes back to the sidebar when the screen widens', async () => {
      ({ wrapper } = await mountApp('/'));

      // The store follows the media query (see its spec); here the layout follows the store.
      useAppStore().isPhone = false;
      await flushPromises();
      expect(wrapper.find('[data-testid="app-aside"] [data-testid="nav-menu"]').exists()).toBe(
        true,
      );
      expect(wrapper.find('[data-testid="nav-toggle"]').exists()).toBe(false);
    });
  });

  it('shows the sidebar and no menu button on a wide screen', async () => {
    ({ wrapper } = await mountApp('/'));

    expect(wrapper.find('[data-testid="app-aside"] [data-testid="nav-menu"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="nav-toggle"]').exists()).toBe(false);
  });
});
