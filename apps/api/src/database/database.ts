import type { AppConfig } from '../config/app-config';
import { type RunningDatabase, startEmbeddedPostgres } from './embedded-postgres';

/** Uses `DATABASE_URL` when set; otherwise starts the embedded PostgreSQL under the data dir. */
export async function provideDatabase(
  config: AppConfig,
  log: (line: string) => void,
): Promise<RunningDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  return startEmbeddedPostgres({ dataDir: config.dataDir, log });
}
