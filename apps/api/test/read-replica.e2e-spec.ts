import request from 'supertest';
import { READ_PRIMARY_COOKIE } from '../src/database/read-routing';
import { jiyuanFor, pasteReport } from './reports-fixtures';
import { adminToken, createTestAgency, tokenFor, type TestUser } from './support/auth';
import { startReplicatedPair, type ReplicatedPair } from './support/replica';
import { bootTestApp, type TestApp } from './support/test-app';
import { withClient } from './support/test-database';

/*
 * DATABASE_READ_URL against a real primary and a real streaming replica (issue 18 item 5): with
 * the replica's replay paused, analytics and the reports list answer from the replica (they do
 * not see a report just submitted), while the writer's own reads, carrying the cookie its write
 * set, see it on the primary at once; once replay resumes, every read sees it.
 */
describe('reads on a streaming replica (real primary and replica)', () => {
  let pair: ReplicatedPair;
  let testApp: TestApp;
  let admin: string;
  let uploader: TestUser;
  let agencyId: string;
  const YEAR = 2023;

  beforeAll(async () => {
    pair = await startReplicatedPair();
    testApp = await bootTestApp({ DATABASE_READ_URL: pair.replicaUrl }, pair.primaryUrl);
    admin = await adminToken(testApp);
    agencyId = await createTestAgency(testApp);
    uploader = await tokenFor(testApp, { role: 'uploader', agencyId });
    await pair.caughtUp();
  }, 120_000);

  afterAll(async () => {
    await testApp?.close();
    await pair?.stop();
  });

  const server = () => testApp.app.getHttpServer();
  const submittedIn = async (token: string, cookie?: string) => {
    const call = request(server())
      .get('/api/analytics/overview')
      .query({ year: YEAR, scope: agencyId })
      .set('Authorization', `Bearer ${token}`);
    const response = await (cookie ? call.set('Cookie', cookie) : call).expect(200);
    return (response.body as { submissions: { submitted: number } }).submissions.submitted;
  };
  const listed = async (token: string, cookie?: string) => {
    const call = request(server())
      .get('/api/reports')
      .query({ agencyId })
      .set('Authorization', `Bearer ${token}`);
    const response = await (cookie ? call.set('Cookie', cookie) : call).expect(200);
    return (response.body as { total: number }).total;
  };

  it('is a replica: in recovery, refusing writes', async () => {
    const state = await withClient(pair.replicaUrl, (client) =>
      client.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby'),
    );
    expect(state.rows[0]?.standby).toBe(true);
    await expect(
      withClient(pair.replicaUrl, (client) => client.query('CREATE TABLE refused (id int)')),
    ).rejects.toThrow(/read-only/);
  });

  it('answers analytics and lists from the replica, and the writer from the primary at once', async () => {
    expect(await submittedIn(admin)).toBe(0);
    await pair.pauseReplay();
    try {
      const created = await pasteReport(testApp, uploader.token, {
        agencyId,
        year: YEAR,
        text: jiyuanFor(YEAR),
      }).expect(201);
      const submitted = await request(server())
        .post(`/api/reports/${(created.body as { id: string }).id}/submit`)
        .set('Authorization', `Bearer ${uploader.token}`)
        .expect(200);
      const setCookie = ([] as string[]).concat(submitted.headers['set-cookie'] ?? []);
      const cookie = setCookie.find((line) => line.startsWith(`${READ_PRIMARY_COOKIE}=`));
      expect(cookie).toMatch(/HttpOnly/);
      const writersCookie = (cookie ?? '').split(';')[0] as string;

      // On the primary the report is there; the replica, paused, has not replayed it.
      const [onPrimary] = await testApp.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM report WHERE agency_id = $1 AND status = 'submitted'`,
        [agencyId],
      );
      expect(onPrimary?.n).toBe(1);
      expect(await listed(uploader.token)).toBe(0);
      expect(await submittedIn(admin)).toBe(0);
      // The writer's reads carry the cookie: served by the primary.
      expect(await listed(uploader.token, writersCookie)).toBe(1);
      expect(await submittedIn(admin, writersCookie)).toBe(1);
    } finally {
      await pair.resumeReplay();
    }
    await pair.caughtUp();
    expect(await listed(uploader.token)).toBe(1);
    expect(await submittedIn(admin)).toBe(1);
  });
});
