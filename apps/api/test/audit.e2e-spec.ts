import { generateReport, renderReportText, SeededRandom } from '@atlas/demo-data';
import request from 'supertest';
import { createTestAgency, tokenFor } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';

describe('the audit log records exports and downloads (real PostgreSQL)', () => {
  let testApp: TestApp;
  const server = () => testApp.app.getHttpServer();
  const entries = (action: string, actorId: string) =>
    testApp.dataSource.query<{ target_id: string | null; details: Record<string, unknown> }[]>(
      'SELECT target_id, details FROM audit_log WHERE action = $1 AND actor_id = $2',
      [action, actorId],
    );

  beforeAll(async () => {
    testApp = await bootTestApp();
  });
  afterAll(() => testApp.close());

  it('records an agency export with its format and size', async () => {
    const admin = await tokenFor(testApp, { role: 'admin' });
    await request(server())
      .get('/api/agencies/export?format=csv')
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    const [entry] = await entries('agency.export', admin.id);
    expect(entry?.details).toMatchObject({ format: 'csv', count: expect.any(Number) });
  });

  it('records who downloaded which original', async () => {
    const agencyId = await createTestAgency(testApp);
    const uploader = await tokenFor(testApp, { role: 'uploader', agencyId });
    const report = generateReport(new SeededRandom(3), {
      year: 2023,
      activity: 1,
      agencyName: '审计测试局',
    });
    const uploaded = await request(server())
      .post('/api/reports')
      .set('Authorization', `Bearer ${uploader.token}`)
      .send({ agencyId, year: 2023, text: renderReportText(report), fileName: '年报.txt' })
      .expect(201);
    await request(server())
      .get(`/api/reports/${uploaded.body.id}/versions/1/original`)
      .set('Authorization', `Bearer ${uploader.token}`)
      .expect(200);
    expect(await entries('report.download', uploader.id)).toEqual([
      { target_id: uploaded.body.id, details: { version: 1, fileName: '年报.txt' } },
    ]);
  });
});
