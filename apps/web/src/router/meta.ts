import type { Component } from 'vue';
import type { Role } from '../api/auth';

export { ROLES, type Role } from '../api/auth';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title, used by the menu, the breadcrumb and document.title. */
    titleKey?: string;
    /** Who may open the page; the guard sends everyone else to the first area they may see. */
    roles?: readonly Role[];
    /** Sidebar icon; areas without one stay out of the menu. */
    icon?: Component;
    /** Open without signing in (the sign-in page). */
    public?: boolean;
    /**
     * Kept alive when the user goes elsewhere (the analytics pages), so coming back by the menu
     * shows the page at once; it then asks for its answers again and redraws only what changed.
     */
    keepAlive?: boolean;
  }
}
