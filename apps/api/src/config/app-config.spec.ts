import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, '/srv/atlas');
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      databaseUrl: undefined,
      dataDir: '/srv/atlas/.data',
      runMigrations: true,
      logLevel: 'info',
      uploadLimitBytes: 20 * 1024 * 1024,
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }, '/x')).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        PORT: '8080',
        DATABASE_URL: 'postgres://atlas:pw@db:5432/atlas',
        ATLAS_DATA_DIR: '/var/lib/atlas',
        ATLAS_RUN_MIGRATIONS: 'false',
        ATLAS_LOG_LEVEL: 'warn',
        ATLAS_SESSION_SECRET: 'x'.repeat(32),
        ATLAS_UPLOAD_LIMIT_MB: '5',
        ATLAS_JOBS: 'false',
        ATLAS_DEMO_DATA: 'true',
        ATLAS_TOKEN_TTL_HOURS: '2',
        ATLAS_PARSE_THREADS: '3',
        ATLAS_PARSE_QUEUE: '7',
        ATLAS_PARSE_TIMEOUT_S: '12',
        ATLAS_PARSE_MEMORY_MB: '256',
        ATLAS_IMPORT_JOBS_PER_ACCOUNT: '4',
        ATLAS_STORAGE_QUOTA_MB: '100',
        ATLAS_TRUST_PROXY: '1',
      },
      '/x',
    );
    expect(config).toMatchObject({
      env: 'production',
      port: 8080,
      databaseUrl: 'postgres://atlas:pw@db:5432/atlas',
      dataDir: '/var/lib/atlas',
      runMigrations: false,
      logLevel: 'warn',
      uploadLimitBytes: 5 * 1024 * 1024,
      jobs: false,
      demoData: true,
      tokenTtlHours: 2,
      parse: { threads: 3, queue: 7, timeoutMs: 12_000, memoryMb: 256 },
      importJobsPerAccount: 4,
      storageQuotaBytesPerAgency: 100 * 1024 * 1024,
      trustProxy: 1,
    });
  });

  it("trusts no proxy by default, and takes a flag, a hop count or the proxies' addresses", () => {
    expect(loadConfig({}, '/x').trustProxy).toBe(false);
    expect(loadConfig({ ATLAS_TRUST_PROXY: 'true' }, '/x').trustProxy).toBe(true);
    expect(loadConfig({ ATLAS_TRUST_PROXY: 'loopback, 10.0.0.0/8' }, '/x').trustProxy).toBe(
      'loopback, 10.0.0.0/8',
    );
    expect(() => loadConfig({ ATLAS_TRUST_PROXY: 'everyone' }, '/x')).toThrow(
      /ATLAS_TRUST_PROXY="everyone": 应为/,
    );
  });

  it('keeps 64 MB of analytics answers by default; 0 keeps none; a negative size is refused', () => {
    expect(loadConfig({}, '/x').analyticsCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ ATLAS_ANALYTICS_CACHE_MB: '0' }, '/x').analyticsCacheBytes).toBe(0);
    expect(() => loadConfig({ ATLAS_ANALYTICS_CACHE_MB: '-1' }, '/x')).toThrow(
      /ATLAS_ANALYTICS_CACHE_MB="-1": 不应小于 0/,
    );
  });

  it('parses in at most two threads by default, fewer on one core', () => {
    const { parse } = loadConfig({}, '/x');
    expect(parse.threads).toBeGreaterThanOrEqual(1);
    expect(parse.threads).toBeLessThanOrEqual(2);
    expect(parse).toMatchObject({ queue: 50, timeoutMs: 30_000, memoryMb: 512 });
  });

  it('reads the replicas of DATABASE_READ_URL as a comma-separated list; none by default', () => {
    expect(loadConfig({}, '/x').databaseReadUrls).toEqual([]);
    expect(
      loadConfig({ DATABASE_READ_URL: 'postgres://a:b@r1:5432/d, postgres://a:b@r2/d,' }, '/x')
        .databaseReadUrls,
    ).toEqual(['postgres://a:b@r1:5432/d', 'postgres://a:b@r2/d']);
  });

  it('loads the demo by default only with the embedded database and outside tests', () => {
    expect(loadConfig({}, '/x').demoData).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://a:b@c/d' }, '/x').demoData).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }, '/x').demoData).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT="abc"'],
    [{ PORT: '70000' }, 'PORT="70000"'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL=(hidden)'],
    [{ DATABASE_READ_URL: 'postgres://a:b@r1/d, mysql://x@y/z' }, 'DATABASE_READ_URL=(hidden)'],
    [{ ATLAS_RUN_MIGRATIONS: 'maybe' }, 'ATLAS_RUN_MIGRATIONS="maybe"'],
    [{ ATLAS_LOG_LEVEL: 'loud' }, 'ATLAS_LOG_LEVEL="loud"'],
    [{ ATLAS_SESSION_SECRET: 'short' }, 'ATLAS_SESSION_SECRET=(hidden)'],
    [{ ATLAS_ADMIN_PASSWORD: 'short' }, 'ATLAS_ADMIN_PASSWORD=(hidden)'],
    [{ ATLAS_JOBS: 'sometimes' }, 'ATLAS_JOBS="sometimes"'],
    [{ ATLAS_DEMO_DATA: 'maybe' }, 'ATLAS_DEMO_DATA="maybe"'],
    [{ ATLAS_PARSE_THREADS: '0' }, 'ATLAS_PARSE_THREADS="0"'],
    [{ ATLAS_PARSE_MEMORY_MB: '1.5' }, 'ATLAS_PARSE_MEMORY_MB="1.5"'],
    [{ ATLAS_STORAGE_QUOTA_MB: 'lots' }, 'ATLAS_STORAGE_QUOTA_MB="lots"'],
  ])('rejects %j naming the variable', (environment, expected) => {
    expect(() => loadConfig(environment, '/x')).toThrow(ConfigError);
    expect(() => loadConfig(environment, '/x')).toThrow(expected);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'x', ATLAS_LOG_LEVEL: 'loud' }, '/x');
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });

  it('reads the regions of the coverage sum rule (H.COVERAGE) as a list of agency codes', () => {
    expect(loadConfig({}, '/x').coverageSumRegionCodes).toEqual([]);
    expect(
      loadConfig({ ATLAS_COVERAGE_SUM_REGIONS: ' QS, JS-01 ,' }, '/x').coverageSumRegionCodes,
    ).toEqual(['QS', 'JS-01']);
    expect(() => loadConfig({ ATLAS_COVERAGE_SUM_REGIONS: 'QS;DROP' }, '/x')).toThrow(
      'ATLAS_COVERAGE_SUM_REGIONS',
    );
  });

  it('requires a shared secret for production on an external database', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://a:b@c/d' }, '/x'),
    ).toThrow('ATLAS_SESSION_SECRET');
  });
});
