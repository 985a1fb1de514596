import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DomainEventsModule } from './common/events/domain-events';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { LargeJsonInterceptor } from './common/http/large-json.interceptor';
import { createValidationPipe } from './common/http/validation';
import { loggerOptions } from './common/logging/logger-options';
import { APP_CONFIG, APP_RUNTIME, type AppConfig, type AppRuntime } from './common/runtime';
import { buildDataSourceOptions } from './database/typeorm-options';
import { AuditModule } from './modules/audit';
import { AuthModule, resolveSessionSecret } from './modules/auth';
import { DemoModule } from './modules/demo';
import { AgenciesModule } from './modules/agencies';
import { AlertsModule } from './modules/alerts';
import { AnalyticsModule } from './modules/analytics';
import { BulletinsModule } from './modules/bulletins';
import { HealthModule } from './modules/health';
import { ImportsModule } from './modules/imports';
import { NotificationsModule } from './modules/notifications';
import { ReportsModule } from './modules/reports';
import { SystemModule } from './modules/system';
import { RulesModule } from './modules/rules';
import { RectificationModule } from './modules/rectification';

export interface AppModuleOptions {
  readonly config: AppConfig;
  /** The resolved connection string: DATABASE_URL, or the embedded cluster main.ts started. */
  readonly databaseUrl: string;
  readonly runtime: AppRuntime;
}

/** Makes the start-up configuration injectable everywhere without importing this module. */
@Global()
@Module({})
class RuntimeModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: APP_RUNTIME, useValue: options.runtime },
      ],
      exports: [APP_CONFIG, APP_RUNTIME],
    };
  }
}

@Module({})
export class AppModule {
  /** The database is known only after main.ts has started it, hence a dynamic module. */
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.register(options),
        LoggerModule.forRoot(loggerOptions(options.config.logLevel)),
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions(
            options.databaseUrl,
            options.config.runMigrations,
            options.config.databaseReadUrls,
          ),
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        DomainEventsModule,
        AuditModule,
        AuthModule.register(resolveSessionSecret(options.config), options.config.loginLimits),
        HealthModule,
        SystemModule,
        RulesModule,
        AgenciesModule,
        NotificationsModule,
        ReportsModule,
        AnalyticsModule,
        BulletinsModule,
        AlertsModule,
        ImportsModule,
        DemoModule,
        RectificationModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: LargeJsonInterceptor },
      ],
    };
  }
}
