import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../locales';
import { demoUser, HEALTHY, signedIn, stubApi } from '../test/api-stub';
import { mountApp } from '../test/mount-app';

// The layout is under test, not the pages: each area is a stand-in with just its header, so
// these tests neither wait for the analytics pages (ECharts) nor break when a page changes.
vi.mock('../views/overview/OverviewView.vue', () => import('../test/page-stub'));
vi.mock('../views/trends/TrendsView.vue', () => import('../test/page-stub'));
vi.mock('../views/compare/CompareView.vue', () => import('../test/page-stub'));
vi.mock('../views/yoy/YoyView.vue', () => import('../test/page-stub'));
vi.mock('../views/quality/QualityView.vue', () => import('../test/page-stub'));
vi.mock('../views/reports/ReportsView.vue', () => import('../test/page-stub'));
vi.mock('../views/upload/UploadView.vue', () => import('../test/page-stub'));
vi.mock('../views/admin/AdminView.vue', () => import('../test/page-stub'));

const CHINESE_MENU = ['总览', '趋势', '对比', '同比', '合规与数据质量', '报告', '上传', '管理'];
const ENGLISH_MENU = [
  'Overview',
  'Trends',
  'Compare',
  'Year over Year',
  'Compliance & Quality',
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

  it('renders the eight areas in Chinese for an admin and opens on the overview', async () => {
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

    expect(menuTexts(wrapper)).toEqual(['总览', '合规与数据质量', '报告', '上传']);
    expect(wrapper.find('[data-testid="user-role"]').text()).toBe('填报用户');
  });

  it('shows oversight users the analytics but neither upload nor administration', async () => {
    stubApi({
      'GET /api/health': HEALTHY,
      ...signedIn(demoUser({ username: 'oversight', role: 'oversight', scopeAgencyIds: ['x'] })),
    });
    ({ wrapper } = await mountApp('/'));

    expect(menuTexts(wrapper)).toEqual(['总览', '趋势', '对比', '同比', '合规与数据质量', '报告']);
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
});
