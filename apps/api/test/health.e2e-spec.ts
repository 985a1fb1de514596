import request from 'supertest';
import { appVersion } from '../src/common/app-version';
import { bootTestApp, type TestApp } from './support/test-app';

describe('GET /api/health (real PostgreSQL)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await bootTestApp();
  });
  afterAll(() => testApp.close());

  it('answers 200 with the database up and the version', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/api/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', db: 'up', version: appVersion() });
  });

  it('sends a request id and security headers', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/api/health');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps a sane request id given by a proxy and replaces an unsafe one', async () => {
    const server = testApp.app.getHttpServer();
    const kept = await request(server).get('/api/health').set('x-request-id', 'lb-1234.abc');
    expect(kept.headers['x-request-id']).toBe('lb-1234.abc');
    const replaced = await request(server).get('/api/health').set('x-request-id', 'bad id <script>');
    expect(replaced.headers['x-request-id']).not.toContain('script');
  });
});

describe('GET /api/health with the database gone', () => {
  it('answers 503 in the common error shape', async () => {
    const testApp = await bootTestApp();
    try {
      await testApp.dataSource.destroy();
      const response = await request(testApp.app.getHttpServer()).get('/api/health').expect(503);
      expect(response.body).toEqual({
        status: 'error',
        db: 'down',
        version: appVersion(),
        statusCode: 503,
        code: 'DB_UNAVAILABLE',
        message: '数据库不可用',
      });
    } finally {
      await testApp.app.close().catch(() => undefined);
    }
  });
});
