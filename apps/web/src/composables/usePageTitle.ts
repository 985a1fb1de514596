import { computed, watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';

/** The current page's translated title, taken from the deepest route that declares one. */
export function usePageTitle() {
  const route = useRoute();
  const { t } = useI18n();
  const titleKey = computed(() => route.meta.titleKey);
  return computed(() => (titleKey.value ? t(titleKey.value) : ''));
}

/** Keeps document.title as "<page title> - <product name>" across navigation and locale changes. */
export function useDocumentTitle() {
  const pageTitle = usePageTitle();
  const { t } = useI18n();
  watchEffect(() => {
    const productName = t('app.name');
    document.title = pageTitle.value ? `${pageTitle.value} - ${productName}` : productName;
  });
}
