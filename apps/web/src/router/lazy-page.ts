import { defineComponent, h, shallowRef, type Component } from 'vue';
import { i18n } from '../locales';

type PageModule = { default: Component };

/** A page component whose code is loaded on first use; `load()` starts (or reuses) that. */
export type LazyPage = Component & { load(): Promise<Component> };

export function isLazyPage(component: unknown): component is LazyPage {
  return (
    typeof component === 'object' &&
    component !== null &&
    typeof (component as Partial<LazyPage>).load === 'function'
  );
}

/**
 * A page of the app's frame whose code is its own chunk. Unlike a lazy route component
 * (`() => import(…)`), the router does not wait for the chunk: the frame — header and menu — is
 * drawn at once, and the page inside it as soon as its code has arrived. (Pages use no
 * in-component navigation guards, which a router could not see here.)
 */
export function lazyPage(name: string, loader: () => Promise<PageModule>): LazyPage {
  let loaded: Component | null = null;
  let loading: Promise<Component> | null = null;
  const load = () =>
    (loading ??= loader().then(
      (module) => (loaded = module.default),
      (error: unknown) => {
        loading = null; // a failed download is tried again the next time the page opens
        throw error;
      },
    ));
  const page = defineComponent({
    name,
    inheritAttrs: false,
    setup(_, { attrs }) {
      const component = shallowRef<Component | null>(loaded);
      const failed = shallowRef(false);
      const show = (loadedPage: Component) => (component.value = loadedPage);
      if (loaded === null) load().then(show, () => (failed.value = true));
      return () => {
        if (component.value) return h(component.value, attrs);
        return failed.value ? h('p', { role: 'alert' }, i18n.global.t('errors.network')) : null;
      };
    },
  });
  return Object.assign(page, { load });
}
