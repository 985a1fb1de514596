import type { Component } from 'vue';

type PageModule = { default: Component };

/**
 * The code of each area's page, by the area's path. Free of imports, so that the early entry
 * (`src/early-page.ts`) can ask for the page being opened before the app's own code has arrived;
 * the router's areas (`routes.ts`) load the same modules, which the browser then already has.
 */
export const AREA_PAGES = {
  '/todo': () => import('../views/todo/TodoView.vue'),
  '/overview': () => import('../views/overview/OverviewView.vue'),
  '/trends': () => import('../views/trends/TrendsView.vue'),
  '/compare': () => import('../views/compare/CompareView.vue'),
  '/yoy': () => import('../views/yoy/YoyView.vue'),
  '/breakdown': () => import('../views/breakdown/BreakdownView.vue'),
  '/quality': () => import('../views/quality/QualityView.vue'),
  '/alerts': () => import('../views/alerts/AlertsView.vue'),
  '/rectifications': () => import('../views/rectification/RectificationsView.vue'),
  '/reports': () => import('../views/reports/ReportsView.vue'),
  '/upload': () => import('../views/upload/UploadView.vue'),
  '/admin': () => import('../views/admin/AdminView.vue'),
} satisfies Record<string, () => Promise<PageModule>>;

/** The page of an area's address (`/trends`), or undefined for any other address. */
export function areaPageAt(pathname: string): (() => Promise<PageModule>) | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return Object.hasOwn(AREA_PAGES, path) ? AREA_PAGES[path as keyof typeof AREA_PAGES] : undefined;
}

/** The areas whose pages draw charts: opening one of them starts loading ECharts at once, too. */
const CHART_AREAS: ReadonlySet<string> = new Set([
  '/overview',
  '/trends',
  '/compare',
  '/yoy',
  '/breakdown',
  '/quality',
]);

/** Whether the page at an address draws charts. */
export function chartsAt(pathname: string): boolean {
  return CHART_AREAS.has(pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname);
}
