import request from 'supertest';
import { MIGRATIONS } from '../src/database/migrations';
import { adminToken, tokenFor } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';

describe('system info and the database round trip', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    testApp = await bootTestApp();
    admin = { Authorization: `Bearer ${await adminToken(testApp)}` };
  });
  afterAll(() => testApp.close());

  it('applied every committed migration, in order', async () => {
    const rows = await testApp.dataSource.query<{ name: string }[]>(
      'SELECT name FROM typeorm_migrations ORDER BY "timestamp"',
    );
    expect(rows.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
  });

  it('reports the stored instance id and schema version', async () => {
    const response = await request(testApp.app.getHttpServer())
      .get('/api/system/info')
      .set(admin)
      .expect(200);

    const [stored] = await testApp.dataSource.query<{ value: string }[]>(
      `SELECT value #>> '{}' AS value FROM app_setting WHERE key = 'instance.id'`,
    );
    expect(stored?.value).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body).toMatchObject({
      name: 'Disclosure Atlas',
      instanceId: stored?.value,
      schemaVersion: MIGRATIONS[MIGRATIONS.length - 1]?.name,
      database: { embedded: !process.env['DATABASE_URL'] },
    });
    expect(response.body.database.serverVersion).toMatch(/^\d+/);
  });

  it('tells the versions to admins only: anonymous callers and other roles learn nothing', async () => {
    const server = testApp.app.getHttpServer();
    const anonymous = await request(server).get('/api/system/info').expect(401);
    expect(anonymous.body).toEqual({
      statusCode: 401,
      code: 'UNAUTHENTICATED',
      message: '请先登录',
    });
    const oversight = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [] });
    const refused = await request(server)
      .get('/api/system/info')
      .set('Authorization', `Bearer ${oversight.token}`)
      .expect(403);
    expect(JSON.stringify(refused.body)).not.toMatch(/version|\d+\.\d+/i);
  });

  it('keeps the instance id across restarts', async () => {
    const before = await request(testApp.app.getHttpServer()).get('/api/system/info').set(admin);
    const second = await bootTestApp();
    try {
      const after = await request(second.app.getHttpServer()).get('/api/system/info').set(admin);
      expect(after.body.instanceId).toBe(before.body.instanceId);
    } finally {
      await second.close();
    }
  });

  it('stores Chinese text in UTF-8 unchanged', async () => {
    const text = '政府信息公开工作年度报告 — 〔2021〕30号';
    await testApp.dataSource.query(
      `INSERT INTO app_setting (key, value) VALUES ('test.roundtrip', to_jsonb($1::text))
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [text],
    );
    const [row] = await testApp.dataSource.query<{ value: string }[]>(
      `SELECT value #>> '{}' AS value FROM app_setting WHERE key = 'test.roundtrip'`,
    );
    expect(row?.value).toBe(text);
  });
});
