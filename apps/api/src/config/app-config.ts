import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

/** Log levels understood by pino; `silent` is for tests. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: '应为 true 或 false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/[^/]+/.test(value), {
    message: '应为 postgres://user:password@host:port/database 形式的连接串',
  })
  .refine((value) => URL.canParse(value), { message: '不是合法的 URL' });

function positiveInteger(max: number) {
  return z.coerce
    .number({ message: '应为数字' })
    .int({ message: '应为整数' })
    .positive({ message: '应大于 0' })
    .max(max, { message: `不应超过 ${max}` });
}

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce
    .number({ message: '应为端口号' })
    .int({ message: '应为整数' })
    .min(0, { message: '应在 0–65535 之间' })
    .max(65535, { message: '应在 0–65535 之间' })
    .default(3000),
  DATABASE_URL: postgresUrl.optional(),
  /** Streaming replicas for analytics and list reads, comma-separated. */
  DATABASE_READ_URL: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter((url) => url !== ''),
    )
    .pipe(z.array(postgresUrl))
    .optional(),
  ATLAS_DATA_DIR: z.string().min(1).default('.data'),
  ATLAS_RUN_MIGRATIONS: booleanFlag.default(true),
  ATLAS_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  ATLAS_SESSION_SECRET: z
    .string()
    .min(32, { message: '至少 32 个字符（建议 openssl rand -hex 32 生成）' })
    .optional(),
  ATLAS_UPLOAD_LIMIT_MB: z.coerce
    .number({ message: '应为数字' })
    .positive({ message: '应大于 0' })
    .max(1024, { message: '不应超过 1024' })
    .default(20),
  ATLAS_WEB_DIR: z.string().min(1).optional(),
  ATLAS_ADMIN_PASSWORD: z.string().min(8, { message: '至少 8 个字符' }).optional(),
  ATLAS_DEMO_DATA: z
    .enum(['auto', 'true', 'false'], { message: '应为 auto、true 或 false' })
    .default('auto'),
  ATLAS_JOBS: booleanFlag.default(true),
  ATLAS_PARSE_THREADS: positiveInteger(64).optional(),
  ATLAS_PARSE_QUEUE: positiveInteger(10_000).default(50),
  ATLAS_PARSE_TIMEOUT_S: positiveInteger(3600).default(30),
  ATLAS_PARSE_MEMORY_MB: positiveInteger(16_384).default(512),
  ATLAS_IMPORT_JOBS_PER_ACCOUNT: positiveInteger(100).default(2),
  ATLAS_LOGIN_PER_CLIENT_PER_MINUTE: positiveInteger(1_000_000).default(120),
  ATLAS_LOGIN_OVERALL_PER_MINUTE: positiveInteger(1_000_000).default(600),
  ATLAS_UPLOADS_PER_ACCOUNT_PER_MINUTE: positiveInteger(1_000_000).default(60),
  ATLAS_IMPORTS_PER_ACCOUNT_PER_MINUTE: positiveInteger(1_000_000).default(20),
  ATLAS_STORAGE_QUOTA_MB: z.coerce
    .number({ message: '应为数字' })
    .positive({ message: '应大于 0' })
    .max(10_485_760, { message: '不应超过 10485760（10 TB）' })
    .default(2048),
  ATLAS_TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?))*)$/,
      {
        message:
          '应为 true、false、代理层数，或代理的地址/网段列表（如 loopback 或 10.0.0.0/8,127.0.0.1）',
      },
    )
    .default('false'),
  ATLAS_ANALYTICS_CACHE_MB: z.coerce
    .number({ message: '应为数字' })
    .int({ message: '应为整数' })
    .min(0, { message: '不应小于 0（0 表示不缓存）' })
    .max(65_536, { message: '不应超过 65536' })
    .default(64),
  ATLAS_TOKEN_TTL_HOURS: z.coerce
    .number({ message: '应为数字' })
    .positive({ message: '应大于 0' })
    .max(24 * 30, { message: '不应超过 720 小时' })
    .default(12),
  ATLAS_COVERAGE_SUM_REGIONS: z
    .string()
    .regex(/^[A-Za-z0-9._,\s-]*$/, { message: '应为以逗号分隔的单位编码' })
    .default(''),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

/** The validated, typed configuration, read once at start-up. */
export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** External PostgreSQL; when absent an embedded one is started under `dataDir/pg`. */
  readonly databaseUrl: string | undefined;
  /** Streaming replicas (DATABASE_READ_URL) that analytics and list reads go to; empty: none. */
  readonly databaseReadUrls: readonly string[];
  readonly dataDir: string;
  readonly runMigrations: boolean;
  readonly logLevel: LogLevel;
  /** Signing secret; when absent one is generated and kept in `dataDir` (single-node only). */
  readonly sessionSecret: string | undefined;
  readonly uploadLimitBytes: number;
  /** Built web app served from `/`; absent means "the default location next to the API". */
  readonly webDir: string | undefined;
  /** Password of the first admin, created on first start when no admin exists. */
  readonly adminPassword: string | undefined;
  /** How long an access token is valid. */
  readonly tokenTtlHours: number;
  /**
   * Express's `trust proxy`: which reverse proxies may name the client in X-Forwarded-For. The
   * sign-in limits per client count that address; without it, behind a proxy, every client
   * would share the proxy's.
   */
  readonly trustProxy: boolean | number | string;
  /** Every report is parsed in this pool of worker threads, off the API's event loop. */
  readonly parse: ParsePoolConfig;
  /** Bulk import jobs one account may have waiting or running at once. */
  readonly importJobsPerAccount: number;
  /** Sign-in requests a minute: from one client address, and from all clients together. */
  readonly loginLimits: {
    readonly perClientPerMinute: number;
    readonly overallPerMinute: number;
    /** Report uploads and previews, and bulk import requests, a minute per account. */
    readonly uploadsPerAccountPerMinute: number;
    readonly importsPerAccountPerMinute: number;
  };
  /** Original report files stored per agency, all versions together. */
  readonly storageQuotaBytesPerAgency: number;
  /**
   * Codes of the regions whose people's government reports for its 本级 as a whole: its table 3
   * must be at least the sum of its departments' (rule H.COVERAGE). The region is the
   * government or any agency above it.
   */
  readonly coverageSumRegionCodes: readonly string[];
  /** Work off background jobs (bulk imports) in this process; off: only enqueue them for another. */
  readonly jobs: boolean;
  /** Seed the demo region and reports on first start (default: with the embedded database). */
  readonly demoData: boolean;
  /** Analytics answers kept in this process, keyed by their scope's revision; 0: none kept. */
  readonly analyticsCacheBytes: number;
}

export interface ParsePoolConfig {
  /** Worker threads parsing at once (default: 2, or 1 on a one-core machine). */
  readonly threads: number;
  /** Parses waiting for a thread; beyond that a parse is refused at once (503). */
  readonly queue: number;
  /** A parse still running after this is stopped (its thread terminated). */
  readonly timeoutMs: number;
  /** Heap of one parse thread; a parse that needs more is stopped. */
  readonly memoryMb: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置无效 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment. Throws ConfigError naming every wrong variable, so the
 * process stops before it touches the database.
 */
export function loadConfig(
  environment: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): AppConfig {
  // Empty strings count as unset: `PORT= npm start` should mean the default, not an error.
  const present = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '');
        const value = present[name];
        const shown =
          /SECRET|PASSWORD/.test(name) || name.startsWith('DATABASE_')
            ? '(hidden)'
            : JSON.stringify(value);
        return `${name}=${value === undefined ? '(unset)' : shown}: ${issue.message}`;
      }),
    );
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.ATLAS_SESSION_SECRET) {
    // Replicas behind a load balancer must share one secret; a generated one would differ per node.
    throw new ConfigError([
      'ATLAS_SESSION_SECRET=(unset): 生产环境使用外部数据库时必须设置（各副本共用同一密钥）',
    ]);
  }
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    databaseReadUrls: env.DATABASE_READ_URL ?? [],
    dataDir: absolute(env.ATLAS_DATA_DIR),
    runMigrations: env.ATLAS_RUN_MIGRATIONS,
    logLevel: env.ATLAS_LOG_LEVEL,
    sessionSecret: env.ATLAS_SESSION_SECRET,
    uploadLimitBytes: Math.round(env.ATLAS_UPLOAD_LIMIT_MB * 1024 * 1024),
    webDir: env.ATLAS_WEB_DIR ? absolute(env.ATLAS_WEB_DIR) : undefined,
    adminPassword: env.ATLAS_ADMIN_PASSWORD,
    tokenTtlHours: env.ATLAS_TOKEN_TTL_HOURS,
    trustProxy: trustProxySetting(env.ATLAS_TRUST_PROXY),
    loginLimits: {
      perClientPerMinute: env.ATLAS_LOGIN_PER_CLIENT_PER_MINUTE,
      overallPerMinute: env.ATLAS_LOGIN_OVERALL_PER_MINUTE,
      uploadsPerAccountPerMinute: env.ATLAS_UPLOADS_PER_ACCOUNT_PER_MINUTE,
      importsPerAccountPerMinute: env.ATLAS_IMPORTS_PER_ACCOUNT_PER_MINUTE,
    },
    parse: {
      threads: env.ATLAS_PARSE_THREADS ?? Math.min(2, availableParallelism()),
      queue: env.ATLAS_PARSE_QUEUE,
      timeoutMs: env.ATLAS_PARSE_TIMEOUT_S * 1000,
      memoryMb: env.ATLAS_PARSE_MEMORY_MB,
    },
    importJobsPerAccount: env.ATLAS_IMPORT_JOBS_PER_ACCOUNT,
    storageQuotaBytesPerAgency: Math.round(env.ATLAS_STORAGE_QUOTA_MB * 1024 * 1024),
    coverageSumRegionCodes: env.ATLAS_COVERAGE_SUM_REGIONS.split(',')
      .map((code) => code.trim())
      .filter((code) => code !== ''),
    jobs: env.ATLAS_JOBS,
    demoData:
      env.ATLAS_DEMO_DATA === 'auto'
        ? !env.DATABASE_URL && env.NODE_ENV !== 'test'
        : env.ATLAS_DEMO_DATA === 'true',
    analyticsCacheBytes: env.ATLAS_ANALYTICS_CACHE_MB * 1024 * 1024,
  };
}

function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
