import { generateReport, renderReportText, SeededRandom } from '@atlas/demo-data';
import { type CanonicalReport, getCell } from '@atlas/report-model';
import { Workbook } from 'exceljs';
import request from 'supertest';
import { createTestAgency, type TestUser, tokenFor } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';

interface FindingBody {
  key: string;
  rule: string;
  severity: string;
  explainable: boolean;
  explanation: { id: string; status: string; text: string } | null;
}
interface NoticeBody {
  id: string;
  agencyId: string;
  agencyName: string | null;
  year: number;
  dueDate: string;
  status: string;
  itemCount: number;
  openItemCount: number;
  closedAt: string | null;
  items: { findingKey: string; rule: string; status: string; reportId: string }[];
}

const YEAR = 2020;
const NATURAL_PERSON = 'applications.newReceived.naturalPerson';

/**
 * Explanations and rectification notices through the HTTP API on a real PostgreSQL: the agency
 * explains a warning, oversight sends a notice, a corrected and submitted version fixes one
 * finding, an accepted explanation resolves the other, and the notice closes.
 */
describe('rectification (real PostgreSQL)', () => {
  let testApp: TestApp;
  const server = () => testApp.app.getHttpServer();

  let agencyId: string;
  let otherAgencyId: string;
  let clerk: TestUser;
  let otherClerk: TestUser;
  let office: TestUser;
  let otherOffice: TestUser;
  let reportId: string;
  let originalNaturalPerson: number;

  const as = (user: TestUser) => ({
    get: (url: string) => request(server()).get(url).set('Authorization', `Bearer ${user.token}`),
    post: (url: string) => request(server()).post(url).set('Authorization', `Bearer ${user.token}`),
    put: (url: string) => request(server()).put(url).set('Authorization', `Bearer ${user.token}`),
    patch: (url: string) =>
      request(server()).patch(url).set('Authorization', `Bearer ${user.token}`),
  });
  const findingsOf = async (user: TestUser) =>
    (await as(user).get(`/api/explanations?reportId=${reportId}`).expect(200)).body as {
      findings: FindingBody[];
      former: unknown[];
    };
  const keyOf = (findings: FindingBody[], rule: string) => {
    const found = findings.find((finding) => finding.rule === rule);
    if (!found) throw new Error(`no ${rule} among ${findings.map((f) => f.rule).join(', ')}`);
    return found.key;
  };
  const storedNotices = () =>
    testApp.dataSource.query<{ id: string; status: string; closed_at: Date | null }[]>(
      'SELECT id, status, closed_at FROM rectification_notice WHERE agency_id = $1 ORDER BY sent_at',
      [agencyId],
    );
  const storedItems = (noticeId: string) =>
    testApp.dataSource.query<{ rule: string; status: string; resolved_at: Date | null }[]>(
      'SELECT rule, status, resolved_at FROM rectification_item WHERE notice_id = $1 ORDER BY rule',
      [noticeId],
    );
  const audited = (action: string, targetId: string) =>
    testApp.dataSource.query<{ actor_id: string | null; details: Record<string, unknown> }[]>(
      'SELECT actor_id, details FROM audit_log WHERE action = $1 AND target_id = $2',
      [action, targetId],
    );
  const dueDate = () => {
    const date = new Date(Date.now() + 30 * 86_400_000);
    return date.toISOString().slice(0, 10);
  };

  beforeAll(async () => {
    testApp = await bootTestApp();
    agencyId = await createTestAgency(testApp, '整改测试局');
    otherAgencyId = await createTestAgency(testApp, '整改测试另一局');
    clerk = await tokenFor(testApp, { role: 'uploader', agencyId });
    otherClerk = await tokenFor(testApp, { role: 'uploader', agencyId: otherAgencyId });
    office = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [agencyId] });
    otherOffice = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [otherAgencyId] });

    // The text says 1,000 more applications than table 3 (N.APPLICATIONS, a warning); a wrong
    // cell of table 3 breaks its row sum and its column's balance (errors).
    const text = renderReportText(
      generateReport(new SeededRandom(4242), { year: YEAR, activity: 3, agencyName: '整改测试局' }),
    ).replace(/全年共收到政府信息公开申请(\d+)件/, (_, count: string) => {
      return `全年共收到政府信息公开申请${Number(count) + 1000}件`;
    });
    const uploaded = await as(clerk).post('/api/reports').send({ agencyId, year: YEAR, text });
    expect(uploaded.status).toBe(201);
    reportId = (uploaded.body as { id: string }).id;
    const detail = await as(clerk).get(`/api/reports/${reportId}`).expect(200);
    originalNaturalPerson = Number(
      getCell((detail.body as { report: CanonicalReport }).report, NATURAL_PERSON),
    );
    await as(clerk)
      .patch(`/api/reports/${reportId}/cells`)
      .send({
        reason: '测试：录入一个错误的数',
        changes: [{ address: NATURAL_PERSON, value: originalNaturalPerson + 5 }],
      })
      .expect(200);
    await as(clerk).post(`/api/reports/${reportId}/submit`).expect(200);
  });
  afterAll(() => testApp.close());

  let noticeId: string;
  let balanceNoticeId: string;
  let warningKey: string;
  let rowSumKey: string;

  it('lists the current findings with stable keys; only warnings are explainable', async () => {
    const { findings } = await findingsOf(office);
    expect(findings.map((finding) => finding.rule).sort()).toEqual(
      expect.arrayContaining(['N.APPLICATIONS', 'T3.BALANCE', 'T3.ROWSUM']),
    );
    for (const finding of findings)
      expect(finding.explainable).toBe(finding.severity === 'warning');
    warningKey = keyOf(findings, 'N.APPLICATIONS');
    rowSumKey = keyOf(findings, 'T3.ROWSUM');
    expect(rowSumKey).toMatch(/^T3\.ROWSUM@/);
    expect(rowSumKey).toContain(NATURAL_PERSON);

    await as(otherOffice).get(`/api/explanations?reportId=${reportId}`).expect(404);
    const refused = await as(clerk)
      .put('/api/explanations')
      .send({ reportId, findingKey: rowSumKey, text: '我们认为没有问题' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'FINDING_NOT_EXPLAINABLE' });
  });

  it('sends a notice with a due date, tells the agency, and refuses what it may not send', async () => {
    const due = dueDate();
    const body = {
      dueDate: due,
      requirement: '请核对表三并说明申请数差异',
      findings: [
        { reportId, findingKey: rowSumKey },
        { reportId, findingKey: warningKey },
      ],
    };
    const outside = await as(otherOffice).post('/api/rectifications').send(body).expect(404);
    expect(outside.body).toMatchObject({ code: 'REPORT_NOT_FOUND' });
    const past = await as(office)
      .post('/api/rectifications')
      .send({ ...body, dueDate: '2001-01-01' })
      .expect(400);
    expect(past.body).toMatchObject({ code: 'DUE_DATE_IN_PAST' });
    const unknown = await as(office)
      .post('/api/rectifications')
      .send({ ...body, findings: [{ reportId, findingKey: 'T4.TOTAL@nowhere' }] })
      .expect(422);
    expect(unknown.body).toMatchObject({ code: 'FINDING_NOT_FOUND' });
    await as(clerk).post('/api/rectifications').send(body).expect(403);
    expect(await storedNotices()).toEqual([]);

    const sent = await as(office).post('/api/rectifications').send(body).expect(201);
    const notices = sent.body as NoticeBody[];
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      agencyId,
      agencyName: '整改测试局',
      year: YEAR,
      dueDate: due,
      status: 'open',
      itemCount: 2,
      openItemCount: 2,
      closedAt: null,
    });
    noticeId = notices[0].id;
    expect(await storedNotices()).toEqual([{ id: noticeId, status: 'open', closed_at: null }]);
    expect(await storedItems(noticeId)).toEqual([
      { rule: 'N.APPLICATIONS', status: 'open', resolved_at: null },
      { rule: 'T3.ROWSUM', status: 'open', resolved_at: null },
    ]);
    const [notification] = await testApp.dataSource.query<{ kind: string; message: string }[]>(
      'SELECT kind, message FROM notification WHERE recipient_id = $1',
      [clerk.id],
    );
    expect(notification).toEqual({
      kind: 'rectification.sent',
      message: expect.stringContaining(`2 个问题需要整改，请于 ${due} 前完成`),
    });
    expect(await audited('rectification.send', noticeId)).toEqual([
      expect.objectContaining({ actor_id: office.id }),
    ]);

    const again = await as(office).post('/api/rectifications').send(body).expect(409);
    expect(again.body).toMatchObject({ code: 'FINDING_ALREADY_IN_NOTICE' });
    expect(await storedNotices()).toHaveLength(1);
  });

  it('shows the agency its notices and no one else’s; an overdue notice is listed as overdue', async () => {
    const balanceKey = keyOf((await findingsOf(office)).findings, 'T3.BALANCE');
    const sent = await as(office)
      .post('/api/rectifications')
      .send({ dueDate: dueDate(), findings: [{ reportId, findingKey: balanceKey }] })
      .expect(201);
    balanceNoticeId = (sent.body as NoticeBody[])[0].id;
    await testApp.dataSource.query(
      `UPDATE rectification_notice SET due_date = '2021-06-30' WHERE id = $1`,
      [balanceNoticeId],
    );

    const mine = (await as(clerk).get('/api/rectifications').expect(200)).body as NoticeBody[];
    expect(mine.map((notice) => notice.id).sort()).toEqual([noticeId, balanceNoticeId].sort());
    expect((await as(otherClerk).get('/api/rectifications').expect(200)).body).toEqual([]);
    await as(otherClerk).get(`/api/rectifications/${noticeId}`).expect(404);
    await as(otherOffice).get(`/api/rectifications?scope=${agencyId}`).expect(404);

    const overdue = (
      await as(office).get(`/api/rectifications?scope=${agencyId}&status=overdue`).expect(200)
    ).body as NoticeBody[];
    expect(overdue.map((notice) => [notice.id, notice.status])).toEqual([
      [balanceNoticeId, 'overdue'],
    ]);
    const open = (
      await as(office).get(`/api/rectifications?scope=${agencyId}&year=${YEAR}&status=open`)
    ).body as NoticeBody[];
    expect(open.map((notice) => notice.id)).toEqual([noticeId]);
  });

  it('re-checks the notices when a corrected version is submitted: the fixed finding is resolved', async () => {
    await as(office)
      .post(`/api/reports/${reportId}/return`)
      .send({ comment: '请按整改通知更正' })
      .expect(200);
    await as(clerk)
      .patch(`/api/reports/${reportId}/cells`)
      .send({
        reason: '按整改通知更正',
        changes: [{ address: NATURAL_PERSON, value: originalNaturalPerson }],
      })
      .expect(200);
    // A draft is not what the office counts: nothing is resolved before it is submitted.
    expect((await storedItems(noticeId)).map((item) => item.status)).toEqual(['open', 'open']);

    await as(clerk).post(`/api/reports/${reportId}/submit`).expect(200);
    expect(await storedItems(noticeId)).toEqual([
      { rule: 'N.APPLICATIONS', status: 'open', resolved_at: null },
      { rule: 'T3.ROWSUM', status: 'fixed', resolved_at: expect.any(Date) },
    ]);
    // The other notice's only finding is gone too: it closes, late as it is.
    const closed = (await storedNotices()).find((notice) => notice.id === balanceNoticeId);
    expect(closed).toEqual({ id: balanceNoticeId, status: 'closed', closed_at: expect.any(Date) });
    const notice = (await as(clerk).get(`/api/rectifications/${noticeId}`).expect(200))
      .body as NoticeBody;
    expect(notice).toMatchObject({ status: 'open', openItemCount: 1 });
  });

  it('takes the agency’s explanation, and closes the notice when oversight accepts it', async () => {
    const written = await as(clerk)
      .put('/api/explanations')
      .send({ reportId, findingKey: warningKey, text: '统计口径调整：正文含来信咨询件数' })
      .expect(200);
    const explanationId = (written.body as { id: string }).id;
    expect(written.body).toMatchObject({ status: 'pending', rule: 'N.APPLICATIONS' });
    await as(otherClerk)
      .put('/api/explanations')
      .send({ reportId, findingKey: warningKey, text: '不是我的报告' })
      .expect(404);

    const noReason = await as(office)
      .post(`/api/explanations/${explanationId}/decision`)
      .send({ accept: false })
      .expect(400);
    expect(noReason.body).toMatchObject({ code: 'REASON_REQUIRED' });
    await as(otherOffice)
      .post(`/api/explanations/${explanationId}/decision`)
      .send({ accept: true })
      .expect(404);
    await as(clerk)
      .post(`/api/explanations/${explanationId}/decision`)
      .send({ accept: true })
      .expect(403);

    // Rejected first, rewritten, then accepted.
    await as(office)
      .post(`/api/explanations/${explanationId}/decision`)
      .send({ accept: false, reason: '请写明口径调整的依据' })
      .expect(200);
    expect((await storedNotices()).find((n) => n.id === noticeId)?.status).toBe('open');
    await as(clerk)
      .put('/api/explanations')
      .send({
        reportId,
        findingKey: warningKey,
        text: '统计口径调整：依市政务公开办通知，正文含来信咨询件数',
      })
      .expect(200);
    const accepted = await as(office)
      .post(`/api/explanations/${explanationId}/decision`)
      .send({ accept: true, reason: '口径说明清楚' })
      .expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decisionReason: '口径说明清楚' });

    const [stored] = await testApp.dataSource.query<{ status: string; text: string }[]>(
      'SELECT status, text FROM finding_explanation WHERE id = $1',
      [explanationId],
    );
    expect(stored).toEqual({
      status: 'accepted',
      text: '统计口径调整：依市政务公开办通知，正文含来信咨询件数',
    });
    expect(await storedItems(noticeId)).toEqual([
      { rule: 'N.APPLICATIONS', status: 'explained', resolved_at: expect.any(Date) },
      { rule: 'T3.ROWSUM', status: 'fixed', resolved_at: expect.any(Date) },
    ]);
    expect((await storedNotices()).find((n) => n.id === noticeId)).toEqual({
      id: noticeId,
      status: 'closed',
      closed_at: expect.any(Date),
    });
    expect(await audited('explanation.write', explanationId)).toHaveLength(2);
    expect(await audited('explanation.reject', explanationId)).toHaveLength(1);
    expect(await audited('explanation.accept', explanationId)).toHaveLength(1);
    expect(await audited('rectification.close', noticeId)).toHaveLength(1);

    const rewrite = await as(clerk)
      .put('/api/explanations')
      .send({ reportId, findingKey: warningKey, text: '再改一次' })
      .expect(409);
    expect(rewrite.body).toMatchObject({ code: 'EXPLANATION_ALREADY_ACCEPTED' });
    const again = await as(office)
      .post(`/api/explanations/${explanationId}/decision`)
      .send({ accept: true })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'EXPLANATION_ALREADY_DECIDED' });
  });

  it('keeps the explanation on the finding across a new version, and counts it apart', async () => {
    await as(office)
      .post(`/api/reports/${reportId}/return`)
      .send({ comment: '再核一次' })
      .expect(200);
    await as(clerk)
      .patch(`/api/reports/${reportId}/cells`)
      .send({
        reason: '新版本',
        changes: [{ address: NATURAL_PERSON, value: originalNaturalPerson }],
      })
      .expect(200);
    const { findings } = await findingsOf(clerk);
    const warning = findings.find((finding) => finding.key === warningKey);
    expect(warning?.explanation).toMatchObject({ status: 'accepted' });

    const summary = await as(office)
      .get(`/api/explanations/summary?scope=${agencyId}&year=${YEAR}`)
      .expect(200);
    expect(summary.body).toEqual({
      year: YEAR,
      rows: [{ rule: 'N.APPLICATIONS', pending: 0, accepted: 1, rejected: 0 }],
      pending: 0,
      accepted: 1,
      rejected: 0,
    });
    const elsewhere = await as(otherOffice).get(`/api/explanations/summary`).expect(200);
    expect(elsewhere.body).toMatchObject({ accepted: 0, rows: [] });
  });

  it('exports the ledger as XLSX, by region, with each notice’s status', async () => {
    const response = await as(office)
      .get(`/api/rectifications/export?format=xlsx&scope=${agencyId}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    const sheet = workbook.getWorksheet('整改台账');
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(expect.arrayContaining(['单位', '状态', '整改期限']));
    expect(rows.slice(1).map((row) => [row[1], row[2], row[6]])).toEqual([
      ['整改测试局', YEAR, '已办结'],
      ['整改测试局', YEAR, '已办结'],
    ]);
    await as(clerk).get('/api/rectifications/export?format=xlsx').expect(403);
    const wrongFormat = await as(office).get('/api/rectifications/export?format=csv').expect(400);
    expect(wrongFormat.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
