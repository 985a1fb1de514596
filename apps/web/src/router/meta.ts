import type { Component } from 'vue';

/** Who may see an area once sign-in exists; today the meta only records the intent. */
export const ROLES = ['admin', 'oversight', 'uploader'] as const;
export type Role = (typeof ROLES)[number];

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title, used by the menu, the breadcrumb and document.title. */
    titleKey?: string;
    roles?: readonly Role[];
    /** Sidebar icon; areas without one stay out of the menu. */
    icon?: Component;
  }
}
