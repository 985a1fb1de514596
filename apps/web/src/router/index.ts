import { createRouter, type RouterHistory } from 'vue-router';
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
    scrollBehavior: () => ({ top: 0 }),
  });
  // Registered first: the chunks start loading before the guard waits for the session.
  if (options.preloadChunks) installChunkPreloading(router, () => useAuthStore().role);
  installAuthGuard(router);
  return router;
}
