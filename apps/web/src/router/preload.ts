import type { RouteLocationNormalized, Router } from 'vue-router';
import { isLazyPage } from './lazy-page';
import { allowedAreas } from './routes';
import type { Role } from './meta';

type LazyComponent = () => Promise<unknown>;

const isLazy = (component: unknown): component is LazyComponent => typeof component === 'function' && !('render' in component) && !('setup' in component);

/** Starts loading lazily imported page components (each import runs once; later calls reuse it). */
function loadChunks(components: readonly unknown[]): Promise<unknown> {
  return Promise.all(
    components.map((component) => {
      if (isLazyPage(component)) return component.load().catch(() => undefined);
      return isLazy(component) ? component().catch(() => undefined) : undefined;
    }),
  );
}

/** The page chunks of a location. */
export function pageComponents(to: Pick<RouteLocationNormalized, 'matched'>): unknown[] {
  return to.matched.flatMap((record) => Object.values(record.components ?? {}));
}

const whenIdle = (callback: () => void) =>
  typeof window !== 'undefined' && 'requestIdleCallback' in window ? window.requestIdleCallback(callback, { timeout: 3000 }) : setTimeout(callback, 1500);

/**
 * Page chunks load while the session is checked, not after it: a cold page costs the longer of
 * the two rather than their sum (and the frame's pages, `lazyPage`, are not waited for at all).
 * Once a page has shown, the other areas the user may open load when the browser is idle, so a
 * menu click does not wait for the network: one area per idle period, in menu order, each after
 * the page being opened has its own code — evaluating a page's modules and applying its styles
 * would otherwise compete with it.
 */
export function installChunkPreloading(router: Router, roleOf: () => Role | null): void {
  let opening: Promise<unknown> = Promise.resolve();
  router.beforeEach((to) => {
    opening = loadChunks(pageComponents(to));
  });
  let queue: unknown[] | null = null;
  const next = () => {
    if (!queue || queue.length === 0) return;
    void opening
      .then(() => loadChunks(queue?.splice(0, 1) ?? []))
      .then(() => whenIdle(next));
  };
  router.afterEach(() => {
    const role = roleOf();
    if (queue !== null || role === null) return;
    queue = allowedAreas(role).map((area) => area.component);
    whenIdle(next);
  });
}
