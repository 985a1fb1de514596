import request from 'supertest';
import { adminToken, tokenFor, type TestUser } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';
import { insertAgency, jiyuanFor, pasteReport } from './reports-fixtures';

/*
 *   R (root)  ── A, B: each 2023 report is the 济源 text: 1 granted, 1 not held, 公开率 50 %
 *                 on 办理总计 2
 *   O (another root, never visible to oversightR)
 *
 * A rule on R, 公开率 below 60 % (yellow) / 55 % (red) with at least 2 handled, is red on R
 * (50 % of 4) and on each agency (50 % of 2).
 */

interface AlertItem {
  rule: { id: string; metric: string; regionId: string | null; regionName: string };
  regionId: string | null;
  regionName: string;
  level: 'red' | 'yellow' | null;
  region: { value: number | null; sample: number | null; outcome: string };
  redCount: number;
  yellowCount: number;
  agencies: { agencyId: string; reportId: string; name: string; value: number; level: string }[];
}

const YEAR = 2023;

describe('alerts (real PostgreSQL)', () => {
  let testApp: TestApp;
  let admin: string;
  let oversightR: TestUser;
  let oversightO: TestUser;
  let uploaderA: TestUser;
  const ids = { R: '', A: '', B: '', C: '', O: '' };
  const reports: Record<string, string> = {};
  let ruleId = '';
  /** insertAgency codes an agency R + the first eight characters of its id. */
  const codeOf = (id: string) => `R${id.slice(0, 8)}`;
  const server = () => testApp.app.getHttpServer();
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function submitReport(agencyId: string): Promise<string> {
    const upload = await pasteReport(testApp, admin, {
      agencyId,
      year: YEAR,
      text: jiyuanFor(YEAR),
    });
    expect(upload.status).toBe(201);
    const id = (upload.body as { id: string }).id;
    await request(server()).post(`/api/reports/${id}/submit`).set(auth(admin)).expect(200);
    return id;
  }

  const alerts = (token: string, query: Record<string, unknown>) =>
    request(server()).get('/api/alerts').set(auth(token)).query(query);
  const itemOf = (body: { items: AlertItem[] }, id: string) =>
    body.items.find((item) => item.rule.id === id);
  const storedRule = async (id: string) =>
    (
      await testApp.dataSource.query<Record<string, unknown>[]>(
        'SELECT region_id, metric, direction, yellow, red, min_sample, updated_by FROM alert_rule WHERE id = $1',
        [id],
      )
    )[0];
  const storedChanges = (id: string) =>
    testApp.dataSource.query<
      { action: string; before: unknown; after: unknown; actor_name: string }[]
    >(
      'SELECT action, before, after, actor_name FROM alert_rule_change WHERE rule_id = $1 ORDER BY id',
      [id],
    );

  beforeAll(async () => {
    testApp = await bootTestApp();
    admin = await adminToken(testApp);
    ids.R = await insertAgency(testApp, null, '预警测试县');
    ids.A = await insertAgency(testApp, ids.R, '预警甲局');
    ids.B = await insertAgency(testApp, ids.R, '预警乙局');
    ids.C = await insertAgency(testApp, ids.R, '预警丙局');
    ids.O = await insertAgency(testApp, null, '预警测试外县');
    reports.A = await submitReport(ids.A);
    reports.B = await submitReport(ids.B);
    oversightR = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [ids.R] });
    oversightO = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [ids.O] });
    uploaderA = await tokenFor(testApp, { role: 'uploader', agencyId: ids.A });
  }, 120_000);

  afterAll(async () => {
    await testApp?.close();
  });

  it('starts with the default rules for every region, logged as created', async () => {
    const response = await request(server()).get('/api/alerts/rules').set(auth(oversightR.token));
    expect(response.status).toBe(200);
    const defaults = (
      response.body as { metric: string; regionName: string; regionId: null }[]
    ).filter((rule) => rule.regionId === null);
    expect(defaults.map((rule) => rule.metric).sort()).toEqual([
      'disclosureRate',
      'litigationCorrectionRate',
      'missingReports',
      'onTimeRate',
      'reviewCorrectionRate',
    ]);
    expect(defaults[0].regionName).toBe('全部地区');
    const [{ count }] = await testApp.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM alert_rule_change WHERE region_id IS NULL AND action = 'create'`,
    );
    expect(count).toBeGreaterThanOrEqual(5);
  });

  it('lets oversight set a rule on its region, stored with a change log entry and an audit entry', async () => {
    const response = await request(server())
      .post('/api/alerts/rules')
      .set(auth(oversightR.token))
      .send({
        regionId: ids.R,
        metric: 'disclosureRate',
        direction: 'below',
        yellow: 60,
        red: 55,
        minSample: 2,
      });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      regionId: ids.R,
      regionName: '预警测试县',
      metric: 'disclosureRate',
      metricName: '公开率',
      unit: '%',
      direction: 'below',
      yellow: 60,
      red: 55,
      minSample: 2,
    });
    ruleId = (response.body as { id: string }).id;
    expect(await storedRule(ruleId)).toEqual({
      region_id: ids.R,
      metric: 'disclosureRate',
      direction: 'below',
      yellow: 60,
      red: 55,
      min_sample: 2,
      updated_by: `测试 ${oversightR.username}`,
    });
    expect(await storedChanges(ruleId)).toEqual([
      {
        action: 'create',
        before: null,
        after: { direction: 'below', yellow: 60, red: 55, minSample: 2 },
        actor_name: `测试 ${oversightR.username}`,
      },
    ]);
    const audit = await testApp.dataSource.query<{ action: string }[]>(
      'SELECT action FROM audit_log WHERE target_id = $1',
      [ruleId],
    );
    expect(audit.map((entry) => entry.action)).toEqual(['alert-rule.create']);
  });

  it('shows the rule red on the region and on each agency, with the values and the reports', async () => {
    const response = await alerts(oversightR.token, { scope: ids.R, year: YEAR });
    expect(response.status).toBe(200);
    expect(response.body.year).toBe(YEAR);
    const item = itemOf(response.body, ruleId);
    expect(item).toMatchObject({
      regionId: ids.R,
      regionName: '预警测试县',
      level: 'red',
      region: { value: 50, sample: 4, outcome: 'red' },
      redCount: 2,
      yellowCount: 0,
    });
    // Equal values in code order.
    expect(
      item?.agencies.map((agency) => [
        agency.agencyId,
        agency.reportId,
        agency.value,
        agency.level,
      ]),
    ).toEqual(
      [
        [ids.A, reports.A, 50, 'red'],
        [ids.B, reports.B, 50, 'red'],
      ].sort((a, b) => codeOf(a[0] as string).localeCompare(codeOf(b[0] as string))),
    );
    // Red alerts come first.
    expect(response.body.items[0].level).toBe('red');
    // The default 公开率 rule needs 20 handled applications: 4 are too few to judge.
    const fallback = (response.body.items as AlertItem[]).find(
      (entry) => entry.rule.regionId === null && entry.rule.metric === 'disclosureRate',
    );
    expect(fallback).toMatchObject({
      level: null,
      region: { value: 50, sample: 4, outcome: 'insufficient' },
    });
  });

  it('counts a report the moment it is submitted, with no step in between', async () => {
    reports.C = await submitReport(ids.C);
    const item = itemOf(
      (await alerts(oversightR.token, { scope: ids.R, year: YEAR })).body,
      ruleId,
    );
    expect(item?.region).toEqual({ value: 50, sample: 6, outcome: 'red' });
    expect(item?.agencies.map((agency) => agency.agencyId).sort()).toEqual(
      [ids.A, ids.B, ids.C].sort(),
    );
  });

  it('refuses bounds that cannot work, saying why, and changes nothing', async () => {
    const response = await request(server())
      .patch(`/api/alerts/rules/${ruleId}`)
      .set(auth(oversightR.token))
      .send({ red: 70 });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'ALERT_THRESHOLDS_INVALID',
      message: '“低于”预警的红色阈值（70）不能高于黄色阈值（60）',
    });
    const unknown = await request(server())
      .post('/api/alerts/rules')
      .set(auth(oversightR.token))
      .send({
        regionId: ids.R,
        metric: 'noSuchMetric',
        direction: 'above',
        yellow: 1,
        red: 2,
        minSample: 0,
      });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('ALERT_METRIC_UNKNOWN');
    const negative = await request(server())
      .post('/api/alerts/rules')
      .set(auth(oversightR.token))
      .send({
        regionId: ids.R,
        metric: 'reviewCount',
        direction: 'above',
        yellow: 1,
        red: 2,
        minSample: -1,
      });
    expect(negative.status).toBe(400);
    const duplicate = await request(server())
      .post('/api/alerts/rules')
      .set(auth(oversightR.token))
      .send({
        regionId: ids.R,
        metric: 'disclosureRate',
        direction: 'below',
        yellow: 50,
        red: 40,
        minSample: 0,
      });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('ALERT_RULE_EXISTS');
    expect(await storedRule(ruleId)).toMatchObject({ yellow: 60, red: 55 });
    expect(await storedChanges(ruleId)).toHaveLength(1);
  });

  it('keeps rules within scope: other regions, the defaults and uploaders are refused', async () => {
    const outside = await request(server())
      .post('/api/alerts/rules')
      .set(auth(oversightO.token))
      .send({
        regionId: ids.R,
        metric: 'reviewCount',
        direction: 'above',
        yellow: 1,
        red: 2,
        minSample: 0,
      });
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('AGENCY_NOT_FOUND');
    const hidden = await request(server())
      .patch(`/api/alerts/rules/${ruleId}`)
      .set(auth(oversightO.token))
      .send({ yellow: 1 });
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('ALERT_RULE_NOT_FOUND');
    const defaults = await request(server())
      .post('/api/alerts/rules')
      .set(auth(oversightR.token))
      .send({ metric: 'reviewCount', direction: 'above', yellow: 1, red: 2, minSample: 0 });
    expect(defaults.status).toBe(403);
    expect(defaults.body.message).toContain('只能由管理员设置');
    await request(server()).get('/api/alerts').set(auth(uploaderA.token)).expect(403);
    const notInScope = await alerts(oversightO.token, { scope: ids.R, year: YEAR });
    expect(notInScope.status).toBe(404);
    // O's overseer sees the defaults on O, not R's rule.
    const own = await alerts(oversightO.token, { year: YEAR });
    expect(own.status).toBe(200);
    expect(itemOf(own.body, ruleId)).toBeUndefined();
    const rules = await request(server()).get('/api/alerts/rules').set(auth(oversightO.token));
    expect((rules.body as { id: string }[]).some((rule) => rule.id === ruleId)).toBe(false);
    expect(await storedRule(ruleId)).toMatchObject({ yellow: 60 });
  });

  it('applies changed bounds at once and logs who changed what', async () => {
    const response = await request(server())
      .patch(`/api/alerts/rules/${ruleId}`)
      .set(auth(admin))
      .send({ yellow: 50, red: 45 });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ yellow: 50, red: 45, minSample: 2 });
    expect(await storedRule(ruleId)).toMatchObject({ yellow: 50, red: 45 });
    // 50 % is not below 50 %: the rule is quiet now.
    const item = itemOf(
      (await alerts(oversightR.token, { scope: ids.R, year: YEAR })).body,
      ruleId,
    );
    expect(item).toMatchObject({ level: null, region: { outcome: 'normal' }, agencies: [] });

    const changes = await request(server())
      .get('/api/alerts/rules/changes')
      .set(auth(oversightR.token));
    expect(changes.status).toBe(200);
    const ofRule = (changes.body as { ruleId: string }[]).filter(
      (change) => change.ruleId === ruleId,
    );
    expect(ofRule).toMatchObject([
      {
        action: 'update',
        regionName: '预警测试县',
        metricName: '公开率',
        before: { yellow: 60, red: 55 },
        after: { yellow: 50, red: 45 },
        actorName: expect.any(String),
      },
      { action: 'create', actorName: `测试 ${oversightR.username}` },
    ]);
    const other = await request(server())
      .get('/api/alerts/rules/changes')
      .set(auth(oversightO.token));
    expect((other.body as { ruleId: string }[]).some((change) => change.ruleId === ruleId)).toBe(
      false,
    );
  });

  it('deletes a rule and keeps its history', async () => {
    await request(server())
      .delete(`/api/alerts/rules/${ruleId}`)
      .set(auth(oversightR.token))
      .expect(204);
    expect(await storedRule(ruleId)).toBeUndefined();
    expect((await storedChanges(ruleId)).map((change) => change.action)).toEqual([
      'create',
      'update',
      'delete',
    ]);
    const item = itemOf(
      (await alerts(oversightR.token, { scope: ids.R, year: YEAR })).body,
      ruleId,
    );
    expect(item).toBeUndefined();
  });
});
