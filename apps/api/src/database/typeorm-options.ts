import type { DataSourceOptions } from 'typeorm';
import { AuditLogEntity } from '../modules/audit/entities/audit-log.entity';
import { UserScopeEntity } from '../modules/auth/entities/user-scope.entity';
import { UserEntity } from '../modules/auth/entities/user.entity';
import { AgencyEntity } from '../modules/agencies/entities/agency.entity';
import { IMPORT_ENTITIES } from '../modules/imports/entities';
import { REPORT_ENTITIES } from '../modules/reports/entities';
import { AppSettingEntity } from '../modules/system/entities/app-setting.entity';
import { MIGRATIONS } from './migrations';

/** Every entity, listed explicitly so the same list works from source, dist and Jest. */
export const ENTITIES = [
  AppSettingEntity,
  UserEntity,
  UserScopeEntity,
  AuditLogEntity,
  AgencyEntity,
  ...REPORT_ENTITIES,
  ...IMPORT_ENTITIES,
];

/**
 * With `readUrls` (DATABASE_READ_URL), TypeORM's replication: every query still goes to the
 * primary (`defaultMode: 'master'`, also for find() and query builders) unless it asks for a
 * replica through `readQuery` (`read-routing.ts`), as analytics and list reads do.
 */
export function buildDataSourceOptions(
  url: string,
  runMigrations: boolean,
  readUrls: readonly string[] = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    ...(readUrls.length > 0
      ? {
          replication: {
            master: { url },
            slaves: readUrls.map((readUrl) => ({ url: readUrl })),
            defaultMode: 'master' as const,
          },
        }
      : { url }),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsRun: runMigrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName: 'disclosure-atlas',
    extra: { max: 10, connectionTimeoutMillis: 5000 },
  };
}

/** The primary's URL (the queue and other writers' own connections go there), or undefined. */
export function primaryUrlOf(options: DataSourceOptions): string | undefined {
  if (options.type !== 'postgres') return undefined;
  return options.replication?.master.url ?? options.url;
}
