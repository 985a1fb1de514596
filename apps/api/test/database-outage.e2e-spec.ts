import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../src/common/filters/database-unavailable';
import {
  findFreePort,
  type RunningDatabase,
  startEmbeddedPostgres,
} from '../src/database/embedded-postgres';
import { bootTestApp, type TestApp } from './support/test-app';
import { migrate } from './support/test-database';

/**
 * The database goes away under a running API and comes back: meanwhile every route answers 503
 * with a Chinese reason and Retry-After (not 500), and afterwards the same API answers again by
 * itself. The spec stops a PostgreSQL of its own, so the run's shared one is never touched.
 */

const ADMIN_PASSWORD = 'outage-admin-password';

describe('database outage: 503 while PostgreSQL is down, recovery without a restart', () => {
  let dataDir: string;
  let port: number;
  let server: RunningDatabase | null = null;
  let testApp: TestApp;
  let token: string;
  const http = () => request(testApp.app.getHttpServer());

  /** Requests that each need the database: reads, a write path (login), and the session check. */
  const routes = () => [
    {
      name: 'GET /api/agencies',
      send: () => http().get('/api/agencies').set('Authorization', `Bearer ${token}`),
    },
    {
      name: 'GET /api/reports',
      send: () => http().get('/api/reports').set('Authorization', `Bearer ${token}`),
    },
    {
      name: 'GET /api/auth/me',
      send: () => http().get('/api/auth/me').set('Authorization', `Bearer ${token}`),
    },
    {
      name: 'GET /api/system/info',
      send: () => http().get('/api/system/info').set('Authorization', `Bearer ${token}`),
    },
    {
      name: 'GET /api/analytics/overview',
      send: () =>
        http()
          .get('/api/analytics/overview')
          .query({ year: 2024 })
          .set('Authorization', `Bearer ${token}`),
    },
    {
      name: 'POST /api/auth/login',
      send: () =>
        http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }),
    },
  ];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atlas-outage-'));
    await chmod(dataDir, 0o755); // the cluster runs as the postgres user when tests run as root
    port = await findFreePort();
    server = await startEmbeddedPostgres({ dataDir, port });
    await migrate(server.url);
    testApp = await bootTestApp({ ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD }, server.url);
    const login = await http()
      .post('/api/auth/login')
      .send({ username: 'admin', password: ADMIN_PASSWORD })
      .expect(200);
    token = (login.body as { accessToken: string }).accessToken;
  }, 60_000);

  afterAll(async () => {
    await testApp?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After on every route while the database is down, then 200 again', async () => {
    for (const route of routes())
      expect([route.name, (await route.send()).status]).toEqual([route.name, 200]);

    await server?.stop(); // a fast shutdown: open connections are told 57P01, new ones refused
    server = null;

    for (const route of routes()) {
      const response = await route.send();
      expect([route.name, response.status]).toEqual([route.name, 503]);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toEqual({
        statusCode: 503,
        code: 'DB_UNAVAILABLE',
        message: DATABASE_UNAVAILABLE_MESSAGE,
      });
    }
    const health = await http().get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ db: 'down', code: 'DB_UNAVAILABLE' });
    expect(health.headers['retry-after']).toBe('5');

    server = await startEmbeddedPostgres({ dataDir, port });

    // The same application object: its pools reconnect on the next request.
    const deadline = Date.now() + 20_000;
    while ((await http().get('/api/health')).status !== 200) {
      if (Date.now() > deadline) throw new Error('the API did not see the database come back');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    for (const route of routes())
      expect([route.name, (await route.send()).status]).toEqual([route.name, 200]);
  }, 60_000);
});
