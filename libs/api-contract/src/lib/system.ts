/* /api/health (public) and /api/system (admins). */

/** `db` is `down` while the API runs but cannot reach PostgreSQL (then 503). */
export interface HealthResponse {
  status: 'ok' | 'error';
  db: 'up' | 'down';
  version: string;
  /** Only when unhealthy: 503, DB_UNAVAILABLE and why. */
  statusCode?: number;
  code?: string;
  message?: string;
}

export interface DatabaseInfo {
  /** The embedded PostgreSQL under ATLAS_DATA_DIR. */
  embedded: boolean;
  serverVersion: string;
}

export interface SystemInfo {
  name: string;
  version: string;
  /** Stable id of this installation, made on first start. */
  instanceId: string;
  /** When this process started (ISO 8601). */
  startedAt: string;
  /** The newest applied migration. */
  schemaVersion: string | null;
  database: DatabaseInfo;
}
