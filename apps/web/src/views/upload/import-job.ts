import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import { getImport, type ImportJob } from '../../api/imports';

/** How often a running import is asked for its progress, and how much slower after a failure. */
export const POLL_INTERVAL_MS = 1500;
const MAX_POLL_INTERVAL_MS = 15_000;

/**
 * Follows one import job: loads it, and while it is queued or running asks again every
 * POLL_INTERVAL_MS (backing off when a poll fails) until it is finished or the page goes.
 */
export function useImportJob(jobId: Ref<string | null>, fetchJob: typeof getImport = getImport) {
  const job = shallowRef<ImportJob | null>(null);
  const pollError = ref<string | null>(null);
  const loading = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;
  let failures = 0;

  function stop() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    controller?.abort();
    controller = null;
  }

  async function poll(id: string) {
    controller = new AbortController();
    try {
      const loaded = await fetchJob(id, controller.signal);
      if (jobId.value !== id) return;
      job.value = loaded;
      pollError.value = null;
      failures = 0;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (jobId.value !== id) return;
      failures++;
      pollError.value = error instanceof Error ? error.message : String(error);
    } finally {
      loading.value = false;
    }
    if (jobId.value !== id) return;
    if (job.value?.id === id && job.value.status === 'finished') return;
    const delay = Math.min(MAX_POLL_INTERVAL_MS, POLL_INTERVAL_MS * 2 ** failures);
    timer = setTimeout(() => void poll(id), delay);
  }

  watch(
    jobId,
    (id) => {
      stop();
      failures = 0;
      pollError.value = null;
      if (job.value?.id !== id) job.value = null;
      if (id) {
        loading.value = job.value === null;
        void poll(id);
      }
    },
    { immediate: true },
  );

  onBeforeUnmount(stop);

  return { job, pollError, loading, stop };
}
