import {
  getCurrentInstance,
  onActivated,
  onDeactivated,
  onScopeDispose,
  ref,
  shallowRef,
  watch,
  type Ref,
  type ShallowRef,
} from 'vue';

export interface AnalyticsQuery<T> {
  data: ShallowRef<T | null>;
  loading: Ref<boolean>;
  error: ShallowRef<Error | null>;
  /** Asks again with the same parameters (the panels' retry button). */
  reload(): void;
}

/**
 * Loads an analytics answer for reactive parameters: asks again whenever they change, cancels
 * the request in flight so a slow old answer never overwrites a newer one, and keeps the last
 * answer on screen while the next one loads. `params` returning null means "not yet" (e.g. the
 * metric catalogue is still loading). On a page kept alive, coming back asks again quietly: the
 * answer on screen stays, and is replaced (and the charts redrawn) only if it has changed.
 */
export function useAnalyticsQuery<P, T>(
  params: () => P | null,
  fetcher: (params: P, signal: AbortSignal) => Promise<T>,
): AnalyticsQuery<T> {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = shallowRef<Error | null>(null);
  let controller: AbortController | null = null;

  async function run(current: P | null) {
    controller?.abort();
    if (current === null) return;
    const own = new AbortController();
    controller = own;
    loading.value = true;
    error.value = null;
    try {
      const answer = await fetcher(current, own.signal);
      if (controller === own) data.value = answer;
    } catch (cause) {
      if (controller !== own || own.signal.aborted) return;
      error.value = cause instanceof Error ? cause : new Error(String(cause));
      data.value = null;
    } finally {
      if (controller === own) {
        loading.value = false;
        controller = null;
      }
    }
  }

  async function refresh(current: P | null) {
    if (current === null || controller) return;
    if (data.value === null) return run(current);
    const own = new AbortController();
    controller = own;
    try {
      const answer = await fetcher(current, own.signal);
      if (controller === own && JSON.stringify(answer) !== JSON.stringify(data.value)) {
        data.value = answer;
      }
    } catch {
      // The answer on screen stays; the next change of filters or a retry asks again.
    } finally {
      if (controller === own) controller = null;
    }
  }

  if (getCurrentInstance()) {
    let away = false;
    onDeactivated(() => (away = true));
    onActivated(() => {
      if (!away) return;
      away = false;
      void refresh(params());
    });
  }

  // Parameters are compared by value, so a recomputed but equal object does not ask again.
  watch(
    () => JSON.stringify(params()),
    () => void run(params()),
    { immediate: true },
  );
  onScopeDispose(() => controller?.abort());

  return { data, loading, error, reload: () => void run(params()) };
}
