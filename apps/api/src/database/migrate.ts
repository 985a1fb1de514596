// Runs pending migrations and exits: `npx nx run api:migrate` (for ATLAS_RUN_MIGRATIONS=false setups).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config';
import { provideDatabase } from './database';
import { buildDataSourceOptions } from './typeorm-options';

async function migrate(): Promise<void> {
  const config = loadConfig();
  const database = await provideDatabase(config, () => undefined);
  const dataSource = new DataSource(buildDataSourceOptions(database.url, false));
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(
      applied.length === 0
        ? '数据库已是最新 / database is up to date\n'
        : applied.map((migration) => `applied ${migration.name}\n`).join(''),
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

migrate().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `迁移失败 / migration failed: ${String(error)}`}\n`);
  process.exit(1);
});
