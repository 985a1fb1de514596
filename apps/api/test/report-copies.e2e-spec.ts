import { generateReport, narrativeText, renderReportText, SeededRandom } from '@atlas/demo-data';
import type { Finding } from '@atlas/report-model';
import request from 'supertest';
import { createAgencyTree, insertAgency } from './reports-fixtures';
import { adminToken, tokenFor, type TestUser } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';

/*
 * N.COPIED on submission: a part of the text that stands in another report of the region (or of
 * the agency's own past) is reported with that report and the shared sentences; texts written
 * independently from the same set phrases are not.
 */
describe('copied text (N.COPIED, real PostgreSQL)', () => {
  let testApp: TestApp;
  const server = () => testApp.app.getHttpServer();

  beforeAll(async () => {
    testApp = await bootTestApp();
    // Common wording is learned from the year's reports: twenty agencies elsewhere wrote theirs
    // (drafts count), from the same set phrases.
    const admin = { id: '', token: await adminToken(testApp) } as TestUser;
    const elsewhere = await insertAgency(testApp, null, '别处县');
    for (let i = 0; i < 20; i++) {
      const agencyId = await insertAgency(testApp, elsewhere, `别处单位${i}`, 'department');
      await upload(
        admin,
        agencyId,
        2023,
        100 + i,
        narrativeText(new SeededRandom(500 + i), `别处单位${i}`, 2023).overview,
      );
    }
  }, 300_000);
  afterAll(() => testApp.close());

  async function upload(
    user: TestUser,
    agencyId: string,
    year: number,
    seed: number,
    overview: string,
  ): Promise<string> {
    const report = generateReport(new SeededRandom(seed), {
      year,
      activity: 2,
      agencyName: '测试单位',
    });
    report.narrative.overview = overview;
    const uploaded = await request(server())
      .post('/api/reports')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ agencyId, year, text: renderReportText(report) })
      .expect(201);
    return (uploaded.body as { id: string }).id;
  }

  async function submitted(
    user: TestUser,
    agencyId: string,
    year: number,
    seed: number,
    overview: string,
  ): Promise<string> {
    const id = await upload(user, agencyId, year, seed, overview);
    await request(server())
      .post(`/api/reports/${id}/submit`)
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);
    return id;
  }

  async function storedFindings(reportId: string): Promise<Finding[]> {
    const [row] = await testApp.dataSource.query<{ findings: Finding[] }[]>(
      'SELECT v.findings FROM report r JOIN report_version v ON v.id = r.current_version_id WHERE r.id = $1',
      [reportId],
    );
    return row?.findings ?? [];
  }

  it('names the report a part was copied from, with the shared sentences; independent texts pass', async () => {
    const { agencyA, agencyB } = await createAgencyTree(testApp);
    const uploaderA = await tokenFor(testApp, { role: 'uploader', agencyId: agencyA });
    const uploaderB = await tokenFor(testApp, { role: 'uploader', agencyId: agencyB });
    const original = narrativeText(new SeededRandom(11), '甲单位', 2023).overview;
    const sourceId = await submitted(uploaderA, agencyA, 2023, 1, original);
    expect(
      (await storedFindings(sourceId)).filter((finding) => finding.rule === 'N.COPIED'),
    ).toEqual([]);

    // B's own text of 2022: written independently, not flagged.
    const ownId = await submitted(
      uploaderB,
      agencyB,
      2022,
      2,
      narrativeText(new SeededRandom(12), '乙单位', 2022).overview,
    );
    expect((await storedFindings(ownId)).filter((finding) => finding.rule === 'N.COPIED')).toEqual(
      [],
    );

    // B's 2023 text: A's, with B's name and other numbers.
    let shift = 0;
    const copy = original
      .replaceAll('甲单位', '乙单位')
      .replace(/\d+/g, (digits) => String(Number(digits) + 5 + shift++));
    const copyId = await submitted(uploaderB, agencyB, 2023, 3, copy);
    const copied = (await storedFindings(copyId)).filter((finding) => finding.rule === 'N.COPIED');
    expect(copied).toHaveLength(1);
    expect(copied[0]).toMatchObject({
      severity: 'warning',
      copiedFrom: { reportId: sourceId, agencyId: agencyA, year: 2023, part: 'overview' },
    });
    expect(copied[0]?.copiedFrom?.similarity).toBeGreaterThanOrEqual(0.9);
    expect(copied[0]?.copiedFrom?.sharedSentences.length).toBeGreaterThan(0);
    expect(copied[0]?.message).toContain(
      '第一部分“总体情况”与济源经济技术开发区管理办公室2023年报告的同一部分雷同',
    );

    // The API shows it with the report.
    const shown = await request(server())
      .get(`/api/reports/${copyId}`)
      .set('Authorization', `Bearer ${uploaderB.token}`)
      .expect(200);
    expect(JSON.stringify(shown.body)).toContain('N.COPIED');
  });
});
