import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, type Router } from 'vue-router';
import App from '../App.vue';
import { i18n } from '../locales';
import { createAppRouter } from '../router';
import { isLazyPage } from '../router/lazy-page';
import { pageComponents } from '../router/preload';

/**
 * Mounts the whole app (layout included) at `path`, the way main.ts does. The Pinia instance is
 * active before the first navigation, because the router's sign-in guard reads the auth store.
 */
export async function mountApp(path = '/') {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  await router.isReady();
  const wrapper = mount(App, {
    global: { plugins: [pinia, i18n, router] },
    attachTo: document.body,
  });
  await flushPromises();
  await pageLoaded(router);
  return { wrapper, router };
}

/** Waits until the code of the current page has loaded and the page is drawn in the frame. */
export async function pageLoaded(router: Router) {
  const pages = pageComponents(router.currentRoute.value).filter(isLazyPage);
  await Promise.all(pages.map((page) => page.load()));
  await flushPromises();
}
