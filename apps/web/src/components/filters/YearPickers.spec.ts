import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../locales';
import YearPicker from './YearPicker.vue';
import YearRangePicker from './YearRangePicker.vue';

/** The options of a picker's list; it is drawn when opened (the pickers are not persistent). */
async function options(wrapper: ReturnType<typeof mount>, index = 0) {
  const select = wrapper.findAllComponents({ name: 'ElSelect' })[index];
  await select?.find('.el-select__wrapper').trigger('click');
  await flushPromises();
  return (select?.findAllComponents({ name: 'ElOption' }) ?? []).map((option) => ({
    value: option.props('value') as number,
    label: option.props('label') as string,
    disabled: option.props('disabled') as boolean,
  }));
}

describe('YearPicker', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T00:00:00Z'));
  });

  afterEach(() => vi.useRealTimers());

  it('offers every report year from 2008 to this year, newest first, in Chinese', async () => {
    const wrapper = mount(YearPicker, { props: { modelValue: 2024 }, global: { plugins: [i18n] } });
    const years = await options(wrapper);
    expect(years[0]).toMatchObject({ value: 2026, label: '2026 年' });
    expect(years.at(-1)).toMatchObject({ value: 2008 });
    expect(years).toHaveLength(19);
    expect(wrapper.text()).toContain('年度');
  });

  it('offers only the given years when told', async () => {
    const wrapper = mount(YearPicker, {
      props: { modelValue: 2021, years: [2019, 2021, 2020], label: false },
      global: { plugins: [i18n] },
    });
    expect((await options(wrapper)).map((option) => option.value)).toEqual([2021, 2020, 2019]);
    expect(wrapper.find('.filter-field__label').exists()).toBe(false);
  });

  it('emits the chosen year', async () => {
    const wrapper = mount(YearPicker, { props: { modelValue: 2024 }, global: { plugins: [i18n] } });
    wrapper.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', 2019);
    expect(wrapper.emitted('update:modelValue')).toEqual([[2019]]);
  });
});

describe('YearRangePicker', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
  });

  it('does not let the start pass the end or the end precede the start', async () => {
    const wrapper = mount(YearRangePicker, {
      props: { fromYear: 2020, toYear: 2022, min: 2018, max: 2024 },
      global: { plugins: [i18n] },
    });
    const from = await options(wrapper, 0);
    const to = await options(wrapper, 1);
    expect(from.filter((option) => option.disabled).map((option) => option.value)).toEqual([
      2024, 2023,
    ]);
    expect(to.filter((option) => option.disabled).map((option) => option.value)).toEqual([
      2019, 2018,
    ]);
    expect(wrapper.text()).toContain('至');
  });

  it('emits each end of the range on its own model', () => {
    const wrapper = mount(YearRangePicker, {
      props: { fromYear: 2020, toYear: 2022 },
      global: { plugins: [i18n] },
    });
    const [from, to] = wrapper.findAllComponents({ name: 'ElSelect' });
    from?.vm.$emit('update:modelValue', 2019);
    to?.vm.$emit('update:modelValue', 2023);
    expect(wrapper.emitted('update:fromYear')).toEqual([[2019]]);
    expect(wrapper.emitted('update:toYear')).toEqual([[2023]]);
  });
});
