import type { HealthResponse } from '@atlas/api-contract';
import { http } from './request';

/** GET /api/health. `db` is `down` while the API runs but cannot reach PostgreSQL. */
export type { HealthResponse } from '@atlas/api-contract';

export function isHealthResponse(value: unknown): value is HealthResponse {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body.status === 'string' &&
    typeof body.db === 'string' &&
    typeof body.version === 'string'
  );
}

/** Silent: the header's status tag is where a failing health check shows. */
export function getHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return http.get<HealthResponse>('/health', { signal, silent: true });
}
