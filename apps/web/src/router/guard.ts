import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import type {
  LocationQueryValue,
  RouteLocation,
  RouteLocationNormalized,
  RouteLocationRaw,
  Router,
} from 'vue-router';
import type { Role } from '../api/auth';
import { setUnauthorizedHandler } from '../api/request';
import { i18n } from '../locales';
import { useAuthStore } from '../stores/auth';
import { firstAllowedArea } from './routes';

/** Where to go back to after signing in; only paths of this app (no `//host`, no schemes). */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined) {
  const path = Array.isArray(value) ? value[0] : value;
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//')) return null;
  if (path.startsWith('/login')) return null;
  return path;
}

/** Whether every route record of a location lets the role in. */
export function canOpen(location: Pick<RouteLocation, 'matched'>, role: Role): boolean {
  return location.matched.every((record) => !record.meta.roles || record.meta.roles.includes(role));
}

function loginLocation(to: RouteLocationNormalized): RouteLocationRaw {
  // The start page needs no way back: signing in lands there anyway.
  const start = to.fullPath === '/' || to.redirectedFrom?.fullPath === '/';
  const redirect = start ? undefined : to.fullPath;
  return { name: 'login', query: redirect ? { redirect } : {} };
}

function pageTitle(to: RouteLocationNormalized): string {
  return to.meta.titleKey ? i18n.global.t(to.meta.titleKey) : to.path;
}

/**
 * Signing in and roles: pages need a signed-in user (the sign-in page aside); a page whose
 * `meta.roles` leaves the user out leads to the first area the user may open, with a message.
 * A 401 from the API later on (session expired or revoked) ends the session and comes back here.
 */
export function installAuthGuard(router: Router): void {
  router.beforeEach(async (to) => {
    const auth = useAuthStore();

    if (to.meta.public) {
      if (to.name !== 'login' || !auth.token) return true;
      // Already signed in: the sign-in page leads on instead.
      const user = await auth.ensureUser().catch(() => null);
      if (!user) return true;
      return safeRedirect(to.query.redirect) ?? firstAllowedArea(user.role).path;
    }

    if (!auth.token) return loginLocation(to);
    let user;
    try {
      user = await auth.ensureUser();
    } catch {
      // The API is unreachable: the sign-in page says so when the user tries again.
      return loginLocation(to);
    }
    if (!user) return loginLocation(to);

    // A password an admin chose must be replaced first (the API refuses everything else).
    if (user.mustChangePassword && to.name !== 'password') {
      return { name: 'password', query: { redirect: to.fullPath } };
    }
    // The start page is the role's first area (a clerk's to-do, an official's overview).
    if (to.redirectedFrom?.fullPath === '/' && to.path !== firstAllowedArea(user.role).path) {
      return firstAllowedArea(user.role).path;
    }

    if (canOpen(to, user.role)) return true;
    const fallback = firstAllowedArea(user.role);
    ElMessage.warning({
      message: i18n.global.t('auth.forbidden', { page: pageTitle(to) }),
      grouping: true,
    });
    return fallback.path === to.path ? false : fallback.path;
  });

  setUnauthorizedHandler(() => {
    const auth = useAuthStore();
    auth.clearSession();
    const current = router.currentRoute.value;
    if (current.meta.public) return;
    void router.replace(loginLocation(current));
  });
}
