/* eslint-disable vue/one-component-per-file -- a page kept alive and a second one to leave it for */
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, KeepAlive, ref } from 'vue';
import { useAnalyticsQuery, type AnalyticsQuery } from './useAnalyticsQuery';

function keptAlivePage(fetcher: (year: number) => Promise<{ total: number }>) {
  let query!: AnalyticsQuery<{ total: number }>;
  const Page = defineComponent({
    setup() {
      query = useAnalyticsQuery(
        () => 2024,
        (year) => fetcher(year),
      );
      return () => h('div', String(query.data.value?.total ?? ''));
    },
  });
  const Other = defineComponent({ render: () => h('p') });
  const shown = ref<'page' | 'other'>('page');
  const wrapper = mount(
    defineComponent({
      render: () => h(KeepAlive, null, [shown.value === 'page' ? h(Page) : h(Other)]),
    }),
  );
  return { wrapper, shown, query: () => query };
}

describe('useAnalyticsQuery', () => {
  it('asks again quietly when its page kept alive is shown again, replacing only a changed answer', async () => {
    const fetcher = vi
      .fn<(year: number) => Promise<{ total: number }>>()
      .mockResolvedValueOnce({ total: 1 })
      .mockResolvedValueOnce({ total: 1 })
      .mockResolvedValueOnce({ total: 2 });
    const { wrapper, shown, query } = keptAlivePage(fetcher);
    await flushPromises();
    const first = query().data.value;
    expect(first).toEqual({ total: 1 });

    shown.value = 'other';
    await flushPromises();
    shown.value = 'page';
    await flushPromises();
    expect(fetcher).toHaveBeenCalledTimes(2);
    expect(query().loading.value).toBe(false);
    // The same answer: what is on screen stays as it is (no redraw).
    expect(query().data.value).toBe(first);

    shown.value = 'other';
    await flushPromises();
    shown.value = 'page';
    await flushPromises();
    expect(query().data.value).toEqual({ total: 2 });
    expect(wrapper.text()).toBe('2');
  });
});
