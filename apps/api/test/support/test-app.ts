import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { appVersion } from '../../src/common/app-version';
import { loadConfig } from '../../src/config/app-config';
import { TEST_DATABASE_URL_VARIABLE } from './test-database';

export interface TestApp {
  readonly app: NestExpressApplication;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Boots the real application (same factory as main.ts) against the run's test database, or the
 * one given (a spec that needs a server of its own, e.g. to stop it).
 */
export async function bootTestApp(
  environment: Record<string, string> = {},
  databaseUrl = process.env[TEST_DATABASE_URL_VARIABLE],
): Promise<TestApp> {
  if (!databaseUrl)
    throw new Error(
      `${TEST_DATABASE_URL_VARIABLE} is not set: run through apps/api/jest.config.cjs`,
    );
  const config = loadConfig({
    NODE_ENV: 'test',
    ATLAS_LOG_LEVEL: 'silent',
    // Every spec signs in from 127.0.0.1 against one shared throttle table, like a whole office
    // behind one address, and a spec's account uploads faster than a person: the limits are the
    // login-throttling spec's to prove.
    ATLAS_LOGIN_PER_CLIENT_PER_MINUTE: '1000000',
    ATLAS_LOGIN_OVERALL_PER_MINUTE: '1000000',
    ATLAS_UPLOADS_PER_ACCOUNT_PER_MINUTE: '1000000',
    ATLAS_IMPORTS_PER_ACCOUNT_PER_MINUTE: '1000000',
    ...environment,
  });
  const app = await createApp(config, databaseUrl, {
    version: appVersion(),
    startedAt: new Date(),
    embeddedDatabase: !process.env['DATABASE_URL'],
  });
  await app.init();
  return { app, dataSource: app.get(DataSource), close: () => app.close() };
}
