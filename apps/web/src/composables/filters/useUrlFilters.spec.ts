/* eslint-disable vue/one-component-per-file -- a page and a second route to leave it for */
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, KeepAlive, nextTick, type VNode } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { enumParam, idParam, intParam } from './params';
import { orderYearRange, useUrlFilters, type UrlFilters } from './useUrlFilters';

const A = '3c0bd836-979b-47e1-a8ee-8fd4191425db';

const schema = {
  scope: idParam(),
  metric: enumParam(['requests', 'disclosed'] as const, 'requests'),
  fromYear: intParam(2020, { min: 2008, max: 2026 }),
  toYear: intParam(2024, { min: 2008, max: 2026 }),
};

async function setup(path: string) {
  let filters!: UrlFilters<typeof schema>;
  const Page = defineComponent({
    setup() {
      filters = useUrlFilters(schema, { normalize: orderYearRange });
      return () => h('div', JSON.stringify(filters.values.value));
    },
  });
  const Other = defineComponent({ render: () => h('p', 'other') });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/trends', component: Page },
      { path: '/other', component: Other },
    ],
  });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [router] },
  });
  await flushPromises();
  return { filters, router, wrapper };
}

describe('useUrlFilters', () => {
  it('keeps its values while its page is kept alive behind another one', async () => {
    let filters!: UrlFilters<typeof schema>;
    const Page = defineComponent({
      setup() {
        filters = useUrlFilters(schema);
        return () => h('div', JSON.stringify(filters.values.value));
      },
    });
    const Other = defineComponent({ render: () => h('p', 'other') });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/trends', component: Page },
        { path: '/other', component: Other },
      ],
    });
    await router.push('/trends?metric=disclosed');
    await router.isReady();
    const KeptAlive = defineComponent({
      render: () =>
        h(RouterView, null, {
          default: ({ Component }: { Component: VNode }) => h(KeepAlive, null, [Component]),
        }),
    });
    mount(KeptAlive, { global: { plugins: [router] } });
    await flushPromises();

    await router.push('/other?metric=requests&fromYear=2010');
    await flushPromises();
    expect(filters.values.value).toMatchObject({ metric: 'disclosed', fromYear: 2020 });
    expect(router.currentRoute.value.fullPath).toBe('/other?metric=requests&fromYear=2010');

    await router.push('/trends?fromYear=2021');
    await flushPromises();
    expect(filters.values.value).toMatchObject({ metric: 'requests', fromYear: 2021 });
  });

  it('reads the filters of a shared link', async () => {
    const { filters } = await setup(
      `/trends?scope=${A}&metric=disclosed&fromYear=2019&toYear=2023`,
    );
    expect(filters.values.value).toEqual({
      scope: A,
      metric: 'disclosed',
      fromYear: 2019,
      toYear: 2023,
    });
  });

  it('writes a change into the address, leaving other keys and defaults out', async () => {
    const { filters, router } = await setup('/trends?page=2');

    filters.refs.metric.value = 'disclosed';
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/trends?page=2&metric=disclosed');

    await filters.set({ metric: 'requests', scope: A });
    expect(router.currentRoute.value.query).toEqual({ page: '2', scope: A });
    expect(filters.values.value.scope).toBe(A);
  });

  it('keeps both of two changes made in the same tick', async () => {
    const { filters, router } = await setup('/trends');
    filters.refs.metric.value = 'disclosed';
    filters.refs.fromYear.value = 2015;
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ metric: 'disclosed', fromYear: '2015' });
  });

  it('cleans bad values and swapped ranges out of a hand-typed address', async () => {
    const { router, filters } = await setup(
      '/trends?scope=nope&metric=x&fromYear=2024&toYear=2019&keep=1',
    );
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({
      keep: '1',
      fromYear: '2019',
    });
    expect(filters.values.value).toMatchObject({ fromYear: 2019, toYear: 2024, scope: null });
  });

  it('goes back to the defaults on reset', async () => {
    const { filters, router } = await setup(`/trends?scope=${A}&metric=disclosed&page=3`);
    await filters.reset();
    expect(router.currentRoute.value.fullPath).toBe('/trends?page=3');
  });

  it('builds links to other filter values without navigating', async () => {
    const { filters, router } = await setup('/trends?metric=disclosed');
    expect(filters.queryFor({ fromYear: 2010 })).toEqual({ metric: 'disclosed', fromYear: '2010' });
    expect(router.currentRoute.value.fullPath).toBe('/trends?metric=disclosed');
  });

  it('leaves the next page alone once the user has navigated away', async () => {
    const { router, filters } = await setup('/trends?metric=disclosed');
    await router.push('/other?metric=bad');
    await nextTick();
    await filters.set({ metric: 'requests' });
    expect(router.currentRoute.value.fullPath).toBe('/other?metric=bad');
  });
});
