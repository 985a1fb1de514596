import { RULES } from '@atlas/report-model';
import request from 'supertest';
import { createTestAgency, tokenFor } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';

describe('GET /api/rules (real PostgreSQL)', () => {
  let testApp: TestApp;
  const server = () => testApp.app.getHttpServer();

  beforeAll(async () => {
    testApp = await bootTestApp();
  });
  afterAll(() => testApp.close());

  it('serves the catalogue with what each rule reads and its source to any signed-in user', async () => {
    const agencyId = await createTestAgency(testApp);
    const uploader = await tokenFor(testApp, { role: 'uploader', agencyId });
    const response = await request(server())
      .get('/api/rules')
      .set('Authorization', `Bearer ${uploader.token}`)
      .expect(200);
    const rules = response.body as { id: string; severity: string; looksAt: string; source: { kind: string; cite: string } }[];
    expect(rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    expect(rules.find((rule) => rule.id === 'T2.REPEAL')).toMatchObject({
      severity: 'error',
      scope: 'crossReport',
      source: { kind: 'practice' },
    });
    expect(rules.find((rule) => rule.id === 'T3.BALANCE')?.source.cite).toContain('国办公开办函〔2021〕30号');
    await request(server()).get('/api/rules').expect(401);
  });
});
