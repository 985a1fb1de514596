import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { demoUser, HEALTHY, signedIn, stubApi } from '../../test/api-stub';
import { mountApp } from '../../test/mount-app';

const rule = (id: string, scope: string, severity: string, name: string) => ({
  id,
  name,
  nameEn: id,
  severity,
  scope,
  description: `${name}的说明`,
  descriptionEn: '',
  looksAt: '表三',
  source: { kind: 'template', cite: '国办公开办函〔2021〕30号' },
});

describe('规则说明', { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
    localStorage.clear();
  });

  it('lists the catalogue by scope with its sources, and marks the rule a finding linked to', async () => {
    stubApi({
      ...signedIn(demoUser({ role: 'uploader' })),
      'GET /api/health': HEALTHY,
      'GET /api/rules': {
        body: [
          rule('T3.BALANCE', 'report', 'error', '表三收支平衡'),
          rule('X.CARRY', 'crossReport', 'error', '跨年结转衔接'),
          rule('N.COPIED', 'crossReport', 'warning', '内容雷同'),
        ],
      },
    });
    ({ wrapper } = await mountApp('/rules#N.COPIED'));
    await flushPromises();
    const rules = wrapper.findAll('[data-testid="rule"]');
    expect(rules.map((item) => item.attributes('id'))).toEqual([
      'rule-T3.BALANCE',
      'rule-X.CARRY',
      'rule-N.COPIED',
    ]);
    expect(rules[0]?.text()).toContain('格式模板 · 国办公开办函〔2021〕30号');
    expect(wrapper.get('.rules-page__rule--selected').attributes('id')).toBe('rule-N.COPIED');
    expect(wrapper.text()).toContain('跨报告（与上年或同地区报告比较）');
  });
});
