import { generateReport, narrativeText, renderReportText, SeededRandom } from '@atlas/demo-data';
import type { CopiedReportPage, ReportCopyComparison } from '@atlas/api-contract';
import type { Finding } from '@atlas/report-model';
import request from 'supertest';
import { createAgencyTree, insertAgency } from './reports-fixtures';
import { adminToken, tokenFor, type TestUser } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';
import { createSeparateDatabase } from './support/test-database';

/*
 * N.COPIED on submission: a part of the text that stands in another report of the region (or of
 * the agency's own past) is reported with that report and the shared sentences; texts written
 * independently from the same set phrases are not.
 */
describe('copied text (N.COPIED, real PostgreSQL)', () => {
  let testApp: TestApp;
  const server = () => testApp.app.getHttpServer();

  // A database of its own: common wording is learned from every report of the year, and the
  // specs running beside this one (the demo among them) add reports of the same year.
  let database: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    database = await createSeparateDatabase('atlas_copies');
    testApp = await bootTestApp({}, database.url);
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
  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

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
    const { region, agencyA, agencyB } = await createAgencyTree(testApp);
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

    // ── the two parts side by side ─────────────────────────────────────────────────────────
    const storedOverview = async (reportId: string) =>
      (
        await testApp.dataSource.query<{ overview: string; version: number }[]>(
          `SELECT v.canonical->'narrative'->>'overview' AS overview, v.version
             FROM report r JOIN report_version v ON v.id = r.current_version_id WHERE r.id = $1`,
          [reportId],
        )
      )[0];
    const comparisonsAs = (user: TestUser, reportId: string) =>
      request(server())
        .get(`/api/reports/${reportId}/copies`)
        .set('Authorization', `Bearer ${user.token}`);

    const side = await comparisonsAs(uploaderB, copyId).expect(200);
    const comparisons = side.body as ReportCopyComparison[];
    expect(comparisons).toHaveLength(1);
    const [comparison] = comparisons;
    expect(comparison).toMatchObject({
      part: 'overview',
      similarity: copied[0]?.copiedFrom?.similarity,
      report: { reportId: copyId, agencyId: agencyB, year: 2023, linkable: true },
      // B's uploader sees the part its report was found to share, not A's report itself.
      other: { reportId: sourceId, agencyId: agencyA, year: 2023, version: 1, linkable: false },
    });
    const joined = (spans: { text: string }[]) => spans.map((span) => span.text).join('');
    const shared = (spans: { text: string; kind: string }[]) =>
      spans.filter((span) => span.kind === 'shared').map((span) => span.text.trim());
    // Each side is the stored part as written, the shared sentences marked.
    expect(joined(comparison?.report.spans ?? [])).toBe((await storedOverview(copyId))?.overview);
    expect(joined(comparison?.other.spans ?? [])).toBe((await storedOverview(sourceId))?.overview);
    expect(shared(comparison?.report.spans ?? []).length).toBeGreaterThanOrEqual(3);
    expect(shared(comparison?.other.spans ?? []).length).toBeGreaterThanOrEqual(3);
    for (const sentence of copied[0]?.copiedFrom?.sharedSentences ?? [])
      expect(joined(comparison?.report.spans ?? [])).toContain(sentence);
    // The set phrase every generated part 一 opens with is common wording, not a shared sentence.
    expect(
      comparison?.other.spans.filter((span) => span.kind === 'boilerplate').length,
    ).toBeGreaterThan(0);

    // Oversight of the region sees both reports; A's uploader does not see B's finding at all.
    const oversight = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [region] });
    const overseen = (await comparisonsAs(oversight, copyId).expect(200))
      .body as ReportCopyComparison[];
    expect(overseen[0]?.other.linkable).toBe(true);
    expect((await comparisonsAs(uploaderA, copyId).expect(404)).body).toMatchObject({
      code: 'REPORT_NOT_FOUND',
    });
    expect((await comparisonsAs(uploaderA, sourceId).expect(200)).body).toEqual([]);

    // ── the region's copies of the year ─────────────────────────────────────────────────────
    const listAs = (user: TestUser, query: Record<string, string | number>) =>
      request(server())
        .get('/api/reports/copies')
        .query(query)
        .set('Authorization', `Bearer ${user.token}`);
    const listed = (await listAs(oversight, { year: 2023, scope: region }).expect(200))
      .body as CopiedReportPage;
    const [stored] = await testApp.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM report r JOIN report_version v ON v.id = r.current_version_id
         CROSS JOIN LATERAL jsonb_array_elements(v.findings) f
        WHERE r.year = 2023 AND f->>'rule' = 'N.COPIED' AND r.agency_id = ANY($1::uuid[])`,
      [[agencyA, agencyB]],
    );
    expect(listed.total).toBe(stored?.n);
    expect(listed.items).toEqual([
      {
        reportId: copyId,
        agencyId: agencyB,
        agencyName: '另一单位',
        year: 2023,
        status: 'submitted',
        part: 'overview',
        similarity: copied[0]?.copiedFrom?.similarity,
        sharedSentences: copied[0]?.copiedFrom?.sharedSentences.length,
        other: {
          reportId: sourceId,
          agencyId: agencyA,
          agencyName: '济源经济技术开发区管理办公室',
          year: 2023,
          visible: true,
        },
      },
    ]);
    // An uploader lists its own agency's copies only, and cannot open the source.
    const own = (await listAs(uploaderB, { year: 2023 }).expect(200)).body as CopiedReportPage;
    expect(own.items.map((item) => [item.reportId, item.other.visible])).toEqual([[copyId, false]]);
    expect(
      ((await listAs(uploaderA, { year: 2023 }).expect(200)).body as CopiedReportPage).items,
    ).toEqual([]);
    expect((await listAs(uploaderA, { year: 2023, scope: region }).expect(404)).body).toMatchObject(
      { code: 'AGENCY_NOT_FOUND' },
    );
    expect(
      (
        (await listAs(oversight, { year: 2022, scope: region }).expect(200))
          .body as CopiedReportPage
      ).total,
    ).toBe(0);
    // Bad input is refused with the reason.
    const missingYear = await listAs(oversight, { scope: region }).expect(400);
    expect(missingYear.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(missingYear.body)).toContain('year');
    expect(
      (await listAs(oversight, { year: 2023, scope: 'x' }).expect(400)).body.message,
    ).toContain('scope 必须是 UUID');
  });
});
