import { createRouter, type RouterHistory } from 'vue-router';
import { installAuthGuard } from './guard';
import { routes } from './routes';

export { allowedAreas, areaRoutes, firstAllowedArea } from './routes';
export type { Role } from './meta';
export { ROLES } from './meta';

/** A factory, so tests can use memory history while the app uses HTML5 history. */
export function createAppRouter(history: RouterHistory) {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });
  installAuthGuard(router);
  return router;
}
