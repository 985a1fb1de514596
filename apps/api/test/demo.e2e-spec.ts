import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_COPY, DEMO_DEFECT_RULE, DEMO_SEED, demoPlan } from '@atlas/demo-data';
import type { CopiedReportPage } from '@atlas/api-contract';
import { DemoSeedService } from '../src/modules/demo/demo-seed.service';
import { login } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';
import { createSeparateDatabase } from './support/test-database';

const CORPUS = join(__dirname, '../../../../shared/corpus');

/** The demo is loaded once for this file (it takes a while): every test reads it. */
describe('the demo data (real PostgreSQL)', () => {
  let testApp: TestApp;
  let summary: Awaited<ReturnType<DemoSeedService['seed']>>;
  const count = async (sql: string, parameters: unknown[] = []) =>
    Number((await testApp.dataSource.query<{ n: string }[]>(sql, parameters))[0]?.n);
  const reportOf = async (code: string, year: number) =>
    (
      await testApp.dataSource.query<
        {
          id: string;
          status: string;
          findings: { rule: string }[];
          on_time: boolean | null;
          days_late: number | null;
        }[]
      >(
        `SELECT r.id, r.status, v.findings, v.on_time, v.days_late
           FROM report r JOIN agency a ON a.id = r.agency_id JOIN report_version v ON v.id = r.current_version_id
          WHERE a.code = $1 AND r.year = $2`,
        [code, year],
      )
    )[0];

  // A database of its own: the tests count the demo's rows, and the specs running beside this
  // one add reports, notices and copies of the same years to the shared one.
  let database: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    database = await createSeparateDatabase('atlas_demo');
    testApp = await bootTestApp({}, database.url);
    summary = await testApp.app.get(DemoSeedService).seed({ corpusDir: CORPUS });
  }, 900_000);
  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('loads the region and seven years of reports through the real upload path', async () => {
    expect(summary.failures).toEqual([]);
    expect(summary).toMatchObject({ skipped: false, agencies: 56, reports: 56 * 7 - 1 });
    expect(await count(`SELECT count(*) AS n FROM agency WHERE code LIKE 'QS%'`)).toBe(56);
    expect(
      await count(
        `SELECT count(*) AS n FROM report r JOIN agency a ON a.id = r.agency_id WHERE a.code LIKE 'QS%'`,
      ),
    ).toBe(391);
    expect(
      await count(
        `SELECT count(*) AS n FROM report_cell c JOIN report r ON r.current_version_id = c.version_id JOIN agency a ON a.id = r.agency_id WHERE a.code = 'QS'`,
      ),
    ).toBeGreaterThan(7 * 180);
    expect(await count(`SELECT count(*) AS n FROM report_file`)).toBeGreaterThanOrEqual(391);
  });

  it('shows the deliberate defects and nothing else wrong', async () => {
    expect((await reportOf('QS-D24', 2022))?.findings.map((finding) => finding.rule)).toEqual([
      'T3.BALANCE',
      'T3.BALANCE',
    ]);
    expect((await reportOf('QS-T01', 2023))?.findings.map((finding) => finding.rule)).toEqual([
      'X.CARRY',
      'X.CARRY',
    ]);
    expect(await reportOf('QS-D26', 2023)).toMatchObject({ on_time: false });
    expect((await reportOf('QS-D26', 2023))?.days_late).toBeGreaterThan(30);
    expect(await reportOf('QS-D35', 2024)).toBeUndefined();
    const errors = await count(
      `SELECT count(*) AS n FROM report r JOIN agency a ON a.id = r.agency_id JOIN report_version v ON v.id = r.current_version_id
        WHERE a.code LIKE 'QS%' AND jsonb_path_exists(v.findings, '$[*] ? (@.severity == "error")')`,
    );
    expect(errors).toBe(2);
    expect(
      await count(
        `SELECT count(*) AS n FROM report r JOIN agency a ON a.id = r.agency_id WHERE a.code LIKE 'QS%' AND r.status NOT IN ('accepted', 'submitted')`,
      ),
    ).toBe(0);
  });

  it('shows the one copied part (N.COPIED), naming its source, on the quality page’s list', async () => {
    const source = await reportOf(DEMO_COPY.source, DEMO_COPY.year);
    const copy = await reportOf(DEMO_COPY.copy, DEMO_COPY.year);
    expect(copy?.findings.filter((finding) => finding.rule === 'N.COPIED')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        copiedFrom: expect.objectContaining({ reportId: source?.id, part: 'overview' }),
      }),
    ]);
    expect(
      await count(
        `SELECT count(*) AS n FROM report r JOIN report_version v ON v.id = r.current_version_id
           CROSS JOIN LATERAL jsonb_array_elements(v.findings) f WHERE f->>'rule' = 'N.COPIED'`,
      ),
    ).toBe(1);
    const token = await login(testApp, 'oversight', 'atlas-demo');
    const listed = await request(testApp.app.getHttpServer())
      .get(`/api/reports/copies?year=${DEMO_COPY.year}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect((listed.body as CopiedReportPage).items.map((item) => item.reportId)).toEqual([
      copy?.id,
    ]);
  });

  it('shows every rule of issue 17 where it was planted, and nowhere else', async () => {
    const rulesOf = async (code: string, year: number) =>
      ((await reportOf(code, year))?.findings ?? []).map((finding) => finding.rule);
    const plan = demoPlan(DEMO_SEED);
    for (const entry of plan.reports.filter(
      (candidate) =>
        candidate.defect !== undefined && !['balance', 'carry'].includes(candidate.defect),
    )) {
      expect(await rulesOf(entry.agencyCode, entry.year)).toContain(
        DEMO_DEFECT_RULE[entry.defect ?? 'late'],
      );
    }
    // The missing report shows on the government's: H.COVERAGE names the unit.
    const coverage = ((await reportOf('QS', 2024))?.findings ?? []) as {
      rule: string;
      message: string;
    }[];
    expect(coverage.filter((finding) => finding.rule === 'H.COVERAGE')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('1 个未报送：青山县气象局') }),
    ]);
    const where = async (rule: string) =>
      (
        await testApp.dataSource.query<{ code: string; year: number }[]>(
          `SELECT a.code, r.year FROM report r JOIN agency a ON a.id = r.agency_id
             JOIN report_version v ON v.id = r.current_version_id
            WHERE a.code LIKE 'QS%' AND jsonb_path_exists(v.findings, '$[*] ? (@.rule == $rule)', jsonb_build_object('rule', $1::text))
            ORDER BY a.code, r.year`,
          [rule],
        )
      ).map((row) => `${row.code}/${row.year}`);
    const planted = (defect: string) =>
      plan.reports
        .filter((entry) => entry.defect === defect)
        .map((entry) => `${entry.agencyCode}/${entry.year}`);
    expect(await where('H.COVERAGE')).toEqual(['QS/2024']);
    expect(await where('D.LATE')).toEqual(planted('late'));
    for (const defect of ['parts', 'period', 'fee', 'completion', 'published', 'passRate'] as const)
      expect(await where(DEMO_DEFECT_RULE[defect])).toEqual(planted(defect));
  });

  (existsSync(CORPUS) ? it : it.skip)(
    'imports the real corpus reports under agencies of their own',
    async () => {
      expect(summary.corpusReports).toBe(10);
      expect(await count(`SELECT count(*) AS n FROM agency WHERE code LIKE 'CORPUS-%'`)).toBe(5);
    },
  );

  it('has working demo accounts for each role', async () => {
    for (const username of ['oversight', 'ziranziyuan', 'qingshanzhen']) {
      expect(await login(testApp, username, 'atlas-demo')).toEqual(expect.any(String));
    }
    const token = await login(testApp, 'ziranziyuan', 'atlas-demo');
    const mine = await request(testApp.app.getHttpServer())
      .get('/api/reports?pageSize=100')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(mine.body.total ?? mine.body.items?.length).toBe(7);
  });

  it('has rectification notices, open and closed, and explanations in each state', async () => {
    const token = await login(testApp, 'qingshanzhen', 'atlas-demo');
    const mine = await request(testApp.app.getHttpServer())
      .get('/api/rectifications')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(mine.body).toEqual([
      expect.objectContaining({ status: 'open', agencyName: '青山县青山镇人民政府', year: 2023 }),
    ]);
    const statuses = await testApp.dataSource.query<{ status: string }[]>(
      'SELECT status FROM rectification_notice ORDER BY status',
    );
    expect(statuses.map((row) => row.status)).toEqual(['closed', 'open']);
    const explained = await testApp.dataSource.query<{ status: string }[]>(
      'SELECT status FROM finding_explanation ORDER BY status',
    );
    expect(explained.map((row) => row.status)).toEqual(['accepted', 'pending', 'rejected']);
  });

  it('shows alert cards from the default rules: 公开率 below 45 % in 2025, red for some units', async () => {
    const token = await login(testApp, 'oversight', 'atlas-demo');
    const response = await request(testApp.app.getHttpServer())
      .get('/api/alerts?year=2025')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const disclosure = (
      response.body.items as { rule: { metric: string; regionId: string | null }; level: string }[]
    ).find((item) => item.rule.metric === 'disclosureRate' && item.rule.regionId === null);
    expect(disclosure).toMatchObject({ level: 'red', region: { outcome: 'yellow' } });
  });

  it('runs once: a second run changes nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM report_version');
    expect((await testApp.app.get(DemoSeedService).seed({ corpusDir: CORPUS })).skipped).toBe(true);
    expect(await count('SELECT count(*) AS n FROM report_version')).toBe(before);
  });
});
