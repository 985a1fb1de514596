import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Kpi } from '../../api/analytics';
import { i18n } from '../../locales';
import KpiCard from './KpiCard.vue';

const metric = (key: string, nameZh: string, unit: string): Kpi['metric'] => ({
  key,
  nameZh,
  nameEn: key,
  unit,
  definition: '',
  source: 'cells',
  ratio: unit === '%',
});

function mountCard(kpi: Kpi) {
  return mount(KpiCard, { props: { kpi }, global: { plugins: [i18n] } });
}

describe('KpiCard', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
  });

  it('shows a rate and its change on last year in percentage points, last year in full', () => {
    const wrapper = mountCard({
      metric: metric('disclosureRate', '公开率', '%'),
      value: 11.8,
      previous: 6.7,
      change: { absolute: 5.1, percent: 76.1 },
      sparkline: [
        { year: 2024, value: 6.7 },
        { year: 2025, value: 11.8 },
      ],
    });
    expect(wrapper.get('[data-testid="kpi-value"]').text()).toBe('11.8%');
    const change = wrapper.get('[data-testid="change-indicator"]');
    expect(change.text()).toContain('+5.1个百分点');
    expect(change.text()).not.toContain('76');
    expect(change.attributes('title')).toBe('比上年增加 +5.1个百分点');
    expect(wrapper.get('[data-testid="kpi-previous"]').text()).toBe('上年 6.7%');
  });

  it('shows a count and its change in percent, a rate falling to zero in points', () => {
    const count = mountCard({
      metric: metric('applicationsReceived', '本年新收申请', '件'),
      value: 5123,
      previous: 5100,
      change: { absolute: 23, percent: 0.45 },
      sparkline: [],
    });
    expect(count.get('[data-testid="change-indicator"]').text()).toContain('+0.5%');
    expect(count.get('[data-testid="kpi-previous"]').text()).toBe('上年 5,100件');

    const correction = mountCard({
      metric: metric('reviewCorrectionRate', '行政复议纠错率', '%'),
      value: 0,
      previous: 12.5,
      change: { absolute: -12.5, percent: -100 },
      sparkline: [],
    });
    const text = correction.get('[data-testid="change-indicator"]').text();
    expect(text).toContain('-12.5个百分点');
    expect(text).not.toContain('-100%');
  });
});
