import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '../api/request';
import { getHealth, isHealthResponse, type HealthResponse } from '../api/system';

/** `checking` until the first answer; `unreachable` when the API itself did not answer usefully. */
export type SystemStatus = 'checking' | 'ok' | 'db-down' | 'unreachable';

export const useSystemStore = defineStore('system', () => {
  const status = ref<SystemStatus>('checking');
  const version = ref<string | null>(null);
  const checkedAt = ref<Date | null>(null);
  let inFlight: Promise<void> | null = null;

  function apply(health: HealthResponse) {
    status.value = health.db === 'up' ? 'ok' : 'db-down';
    version.value = health.version;
  }

  async function check() {
    try {
      apply(await getHealth());
    } catch (error) {
      // An API that reports an unhealthy database with a 5xx still sends the health body.
      if (error instanceof ApiError && isHealthResponse(error.body)) apply(error.body);
      else {
        status.value = 'unreachable';
        version.value = null;
      }
    } finally {
      checkedAt.value = new Date();
    }
  }

  /** Loads GET /api/health; concurrent calls share one request. */
  function loadHealth(): Promise<void> {
    inFlight ??= check().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return { status, version, checkedAt, loadHealth };
});
