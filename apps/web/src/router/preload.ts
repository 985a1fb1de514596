import type { RouteLocationNormalized, Router } from 'vue-router';
import { allowedAreas } from './routes';
import type { Role } from './meta';

type LazyComponent = () => Promise<unknown>;

const isLazy = (component: unknown): component is LazyComponent => typeof component === 'function' && !('render' in component) && !('setup' in component);

/** Starts loading lazily imported page components (each import runs once; later calls reuse it). */
function loadChunks(components: readonly unknown[]): void {
  for (const component of components) if (isLazy(component)) void component().catch(() => undefined);
}

/** The page chunks of a location. */
export function pageComponents(to: Pick<RouteLocationNormalized, 'matched'>): unknown[] {
  return to.matched.flatMap((record) => Object.values(record.components ?? {}));
}

/**
 * Page chunks load while the session is checked, not after it: a cold page costs the longer of
 * the two rather than their sum. Once a page has shown, the other areas the user may open load
 * when the browser is idle, so a menu click does not wait for the network.
 */
export function installChunkPreloading(router: Router, roleOf: () => Role | null): void {
  router.beforeEach((to) => {
    loadChunks(pageComponents(to));
  });
  let warmed = false;
  router.afterEach(() => {
    const role = roleOf();
    if (warmed || role === null) return;
    warmed = true;
    const idle = (callback: () => void) =>
      typeof window !== 'undefined' && 'requestIdleCallback' in window ? window.requestIdleCallback(callback, { timeout: 3000 }) : setTimeout(callback, 1500);
    idle(() => {
      loadChunks(allowedAreas(role).map((area) => area.component));
    });
  });
}
