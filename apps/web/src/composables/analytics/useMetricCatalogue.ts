import { computed, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { getMetricCatalogue, type MetricInfo } from '../../api/analytics';

// The catalogue is the same for every user and never changes while the app runs: asked once.
const catalogue = shallowRef<MetricInfo[] | null>(null);
const failure = shallowRef<unknown>(null);
let pending: Promise<void> | null = null;

function load(): Promise<void> {
  if (catalogue.value) return Promise.resolve();
  pending ??= getMetricCatalogue()
    .then((metrics) => {
      catalogue.value = metrics;
      failure.value = null;
    })
    .catch((cause: unknown) => {
      failure.value = cause;
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

/** The metric catalogue (GET /api/analytics/metrics) with names in the current language. */
export function useMetricCatalogue() {
  const { locale } = useI18n();
  void load();
  const byKey = computed(() => new Map((catalogue.value ?? []).map((m) => [m.key, m])));
  const nameOf = (metric: MetricInfo | string) => {
    const info = typeof metric === 'string' ? byKey.value.get(metric) : metric;
    if (!info) return typeof metric === 'string' ? metric : '';
    return locale.value === 'en' ? info.nameEn : info.nameZh;
  };
  return {
    metrics: catalogue,
    error: failure,
    byKey,
    nameOf,
    reload: () => void load(),
  };
}

/** For tests: forget the cached catalogue. */
export function resetMetricCatalogue(): void {
  catalogue.value = null;
  failure.value = null;
  pending = null;
}
