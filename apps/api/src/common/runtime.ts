import type { AppConfig, ParsePoolConfig } from '../config/app-config';

/** Injection tokens for what main.ts resolved before Nest started. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const APP_RUNTIME = Symbol('APP_RUNTIME');

export interface AppRuntime {
  readonly version: string;
  readonly startedAt: Date;
  /** True when the database is the embedded PostgreSQL under ATLAS_DATA_DIR. */
  readonly embeddedDatabase: boolean;
}

export type { AppConfig, ParsePoolConfig };
