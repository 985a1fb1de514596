import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { RectificationNotice } from '../../api/rectification';
import { demoUser, HEALTHY, signedIn, stubApi } from '../../test/api-stub';
import { mountApp } from '../../test/mount-app';

const notice = (overrides: Partial<RectificationNotice>): RectificationNotice => ({
  id: 'n0000000-0000-4000-8000-000000000001',
  agencyId: 'a0000000-0000-4000-8000-000000000001',
  agencyName: '青山县自然资源局',
  regionNames: ['示范省', '示范市', '青山县'],
  year: 2024,
  requirement: '请更正表三',
  dueDate: '2025-06-30',
  status: 'closed',
  sentByName: '县政务公开办',
  sentAt: '2025-05-01T02:00:00.000Z',
  closedAt: '2025-05-20T02:00:00.000Z',
  itemCount: 2,
  openItemCount: 0,
  items: [
    {
      id: 'i1',
      reportId: 'r0000000-0000-4000-8000-000000000001',
      findingKey: 'T3.ROWSUM@x',
      rule: 'T3.ROWSUM',
      severity: 'error',
      message: '表三 本年新收：各列之和 41 ≠ 总计 36',
      status: 'fixed',
      resolvedAt: '2025-05-10T02:00:00.000Z',
    },
  ],
  ...overrides,
});

describe('整改台账', { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
    localStorage.clear();
  });

  it('asks for the filters in the address and lists the notices by region with their status', async () => {
    const { calls } = stubApi({
      ...signedIn(demoUser({ role: 'oversight', scopeAgencyIds: ['x'] })),
      'GET /api/health': HEALTHY,
      'GET /api/agencies/tree': { body: [] },
      'GET /api/rectifications': {
        body: [
          notice({}),
          notice({
            id: 'n2',
            agencyName: '青山县教育局',
            status: 'overdue',
            closedAt: null,
            openItemCount: 1,
          }),
        ],
      },
      'GET /api/explanations/summary': {
        body: { year: 2024, rows: [], pending: 1, accepted: 3, rejected: 0 },
      },
    });
    ({ wrapper } = await mountApp('/rectifications?year=2024&status=closed'));
    await flushPromises();

    const list = calls.find((call) => call.path === '/api/rectifications');
    expect(Object.fromEntries(list?.url.searchParams ?? [])).toEqual({
      year: '2024',
      status: 'closed',
    });
    const summary = calls.find((call) => call.path === '/api/explanations/summary');
    expect(Object.fromEntries(summary?.url.searchParams ?? [])).toEqual({ year: '2024' });

    const page = wrapper.get('[data-testid="rectifications-page"]');
    expect(page.findAll('[data-testid="rectification-agency"]').map((cell) => cell.text())).toEqual(
      expect.arrayContaining(['青山县自然资源局', '青山县教育局']),
    );
    expect(
      page
        .findAll('[data-testid="rectification-status"]')
        .map((tag) => tag.text())
        .sort(),
    ).toEqual(['已办结', '已逾期'].sort());
    expect(page.get('[data-testid="rectifications-summary"]').text()).toContain(
      '共 2 份：整改中 0，已逾期 1，已办结 1',
    );
    expect(page.text()).toContain('已说明的警告：3 条');
    expect(page.text()).toContain('示范省 / 示范市 / 青山县');
  });
});
