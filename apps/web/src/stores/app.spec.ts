import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../locales';
import { useAppStore } from './app';

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

  it('ignores an unknown stored locale', () => {
    localStorage.setItem('atlas:locale', 'fr');
    expect(useAppStore().locale).toBe('zh-CN');
  });
});
