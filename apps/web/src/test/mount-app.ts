import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import App from '../App.vue';
import { i18n } from '../locales';
import { createAppRouter } from '../router';

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
  return { wrapper, router };
}
