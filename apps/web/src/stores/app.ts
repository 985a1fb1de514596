import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { DEFAULT_LOCALE, i18n, isAppLocale, type AppLocale } from '../locales';
import { readStorage, writeStorage } from './storage';

const STORAGE_KEYS = {
  locale: 'atlas:locale',
  sidebarCollapsed: 'atlas:sidebar-collapsed',
} as const;

/**
 * Below this width the sidebar gives way to a drawer behind a menu button (phones). CSS cannot
 * read it: the @media rules of styles/index.css, UserMenu.vue and FilterBar.vue repeat it.
 */
export const PHONE_MAX_WIDTH = 767;

/**
 * UI preferences of this browser, kept in localStorage: language and sidebar state; and whether
 * the screen is phone-sized, followed as the window is resized or the phone turned.
 */
export const useAppStore = defineStore('app', () => {
  const storedLocale = readStorage(STORAGE_KEYS.locale);
  const locale = ref<AppLocale>(isAppLocale(storedLocale) ? storedLocale : DEFAULT_LOCALE);
  const sidebarCollapsed = ref(readStorage(STORAGE_KEYS.sidebarCollapsed) === 'true');

  const phoneQuery = window.matchMedia(`(max-width: ${PHONE_MAX_WIDTH}px)`);
  const isPhone = ref(phoneQuery.matches);
  // The store lives as long as the page, so the listener needs no removal.
  phoneQuery.addEventListener('change', (event) => (isPhone.value = event.matches));

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

  return { locale, sidebarCollapsed, isPhone, setLocale, toggleSidebar };
});
