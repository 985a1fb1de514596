import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres, type RunningDatabase } from '../../src/database/embedded-postgres';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';

/** Where the integration run's database lives; set by global-setup for every test file. */
export const TEST_DATABASE_URL_VARIABLE = 'ATLAS_TEST_DATABASE_URL';

export interface TestDatabase {
  readonly url: string;
  dispose(): Promise<void>;
}

/**
 * One fresh database per test run, with every migration applied: a throwaway embedded cluster in
 * a temporary directory, or, when DATABASE_URL is set, a new database on that server (dropped
 * afterwards) so a developer's own data is never touched.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const external = process.env['DATABASE_URL'];
  let server: RunningDatabase;
  let dataDir: string | undefined;
  if (external) {
    server = { url: external, embedded: false, stop: async () => undefined };
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'atlas-test-'));
    await chmod(dataDir, 0o755); // the cluster runs as the postgres user when tests run as root
    server = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  }

  const name = `atlas_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await withClient(server.url, (client) => client.query(`CREATE DATABASE ${name} ENCODING 'UTF8'`));
  const url = withDatabase(server.url, name);

  await migrate(url);

  return {
    url,
    async dispose() {
      if (external) {
        await withClient(server.url, (client) =>
          client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
        );
      }
      await server.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A database of its own on the run's server, every migration applied (or none, with
 * `{ migrated: false }`), for a spec that needs empty tables or changes them in ways other files
 * must not see; `drop` removes it.
 */
export async function createSeparateDatabase(
  prefix: string,
  { migrated = true }: { migrated?: boolean } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  const runUrl = process.env[TEST_DATABASE_URL_VARIABLE];
  if (!runUrl)
    throw new Error(
      `${TEST_DATABASE_URL_VARIABLE} is not set: run through apps/api/jest.config.cjs`,
    );
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await withClient(runUrl, (client) => client.query(`CREATE DATABASE ${name} ENCODING 'UTF8'`));
  const url = withDatabase(runUrl, name);
  if (migrated) await migrate(url);
  return {
    url,
    drop: () =>
      withClient(runUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).then(() => undefined),
  };
}

export async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions(url, false));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
