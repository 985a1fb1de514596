import { createTestDatabase, TEST_DATABASE_URL_VARIABLE, type TestDatabase } from './test-database';

declare global {
  var __ATLAS_TEST_DATABASE__: TestDatabase | undefined;
}

export default async function globalSetup(): Promise<void> {
  const database = await createTestDatabase();
  globalThis.__ATLAS_TEST_DATABASE__ = database;
  // Test workers are forked after this and inherit the environment.
  process.env[TEST_DATABASE_URL_VARIABLE] = database.url;
}
