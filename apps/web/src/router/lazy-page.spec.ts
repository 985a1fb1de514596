/* eslint-disable vue/one-component-per-file -- a frame, a page and the app around them */
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { i18n } from '../locales';
import { lazyPage } from './lazy-page';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const Page = defineComponent({ render: () => h('p', { class: 'page' }, 'page') });
const Frame = defineComponent({
  render: () => h('div', { class: 'frame' }, [h('nav', 'menu'), h(RouterView)]),
});

async function open(loader: () => Promise<{ default: typeof Page }>) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Frame, children: [{ path: 'a', component: lazyPage('A', loader) }] },
    ],
  });
  await router.push('/a');
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [router, i18n] },
  });
  await flushPromises();
  return wrapper;
}

describe('lazyPage', () => {
  it('lets the frame show while the page code loads, then shows the page in it', async () => {
    const code = deferred<{ default: typeof Page }>();
    const wrapper = await open(() => code.promise);
    expect(wrapper.find('nav').exists()).toBe(true);
    expect(wrapper.find('.page').exists()).toBe(false);

    code.resolve({ default: Page });
    await flushPromises();
    expect(wrapper.find('.page').exists()).toBe(true);
  });

  it('says so when the page code cannot be loaded, and tries again next time', async () => {
    let attempts = 0;
    const loader = () => {
      attempts += 1;
      return attempts === 1
        ? Promise.reject(new Error('offline'))
        : Promise.resolve({ default: Page });
    };
    const A = lazyPage('A', loader);
    await expect(A.load()).rejects.toThrow('offline');
    await expect(A.load()).resolves.toBe(Page);
    expect(attempts).toBe(2);

    const failing = await open(() => Promise.reject(new Error('offline')));
    expect(failing.find('[role="alert"]').exists()).toBe(true);
  });
});
