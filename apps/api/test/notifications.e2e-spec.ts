import { generateReport, renderReportText, SeededRandom } from '@atlas/demo-data';
import request from 'supertest';
import { createTestAgency, type TestUser, tokenFor } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';

interface NotificationBody {
  id: string;
  kind: string;
  reportId: string;
  agencyId: string;
  year: number;
  message: string;
  createdAt: string;
  readAt: string | null;
}
interface PageBody {
  items: NotificationBody[];
  unreadCount: number;
  nextBefore: string | null;
}

describe('notifications (real PostgreSQL)', () => {
  let testApp: TestApp;
  const server = () => testApp.app.getHttpServer();
  let seed = 0;

  let reviewer: TestUser;
  let agencyId: string;
  let clerk: TestUser;
  let colleague: TestUser;
  let disabled: TestUser;
  let outsider: TestUser;

  const as = (user: TestUser) => ({
    get: (url: string) => request(server()).get(url).set('Authorization', `Bearer ${user.token}`),
    post: (url: string) => request(server()).post(url).set('Authorization', `Bearer ${user.token}`),
  });
  const storedFor = (userId: string) =>
    testApp.dataSource.query<
      {
        kind: string;
        report_id: string;
        agency_id: string;
        year: number;
        message: string;
        read_at: Date | null;
      }[]
    >(
      'SELECT kind, report_id, agency_id, year, message, read_at FROM notification WHERE recipient_id = $1 ORDER BY id',
      [userId],
    );
  const pageOf = async (user: TestUser, query = '') =>
    (await as(user).get(`/api/notifications${query}`).expect(200)).body as PageBody;

  async function submittedReport(year: number): Promise<string> {
    seed += 1;
    const text = renderReportText(
      generateReport(new SeededRandom(seed * 131 + year), {
        year,
        activity: 1 + (seed % 4),
        agencyName: '通知测试局',
      }),
    );
    const uploaded = await as(clerk)
      .post('/api/reports')
      .send({ agencyId, year, text })
      .expect(201);
    const id = (uploaded.body as { id: string }).id;
    await as(clerk).post(`/api/reports/${id}/submit`).expect(200);
    return id;
  }

  beforeAll(async () => {
    testApp = await bootTestApp();
    reviewer = await tokenFor(testApp, { role: 'admin' });
    agencyId = await createTestAgency(testApp, '通知测试局');
    clerk = await tokenFor(testApp, { role: 'uploader', agencyId });
    colleague = await tokenFor(testApp, { role: 'uploader', agencyId });
    disabled = await tokenFor(testApp, { role: 'uploader', agencyId });
    await testApp.dataSource.query('UPDATE app_user SET disabled = true WHERE id = $1', [
      disabled.id,
    ]);
    outsider = await tokenFor(testApp, {
      role: 'uploader',
      agencyId: await createTestAgency(testApp),
    });
  });
  afterAll(() => testApp.close());

  it('tells every active uploader of the agency that its report was returned, with the comment', async () => {
    const reportId = await submittedReport(2019);
    await as(reviewer)
      .post(`/api/reports/${reportId}/return`)
      .send({ comment: '表三结转数与上年不一致，请核对' })
      .expect(200);

    const page = await pageOf(clerk);
    expect(page.unreadCount).toBe(1);
    expect(page.items).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        kind: 'report.returned',
        reportId,
        agencyId,
        year: 2019,
        message: `测试 ${reviewer.username} 退回了本单位 2019 年度报告，意见：表三结转数与上年不一致，请核对`,
        createdAt: expect.any(String),
        readAt: null,
      },
    ]);
    for (const user of [clerk, colleague]) {
      expect(await storedFor(user.id)).toEqual([
        expect.objectContaining({
          kind: 'report.returned',
          report_id: reportId,
          year: 2019,
          read_at: null,
        }),
      ]);
    }
    // A disabled account, another agency's uploader and the reviewer hear nothing.
    expect(await storedFor(disabled.id)).toEqual([]);
    expect(await storedFor(outsider.id)).toEqual([]);
    expect(await storedFor(reviewer.id)).toEqual([]);
    expect(await pageOf(outsider)).toEqual({ items: [], unreadCount: 0, nextBefore: null });
  });

  it('tells of acceptance and of reopening with the reason, newest first', async () => {
    const reportId = await submittedReport(2018);
    await as(reviewer).post(`/api/reports/${reportId}/accept`).expect(200);
    await as(reviewer)
      .post(`/api/reports/${reportId}/reopen`)
      .send({ reason: '表四数据录入错误' })
      .expect(200);

    const page = await pageOf(colleague, '?limit=2');
    expect(page.items.map((item) => [item.kind, item.year])).toEqual([
      ['report.reopened', 2018],
      ['report.accepted', 2018],
    ]);
    expect(page.items[0]?.message).toContain('原因：表四数据录入错误');
    expect(page.unreadCount).toBe(3);
    // The page was full: the next one holds the older return.
    expect(page.nextBefore).toBe(page.items[1]?.id);
    const older = await pageOf(colleague, `?limit=2&before=${page.nextBefore}`);
    expect(older.items.map((item) => item.kind)).toEqual(['report.returned']);
    expect(older.nextBefore).toBeNull();
  });

  it('writes no notice when the step is refused', async () => {
    const before = await storedFor(clerk.id);
    const reportId = await submittedReport(2017);
    await as(reviewer)
      .post(`/api/reports/${reportId}/reopen`)
      .send({ reason: '尚未接收' })
      .expect(409);
    expect(await storedFor(clerk.id)).toEqual(before);
  });

  it('marks one notice read for its recipient only', async () => {
    const [newest] = (await pageOf(clerk)).items;
    if (!newest) throw new Error('no notice');
    const unreadBefore = (await pageOf(clerk)).unreadCount;

    const answer = await as(clerk).post(`/api/notifications/${newest.id}/read`).expect(200);
    expect(answer.body).toEqual({ ...newest, readAt: expect.any(String) });
    const [row] = await testApp.dataSource.query<{ read_at: Date | null }[]>(
      'SELECT read_at FROM notification WHERE id = $1',
      [newest.id],
    );
    expect(row?.read_at).toBeInstanceOf(Date);
    expect((await pageOf(clerk)).unreadCount).toBe(unreadBefore - 1);
    expect((await pageOf(clerk, '?unread=true')).items.map((item) => item.id)).not.toContain(
      newest.id,
    );

    // Reading again keeps the first time.
    const again = await as(clerk).post(`/api/notifications/${newest.id}/read`).expect(200);
    expect((again.body as NotificationBody).readAt).toBe((answer.body as NotificationBody).readAt);
    // The colleague's copy of the same news is still unread.
    expect(
      (await storedFor(colleague.id)).filter((stored) => stored.read_at === null),
    ).toHaveLength(3);
  });

  it('hides one user’s notices from another: reading or marking them is a 404', async () => {
    const [theirs] = (await pageOf(colleague, '?unread=true')).items;
    if (!theirs) throw new Error('no notice');

    for (const stranger of [outsider, clerk, reviewer]) {
      const refused = await as(stranger).post(`/api/notifications/${theirs.id}/read`).expect(404);
      expect(refused.body).toMatchObject({ statusCode: 404, code: 'NOTIFICATION_NOT_FOUND' });
      expect((await pageOf(stranger)).items.map((item) => item.id)).not.toContain(theirs.id);
    }
    const [row] = await testApp.dataSource.query<{ read_at: Date | null }[]>(
      'SELECT read_at FROM notification WHERE id = $1',
      [theirs.id],
    );
    expect(row?.read_at).toBeNull();
    for (const id of ['999999999999', 'abc', '0'])
      await as(colleague).post(`/api/notifications/${id}/read`).expect(404);
  });

  it('marks all of the caller’s notices read, and only theirs', async () => {
    const clerkUnread = (await pageOf(clerk)).unreadCount;
    const answer = await as(colleague).post('/api/notifications/read-all').expect(200);
    expect(answer.body).toEqual({ marked: 3 });
    expect(await pageOf(colleague, '?unread=true')).toEqual({
      items: [],
      unreadCount: 0,
      nextBefore: null,
    });
    expect((await storedFor(colleague.id)).every((stored) => stored.read_at !== null)).toBe(true);
    expect((await pageOf(clerk)).unreadCount).toBe(clerkUnread);
    expect((await as(colleague).post('/api/notifications/read-all').expect(200)).body).toEqual({
      marked: 0,
    });
  });

  it('refuses bad queries and callers without a token', async () => {
    for (const query of ['?limit=0', '?limit=101', '?unread=yes', '?before=-1', '?other=1']) {
      const refused = await as(clerk).get(`/api/notifications${query}`).expect(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    await request(server()).get('/api/notifications').expect(401);
    await request(server()).post('/api/notifications/read-all').expect(401);
  });
});
