import { createRouter, type RouterHistory } from 'vue-router';
import { routes } from './routes';

export { areaRoutes } from './routes';
export type { Role } from './meta';
export { ROLES } from './meta';

/** A factory, so tests can use memory history while the app uses HTML5 history. */
export function createAppRouter(history: RouterHistory) {
  return createRouter({
    history,
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });
}
