import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mountApp } from '../test/mount-app';
import { stubFetchJson } from '../test/helpers';

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
    stubFetchJson({ status: 'ok', db: 'up', version: '0.1.0' });
  });

  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
  });

  it('renders the eight areas in Chinese and opens on the overview', async () => {
    ({ wrapper } = await mountApp('/'));

    expect(wrapper.find('[data-testid="app-layout"]').exists()).toBe(true);
    expect(menuTexts(wrapper)).toEqual(CHINESE_MENU);
    expect(wrapper.find('[data-testid="app-header"]').text()).toContain('政务公开年报汇聚分析平台');
    expect(wrapper.find('[data-testid="page-title"]').text()).toBe('总览');
    expect(wrapper.find('[data-testid="breadcrumb"]').text()).toContain('总览');
    expect(wrapper.find('.el-menu-item.is-active').text()).toBe('总览');
    expect(document.title).toBe('总览 - 政务公开年报汇聚分析平台');
  });

  it('shows each page with its title and what it will show', async () => {
    ({ wrapper } = await mountApp('/trends'));

    expect(wrapper.find('[data-testid="page-title"]').text()).toBe('趋势');
    expect(wrapper.find('[data-testid="page-placeholder"]').text()).toBe(
      '多年度主动公开、依申请公开办理结果、行政复议与诉讼、检查合格率等指标的趋势图',
    );
    expect(document.title).toBe('趋势 - 政务公开年报汇聚分析平台');
  });

  it('shows the system status and version from /api/health', async () => {
    ({ wrapper } = await mountApp('/'));

    const status = wrapper.find('[data-testid="system-status"]');
    expect(status.text()).toBe('系统正常');
    expect(status.attributes('data-status')).toBe('ok');
    expect(wrapper.find('[data-testid="system-version"]').text()).toBe('v0.1.0');
  });

  it('switches the menu, titles and product name to English', async () => {
    ({ wrapper } = await mountApp('/trends'));

    const english = wrapper
      .findAll('[data-testid="locale-switch"] label')
      .find((option) => option.text() === 'English');
    await english?.find('input').setValue(true);
    await flushPromises();

    expect(menuTexts(wrapper)).toEqual(ENGLISH_MENU);
    expect(wrapper.find('[data-testid="page-title"]').text()).toBe('Trends');
    expect(wrapper.find('[data-testid="app-header"]').text()).toContain('Disclosure Atlas');
    expect(document.title).toBe('Trends - Disclosure Atlas');
    expect(localStorage.getItem('atlas:locale')).toBe('en');
  });

  it('shows a Chinese 404 page for unknown addresses', async () => {
    ({ wrapper } = await mountApp('/no/such/page'));

    expect(wrapper.find('[data-testid="page-title"]').text()).toBe('页面不存在');
    expect(wrapper.text()).toContain('返回总览');
  });
});
