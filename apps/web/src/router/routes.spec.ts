import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { i18n } from '../locales';
import { demoUser, signedIn, stubApi } from '../test/api-stub';
import { allowedAreas, areaRoutes, createAppRouter, firstAllowedArea, ROLES } from './index';

describe('routes', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('has the twelve areas in menu order, each with a translated title, roles and an icon', () => {
    expect(areaRoutes.map((route) => route.path)).toEqual([
      '/todo',
      '/overview',
      '/trends',
      '/compare',
      '/yoy',
      '/breakdown',
      '/quality',
      '/alerts',
      '/rectifications',
      '/reports',
      '/upload',
      '/admin',
    ]);
    for (const { meta } of areaRoutes) {
      expect(i18n.global.te(meta.titleKey, 'zh-CN')).toBe(true);
      expect(i18n.global.te(meta.titleKey, 'en')).toBe(true);
      expect(meta.roles.length).toBeGreaterThan(0);
      expect(meta.roles.every((role) => ROLES.includes(role))).toBe(true);
      expect(meta.icon).toBeTruthy();
    }
  });

  it('titles the areas in Chinese', () => {
    const titles = areaRoutes.map(({ meta }) =>
      i18n.global.t(meta.titleKey, {}, { locale: 'zh-CN' }),
    );
    expect(titles).toEqual([
      '我的待办',
      '总览',
      '趋势',
      '对比',
      '同比',
      '申请与办理',
      '合规与数据质量',
      '预警',
      '整改台账',
      '报告',
      '上传',
      '管理',
    ]);
  });

  it('lets only admins into administration', () => {
    expect(areaRoutes.find((route) => route.name === 'admin')?.meta.roles).toEqual(['admin']);
  });

  it('lists the areas of each role and the first one it lands on', () => {
    expect(allowedAreas('uploader').map((route) => route.name)).toEqual([
      'todo',
      'overview',
      'quality',
      'reports',
      'upload',
    ]);
    expect(allowedAreas(null)).toEqual([]);
    // A clerk starts on the agency's to-do; officials and admins on the overview.
    for (const role of ROLES)
      expect(firstAllowedArea(role).path).toBe(role === 'uploader' ? '/todo' : '/overview');
  });

  it('redirects / to the overview', async () => {
    stubApi(signedIn(demoUser()));
    const router = createAppRouter(createMemoryHistory());
    await router.push('/');
    expect(router.currentRoute.value.path).toBe('/overview');
  });

  it('sends unknown addresses to the not-found page', async () => {
    stubApi(signedIn(demoUser()));
    const router = createAppRouter(createMemoryHistory());
    await router.push('/no/such/page');
    expect(router.currentRoute.value.name).toBe('not-found');
    expect(router.currentRoute.value.meta.titleKey).toBe('notFound.title');
  });

  it('has a public sign-in page outside the layout', () => {
    const router = createAppRouter(createMemoryHistory());
    const login = router.resolve('/login');
    expect(login.name).toBe('login');
    expect(login.meta.public).toBe(true);
    expect(login.matched).toHaveLength(1);
  });
});
