import type { Finding } from '@atlas/report-model';
import request from 'supertest';
import { insertAgency, jiyuanFor } from './reports-fixtures';
import { adminToken } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';

/*
 * The rules judged on submission (scope `submission`): D.LATE against the deadline for the
 * agency's kind, and H.COVERAGE, a people's government's report against the departments and towns
 * below it — who filed and who did not, and, where the region declares it
 * (ATLAS_COVERAGE_SUM_REGIONS), whether its table 3 reaches its departments' sum.
 */
const SUM_REGION = 'E2E-SUM-REGION';
const YEAR = 2023;

describe('submission rules D.LATE and H.COVERAGE (real PostgreSQL)', () => {
  let testApp: TestApp;
  let admin: string;
  const server = () => testApp.app.getHttpServer();

  beforeAll(async () => {
    testApp = await bootTestApp({ ATLAS_COVERAGE_SUM_REGIONS: `OTHER-CODE, ${SUM_REGION}` });
    admin = await adminToken(testApp);
  }, 120_000);
  afterAll(() => testApp.close());

  /** Uploads the jiyuan report (2 requests received, 2 handled) and submits it; the answer. */
  async function submitReport(agencyId: string): Promise<{ id: string; findings: Finding[] }> {
    const uploaded = await request(server())
      .post('/api/reports')
      .set('Authorization', `Bearer ${admin}`)
      .send({ agencyId, year: YEAR, text: jiyuanFor(YEAR) })
      .expect(201);
    const id = (uploaded.body as { id: string }).id;
    const submitted = await request(server())
      .post(`/api/reports/${id}/submit`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    return { id, findings: (submitted.body as { findings: Finding[] }).findings };
  }

  async function storedFindings(reportId: string): Promise<Finding[]> {
    const [row] = await testApp.dataSource.query<{ findings: Finding[] }[]>(
      'SELECT v.findings FROM report r JOIN report_version v ON v.id = r.current_version_id WHERE r.id = $1',
      [reportId],
    );
    return row?.findings ?? [];
  }

  const ofRule = (findings: readonly Finding[], rule: string) =>
    findings.filter((finding) => finding.rule === rule);

  it("a department's late report: D.LATE with the 31 January deadline", async () => {
    const government = await insertAgency(testApp, null, '迟报县人民政府', 'government');
    const department = await insertAgency(testApp, government, '迟报县教育局', 'department');
    const { id, findings } = await submitReport(department);
    const late = ofRule(findings, 'D.LATE');
    expect(late).toHaveLength(1);
    expect(late[0]?.message).toMatch(
      /^报告于 \d{4}-\d{2}-\d{2} 提交，晚于法定期限（部门及乡镇、街道、开发区：次年1月31日） 2024-01-31，逾期 \d+ 天$/,
    );
    expect(ofRule(await storedFindings(id), 'D.LATE')).toEqual(late);
    // A department's report is not checked for coverage.
    expect(ofRule(findings, 'H.COVERAGE')).toEqual([]);
  });

  it("a people's government: who below it filed, who did not, and its table 3 against its departments' sum", async () => {
    const government = await insertAgency(testApp, null, '汇总县人民政府', 'government');
    await testApp.dataSource.query('UPDATE agency SET code = $1 WHERE id = $2', [
      SUM_REGION,
      government,
    ]);
    const education = await insertAgency(testApp, government, '汇总县教育局', 'department');
    const finance = await insertAgency(testApp, government, '汇总县财政局', 'department');
    const town = await insertAgency(testApp, government, '汇总县青山镇人民政府', 'town');
    const drafting = await insertAgency(testApp, government, '汇总县民政局', 'department');
    // Those that did not file are named in the order of their codes.
    for (const [agency, code] of [
      [drafting, `${SUM_REGION}-01`],
      [town, `${SUM_REGION}-02`],
    ] as const) {
      await testApp.dataSource.query('UPDATE agency SET code = $1 WHERE id = $2', [code, agency]);
    }
    await submitReport(education);
    await submitReport(finance);
    // A draft is not a filed report.
    await request(server())
      .post('/api/reports')
      .set('Authorization', `Bearer ${admin}`)
      .send({ agencyId: drafting, year: YEAR, text: jiyuanFor(YEAR) })
      .expect(201);

    const { id, findings } = await submitReport(government);
    const coverage = ofRule(findings, 'H.COVERAGE');
    expect(coverage.map((finding) => [finding.cells, finding.message])).toEqual([
      [
        [],
        '所属 4 个部门和乡镇、街道中，2 个已报送本年度报告，2 个未报送：汇总县民政局、汇总县青山镇人民政府',
      ],
      [
        ['applications.newReceived.total'],
        '本级报告表三 新收 2 < 已报送的 2 个部门之和 4（本地区规定本级报告汇总所属部门）',
      ],
      [
        ['applications.totalHandled.total'],
        '本级报告表三 办理总计 2 < 已报送的 2 个部门之和 4（本地区规定本级报告汇总所属部门）',
      ],
    ]);
    expect(coverage[0]?.coverage).toEqual({
      reported: [
        { agencyId: education, name: '汇总县教育局' },
        { agencyId: finance, name: '汇总县财政局' },
      ].sort((a, b) => a.agencyId.localeCompare(b.agencyId)),
      missing: expect.arrayContaining([
        { agencyId: town, name: '汇总县青山镇人民政府' },
        { agencyId: drafting, name: '汇总县民政局' },
      ]),
    });
    expect(ofRule(findings, 'D.LATE')[0]?.message).toContain('人民政府：次年3月31日） 2024-03-31');
    expect(ofRule(findings, 'H.COVERAGE').every((finding) => finding.severity === 'warning')).toBe(
      true,
    );

    const stored = await storedFindings(id);
    expect(ofRule(stored, 'H.COVERAGE')).toEqual(coverage);
    expect(ofRule(stored, 'D.LATE')).toHaveLength(1);
    const detail = await request(server())
      .get(`/api/reports/${id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(ofRule((detail.body as { findings: Finding[] }).findings, 'H.COVERAGE')).toEqual(
      coverage,
    );
  });

  it('outside a region that declares the sum rule, only who filed is checked', async () => {
    const government = await insertAgency(testApp, null, '另县人民政府', 'government');
    const department = await insertAgency(testApp, government, '另县教育局', 'department');
    const other = await insertAgency(testApp, government, '另县财政局', 'department');
    await submitReport(department);
    await submitReport(other);
    const { id, findings } = await submitReport(government);
    expect(ofRule(findings, 'H.COVERAGE')).toEqual([]);
    expect(ofRule(await storedFindings(id), 'H.COVERAGE')).toEqual([]);
  });

  it("is judged again on the government's report when an agency below it files later, or is returned", async () => {
    const government = await insertAgency(testApp, null, '后报县人民政府', 'government');
    const education = await insertAgency(testApp, government, '后报县教育局', 'department');
    const finance = await insertAgency(testApp, government, '后报县财政局', 'department');
    await submitReport(education);
    const { id } = await submitReport(government);
    expect(
      ofRule(await storedFindings(id), 'H.COVERAGE').map((finding) => finding.message),
    ).toEqual(['所属 2 个部门和乡镇、街道中，1 个已报送本年度报告，1 个未报送：后报县财政局']);

    const late = await submitReport(finance);
    expect(ofRule(await storedFindings(id), 'H.COVERAGE')).toEqual([]);

    await request(server())
      .post(`/api/reports/${late.id}/return`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ comment: '数据有误，请核实后重新报送' })
      .expect(200);
    expect(
      ofRule(await storedFindings(id), 'H.COVERAGE').map((finding) => finding.message),
    ).toEqual(['所属 2 个部门和乡镇、街道中，1 个已报送本年度报告，1 个未报送：后报县财政局']);
  });
});
