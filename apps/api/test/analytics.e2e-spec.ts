import { Workbook } from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import request from 'supertest';
import { METRICS } from '@atlas/metrics';
import { AnalyticsProjection } from '../src/modules/analytics/projection/analytics-projection.service';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { OverviewQuery } from '../src/modules/analytics/read/overview.query';
import { adminToken, tokenFor, type TestUser } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';
import { insertAgency, jiyuanFor, pasteReport, setTable3Row } from './reports-fixtures';

/*
 * A small world whose answers are worked out by hand below.
 *
 *   R (root, no own report)
 *   ├── A        2022: 2 new applications, 2023: 3
 *   └── B        2023: 5
 *       └── B1   2023: 7, table 3 unbalanced (T3.BALANCE), published after its deadline
 *   O (another root) 2023: 100 — never visible to the scoped users
 *
 * Every report is the 济源 text with `n` new applications by natural persons: 1 granted,
 * 1 not held (办理总计 2) and n − 2 carried forward, so each balances (except B1's) and
 * 公开率 is 1/2 everywhere.
 */
function reportText(year: number, newApplications: number, balanced = true): string {
  let text = jiyuanFor(year).replace(
    '共收到政府信息公开申请 2 件',
    `共收到政府信息公开申请 ${newApplications} 件`,
  );
  const n = newApplications;
  text = setTable3Row(text, '一、本年新收', [n, 0, 0, 0, 0, 0, n]);
  const forward = balanced ? n - 2 : 0;
  text = setTable3Row(text, '四、结转下年度', [forward, 0, 0, 0, 0, 0, forward]);
  return text;
}

interface Kpi {
  metric: { key: string };
  value: number | null;
  previous: number | null;
  change: { absolute: number; percent: number | null } | null;
}

describe('analytics (real PostgreSQL)', () => {
  let testApp: TestApp;
  let admin: string;
  const server = () => testApp.app.getHttpServer();
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ids = { R: '', A: '', B: '', B1: '', O: '' };
  const reportIds: Record<string, string> = {};
  let oversightR: TestUser;
  let oversightB: TestUser;
  let uploaderA: TestUser;

  async function submitReport(key: string, agencyId: string, year: number, text: string) {
    const upload = await pasteReport(testApp, admin, { agencyId, year, text });
    expect(upload.status).toBe(201);
    const id = (upload.body as { id: string }).id;
    const submit = await request(server()).post(`/api/reports/${id}/submit`).set(auth(admin));
    expect(submit.status).toBe(200);
    reportIds[key] = id;
  }

  const get = (token: string, path: string, query: Record<string, unknown> = {}) =>
    request(server()).get(`/api/analytics/${path}`).set(auth(token)).query(query);

  beforeAll(async () => {
    testApp = await bootTestApp();
    admin = await adminToken(testApp);
    ids.R = await insertAgency(testApp, null, '分析测试县');
    ids.A = await insertAgency(testApp, ids.R, '甲局');
    ids.B = await insertAgency(testApp, ids.R, '乙镇');
    ids.B1 = await insertAgency(testApp, ids.B, '乙镇丙办');
    ids.O = await insertAgency(testApp, null, '分析测试外县');
    // On time for the whole tree, except B1, which keeps a deadline long past.
    for (const [agencyId, dueDate] of [
      [ids.R, '2099-01-31'],
      [ids.B1, '2024-01-31'],
      [ids.O, '2099-01-31'],
    ]) {
      const deadline = await request(server())
        .put('/api/deadlines')
        .set(auth(admin))
        .send({ year: 2023, agencyId, dueDate });
      expect(deadline.status).toBe(200);
    }
    await request(server())
      .put('/api/deadlines')
      .set(auth(admin))
      .send({ year: 2022, agencyId: ids.R, dueDate: '2099-01-31' })
      .expect(200);

    await submitReport('A2022', ids.A, 2022, reportText(2022, 2));
    await submitReport('A2023', ids.A, 2023, reportText(2023, 3));
    await submitReport('B2023', ids.B, 2023, reportText(2023, 5));
    await submitReport('B12023', ids.B1, 2023, reportText(2023, 7, false));
    await submitReport('O2023', ids.O, 2023, reportText(2023, 100));

    oversightR = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [ids.R] });
    oversightB = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [ids.B] });
    uploaderA = await tokenFor(testApp, { role: 'uploader', agencyId: ids.A });
  }, 120_000);

  afterAll(async () => {
    await testApp?.close();
  });

  describe('overview', () => {
    it('sums the subtree, compares with last year and counts submissions', async () => {
      const response = await get(oversightR.token, 'overview', { year: 2023 });
      expect(response.status).toBe(200);
      const kpi = (key: string) => (response.body.kpis as Kpi[]).find((k) => k.metric.key === key);
      expect(kpi('applicationsNew')).toBeUndefined(); // not a headline figure
      // Received = new + carried over: 3 + 5 + 7 = 15 (2022: 2).
      expect(kpi('applicationsReceived')).toMatchObject({
        value: 15,
        previous: 2,
        change: { absolute: 13, percent: 650 },
      });
      expect(kpi('applicationsHandled')?.value).toBe(6);
      expect(kpi('disclosureRate')?.value).toBe(50);
      // Expected: R, A, B, B1; submitted A, B, B1; R missing; B1 late and failing.
      expect(response.body.submissions).toEqual({
        expected: 4,
        submitted: 3,
        onTime: 2,
        late: 1,
        missing: 1,
        accepted: 0,
        returned: 0,
        withErrors: 1,
        withWarnings: expect.any(Number),
      });
      expect(kpi('onTimeRate')?.value).toBeCloseTo(66.6667, 3);
      expect(kpi('missingReports')?.value).toBe(1);
      expect(kpi('reportsWithErrors')?.value).toBe(1);
      expect(response.body.issues[0]).toMatchObject({ type: 'failing', agency: { id: ids.B1 } });
      expect(response.body.scope).toEqual({
        agencies: [{ id: ids.R, code: expect.any(String), name: '分析测试县' }],
        subtree: true,
      });
    });

    it('never shows numbers from outside the caller’s subtrees', async () => {
      const own = await get(oversightB.token, 'overview', { year: 2023 });
      const received = (own.body.kpis as Kpi[]).find(
        (k) => k.metric.key === 'applicationsReceived',
      );
      expect(received?.value).toBe(12); // B + B1, not A, not O
      for (const outside of [ids.A, ids.R, ids.O]) {
        const refused = await get(oversightB.token, 'overview', { year: 2023, scope: outside });
        expect([refused.status, refused.body.code]).toEqual([404, 'AGENCY_NOT_FOUND']);
      }
    });

    it('gives an uploader its own agency alone', async () => {
      const own = await get(uploaderA.token, 'overview', { year: 2023 });
      expect(own.status).toBe(200);
      const received = (own.body.kpis as Kpi[]).find(
        (k) => k.metric.key === 'applicationsReceived',
      );
      expect([received?.value, received?.previous]).toEqual([3, 2]);
      expect(own.body.scope.subtree).toBe(false);
      const parent = await get(uploaderA.token, 'overview', { scope: ids.R });
      expect(parent.status).toBe(404);
    });

    it('refuses bad parameters with a Chinese reason', async () => {
      const response = await get(oversightR.token, 'overview', { year: 'abc' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toMatch(/year/);
    });
  });

  describe('trend', () => {
    it('gives every year of the range, and groups by child region with 本级', async () => {
      const total = await get(oversightR.token, 'trend', {
        metrics: 'applicationsNew,disclosureRate',
        fromYear: 2021,
        toYear: 2023,
      });
      expect(total.status).toBe(200);
      const series = (metric: string, group = 'all') =>
        (
          total.body.series as {
            metric: string;
            group: { key: string };
            points: { year: number; value: number | null }[];
          }[]
        )
          .find((s) => s.metric === metric && s.group.key === group)
          ?.points.map((p) => p.value);
      expect(series('applicationsNew')).toEqual([null, 2, 15]);
      expect(series('disclosureRate')).toEqual([null, 50, 50]);

      const byChild = await get(oversightR.token, 'trend', {
        metrics: 'applicationsNew',
        fromYear: 2022,
        toYear: 2023,
        groupBy: 'child',
      });
      const groups = byChild.body.series as {
        group: { key: string; name: string };
        points: { value: number | null }[];
      }[];
      expect(
        Object.fromEntries(groups.map((g) => [g.group.name, g.points.map((p) => p.value)])),
      ).toEqual({ 甲局: [2, 3], 乙镇: [null, 12], 本级: [null, null] });
      expect(groups.at(-1)?.group.name).toBe('本级');
    });

    it('answers every metric of the catalogue in one request, and no more', async () => {
      const keys = METRICS.map((m) => m.key);
      const all = await get(oversightR.token, 'trend', {
        metrics: keys.join(','),
        fromYear: 2022,
        toYear: 2023,
      });
      expect(all.status).toBe(200);
      const series = all.body.series as { metric: string; points: { value: number | null }[] }[];
      expect(series.map((s) => s.metric)).toEqual(keys);
      // The same numbers as when asked alone.
      expect(
        series.find((s) => s.metric === 'applicationsNew')?.points.map((p) => p.value),
      ).toEqual([2, 15]);
      const tooMany = await get(oversightR.token, 'trend', {
        metrics: [...keys, keys[0]].join(','),
      });
      expect([tooMany.status, tooMany.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(JSON.stringify(tooMany.body.message)).toContain(`一次最多 ${keys.length} 个指标`);
    });

    it('refuses an unknown metric and a reversed range', async () => {
      const unknown = await get(oversightR.token, 'trend', { metrics: 'nonsense' });
      expect([unknown.status, unknown.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const reversed = await get(oversightR.token, 'trend', { fromYear: 2023, toYear: 2020 });
      expect([reversed.status, reversed.body.code]).toEqual([400, 'YEAR_RANGE_INVALID']);
    });
  });

  describe('compare', () => {
    it('ranks child regions with percentile and change', async () => {
      const response = await get(oversightR.token, 'compare', {
        metric: 'applicationsNew',
        year: 2023,
        by: 'child',
      });
      expect(response.status).toBe(200);
      expect(
        (response.body.items as { agency: { id: string } }[]).map((item) => ({
          ...item,
          agency: item.agency.id,
        })),
      ).toEqual([
        {
          agency: ids.B,
          value: 12,
          secondValue: null,
          rank: 1,
          percentile: 75,
          previous: null,
          change: null,
          reports: 2,
        },
        {
          agency: ids.A,
          value: 3,
          secondValue: null,
          rank: 2,
          percentile: 25,
          previous: 2,
          change: { absolute: 1, percent: 50 },
          reports: 1,
        },
      ]);
      expect(response.body.stats).toEqual({ count: 2, min: 3, max: 12, mean: 7.5, median: 7.5 });
    });

    it('ranks single agencies, ascending on request, with a second metric for a scatter plot', async () => {
      const response = await get(oversightR.token, 'compare', {
        metric: 'applicationsNew',
        secondMetric: 'disclosureRate',
        year: 2023,
        by: 'agency',
        order: 'asc',
      });
      expect(
        (
          response.body.items as {
            agency: { id: string };
            value: number;
            secondValue: number;
            rank: number;
          }[]
        ).map((item) => [item.agency.id, item.value, item.secondValue, item.rank]),
      ).toEqual([
        [ids.A, 3, 50, 1],
        [ids.B, 5, 50, 2],
        [ids.B1, 7, 50, 3],
      ]);
      expect(response.body.total).toBe(3);
    });

    it('gives equal values one rank and orders them by code, page by page', async () => {
      // All three reports grant 1 of 2 handled: 公开率 50 % each.
      const page = (query: Record<string, unknown>) =>
        get(oversightR.token, 'compare', {
          metric: 'disclosureRate',
          year: 2023,
          by: 'agency',
          ...query,
        });
      const codes = async () =>
        new Map(
          (
            await testApp.dataSource.query<{ id: string; code: string }[]>(
              'SELECT id, code FROM agency WHERE id = ANY($1::uuid[])',
              [[ids.A, ids.B, ids.B1]],
            )
          ).map((row) => [row.id, row.code]),
        );
      const inCodeOrder = (byId: Map<string, string>) =>
        [ids.A, ids.B, ids.B1].sort((x, y) => ((byId.get(x) ?? '') < (byId.get(y) ?? '') ? -1 : 1));
      const itemsOf = (body: { items: { agency: { id: string }; rank: number }[] }) =>
        body.items.map((item) => [item.agency.id, item.rank]);

      const all = await page({});
      expect(all.status).toBe(200);
      expect(itemsOf(all.body)).toEqual(inCodeOrder(await codes()).map((id) => [id, 1]));
      // Mid-rank percentile of a three-way tie: (0 + 3 / 2) / 3.
      expect(all.body.items.map((item: { percentile: number }) => item.percentile)).toEqual([
        50, 50, 50,
      ]);
      expect(all.body.stats).toEqual({ count: 3, min: 50, max: 50, mean: 50, median: 50 });

      const second = await page({ limit: 1, offset: 1 });
      expect(itemsOf(second.body)).toEqual([[inCodeOrder(await codes())[1], 1]]);
      // A page past the end is empty; the statistics still describe the whole ranking.
      const beyond = await page({ limit: 10, offset: 10 });
      expect(beyond.body.items).toEqual([]);
      expect(beyond.body.total).toBe(3);
      expect(beyond.body.stats.count).toBe(3);

      // A new code takes effect in the ranking at once.
      const last = inCodeOrder(await codes())[2];
      const before = (await codes()).get(last);
      await request(server())
        .patch(`/api/agencies/${last}`)
        .set(auth(admin))
        .send({ code: '0-ranked-first' })
        .expect(200);
      try {
        expect(itemsOf((await page({ limit: 1 })).body)).toEqual([[last, 1]]);
      } finally {
        await request(server())
          .patch(`/api/agencies/${last}`)
          .set(auth(admin))
          .send({ code: before })
          .expect(200);
      }
    });
  });

  describe('year over year', () => {
    it('puts every cell of one agency side by side', async () => {
      const response = await get(oversightR.token, 'yoy', {
        scope: ids.A,
        subtree: false,
        year: 2023,
      });
      expect(response.status).toBe(200);
      expect(response.body.baseYear).toBe(2022);
      const cell = (address: string) =>
        (response.body.cells as { address: string }[]).find((c) => c.address === address);
      expect(cell('applications.newReceived.naturalPerson')).toMatchObject({
        table: '表三',
        current: 3,
        base: 2,
        change: { absolute: 1, percent: 50 },
      });
      expect(cell('applications.granted.total')).toMatchObject({
        current: 1,
        base: 1,
        change: { absolute: 0, percent: 0 },
      });
      expect(response.body.reports).toEqual({ current: 1, base: 1 });
    });
  });

  describe('breakdown', () => {
    it('sums table 3 over the scope by applicant type and outcome', async () => {
      const response = await get(oversightR.token, 'breakdown', { year: 2023 });
      const row = (key: string) =>
        (response.body.rows as { key: string; values: Record<string, number> }[]).find(
          (r) => r.key === key,
        )?.values;
      expect(row('newReceived')).toMatchObject({ naturalPerson: 15, commercial: 0, total: 15 });
      expect(row('granted')).toMatchObject({ naturalPerson: 3, total: 3 });
      expect(row('carriedForward')?.total).toBe(1 + 3); // A: 1, B: 3, B1: 0
      expect(response.body.reports).toBe(3);
    });
  });

  describe('compliance', () => {
    it('gives child regions × years, with 本级', async () => {
      const response = await get(oversightR.token, 'compliance', {
        fromYear: 2022,
        toYear: 2023,
        by: 'child',
      });
      expect(response.status).toBe(200);
      const rows = response.body.rows as {
        name: string;
        years: {
          year: number;
          status: string;
          expected: number;
          submitted: number;
          late: number;
        }[];
      }[];
      const cell = (name: string, year: number) =>
        rows.find((r) => r.name === name)?.years.find((y) => y.year === year);
      expect(cell('甲局', 2023)).toMatchObject({ expected: 1, submitted: 1, status: 'ok' });
      expect(cell('乙镇', 2023)).toMatchObject({
        expected: 2,
        submitted: 2,
        late: 1,
        status: 'failing',
      });
      expect(cell('乙镇', 2022)).toMatchObject({ expected: 2, submitted: 0, status: 'missing' });
      expect(cell('本级', 2023)).toMatchObject({ expected: 1, submitted: 0, status: 'missing' });
    });

    it('pages through single agencies', async () => {
      const response = await get(oversightR.token, 'compliance', {
        fromYear: 2023,
        toYear: 2023,
        by: 'agency',
        limit: 2,
        offset: 2,
      });
      expect(response.body.total).toBe(4);
      expect(response.body.rows).toHaveLength(2);
    });

    it('puts problems first when asked, worst first and in code order within a class', async () => {
      const names = async (query: Record<string, unknown>) => {
        const response = await get(oversightR.token, 'compliance', {
          fromYear: 2023,
          toYear: 2023,
          ...query,
        });
        expect(response.status).toBe(200);
        return (response.body.rows as { name: string }[]).map((row) => row.name);
      };
      // 本级 (missing) comes last in code order; sorted, the worst status leads: 本级, then
      // 乙镇 (failing: B1), then 甲局 (ok).
      expect((await names({ by: 'child' })).at(-1)).toBe('本级');
      expect(await names({ by: 'child', sort: 'problems' })).toEqual(['本级', '乙镇', '甲局']);
      // Agencies: R (missing), B1 (failing), then the clean A and B in their path order; the
      // page is cut after sorting, so the second page holds the clean two.
      const clean = (await names({ by: 'agency' })).filter((n) => n === '甲局' || n === '乙镇');
      expect(clean).toHaveLength(2);
      expect(await names({ by: 'agency', sort: 'problems' })).toEqual([
        '分析测试县',
        '乙镇丙办',
        ...clean,
      ]);
      expect(await names({ by: 'agency', sort: 'problems', limit: 2, offset: 2 })).toEqual(clean);
      const invalid = await get(oversightR.token, 'compliance', { sort: 'worst' });
      expect(invalid.status).toBe(400);
    });
  });

  describe('quality', () => {
    it('lists failing, missing and late reports with rules and cells', async () => {
      const response = await get(oversightR.token, 'quality', { year: 2023 });
      expect(response.status).toBe(200);
      expect(response.body.counts).toMatchObject({
        submitted: 3,
        missing: 1,
        late: 1,
        failing: 1,
        carryOverMismatches: 0,
      });
      expect(response.body.rules).toContainEqual({ rule: 'T3.BALANCE', reports: 1 });
      const [first, second] = response.body.items as {
        type: string;
        agency: { id: string };
        findings: { rule: string; cells: string[] }[];
      }[];
      expect(first.type).toBe('failing');
      expect(first.agency.id).toBe(ids.B1);
      const balance = first.findings.find((f) => f.rule === 'T3.BALANCE');
      expect(balance?.cells).toContain('applications.newReceived.naturalPerson');
      expect(second).toMatchObject({ type: 'missing', agency: { id: ids.R } });

      const byRule = await get(oversightR.token, 'quality', { year: 2023, rule: 'T3.BALANCE' });
      expect(byRule.body.total).toBe(1);
      const missingOnly = await get(oversightR.token, 'quality', { year: 2023, type: 'missing' });
      expect(
        (missingOnly.body.items as { agency: { id: string } }[]).map((i) => i.agency.id),
      ).toEqual([ids.R]);
    });
  });

  describe('roll-up', () => {
    it('sums tables 2–4 and lists the units included and missing', async () => {
      const response = await get(oversightR.token, 'rollup', { year: 2023 });
      expect(response.status).toBe(200);
      expect(response.body.formatVersion).toBe('2021');
      const newReceived = (
        response.body.applications as { key: string; values: Record<string, number> }[]
      ).find((row) => row.key === 'newReceived');
      expect(newReceived?.values.total).toBe(15);
      expect(response.body.units.included).toBe(3);
      expect(response.body.units.missing).toBe(1);
      expect(
        (response.body.units.missingList as { agency: { id: string } }[]).map((u) => u.agency.id),
      ).toEqual([ids.R]);
      // Listed by code, as a reader looks a unit up.
      const codes = (response.body.units.includedList as { agency: { code: string } }[]).map(
        (u) => u.agency.code,
      );
      expect(codes).toEqual([...codes].sort());
      expect(codes).toHaveLength(3);
    });

    it('exports the official layout as XLSX with merged headers', async () => {
      const response = await get(oversightR.token, 'rollup/export', { year: 2023, format: 'xlsx' })
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => callback(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      const workbook = new Workbook();
      await workbook.xlsx.load(response.body as ArrayBuffer);
      const sheet = workbook.getWorksheet('汇总表');
      expect(sheet).toBeDefined();
      const cells: { text: string; row: number; col: number; merged: boolean }[] = [];
      sheet?.eachRow((row, rowNumber) =>
        row.eachCell((cell, colNumber) =>
          cells.push({
            text: String(cell.value ?? ''),
            row: rowNumber,
            col: colNumber,
            merged: cell.isMerged,
          }),
        ),
      );
      const applicant = cells.find((c) => c.text === '申请人情况');
      expect(applicant?.merged).toBe(true);
      expect(cells.find((c) => c.text === '法人或其他组织')?.merged).toBe(true);
      const newRow = cells.find((c) => c.text.startsWith('一、本年新收'));
      expect(newRow).toBeDefined();
      // Last column of that row is 总计 = 15.
      const rowValues = cells.filter((c) => c.row === newRow?.row && c.col > 3);
      expect(rowValues.at(-1)?.text).toBe('15');
      expect(workbook.getWorksheet('未提交的单位')?.getCell(2, 2).value).toBe('分析测试县');
    });
  });

  describe('exports', () => {
    it('writes the ranking as CSV with a BOM, read back to the same numbers', async () => {
      const response = await get(oversightR.token, 'compare/export', {
        metric: 'applicationsNew',
        year: 2023,
        by: 'agency',
        format: 'csv',
      });
      expect(response.status).toBe(200);
      // Named in Chinese for the user, with an ASCII name for old clients.
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="compare-applicationsNew-2023.csv"; filename*=UTF-8''${encodeURIComponent('本年新收申请数 对比 2023年.csv')}`,
      );
      expect(response.text.charCodeAt(0)).toBe(0xfeff);
      const rows = parseCsv(response.text, { bom: true }) as string[][];
      expect(rows[0][0]).toBe('排名');
      expect(rows.slice(1).map((row) => [row[0], row[2], row[3]])).toEqual([
        ['1', '乙镇丙办', '7'],
        ['2', '乙镇', '5'],
        ['3', '甲局', '3'],
      ]);
      const [audit] = await testApp.dataSource.query<{ details: { view: string } }[]>(
        `SELECT details FROM audit_log WHERE action = 'analytics.export' AND actor_id = $1
          ORDER BY id DESC LIMIT 1`,
        [oversightR.id],
      );
      expect(audit?.details.view).toBe('compare');
    });

    it('writes every other view as XLSX that opens', async () => {
      for (const view of ['overview', 'trend', 'yoy', 'breakdown', 'compliance', 'quality']) {
        const response = await get(oversightR.token, `${view}/export`, { format: 'xlsx' })
          .buffer(true)
          .parse((res, callback) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => callback(null, Buffer.concat(chunks)));
          });
        expect([view, response.status]).toEqual([view, 200]);
        const workbook = new Workbook();
        await workbook.xlsx.load(response.body as ArrayBuffer);
        expect(workbook.worksheets.length).toBeGreaterThan(0);
      }
    });
  });

  describe('caching and freshness', () => {
    it('answers 304 to an unchanged ETag, and changes it when a report in scope changes', async () => {
      const first = await get(oversightB.token, 'overview', { year: 2023 });
      const etag = first.headers['etag'] as string;
      expect(etag).toMatch(/^W\/".+"$/);
      const again = await get(oversightB.token, 'overview', { year: 2023 }).set(
        'If-None-Match',
        etag,
      );
      expect(again.status).toBe(304);

      // A change outside B's subtree leaves B's answers valid.
      await request(server())
        .post(`/api/reports/${reportIds.A2023}/accept`)
        .set(auth(admin))
        .expect(200);
      const stillFresh = await get(oversightB.token, 'overview', { year: 2023 }).set(
        'If-None-Match',
        etag,
      );
      expect(stillFresh.status).toBe(304);

      // Inside it, the answer changes.
      await request(server())
        .post(`/api/reports/${reportIds.B2023}/accept`)
        .set(auth(admin))
        .expect(200);
      const changed = await get(oversightB.token, 'overview', { year: 2023 }).set(
        'If-None-Match',
        etag,
      );
      expect(changed.status).toBe(200);
      expect(changed.body.submissions.accepted).toBe(1);
    });

    it('serves an unchanged answer from the cache without its queries, and a write changes it at once', async () => {
      const overview = jest.spyOn(testApp.app.get(OverviewQuery), 'answer');
      try {
        const ask = (token: string, query: Record<string, unknown> = {}) =>
          get(token, 'overview', { year: 2023, ...query }).expect(200);
        const first = await ask(oversightB.token);
        overview.mockClear();
        // Asked again, by the same user and by the admin for the same scope: a lookup.
        expect((await ask(oversightB.token)).body).toEqual(first.body);
        expect((await ask(admin, { scope: ids.B })).body).toEqual(first.body);
        expect(overview).not.toHaveBeenCalled();
        // Another question is computed.
        await ask(oversightB.token, { year: 2022 });
        expect(overview).toHaveBeenCalledTimes(1);

        // A write in the scope: the next answer is computed again and shows it.
        const accepted = first.body.submissions.accepted as number;
        await request(server())
          .post(`/api/reports/${reportIds.B12023}/accept`)
          .set(auth(admin))
          .expect(200);
        overview.mockClear();
        const changed = await ask(oversightB.token);
        expect(changed.body.submissions.accepted).toBe(accepted + 1);
        expect(overview).toHaveBeenCalledTimes(1);
        expect((await ask(admin, { scope: ids.B })).body).toEqual(changed.body);
        expect(overview).toHaveBeenCalledTimes(1);
      } finally {
        overview.mockRestore();
      }
    });

    it('costs one query (the revision) for an answer asked before, and sees a sign-out at once', async () => {
      const ask = (token: string) => get(token, 'trend', { fromYear: 2022, toYear: 2023 });
      const first = await ask(oversightB.token).expect(200);
      const queries = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const again = await ask(oversightB.token).expect(200);
        expect(again.body).toEqual(first.body);
        // Not the account, nor the scope's agencies, nor the answer: the scope's revision alone.
        expect(queries.mock.calls.map(([sql]) => String(sql))).toEqual([
          expect.stringContaining('max(revision)'),
        ]);
      } finally {
        queries.mockRestore();
      }
      // A change to the account is seen by the very next request.
      const user = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [ids.B] });
      await ask(user.token).expect(200);
      await request(server()).post('/api/auth/logout').set(auth(user.token)).expect(204);
      await ask(user.token).expect(401);
    });

    it('keeps roll-ups equal to a rebuild from the reports, also after an agency moves', async () => {
      // Move B1 under A: A's region now holds 3 + 7, B's only 5.
      await request(server())
        .patch(`/api/agencies/${ids.B1}`)
        .set(auth(admin))
        .send({ parentId: ids.A })
        .expect(200);
      const compare = await get(oversightR.token, 'compare', {
        metric: 'applicationsNew',
        year: 2023,
        by: 'child',
      });
      expect(
        (compare.body.items as { agency: { id: string }; value: number }[]).map((i) => [
          i.agency.id,
          i.value,
        ]),
      ).toEqual([
        [ids.A, 10],
        [ids.B, 5],
      ]);
      // Reports expected of each child region follow the move: A and B1 under A, B alone.
      const compliance = await get(oversightR.token, 'compliance', {
        fromYear: 2023,
        toYear: 2023,
        by: 'child',
      });
      expect(
        Object.fromEntries(
          (
            compliance.body.rows as {
              agency: { id: string } | null;
              years: { expected: number }[];
            }[]
          ).map((row) => [row.agency?.id ?? '本级', row.years[0].expected]),
        ),
      ).toEqual({ [ids.A]: 2, [ids.B]: 1, 本级: 1 });
      // Retired after 2022, B is no longer expected in 2023 (its report still counts). A rename
      // alone recounts nothing.
      const expectedByChild = async () =>
        Object.fromEntries(
          (
            (
              await get(oversightR.token, 'compliance', {
                fromYear: 2023,
                toYear: 2023,
                by: 'child',
              })
            ).body.rows as { agency: { id: string } | null; years: { expected: number }[] }[]
          ).map((row) => [row.agency?.id ?? '本级', row.years[0].expected]),
        );
      // xmin: the transaction that wrote each row, new after any recount.
      const expectedRows = () =>
        testApp.dataSource.query(
          'SELECT xmin::text AS written_by, * FROM analytics_expected ORDER BY 2, 3, 4, 5, 6',
        );
      const beforeRename = await expectedRows();
      await request(server())
        .patch(`/api/agencies/${ids.B}`)
        .set(auth(admin))
        .send({ name: '乙镇（更名）' })
        .expect(200);
      expect(await expectedRows()).toEqual(beforeRename);
      await request(server())
        .patch(`/api/agencies/${ids.B}`)
        .set(auth(admin))
        .send({ activeToYear: 2022 })
        .expect(200);
      expect(await expectedByChild()).toEqual({ [ids.A]: 2, [ids.B]: 0, 本级: 1 });

      const snapshot = () =>
        testApp.dataSource.query(
          `SELECT node_id, year, agency_kind, agency_level, report_count, on_time_count,
                  error_report_count, accepted_count, cells::text, cell_counts::text, narrative::text,
                  metrics::text
             FROM analytics_rollup WHERE node_id = ANY($1::uuid[]) AND report_count <> 0
            ORDER BY 1, 2, 3, 4`,
          [Object.values(ids)],
        );
      const incremental = await snapshot();
      expect(incremental.length).toBeGreaterThan(0);
      // The rebuild loads tables without their indexes: every one of them is back after it.
      const indexes = () =>
        testApp.dataSource.query(
          "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'analytics%' ORDER BY 1, 2",
        );
      const indexesBefore = await indexes();
      await testApp.app.get(AnalyticsProjection).rebuild();
      expect(await snapshot()).toEqual(incremental);
      expect(await indexes()).toEqual(indexesBefore);
    });
  });
});
