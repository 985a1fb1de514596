import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertItem, AlertRuleDto } from '../../api/alerts';
import { demoUser, HEALTHY, signedIn, stubApi } from '../../test/api-stub';
import { mountApp } from '../../test/mount-app';

const REGION = '6f1c2a9e-8d4b-4c61-9a57-1d2e3f4a5b6c';
const REPORT = '0b5c7e0a-3c7e-4d2f-8a1b-2c3d4e5f6a7b';

const rule = (overrides: Partial<AlertRuleDto> = {}): AlertRuleDto => ({
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  regionId: REGION,
  regionName: '济源市',
  metric: 'reviewCorrectionRate',
  metricName: '行政复议纠错率',
  unit: '%',
  direction: 'above',
  yellow: 10,
  red: 15,
  minSample: 30,
  updatedAt: '2026-03-01T08:00:00.000Z',
  updatedBy: '督查员',
  ...overrides,
});

const redItem: AlertItem = {
  rule: rule(),
  regionId: REGION,
  regionName: '济源市',
  level: 'red',
  region: { value: 18.5, sample: 40, outcome: 'red' },
  redCount: 1,
  yellowCount: 1,
  agencies: [
    {
      agencyId: 'x1',
      code: 'JY01',
      name: '济源市司法局',
      reportId: REPORT,
      value: 25,
      sample: 32,
      level: 'red',
    },
    {
      agencyId: 'x2',
      code: 'JY02',
      name: '济源市公安局',
      reportId: REPORT,
      value: 12,
      sample: 31,
      level: 'yellow',
    },
  ],
};
const quietItem: AlertItem = {
  rule: rule({
    id: 'a1b2c3d4-0000-4000-8000-000000000002',
    regionId: null,
    regionName: '全部地区',
    metric: 'disclosureRate',
    metricName: '公开率',
    direction: 'below',
    yellow: 45,
    red: 40,
    minSample: 20,
  }),
  regionId: null,
  regionName: '全部地区',
  level: null,
  region: { value: 60, sample: 12, outcome: 'insufficient' },
  redCount: 0,
  yellowCount: 0,
  agencies: [],
};

function api(role: 'oversight' | 'admin') {
  return stubApi({
    ...signedIn(demoUser({ role, scopeAgencyIds: role === 'oversight' ? [REGION] : [] })),
    'GET /api/health': HEALTHY,
    'GET /api/alerts': { body: { year: 2025, items: [redItem, quietItem] } },
    'GET /api/alerts/rules': { body: [quietItem.rule, redItem.rule] },
    'GET /api/alerts/rules/changes': {
      body: [
        {
          id: '7',
          ruleId: redItem.rule.id,
          action: 'update',
          regionName: '济源市',
          metricName: '行政复议纠错率',
          before: { direction: 'above', yellow: 12, red: 20, minSample: 30 },
          after: { direction: 'above', yellow: 10, red: 15, minSample: 30 },
          actorName: '督查员',
          at: '2026-03-01T08:00:00.000Z',
        },
      ],
    },
    'PATCH /api/alerts/rules/a1b2c3d4-0000-4000-8000-000000000001': ({ body }) =>
      (body as { red: number }).red < 10
        ? {
            status: 400,
            body: {
              statusCode: 400,
              code: 'ALERT_THRESHOLDS_INVALID',
              message: '“高于”预警的红色阈值（5）不能低于黄色阈值（10）',
            },
          }
        : { body: { ...redItem.rule, ...(body as object) } },
    'GET /api/agencies/tree': { body: [] },
    'GET /api/analytics/metrics': { body: [] },
  });
}

describe('预警', { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
    localStorage.clear();
  });

  it('lists every rule of the scope, red first, with the agencies’ values linking to their reports', async () => {
    const { calls } = api('oversight');
    ({ wrapper } = await mountApp(`/alerts?year=2025&scope=${REGION}&rule=${redItem.rule.id}`));
    await flushPromises();
    const request = calls.find((call) => call.path === '/api/alerts');
    expect(request?.url.searchParams.get('year')).toBe('2025');
    expect(request?.url.searchParams.get('scope')).toBe(REGION);

    const items = wrapper.findAll('[data-testid="alert-item"]');
    expect(items.map((item) => item.attributes('data-level'))).toEqual(['red', 'none']);
    expect(items[0]?.classes()).toContain('alerts-page__item--selected');
    expect(items[0]?.text()).toContain('行政复议纠错率');
    expect(items[0]?.text()).toContain('18.5%');
    expect(items[0]?.text()).toContain('高于 10.0% 黄色 / 15.0% 红色，样本 ≥ 30');
    const links = wrapper.findAll('[data-testid="alert-item"] [data-testid="alert-agency-link"]');
    expect(links.map((link) => link.text())).toEqual(['济源市司法局', '济源市公安局']);
    expect(links[0]?.attributes('href')).toBe(`/reports/${REPORT}`);
    expect(items[1]?.text()).toContain('样本不足');
    expect(items[1]?.text()).toContain('没有单位达到预警');
  });

  it('lets oversight edit its region’s rule, not the defaults, and shows a refusal’s reason', async () => {
    const { calls } = api('oversight');
    ({ wrapper } = await mountApp(`/alerts?tab=rules`));
    await flushPromises();
    const rows = wrapper.findAll('[data-testid="alert-rules"] .el-table__body tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.find('[data-testid="alert-rule-edit"]').exists()).toBe(false);
    await rows[1]?.get('[data-testid="alert-rule-edit"]').trigger('click');
    await flushPromises();
    const red = document.querySelector('[data-testid="alert-rule-red"] input') as HTMLInputElement;
    red.value = '5';
    red.dispatchEvent(new Event('input'));
    red.dispatchEvent(new Event('change'));
    await flushPromises();
    (document.querySelector('[data-testid="alert-rule-save"]') as HTMLButtonElement).click();
    await flushPromises();
    const patch = calls.find((call) => call.method === 'PATCH');
    expect(patch?.body).toEqual({ direction: 'above', yellow: 10, red: 5, minSample: 30 });
    expect(document.querySelector('[data-testid="dialog-error"]')?.textContent).toContain(
      '红色阈值（5）不能低于黄色阈值（10）',
    );
  });

  it('shows the change log with who changed which bounds', async () => {
    api('admin');
    ({ wrapper } = await mountApp(`/alerts?tab=changes`));
    await flushPromises();
    const text = wrapper.get('[data-testid="alert-changes"]').text();
    expect(text).toContain('督查员');
    expect(text).toContain('修改');
    expect(text).toContain('济源市 · 行政复议纠错率');
    expect(text).toContain('高于 12.0% 黄色 / 20.0% 红色，样本 ≥ 30');
    expect(text).toContain('高于 10.0% 黄色 / 15.0% 红色，样本 ≥ 30');
  });

  it('draws red and yellow cards on the overview that open the list on their rule', async () => {
    api('oversight');
    const mounted = await mountApp('/overview?year=2025');
    wrapper = mounted.wrapper;
    await flushPromises();
    const cards = wrapper.findAll('[data-testid="alert-card"]');
    expect(cards.map((card) => card.attributes('data-level'))).toEqual(['red']);
    expect(cards[0]?.text()).toContain('红色预警');
    expect(cards[0]?.text()).toContain('18.5%');
    expect(cards[0]?.text()).toContain('红色 1 个单位 · 黄色 1 个单位');
    await wrapper.get('[data-testid="alert-card"]').trigger('click');
    await flushPromises();
    expect(mounted.router.currentRoute.value.path).toBe('/alerts');
    expect(mounted.router.currentRoute.value.query.rule).toBe(redItem.rule.id);
  });

  it('shows no alerts to an uploader', async () => {
    stubApi({
      ...signedIn(demoUser({ role: 'uploader', agencyId: REGION })),
      'GET /api/health': HEALTHY,
    });
    const mounted = await mountApp('/overview?year=2025');
    wrapper = mounted.wrapper;
    await flushPromises();
    expect(wrapper.find('[data-testid="alert-cards"]').exists()).toBe(false);
  });
});
