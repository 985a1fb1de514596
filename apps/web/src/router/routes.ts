import {
  Checked,
  DataBoard,
  DataLine,
  DocumentChecked,
  Files,
  Grid,
  Histogram,
  Setting,
  Tickets,
  TrendCharts,
  Upload,
  Warning,
} from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import AppLayout from '../layouts/AppLayout.vue';
import { lazyPage } from './lazy-page';
import { AREA_PAGES } from './page-loaders';
import { ROLES, type Role } from './meta';

const ANALYSTS: readonly Role[] = ['admin', 'oversight'];

/**
 * The product's areas, in menu order. Each page is its own lazily loaded chunk, drawn inside the
 * app's frame once it has arrived (`lazyPage`: the frame does not wait for it). A role lands
 * on the first it may open: a clerk on the agency's to-do, officials and admins on the overview.
 */
export const areaRoutes = [
  {
    path: '/todo',
    name: 'todo',
    component: lazyPage('TodoView', AREA_PAGES['/todo']),
    meta: { titleKey: 'nav.todo', roles: ['uploader'], icon: markRaw(Checked) },
  },
  {
    path: '/overview',
    name: 'overview',
    component: lazyPage('OverviewView', AREA_PAGES['/overview']),
    meta: { titleKey: 'nav.overview', roles: ROLES, icon: markRaw(DataBoard), keepAlive: true },
  },
  {
    path: '/trends',
    name: 'trends',
    component: lazyPage('TrendsView', AREA_PAGES['/trends']),
    meta: { titleKey: 'nav.trends', roles: ANALYSTS, icon: markRaw(TrendCharts), keepAlive: true },
  },
  {
    path: '/compare',
    name: 'compare',
    component: lazyPage('CompareView', AREA_PAGES['/compare']),
    meta: { titleKey: 'nav.compare', roles: ANALYSTS, icon: markRaw(Histogram), keepAlive: true },
  },
  {
    path: '/yoy',
    name: 'yoy',
    component: lazyPage('YoyView', AREA_PAGES['/yoy']),
    meta: { titleKey: 'nav.yoy', roles: ANALYSTS, icon: markRaw(DataLine), keepAlive: true },
  },
  {
    path: '/breakdown',
    name: 'breakdown',
    component: lazyPage('BreakdownView', AREA_PAGES['/breakdown']),
    meta: { titleKey: 'nav.breakdown', roles: ANALYSTS, icon: markRaw(Grid), keepAlive: true },
  },
  {
    path: '/quality',
    name: 'quality',
    component: lazyPage('QualityView', AREA_PAGES['/quality']),
    meta: {
      titleKey: 'nav.quality',
      roles: ROLES,
      icon: markRaw(DocumentChecked),
      keepAlive: true,
    },
  },
  {
    path: '/alerts',
    name: 'alerts',
    component: lazyPage('AlertsView', AREA_PAGES['/alerts']),
    meta: { titleKey: 'nav.alerts', roles: ANALYSTS, icon: markRaw(Warning) },
  },
  {
    path: '/rectifications',
    name: 'rectifications',
    component: lazyPage('RectificationsView', AREA_PAGES['/rectifications']),
    meta: { titleKey: 'nav.rectifications', roles: ANALYSTS, icon: markRaw(Tickets) },
  },
  {
    path: '/reports',
    name: 'reports',
    component: lazyPage('ReportsView', AREA_PAGES['/reports']),
    meta: { titleKey: 'nav.reports', roles: ROLES, icon: markRaw(Files) },
  },
  {
    path: '/upload',
    name: 'upload',
    component: lazyPage('UploadView', AREA_PAGES['/upload']),
    meta: { titleKey: 'nav.upload', roles: ['admin', 'uploader'], icon: markRaw(Upload) },
  },
  {
    path: '/admin',
    name: 'admin',
    component: lazyPage('AdminView', AREA_PAGES['/admin']),
    meta: { titleKey: 'nav.admin', roles: ['admin'], icon: markRaw(Setting) },
  },
] satisfies RouteRecordRaw[];

const opensFor = (roles: readonly Role[], role: Role) => roles.includes(role);

/** The first area of the menu a role may open: where sign-in and refused pages lead. */
export function firstAllowedArea(role: Role) {
  return areaRoutes.find((route) => opensFor(route.meta.roles, role)) ?? areaRoutes[0];
}

/** The areas a role may open, in menu order. */
export function allowedAreas(role: Role | null) {
  return role === null ? [] : areaRoutes.filter((route) => opensFor(route.meta.roles, role));
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/login/LoginView.vue'),
    meta: { titleKey: 'auth.login.title', public: true },
  },
  {
    path: '/',
    component: AppLayout,
    redirect: '/overview',
    children: [
      ...areaRoutes,
      {
        path: '/reports/:id',
        name: 'report-detail',
        component: lazyPage(
          'ReportDetailView',
          () => import('../views/reports/ReportDetailView.vue'),
        ),
        meta: { titleKey: 'nav.reportDetail', roles: ROLES },
      },
      {
        path: '/rules',
        name: 'rules',
        component: lazyPage('RulesView', () => import('../views/rules/RulesView.vue')),
        meta: { titleKey: 'nav.rules', roles: ROLES },
      },
      {
        path: '/password',
        name: 'password',
        component: lazyPage('PasswordView', () => import('../views/password/PasswordView.vue')),
        meta: { titleKey: 'nav.password', roles: ROLES },
      },
      {
        path: '/upload/bulk',
        name: 'bulk-import',
        component: lazyPage('BulkImportView', () => import('../views/upload/BulkImportView.vue')),
        meta: { titleKey: 'nav.bulkImport', roles: ['admin', 'uploader'] },
      },
      {
        path: '/:pathMatch(.*)*',
        name: 'not-found',
        component: lazyPage('NotFoundView', () => import('../views/NotFoundView.vue')),
        meta: { titleKey: 'notFound.title', roles: ROLES },
      },
    ],
  },
];
