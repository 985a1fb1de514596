import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '@atlas/report-model';
import { i18n } from '../../locales';
import FindingSummary from './FindingSummary.vue';

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  rule: 'T3.BALANCE',
  severity: 'error',
  message: '表三自然人：新收 5 + 上年结转 0 ≠ 办理结果 3 + 结转下年度 1',
  cells: ['t3.new.natural'],
  ...overrides,
});

describe('FindingSummary', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN';
  });

  const render = (value: Finding) =>
    mount(FindingSummary, { props: { finding: value }, global: { plugins: [i18n] } });

  it('says how bad, which rule (name and id), the numbers and what the rule checks', () => {
    const summary = render(finding());
    expect(summary.get('.el-tag').text()).toBe('错误');
    expect(summary.get('.finding-summary__rule').text()).toBe('表三收支平衡');
    expect(summary.get('.finding-summary__rule-id').text()).toBe('T3.BALANCE');
    expect(summary.get('.finding-summary__message').text()).toBe(finding().message);
    expect(summary.get('.finding-summary__description').text()).toBe(
      '表三每一列：第一项加第二项之和，等于第三项加第四项之和。',
    );
  });

  it('marks a warning as a warning and names a rule it does not know by its id', () => {
    const summary = render(finding({ rule: 'X.UNKNOWN' as Finding['rule'], severity: 'warning' }));
    expect(summary.get('.el-tag').text()).toBe('提示');
    expect(summary.get('.finding-summary__rule').text()).toContain('X.UNKNOWN');
    expect(summary.find('.finding-summary__description').exists()).toBe(false);
  });

  it('names the rule in English when the app speaks English', () => {
    i18n.global.locale.value = 'en';
    const summary = render(finding());
    expect(summary.get('.el-tag').text()).toBe('Error');
    expect(summary.get('.finding-summary__rule').text()).toBe('Table 3 balance');
  });
});
