import { describe, expect, it } from 'vitest';
import { AREA_PAGES, areaPageAt, chartsAt } from './page-loaders';
import { areaRoutes } from './routes';

describe('area pages', () => {
  it('has the page of every area of the menu, and only those', () => {
    expect(Object.keys(AREA_PAGES)).toEqual(areaRoutes.map((route) => route.path));
  });

  it('finds the page of an area address, with or without a trailing slash', () => {
    expect(areaPageAt('/trends')).toBe(AREA_PAGES['/trends']);
    expect(areaPageAt('/overview/')).toBe(AREA_PAGES['/overview']);
  });

  it('finds nothing for other addresses', () => {
    for (const path of [
      '/',
      '/login',
      '/reports/5b0c7c1e',
      '/upload/bulk',
      '/constructor',
      '/toString',
    ]) {
      expect(areaPageAt(path)).toBeUndefined();
    }
  });

  it('knows which area pages draw charts (their early load starts ECharts)', () => {
    expect(chartsAt('/overview')).toBe(true);
    expect(chartsAt('/quality/')).toBe(true);
    for (const path of ['/todo', '/reports', '/admin', '/login', '/overview/x']) {
      expect(chartsAt(path)).toBe(false);
    }
  });
});
