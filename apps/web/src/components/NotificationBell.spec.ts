import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { NotificationItem, NotificationPage } from '../api/notifications';
import { i18n } from '../locales';
import { stubApi } from '../test/api-stub';
import NotificationBell from './NotificationBell.vue';

const REPORT = '5b0c7c1e-5d0e-4a8e-9c55-3f1f0e7d2a11';

function notice(id: string, overrides: Partial<NotificationItem> = {}): NotificationItem {
  return {
    id,
    kind: 'report.returned',
    reportId: REPORT,
    agencyId: '0d6f4bb4-6a0e-4ad3-a0b1-2f0f8d6d1c01',
    year: 2024,
    message: `审核员 退回了本单位 2024 年度报告，意见：表三数据有误 ${id}`,
    createdAt: '2025-03-01T02:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}

const page = (items: NotificationItem[], unreadCount: number): { body: NotificationPage } => ({
  body: { items, unreadCount, nextBefore: null },
});

function mountBell() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/reports/:id', name: 'report-detail', component: { template: '<div />' } },
    ],
  });
  const wrapper = mount(NotificationBell, {
    global: { plugins: [i18n, router] },
    attachTo: document.body,
  });
  return { wrapper, router };
}

const badgeText = (wrapper: VueWrapper) =>
  wrapper.find('[data-testid="notification-badge"] sup').text();
/** Element Plus leaves the count out, or hides it, when the badge is hidden. */
const badgeShown = (wrapper: VueWrapper) => {
  const sup = wrapper.find('[data-testid="notification-badge"] sup');
  return sup.exists() && sup.isVisible();
};
const panelItems = () => [...document.body.querySelectorAll('[data-testid="notification-item"]')];

async function openPanel(wrapper: VueWrapper) {
  await wrapper.find('[data-testid="notification-bell"]').trigger('click');
  // The popover opens after its transition starts: give it a moment, as ReportTables.spec does.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await flushPromises();
}

describe('NotificationBell', () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });

  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('shows the unread count from the API and asks again every minute and on focus', async () => {
    let unread = 2;
    const { calls } = stubApi({
      'GET /api/notifications': () => page([], unread),
    });
    ({ wrapper } = mountBell());
    await flushPromises();

    const countCalls = () => calls.filter((call) => call.url.searchParams.get('unread') === 'true');
    expect(countCalls()).toHaveLength(1);
    expect(badgeShown(wrapper)).toBe(true);
    expect(badgeText(wrapper)).toBe('2');
    expect(wrapper.find('[data-testid="notification-bell"]').attributes('aria-label')).toBe(
      '通知（2 条未读）',
    );

    unread = 5;
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(countCalls()).toHaveLength(2);
    expect(badgeText(wrapper)).toBe('5');

    unread = 0;
    window.dispatchEvent(new Event('focus'));
    await flushPromises();
    expect(countCalls()).toHaveLength(3);
    expect(badgeShown(wrapper)).toBe(false);
  });

  it('lists recent notices in its popover, with the message, the time and a link to the report', async () => {
    stubApi({
      'GET /api/notifications': ({ url }) =>
        url.searchParams.get('unread') === 'true'
          ? page([notice('2')], 1)
          : page(
              [
                notice('2'),
                notice('1', { kind: 'report.accepted', readAt: '2025-03-02T00:00:00.000Z' }),
              ],
              1,
            ),
    });
    ({ wrapper } = mountBell());
    await flushPromises();
    await openPanel(wrapper);

    const items = panelItems();
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('意见：表三数据有误 2');
    expect(items[0]?.textContent).toContain('已退回');
    expect(items[0]?.textContent).toContain('未读');
    expect(items[0]?.querySelector('time')?.getAttribute('datetime')).toBe(
      '2025-03-01T02:00:00.000Z',
    );
    expect(items[1]?.textContent).toContain('已接收');
    expect(items[1]?.textContent).not.toContain('未读');
    expect(items[0]?.querySelector('a')?.getAttribute('href')).toBe(`/reports/${REPORT}`);
  });

  it('marks a notice read when it is opened, and goes to its report', async () => {
    const { calls } = stubApi({
      'GET /api/notifications': page([notice('7')], 1),
      'POST /api/notifications/7/read': {
        body: notice('7', { readAt: '2025-03-03T00:00:00.000Z' }),
      },
    });
    const mounted = mountBell();
    wrapper = mounted.wrapper;
    await flushPromises();
    await openPanel(wrapper);

    (panelItems()[0]?.querySelector('a') as HTMLAnchorElement).click();
    await flushPromises();

    expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([
      '/api/notifications/7/read',
    ]);
    expect(mounted.router.currentRoute.value.fullPath).toBe(`/reports/${REPORT}`);
    expect(badgeShown(wrapper)).toBe(false);
  });

  it('marks everything read with 全部标为已读', async () => {
    const { calls } = stubApi({
      'GET /api/notifications': page([notice('3'), notice('4')], 2),
      'POST /api/notifications/read-all': { body: { marked: 2 } },
    });
    ({ wrapper } = mountBell());
    await flushPromises();
    await openPanel(wrapper);

    const button = document.body.querySelector<HTMLButtonElement>(
      '[data-testid="notification-read-all"]',
    );
    expect(button?.textContent).toContain('全部标为已读');
    button?.click();
    await flushPromises();

    expect(
      calls.some((call) => call.method === 'POST' && call.path === '/api/notifications/read-all'),
    ).toBe(true);
    expect(panelItems().some((item) => item.textContent?.includes('未读'))).toBe(false);
    expect(badgeShown(wrapper)).toBe(false);
  });

  it('says so when there is nothing, and when the list cannot be loaded', async () => {
    stubApi({ 'GET /api/notifications': page([], 0) });
    ({ wrapper } = mountBell());
    await flushPromises();
    await openPanel(wrapper);
    expect(
      document.body.querySelector('[data-testid="notification-empty"]')?.textContent,
    ).toContain('暂无通知');
    wrapper.unmount();
    document.body.innerHTML = '';

    stubApi({
      'GET /api/notifications': {
        status: 500,
        body: { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误' },
      },
    });
    ({ wrapper } = mountBell());
    await flushPromises();
    await openPanel(wrapper);
    expect(
      document.body.querySelector('[data-testid="notification-failed"]')?.textContent,
    ).toContain('通知加载失败：服务器内部错误');
  });
});
