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

export function buildDataSourceOptions(url: string, runMigrations: boolean): DataSourceOptions {
  return {
    type: 'postgres',
    url,
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
