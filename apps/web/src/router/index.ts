import { createRouter, START_LOCATION, type RouterHistory } from 'vue-router';
import { useAuthStore } from '../stores/auth';
import { installAuthGuard } from './guard';
import { installChunkPreloading } from './preload';
import { routes } from './routes';

export { allowedAreas, areaRoutes, firstAllowedArea } from './routes';
export type { Role } from './meta';
export { ROLES } from './meta';

/**
 * A factory, so tests can use memory history while the app uses HTML5 history. The app also
 * preloads page chunks (`preloadChunks`); tests leave it off, not to import every page.
 */
export function createAppRouter(history: RouterHistory, options: { preloadChunks?: boolean } = {}) {
  const router = createRouter({
    history,
    routes,
    // A page opened from its address is at the top already; scrolling there anyway forced a
    // layout of the half-built page (~30 ms of a cold start).
    scrollBehavior: (_to, from, saved) => saved ?? (from === START_LOCATION ? false : { top: 0 }),
  });
  // Registered first: the chunks start loading before the guard waits for the session.
  if (options.preloadChunks) installChunkPreloading(router, () => useAuthStore().role);
  installAuthGuard(router);
  return router;
}
