import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { DEFAULT_LOCALE, i18n, isAppLocale, type AppLocale } from '../locales';
import { readStorage, writeStorage } from './storage';

const STORAGE_KEYS = {
  locale: 'atlas:locale',
  sidebarCollapsed: 'atlas:sidebar-collapsed',
} as const;

/** UI preferences of this browser: language and sidebar state, kept in localStorage. */
export const useAppStore = defineStore('app', () => {
  const storedLocale = readStorage(STORAGE_KEYS.locale);
  const locale = ref<AppLocale>(isAppLocale(storedLocale) ? storedLocale : DEFAULT_LOCALE);
  const sidebarCollapsed = ref(readStorage(STORAGE_KEYS.sidebarCollapsed) === 'true');

  watch(
    locale,
    (value) => {
      i18n.global.locale.value = value;
      document.documentElement.lang = value;
      writeStorage(STORAGE_KEYS.locale, value);
    },
    { immediate: true, flush: 'sync' },
  );
  watch(sidebarCollapsed, (value) => writeStorage(STORAGE_KEYS.sidebarCollapsed, String(value)), {
    flush: 'sync',
  });

  function setLocale(value: AppLocale) {
    locale.value = value;
  }

  function toggleSidebar() {
    sidebarCollapsed.value = !sidebarCollapsed.value;
  }

  return { locale, sidebarCollapsed, setLocale, toggleSidebar };
});
