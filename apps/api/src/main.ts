import 'reflect-metadata';
import pino from 'pino';
import { createApp } from './app.factory';
import { appVersion } from './common/app-version';
import { type AppConfig, ConfigError, loadConfig } from './config/app-config';
import { provideDatabase } from './database/database';
import { DemoSeedService } from './modules/demo';
import type { RunningDatabase } from './database/embedded-postgres';

const SHUTDOWN_GRACE_MS = 15_000;

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = pino({ level: config.logLevel, base: { pid: process.pid, service: 'atlas-api' } });
  const startedAt = new Date();

  let database: RunningDatabase | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;

  const stop = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    // A stuck connection must not keep a container from stopping.
    setTimeout(() => process.exit(exitCode || 1), SHUTDOWN_GRACE_MS).unref();
    try {
      await app?.close();
    } catch (error) {
      logger.error({ err: error }, 'error while closing the API');
    }
    await database?.stop();
    logger.info('stopped');
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void stop(signal, 0));
  }

  try {
    database = await provideDatabase(config, (line) => {
      const serious = /\b(ERROR|FATAL|PANIC)\b/.test(line);
      logger[serious ? 'warn' : 'debug']({ component: 'postgres' }, line);
    });
    if (stopping) return;
    logger.info(
      { embedded: database.embedded },
      database.embedded ? `embedded PostgreSQL in ${config.dataDir}/pg` : 'using DATABASE_URL',
    );

    app = await createApp(config, database.url, {
      version: appVersion(),
      startedAt,
      embeddedDatabase: database.embedded,
    });
    await app.listen(config.port, config.host);
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    process.stderr.write(
      `\n启动失败 / start-up failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    await stop('start-up failed', 1);
    return;
  }

  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  logger.info({ url, version: appVersion() }, 'Disclosure Atlas is listening');
  if (config.demoData) seedDemoInBackground(app, logger);
  process.stdout.write(
    `\n  政务公开年报汇聚分析平台 Disclosure Atlas ${appVersion()} — ${url}\n  API docs: ${url}/api/docs\n\n`,
  );
}

/** The demo goes in after the server listens: /api/health answers while reports are loaded. */
function seedDemoInBackground(
  app: Awaited<ReturnType<typeof createApp>>,
  logger: pino.Logger,
): void {
  const seeder = app.get(DemoSeedService);
  seeder
    .seed()
    .then((summary) => {
      if (!summary.skipped)
        logger.info({ ...summary, failures: summary.failures.length }, 'demo data loaded');
      for (const failure of summary.failures) logger.warn({ failure }, 'demo report not loaded');
    })
    .catch((error: unknown) => logger.error({ err: error }, 'demo data could not be loaded'));
}

function readConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

void main();
