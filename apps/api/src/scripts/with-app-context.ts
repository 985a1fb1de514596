import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { appVersion } from '../common/app-version';
import type { AppConfig } from '../config/app-config';
import { provideDatabase } from '../database/database';

/**
 * Runs a one-off job (seeding, a direct import, a rebuild) inside the application, without HTTP:
 * the configured database (or the embedded one) started, the modules wired, both closed after.
 */
export async function withAppContext<T>(config: AppConfig, job: (context: INestApplicationContext) => Promise<T>): Promise<T> {
  const database = await provideDatabase(config, () => undefined);
  try {
    const context = await NestFactory.createApplicationContext(
      AppModule.register({
        config,
        databaseUrl: database.url,
        runtime: { version: appVersion(), startedAt: new Date(), embeddedDatabase: database.embedded },
      }),
      { logger: ['error', 'warn'] },
    );
    try {
      return await job(context);
    } finally {
      await context.close();
    }
  } finally {
    await database.stop();
  }
}
