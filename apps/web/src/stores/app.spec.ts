import type { DetachedWindowAPI } from 'happy-dom';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../locales';
import { useAppStore } from './app';

/** Resizes the test window through happy-dom's own API, so media queries answer as on that screen. */
function setViewport(width: number, height: number) {
  (window as unknown as { happyDOM: DetachedWindowAPI }).happyDOM.setViewport({ width, height });
}

describe('app store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('starts in Chinese with the sidebar open', () => {
    const store = useAppStore();
    expect(store.locale).toBe('zh-CN');
    expect(store.sidebarCollapsed).toBe(false);
    expect(i18n.global.locale.value).toBe('zh-CN');
  });

  it('switches i18n and remembers the choice', () => {
    useAppStore().setLocale('en');
    expect(i18n.global.locale.value).toBe('en');
    expect(document.documentElement.lang).toBe('en');

    setActivePinia(createPinia());
    expect(useAppStore().locale).toBe('en');
  });

  it('remembers the sidebar state', () => {
    useAppStore().toggleSidebar();
    setActivePinia(createPinia());
    expect(useAppStore().sidebarCollapsed).toBe(true);
  });

  describe('on a phone-sized screen', () => {
    afterEach(() => setViewport(1024, 768));

    it('knows a 390 px wide screen is a phone and a 1024 px one is not', () => {
      expect(useAppStore().isPhone).toBe(false);

      setViewport(390, 844);
      setActivePinia(createPinia());
      expect(useAppStore().isPhone).toBe(true);
    });

    it('follows the window as it is resized across 768 px', () => {
      const store = useAppStore();
      setViewport(767, 844);
      expect(store.isPhone).toBe(true);
      setViewport(768, 844);
      expect(store.isPhone).toBe(false);
    });
  });

  it('ignores an unknown stored locale', () => {
    localStorage.setItem('atlas:locale', 'fr');
    expect(useAppStore().locale).toBe('zh-CN');
  });
});
