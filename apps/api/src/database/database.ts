import type { AppConfig } from '../config/app-config';
import { attachOrStartEmbeddedPostgres, type RunningDatabase, startEmbeddedPostgres } from './embedded-postgres';

/** Uses `DATABASE_URL` when set; otherwise starts the embedded PostgreSQL under the data dir. */
export async function provideDatabase(
  config: AppConfig,
  log: (line: string) => void,
): Promise<RunningDatabase> {
  if (config.databaseUrl) return externalDatabase(config.databaseUrl);
  return startEmbeddedPostgres({ dataDir: config.dataDir, log });
}

/**
 * For one-off tools beside the API (backup, restore): `DATABASE_URL`, else the embedded
 * PostgreSQL of the data dir — the running API's, or one started for the tool and stopped after.
 */
export async function provideDatabaseForTool(
  config: AppConfig,
  log: (line: string) => void,
): Promise<RunningDatabase> {
  if (config.databaseUrl) return externalDatabase(config.databaseUrl);
  return attachOrStartEmbeddedPostgres({ dataDir: config.dataDir, log });
}

function externalDatabase(url: string): RunningDatabase {
  return { url, embedded: false, stop: async () => undefined };
}
