import request from 'supertest';
import { BACKFILL_CORRECTION_CHANGES } from '../src/database/migrations/1764512000000-report-reopen-and-correction-changes';
import { adminToken, tokenFor, type TestUser } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';
import {
  type AgencyTree,
  corpusFile,
  countRows,
  createAgencyTree,
  jiyuanFor,
  jiyuanText,
  pasteReport,
  reportCarryingOneForward,
  sha256,
  uploadFile,
  withoutFirmYear,
} from './reports-fixtures';

interface Finding {
  rule: string;
  severity: string;
  cells: string[];
  message: string;
}

describe('reports: upload, read, correct, workflow (real PostgreSQL)', () => {
  let testApp: TestApp;
  let admin: string;
  const server = () => testApp.app.getHttpServer();
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const rules = (findings: Finding[]) => findings.map((finding) => finding.rule);

  /** A fresh tree and its people, so tests never share an agency-year. */
  async function setup(): Promise<
    AgencyTree & {
      uploaderA: TestUser;
      uploaderB: TestUser;
      reviewer: TestUser;
      outsider: TestUser;
    }
  > {
    const tree = await createAgencyTree(testApp);
    return {
      ...tree,
      uploaderA: await tokenFor(testApp, { role: 'uploader', agencyId: tree.agencyA }),
      uploaderB: await tokenFor(testApp, { role: 'uploader', agencyId: tree.agencyB }),
      reviewer: await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [tree.region] }),
      outsider: await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [tree.outsideRoot] }),
    };
  }

  async function uploadDraft(
    token: string,
    agencyId: string,
    year: number,
    text = jiyuanFor(year),
  ): Promise<{ id: string; version: number }> {
    const response = await pasteReport(testApp, token, { agencyId, year, text });
    if (response.status !== 201)
      throw new Error(`upload failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; version: number };
  }

  beforeAll(async () => {
    testApp = await bootTestApp();
    admin = await adminToken(testApp);
  });
  afterAll(() => testApp.close());

  describe('upload', () => {
    it('stores a multipart upload: file bytes and SHA-256, canonical report, 200 cells, findings, event, audit', async () => {
      const { agencyA, uploaderA } = await setup();
      const bytes = Buffer.from(jiyuanText(), 'utf8');
      const response = await uploadFile(
        testApp,
        uploaderA.token,
        { agencyId: agencyA, year: 2023 },
        bytes,
        '济源经开区2023年报.txt',
      ).expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        agencyId: agencyA,
        year: 2023,
        version: 1,
        status: 'draft',
        findings: [],
        warnings: [],
      });
      const reportId = response.body.id as string;

      const [report] = await testApp.dataSource.query<
        { status: string; current_version_id: string; agency_id: string; year: number }[]
      >('SELECT status, current_version_id, agency_id, year FROM report WHERE id = $1', [reportId]);
      expect(report).toMatchObject({ status: 'draft', agency_id: agencyA, year: 2023 });
      const [version] = await testApp.dataSource.query<
        {
          id: string;
          version: number;
          canonical: { year: number; agencyName: string };
          findings: Finding[];
          format: string;
          declared_year: number;
          parsed_year: number;
          created_by: string;
          file_id: string;
          provenance: Record<string, unknown>;
        }[]
      >('SELECT * FROM report_version WHERE report_id = $1', [reportId]);
      expect(version).toMatchObject({
        id: report?.current_version_id,
        version: 1,
        format: 'text',
        declared_year: 2023,
        parsed_year: 2023,
        created_by: uploaderA.id,
        findings: [],
      });
      expect(version?.canonical.year).toBe(2023);
      expect(Object.keys(version?.provenance ?? {}).length).toBeGreaterThan(100);

      const [file] = await testApp.dataSource.query<
        {
          sha256: string;
          stored_sha256: string;
          size: number;
          media_type: string;
          file_name: string;
          uploaded_by: string;
        }[]
      >(
        `SELECT sha256, encode(sha256(content), 'hex') AS stored_sha256, size, media_type, file_name, uploaded_by FROM report_file WHERE id = $1`,
        [version?.file_id],
      );
      expect(file).toEqual({
        sha256: sha256(bytes),
        stored_sha256: sha256(bytes),
        size: bytes.length,
        media_type: 'text/plain',
        file_name: '济源经开区2023年报.txt',
        uploaded_by: uploaderA.id,
      });

      const cells = await testApp.dataSource.query<
        { address: string; value: string; agency_id: string; year: number; table_key: string }[]
      >(
        'SELECT address, value, agency_id, year, table_key FROM report_cell WHERE version_id = $1',
        [version?.id],
      );
      expect(cells).toHaveLength(200);
      expect(cells.every((cell) => cell.agency_id === agencyA && cell.year === 2023)).toBe(true);
      expect(cells.find((cell) => cell.address === 'applications.newReceived.total')?.value).toBe(
        '2',
      );

      const events = await testApp.dataSource.query<
        { action: string; version: number; actor_id: string }[]
      >('SELECT action, version, actor_id FROM report_event WHERE report_id = $1', [reportId]);
      expect(events).toEqual([{ action: 'upload', version: 1, actor_id: uploaderA.id }]);
      const audit = await testApp.dataSource.query<
        { actor_id: string; details: { version: number; sha256: string } }[]
      >(
        `SELECT actor_id, details FROM audit_log WHERE action = 'report.upload' AND target_id = $1`,
        [reportId],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor_id: uploaderA.id,
        details: { version: 1, sha256: sha256(bytes) },
      });
    });

    it('stores pasted text as a file too, and gives back the original with a Chinese file name', async () => {
      const { agencyA, uploaderA } = await setup();
      const text = jiyuanFor(2023);
      const created = await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyA,
        year: 2023,
        text,
        fileName: '粘贴的年报.txt',
      }).expect(201);
      const original = await request(server())
        .get(`/api/reports/${created.body.id}/versions/1/original`)
        .set(auth(uploaderA.token))
        .buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => callback(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(sha256(original.body as Buffer)).toBe(sha256(Buffer.from(text, 'utf8')));
      expect(original.headers['content-type']).toMatch(/^text\/plain/);
      expect(original.headers['content-disposition']).toBe(
        `attachment; filename="_____.txt"; filename*=UTF-8''${encodeURIComponent('粘贴的年报.txt')}`,
      );
    });

    it('stores a PDF from the corpus', async () => {
      const pdf = corpusFile('hongze-2023/source.pdf');
      if (!pdf) {
        console.warn('corpus PDF hongze-2023/source.pdf not found: PDF upload not tested');
        return;
      }
      const { agencyA, uploaderA } = await setup();
      const response = await uploadFile(
        testApp,
        uploaderA.token,
        { agencyId: agencyA, year: 2023 },
        pdf,
        '洪泽区2023年报.pdf',
      ).expect(201);
      expect(rules(response.body.findings)).toContain('T4.TOTAL');
      const [stored] = await testApp.dataSource.query<
        { format: string; media_type: string; sha256: string; cells: number }[]
      >(
        `SELECT v.format, f.media_type, f.sha256, (SELECT count(*)::int FROM report_cell c WHERE c.version_id = v.id) AS cells
           FROM report_version v JOIN report_file f ON f.id = v.file_id WHERE v.report_id = $1`,
        [response.body.id],
      );
      expect(stored).toEqual({
        format: 'pdf',
        media_type: 'application/pdf',
        sha256: sha256(pdf),
        cells: expect.any(Number),
      });
      expect(stored?.cells).toBeGreaterThan(150);
    }, 60_000);

    it('refuses the same file again for the same agency-year, naming the version, writing nothing', async () => {
      const { agencyA, uploaderA } = await setup();
      const text = jiyuanFor(2023);
      await pasteReport(testApp, uploaderA.token, { agencyId: agencyA, year: 2023, text }).expect(
        201,
      );
      await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyA,
        year: 2023,
        text: jiyuanFor(2023),
      }).expect(201);
      const before = await countRows(testApp);
      const again = await uploadFile(
        testApp,
        uploaderA.token,
        { agencyId: agencyA, year: 2023 },
        Buffer.from(text, 'utf8'),
        'again.txt',
      ).expect(409);
      expect(again.body).toEqual({
        statusCode: 409,
        code: 'REPORT_DUPLICATE',
        message: expect.stringContaining('第 1 版'),
      });
      expect(await countRows(testApp)).toEqual(before);
    });

    it('refuses a report whose title or period states another year (422), and only warns for a guessed year', async () => {
      const { agencyA, uploaderA } = await setup();
      const before = await countRows(testApp);
      const refused = await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyA,
        year: 2022,
        text: jiyuanFor(2023),
      }).expect(422);
      expect(refused.body.code).toBe('YEAR_MISMATCH');
      expect(refused.body.message).toContain('2023');
      expect(await countRows(testApp)).toEqual(before);

      const warned = await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyA,
        year: 2022,
        text: withoutFirmYear(jiyuanFor(2023)),
      }).expect(201);
      expect(warned.body.warnings).toEqual([
        { code: 'YEAR_DIFFERS', message: expect.stringContaining('2023') },
      ]);
      const [version] = await testApp.dataSource.query<
        {
          declared_year: number;
          parsed_year: number;
          canonical_year: number;
          warnings: unknown[];
        }[]
      >(
        `SELECT declared_year, parsed_year, (canonical->>'year')::int AS canonical_year, warnings FROM report_version WHERE report_id = $1`,
        [warned.body.id],
      );
      expect(version).toMatchObject({
        declared_year: 2022,
        parsed_year: 2023,
        canonical_year: 2022,
      });
      expect(version?.warnings).toHaveLength(1);
    });

    it('refuses a report on the current year, which has not ended, writing nothing', async () => {
      const { agencyA, uploaderA } = await setup();
      const before = await countRows(testApp);
      const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
      const refused = await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyA,
        year: thisYear,
        text: jiyuanFor(thisYear),
      }).expect(422);
      expect(refused.body).toMatchObject({ code: 'YEAR_NOT_ENDED', message: expect.stringContaining(`${thisYear} 年度尚未结束`) });
      expect(await countRows(testApp)).toEqual(before);
    });

    it('refuses files that are not reports (422 PARSE_*) and writes nothing', async () => {
      const { agencyA, uploaderA } = await setup();
      const before = await countRows(testApp);
      const empty = await uploadFile(
        testApp,
        uploaderA.token,
        { agencyId: agencyA, year: 2023 },
        Buffer.alloc(0),
        'empty.txt',
      ).expect(422);
      expect(empty.body).toEqual({
        statusCode: 422,
        code: 'PARSE_EMPTY_FILE',
        message: '文件为空',
      });
      const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
      const random = await uploadFile(
        testApp,
        uploaderA.token,
        { agencyId: agencyA, year: 2023 },
        binary,
        'random.bin',
      ).expect(422);
      expect(random.body.code).toMatch(/^PARSE_/);
      const prose = await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyA,
        year: 2023,
        text: '今天天气很好。',
      }).expect(422);
      expect(prose.body.code).toBe('PARSE_NOT_A_REPORT');
      expect(await countRows(testApp)).toEqual(before);
    });

    it('validates the request: year range, agency, source, malformed multipart', async () => {
      const { agencyA, uploaderA } = await setup();
      const thisYear = Number(
        new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
          new Date(),
        ),
      );
      for (const year of [2007, thisYear + 1, 2023.5, 'abc']) {
        const response = await pasteReport(testApp, uploaderA.token, {
          agencyId: agencyA,
          year,
          text: jiyuanText(),
        }).expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
      const multipartYear = await uploadFile(
        testApp,
        uploaderA.token,
        { agencyId: agencyA, year: '20x3' },
        Buffer.from(jiyuanText()),
        'r.txt',
      ).expect(400);
      expect(multipartYear.body.code).toBe('VALIDATION_FAILED');
      const missing = await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyA,
        year: 2023,
      }).expect(400);
      expect(missing.body.code).toBe('REPORT_SOURCE_MISSING');
      const both = await request(server())
        .post('/api/reports')
        .set(auth(uploaderA.token))
        .field('agencyId', agencyA)
        .field('year', '2023')
        .field('text', jiyuanText())
        .attach('file', Buffer.from(jiyuanText()), 'r.txt')
        .expect(400);
      expect(both.body.code).toBe('REPORT_SOURCE_AMBIGUOUS');

      const malformed = await request(server())
        .post('/api/reports')
        .set(auth(uploaderA.token))
        .set('Content-Type', 'multipart/form-data; boundary=----atlas')
        .send('------atlas\r\nContent-Disposition: form-data; name="agencyId"\r\n\r\nabc')
        .expect(400);
      expect(malformed.body).toEqual({
        statusCode: 400,
        code: 'MALFORMED_MULTIPART',
        message: expect.any(String),
      });
      const noBoundary = await request(server())
        .post('/api/reports')
        .set(auth(uploaderA.token))
        .set('Content-Type', 'multipart/form-data')
        .send('garbage')
        .expect(400);
      expect(noBoundary.body.code).toBe('MALFORMED_MULTIPART');
    });

    it('lets uploaders upload for their own agency only, and admins for any', async () => {
      const { agencyA, agencyB, uploaderA, reviewer } = await setup();
      const before = await countRows(testApp);
      const other = await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyB,
        year: 2023,
        text: jiyuanFor(2023),
      }).expect(403);
      expect(other.body.code).toBe('FORBIDDEN');
      await pasteReport(testApp, reviewer.token, {
        agencyId: agencyA,
        year: 2023,
        text: jiyuanFor(2023),
      }).expect(403);
      const unknown = await pasteReport(testApp, admin, {
        agencyId: '00000000-0000-4000-8000-000000000000',
        year: 2023,
        text: jiyuanFor(2023),
      }).expect(404);
      expect(unknown.body.code).toBe('AGENCY_NOT_FOUND');
      expect(await countRows(testApp)).toEqual(before);
      await pasteReport(testApp, admin, {
        agencyId: agencyB,
        year: 2023,
        text: jiyuanFor(2023),
      }).expect(201);
    });

    it('gives concurrent uploads for one agency-year the versions 1..5 and never a 500', async () => {
      const { agencyA, uploaderA } = await setup();
      const responses = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          pasteReport(testApp, uploaderA.token, {
            agencyId: agencyA,
            year: 2023,
            text: jiyuanFor(2023, `并发 ${i}`),
          }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
      expect(responses.map((response) => response.body.version as number).sort()).toEqual([
        1, 2, 3, 4, 5,
      ]);
      const [report] = await testApp.dataSource.query<{ versions: number; current: number }[]>(
        `SELECT (SELECT count(*)::int FROM report_version v WHERE v.report_id = r.id) AS versions,
                (SELECT v.version FROM report_version v WHERE v.id = r.current_version_id) AS current
           FROM report r WHERE r.agency_id = $1 AND r.year = 2023`,
        [agencyA],
      );
      expect(report).toEqual({ versions: 5, current: 5 });
    });

    it('compares with last year: X.CARRY when last year carried forward what this year did not carry over', async () => {
      const { agencyA, uploaderA } = await setup();
      await uploadDraft(uploaderA.token, agencyA, 2022, reportCarryingOneForward(2022));
      const thisYear = await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyA,
        year: 2023,
        text: jiyuanFor(2023),
      }).expect(201);
      const carry = (thisYear.body.findings as Finding[]).filter(
        (finding) => finding.rule === 'X.CARRY',
      );
      expect(carry.map((finding) => finding.cells)).toEqual([
        ['applications.carriedOver.naturalPerson'],
        ['applications.carriedOver.total'],
      ]);
      expect(carry[0]?.severity).toBe('error');

      const { agencyA: consistentAgency, uploaderA: consistentUploader } = await setup();
      await uploadDraft(consistentUploader.token, consistentAgency, 2022, jiyuanFor(2022));
      const consistent = await pasteReport(testApp, consistentUploader.token, {
        agencyId: consistentAgency,
        year: 2023,
        text: jiyuanFor(2023),
      }).expect(201);
      expect(rules(consistent.body.findings)).not.toContain('X.CARRY');
    });

    it('previews without storing anything', async () => {
      const { agencyA, uploaderA } = await setup();
      const before = await countRows(testApp);
      const preview = await request(server())
        .post('/api/reports/preview')
        .set(auth(uploaderA.token))
        .send({ agencyId: agencyA, year: 2022, text: jiyuanFor(2023) })
        .expect(200);
      expect(preview.body).toMatchObject({
        report: { schema: 'atlas.report/v1', year: 2022, formatVersion: '2021' },
        findings: [],
        format: 'text',
        yearSource: 'title',
        warnings: [{ code: 'YEAR_MISMATCH', message: expect.stringContaining('2023') }],
      });
      expect(Object.keys(preview.body.provenance as object).length).toBeGreaterThan(100);
      const file = await request(server())
        .post('/api/reports/preview')
        .set(auth(uploaderA.token))
        .attach('file', Buffer.from(jiyuanText()), 'r.txt')
        .expect(200);
      expect(file.body.report.applications.newReceived.total).toBe(2);
      expect(await countRows(testApp)).toEqual(before);
    });
  });

  describe('reading', () => {
    it('shows a report with its versions, deadline and timeliness; lists it, scoped, with finding counts', async () => {
      const { agencyA, agencyB, uploaderA, uploaderB, reviewer, outsider } = await setup();
      const first = await uploadDraft(uploaderA.token, agencyA, 2023);
      await uploadDraft(
        uploaderA.token,
        agencyA,
        2023,
        jiyuanFor(2023).replace(
          '一、本年新收政府信息公开申请数量\t\t2',
          '一、本年新收政府信息公开申请数量\t\t3',
        ),
      );
      await uploadDraft(uploaderB.token, agencyB, 2023);

      const detail = await request(server())
        .get(`/api/reports/${first.id}`)
        .set(auth(reviewer.token))
        .expect(200);
      expect(detail.body).toMatchObject({
        id: first.id,
        agencyId: agencyA,
        agencyName: '济源经济技术开发区管理办公室',
        year: 2023,
        status: 'draft',
        version: 2,
        report: { year: 2023 },
        deadline: '2024-01-31',
        deadlineSource: 'statutory',
        onTime: null,
        daysLate: null,
      });
      expect(rules(detail.body.findings)).toContain('T3.ROWSUM');
      expect(detail.body.versions).toEqual([
        expect.objectContaining({
          version: 1,
          status: 'draft',
          createdBy: uploaderA.id,
          format: 'text',
          fileName: '粘贴文本.txt',
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          findingCounts: { errors: 0, warnings: 0 },
        }),
        expect.objectContaining({
          version: 2,
          status: 'draft',
          findingCounts: expect.objectContaining({ errors: expect.any(Number) }),
        }),
      ]);

      const listed = await request(server())
        .get('/api/reports')
        .query({ year: 2023, pageSize: 100 })
        .set(auth(reviewer.token))
        .expect(200);
      const mine = (
        listed.body.items as {
          id: string;
          agencyId: string;
          agencyName: string;
          version: number;
          findingCounts: { errors: number };
        }[]
      ).filter((item) => item.agencyId === agencyA || item.agencyId === agencyB);
      expect(mine).toHaveLength(2);
      expect(mine.find((item) => item.agencyId === agencyA)).toMatchObject({
        id: first.id,
        version: 2,
        agencyName: '济源经济技术开发区管理办公室',
      });
      expect(mine.find((item) => item.agencyId === agencyA)?.findingCounts.errors).toBeGreaterThan(
        0,
      );
      // The oversight user sees its subtree only.
      expect(
        (listed.body.items as { agencyId: string }[]).every(
          (item) => item.agencyId === agencyA || item.agencyId === agencyB,
        ),
      ).toBe(true);

      const ownOnly = await request(server())
        .get('/api/reports')
        .set(auth(uploaderA.token))
        .expect(200);
      expect(ownOnly.body).toMatchObject({
        total: 1,
        page: 1,
        pageSize: 20,
        items: [{ id: first.id }],
      });
      const paged = await request(server())
        .get('/api/reports')
        .query({ pageSize: 1, page: 2 })
        .set(auth(reviewer.token))
        .expect(200);
      expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(paged.body.items).toHaveLength(1);
      const filtered = await request(server())
        .get('/api/reports')
        .query({ agencyId: agencyB, status: 'draft' })
        .set(auth(admin))
        .expect(200);
      expect(filtered.body.total).toBe(1);
      const none = await request(server())
        .get('/api/reports')
        .set(auth(outsider.token))
        .expect(200);
      expect(none.body).toMatchObject({ total: 0, items: [] });
      await request(server())
        .get('/api/reports')
        .query({ pageSize: 1000 })
        .set(auth(admin))
        .expect(400);

      const past = await request(server())
        .get(`/api/reports/${first.id}/versions/1`)
        .set(auth(uploaderA.token))
        .expect(200);
      expect(past.body).toMatchObject({
        reportId: first.id,
        version: 1,
        findings: [],
        corrections: [],
        report: { applications: { newReceived: { total: 2 } } },
      });
      await request(server())
        .get(`/api/reports/${first.id}/versions/9`)
        .set(auth(uploaderA.token))
        .expect(404);
      await request(server())
        .get(`/api/reports/${first.id}/versions/x`)
        .set(auth(uploaderA.token))
        .expect(404);
      await request(server()).get('/api/reports/not-a-uuid').set(auth(admin)).expect(404);

      const diff = await request(server())
        .get(`/api/reports/${first.id}/diff`)
        .query({ from: 1, to: 2 })
        .set(auth(uploaderA.token))
        .expect(200);
      expect(diff.body).toEqual({
        from: 1,
        to: 2,
        differences: [{ address: 'applications.newReceived.naturalPerson', from: 2, to: 3 }],
      });
      await request(server())
        .get(`/api/reports/${first.id}/diff`)
        .query({ from: 1, to: 1 })
        .set(auth(uploaderA.token))
        .expect(400);
    });

    it('hides reports from an uploader of another agency and from oversight outside the subtree (404/403 on every route)', async () => {
      const { agencyA, uploaderA, uploaderB, outsider } = await setup();
      const { id } = await uploadDraft(uploaderA.token, agencyA, 2023);
      const before = await countRows(testApp);
      for (const stranger of [uploaderB, outsider]) {
        const routes = [
          request(server()).get(`/api/reports/${id}`),
          request(server()).get(`/api/reports/${id}/versions/1`),
          request(server()).get(`/api/reports/${id}/versions/1/original`),
          request(server()).get(`/api/reports/${id}/diff?from=1&to=2`),
          request(server()).get(`/api/reports/${id}/history`),
          request(server()).get('/api/reports').query({ agencyId: agencyA }),
          request(server())
            .patch(`/api/reports/${id}/cells`)
            .send({
              reason: '试图更正',
              changes: [{ address: 'applications.newReceived.total', value: 9 }],
            }),
          request(server()).post(`/api/reports/${id}/submit`),
          request(server()).post(`/api/reports/${id}/accept`),
          request(server()).post(`/api/reports/${id}/return`).send({ comment: '退回' }),
          request(server())
            .post('/api/reports')
            .send({ agencyId: agencyA, year: 2023, text: jiyuanFor(2023) }),
        ];
        for (const route of routes) {
          const response = await route.set(auth(stranger.token));
          expect([403, 404]).toContain(response.status);
        }
      }
      expect(await countRows(testApp)).toEqual(before);
    });
  });

  describe('corrections', () => {
    it('corrects cells of a draft: correction rows, updated cells and JSON, findings recomputed (T3.BALANCE appears and goes)', async () => {
      const { agencyA, uploaderA } = await setup();
      const { id } = await uploadDraft(uploaderA.token, agencyA, 2023);
      const broken = await request(server())
        .patch(`/api/reports/${id}/cells`)
        .set(auth(uploaderA.token))
        .send({
          reason: '与原件核对',
          changes: [
            { address: 'applications.newReceived.naturalPerson', value: 3 },
            { address: 'applications.newReceived.total', value: 3 },
          ],
        })
        .expect(200);
      expect(broken.body).toMatchObject({ id, version: 1, status: 'draft' });
      const balance = (broken.body.findings as Finding[]).filter(
        (finding) => finding.rule === 'T3.BALANCE',
      );
      expect(balance.map((finding) => finding.cells[0])).toEqual([
        'applications.newReceived.naturalPerson',
        'applications.newReceived.total',
      ]);

      const corrections = await testApp.dataSource.query<
        { address: string; old_value: string; new_value: string; reason: string; user_id: string }[]
      >(
        `SELECT c.address, c.old_value, c.new_value, c.reason, c.user_id FROM report_correction c
           JOIN report_version v ON v.id = c.version_id WHERE v.report_id = $1 ORDER BY c.id`,
        [id],
      );
      expect(corrections).toEqual([
        {
          address: 'applications.newReceived.naturalPerson',
          old_value: '2',
          new_value: '3',
          reason: '与原件核对',
          user_id: uploaderA.id,
        },
        {
          address: 'applications.newReceived.total',
          old_value: '2',
          new_value: '3',
          reason: '与原件核对',
          user_id: uploaderA.id,
        },
      ]);
      const [stored] = await testApp.dataSource.query<
        { cell: string; json: number; findings: Finding[] }[]
      >(
        `SELECT (SELECT value FROM report_cell c WHERE c.version_id = v.id AND c.address = 'applications.newReceived.total') AS cell,
                (v.canonical->'applications'->'newReceived'->>'total')::int AS json, v.findings
           FROM report_version v WHERE v.report_id = $1`,
        [id],
      );
      expect(stored).toMatchObject({ cell: '3', json: 3 });
      expect(rules(stored?.findings ?? [])).toContain('T3.BALANCE');

      const fixed = await request(server())
        .patch(`/api/reports/${id}/cells`)
        .set(auth(uploaderA.token))
        .send({
          reason: '同时补录办理结果',
          changes: [
            { address: 'applications.granted.naturalPerson', value: 2 },
            { address: 'applications.granted.total', value: 2 },
            { address: 'applications.totalHandled.naturalPerson', value: 3 },
            { address: 'applications.totalHandled.total', value: 3 },
          ],
        })
        .expect(200);
      expect(rules(fixed.body.findings)).not.toContain('T3.BALANCE');
      expect(rules(fixed.body.findings)).not.toContain('T3.OUTCOMES');

      const events = await testApp.dataSource.query<{ action: string; comment: string }[]>(
        `SELECT action, comment FROM report_event WHERE report_id = $1 ORDER BY id`,
        [id],
      );
      expect(events.map((event) => event.action)).toEqual(['upload', 'correct', 'correct']);
      const [audited] = await testApp.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.correct' AND target_id = $1`,
        [id],
      );
      expect(audited?.n).toBe(2);
      const version = await request(server())
        .get(`/api/reports/${id}/versions/1`)
        .set(auth(uploaderA.token))
        .expect(200);
      expect(version.body.corrections).toHaveLength(6);
    });

    it('validates corrections and writes nothing when one is wrong', async () => {
      const { agencyA, uploaderA } = await setup();
      const { id } = await uploadDraft(uploaderA.token, agencyA, 2023);
      const before = await countRows(testApp);
      const cases: [Record<string, unknown>, string][] = [
        [
          { changes: [{ address: 'applications.newReceived.total', value: 1 }] },
          'VALIDATION_FAILED',
        ],
        [
          { reason: '   ', changes: [{ address: 'applications.newReceived.total', value: 1 }] },
          'VALIDATION_FAILED',
        ],
        [
          {
            reason: 'x'.repeat(501),
            changes: [{ address: 'applications.newReceived.total', value: 1 }],
          },
          'VALIDATION_FAILED',
        ],
        [{ reason: '原因', changes: [] }, 'VALIDATION_FAILED'],
        [
          { reason: '原因', changes: [{ address: 'applications.newReceived.total', value: '1' }] },
          'VALIDATION_FAILED',
        ],
        [
          { reason: '原因', changes: [{ address: 'applications.nothing.total', value: 1 }] },
          'CELL_NOT_FOUND',
        ],
        [
          { reason: '原因', changes: [{ address: 'proactive.otherServices.decisions', value: 1 }] },
          'CELL_NOT_FOUND',
        ],
        [
          { reason: '原因', changes: [{ address: 'narrative.metrics.completionRate', value: 1 }] },
          'CELL_NOT_FOUND',
        ],
        [
          {
            reason: '原因',
            changes: [
              { address: 'applications.newReceived.total', value: 1 },
              { address: 'applications.newReceived.total', value: 2 },
            ],
          },
          'CELL_REPEATED',
        ],
        [
          { reason: '原因', changes: [{ address: 'applications.newReceived.total', value: -5 }] },
          'CELL_VALUE_INVALID',
        ],
        [
          { reason: '原因', changes: [{ address: 'applications.newReceived.total', value: 2.5 }] },
          'CELL_VALUE_INVALID',
        ],
        [
          { reason: '原因', changes: [{ address: 'proactive.fees.amountWanYuan', value: 1.234 }] },
          'CELL_VALUE_INVALID',
        ],
      ];
      for (const [body, code] of cases) {
        const response = await request(server())
          .patch(`/api/reports/${id}/cells`)
          .set(auth(uploaderA.token))
          .send(body)
          .expect(400);
        expect(response.body.code).toBe(code);
      }
      const negative = await request(server())
        .patch(`/api/reports/${id}/cells`)
        .set(auth(uploaderA.token))
        .send({ reason: '原因', changes: [{ address: 'applications.granted.naturalPerson', value: -5 }] })
        .expect(400);
      expect(negative.body.message).toBe('单元格 applications.granted.naturalPerson 是件数，不能小于 0');
      expect(await countRows(testApp)).toEqual(before);
    });
  });

  describe('workflow', () => {
    it('submits, returns, corrects into a new version, resubmits and accepts; history records every step', async () => {
      const { agencyA, uploaderA, reviewer } = await setup();
      const { id } = await uploadDraft(uploaderA.token, agencyA, 2023);

      const submitted = await request(server())
        .post(`/api/reports/${id}/submit`)
        .set(auth(uploaderA.token))
        .expect(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', version: 1 });
      const [timeliness] = await testApp.dataSource.query<
        { on_time: boolean; days_late: number; submitted_by: string }[]
      >('SELECT on_time, days_late, submitted_by FROM report_version WHERE report_id = $1', [id]);
      // Reports on 2023 were due on 2024-01-31, long before this test runs.
      expect(timeliness).toMatchObject({ on_time: false, submitted_by: uploaderA.id });
      expect(timeliness?.days_late).toBeGreaterThan(300);

      const again = await request(server())
        .post(`/api/reports/${id}/submit`)
        .set(auth(uploaderA.token))
        .expect(409);
      expect(again.body).toEqual({
        statusCode: 409,
        code: 'INVALID_TRANSITION',
        message: expect.stringContaining('已报送'),
      });
      const notEditable = await request(server())
        .patch(`/api/reports/${id}/cells`)
        .set(auth(uploaderA.token))
        .send({
          reason: '修改',
          changes: [{ address: 'applications.newReceived.total', value: 1 }],
        })
        .expect(409);
      expect(notEditable.body.code).toBe('REPORT_NOT_EDITABLE');
      const ownAccept = await request(server())
        .post(`/api/reports/${id}/accept`)
        .set(auth(uploaderA.token))
        .expect(403);
      expect(ownAccept.body.code).toBe('FORBIDDEN');
      await request(server())
        .post(`/api/reports/${id}/return`)
        .set(auth(reviewer.token))
        .send({})
        .expect(400);
      await request(server())
        .post(`/api/reports/${id}/submit`)
        .set(auth(reviewer.token))
        .expect(403);

      const returned = await request(server())
        .post(`/api/reports/${id}/return`)
        .set(auth(reviewer.token))
        .send({ comment: '请核对表三' })
        .expect(200);
      expect(returned.body.status).toBe('returned');
      await request(server())
        .post(`/api/reports/${id}/accept`)
        .set(auth(reviewer.token))
        .expect(409);

      const corrected = await request(server())
        .patch(`/api/reports/${id}/cells`)
        .set(auth(uploaderA.token))
        .send({
          reason: '按退回意见更正',
          changes: [{ address: 'proactive.licensing.decisions', value: 5 }],
        })
        .expect(200);
      expect(corrected.body).toMatchObject({ version: 2, status: 'draft' });
      const versions = await testApp.dataSource.query<
        {
          version: number;
          based_on_version: number | null;
          file_id: string;
          submitted_at: Date | null;
          cells: number;
        }[]
      >(
        `SELECT version, based_on_version, file_id, submitted_at, (SELECT count(*)::int FROM report_cell c WHERE c.version_id = v.id) AS cells
           FROM report_version v WHERE report_id = $1 ORDER BY version`,
        [id],
      );
      expect(versions).toMatchObject([
        { version: 1, based_on_version: null, cells: 200 },
        { version: 2, based_on_version: 1, submitted_at: null, cells: 200 },
      ]);
      expect(versions[1]?.file_id).toBe(versions[0]?.file_id);
      const diff = await request(server())
        .get(`/api/reports/${id}/diff?from=1&to=2`)
        .set(auth(uploaderA.token))
        .expect(200);
      expect(diff.body.differences).toEqual([
        { address: 'proactive.licensing.decisions', from: 0, to: 5 },
      ]);

      await request(server())
        .post(`/api/reports/${id}/submit`)
        .set(auth(uploaderA.token))
        .expect(200);
      const accepted = await request(server())
        .post(`/api/reports/${id}/accept`)
        .set(auth(reviewer.token))
        .expect(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', version: 2 });

      const locked = await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyA,
        year: 2023,
        text: jiyuanFor(2023),
      }).expect(409);
      expect(locked.body.code).toBe('REPORT_LOCKED');
      await request(server())
        .patch(`/api/reports/${id}/cells`)
        .set(auth(admin))
        .send({
          reason: '修改',
          changes: [{ address: 'applications.newReceived.total', value: 1 }],
        })
        .expect(409);
      const noReturn = await request(server())
        .post(`/api/reports/${id}/return`)
        .set(auth(admin))
        .send({ comment: '晚了' })
        .expect(409);
      expect(noReturn.body.message).toContain('已接收');

      const history = await request(server())
        .get(`/api/reports/${id}/history`)
        .set(auth(reviewer.token))
        .expect(200);
      expect(
        history.body.map(
          (event: { version: number; action: string }) => `${event.version}:${event.action}`,
        ),
      ).toEqual(['1:upload', '1:submit', '1:return', '2:correct', '2:submit', '2:accept']);
      expect(history.body[2]).toMatchObject({ comment: '请核对表三', actorId: reviewer.id });
      const detail = await request(server())
        .get(`/api/reports/${id}`)
        .set(auth(uploaderA.token))
        .expect(200);
      expect(detail.body.versions.map((version: { status: string }) => version.status)).toEqual([
        'returned',
        'accepted',
      ]);
      const audits = await testApp.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_log WHERE target_type = 'report' AND target_id = $1 ORDER BY id`,
        [id],
      );
      expect(audits.map((entry) => entry.action)).toEqual([
        'report.upload',
        'report.submit',
        'report.return',
        'report.correct',
        'report.submit',
        'report.accept',
      ]);
    });

    it('reopens an accepted report for reviewers in scope and admins, with a reason; the unit corrects a new version', async () => {
      const { agencyA, uploaderA, reviewer, outsider } = await setup();
      const { id } = await uploadDraft(uploaderA.token, agencyA, 2023);
      await request(server())
        .post(`/api/reports/${id}/submit`)
        .set(auth(uploaderA.token))
        .expect(200);
      const early = await request(server())
        .post(`/api/reports/${id}/reopen`)
        .set(auth(reviewer.token))
        .send({ reason: '尚未接收' })
        .expect(409);
      expect(early.body).toEqual({
        statusCode: 409,
        code: 'INVALID_TRANSITION',
        message: '报告当前状态为“已报送”，不能重新打开',
      });
      await request(server())
        .post(`/api/reports/${id}/accept`)
        .set(auth(reviewer.token))
        .expect(200);

      const refusals: [string, Record<string, unknown>, number, string][] = [
        [reviewer.token, {}, 400, 'VALIDATION_FAILED'],
        [reviewer.token, { reason: '   ' }, 400, 'VALIDATION_FAILED'],
        [reviewer.token, { reason: '长'.repeat(501) }, 400, 'VALIDATION_FAILED'],
        [reviewer.token, { reason: '原因', extra: 1 }, 400, 'VALIDATION_FAILED'],
        [uploaderA.token, { reason: '我想改' }, 403, 'FORBIDDEN'],
        [outsider.token, { reason: '不在辖区' }, 404, 'REPORT_NOT_FOUND'],
      ];
      for (const [token, body, status, code] of refusals) {
        const refused = await request(server())
          .post(`/api/reports/${id}/reopen`)
          .set(auth(token))
          .send(body)
          .expect(status);
        expect(refused.body.code).toBe(code);
      }
      const blank = await request(server())
        .post(`/api/reports/${id}/reopen`)
        .set(auth(reviewer.token))
        .send({ reason: '  ' })
        .expect(400);
      expect(JSON.stringify(blank.body)).toContain('请填写重新打开的原因');
      const [stillAccepted] = await testApp.dataSource.query<{ status: string; events: number }[]>(
        `SELECT status, (SELECT count(*)::int FROM report_event e WHERE e.report_id = r.id) AS events
           FROM report r WHERE id = $1`,
        [id],
      );
      expect(stillAccepted).toEqual({ status: 'accepted', events: 3 });

      const reason = '单位来函：表二行政许可决定数填报有误，需更正后重新报送';
      const reopened = await request(server())
        .post(`/api/reports/${id}/reopen`)
        .set(auth(reviewer.token))
        .send({ reason: `  ${reason} ` })
        .expect(200);
      expect(reopened.body).toMatchObject({ id, status: 'returned', version: 1 });
      const [row] = await testApp.dataSource.query<{ status: string }[]>(
        'SELECT status FROM report WHERE id = $1',
        [id],
      );
      expect(row?.status).toBe('returned');
      const [event] = await testApp.dataSource.query<
        { action: string; version: number; comment: string; actor_id: string; changes: unknown }[]
      >(
        `SELECT action, version, comment, actor_id, changes FROM report_event WHERE report_id = $1 ORDER BY id DESC LIMIT 1`,
        [id],
      );
      expect(event).toEqual({
        action: 'reopen',
        version: 1,
        comment: reason,
        actor_id: reviewer.id,
        changes: null,
      });
      const [audit] = await testApp.dataSource.query<
        { action: string; actor_id: string; details: Record<string, unknown> }[]
      >(
        `SELECT action, actor_id, details FROM audit_log WHERE target_type = 'report' AND target_id = $1 ORDER BY id DESC LIMIT 1`,
        [id],
      );
      expect(audit).toMatchObject({
        action: 'report.reopen',
        actor_id: reviewer.id,
        details: { status: 'returned', version: 1, comment: reason },
      });
      const again = await request(server())
        .post(`/api/reports/${id}/reopen`)
        .set(auth(reviewer.token))
        .send({ reason })
        .expect(409);
      expect(again.body.code).toBe('INVALID_TRANSITION');

      const detail = await request(server())
        .get(`/api/reports/${id}`)
        .set(auth(uploaderA.token))
        .expect(200);
      expect(detail.body).toMatchObject({
        status: 'returned',
        reviewComment: {
          action: 'reopen',
          version: 1,
          comment: reason,
          actorId: reviewer.id,
          actorName: expect.any(String),
        },
      });
      expect(detail.body.versions.map((version: { status: string }) => version.status)).toEqual([
        'returned',
      ]);

      // The accepted numbers stay in version 1: the correction goes to a new version.
      await request(server())
        .patch(`/api/reports/${id}/cells`)
        .set(auth(uploaderA.token))
        .send({
          reason: '按重新打开的原因更正',
          changes: [{ address: 'proactive.licensing.decisions', value: 7 }],
        })
        .expect(200);
      const cells = await testApp.dataSource.query<{ version: number; value: string }[]>(
        `SELECT v.version, c.value FROM report_cell c JOIN report_version v ON v.id = c.version_id
          WHERE v.report_id = $1 AND c.address = 'proactive.licensing.decisions' ORDER BY v.version`,
        [id],
      );
      expect(cells.map((cell) => [cell.version, Number(cell.value)])).toEqual([
        [1, 0],
        [2, 7],
      ]);
      await request(server())
        .post(`/api/reports/${id}/submit`)
        .set(auth(uploaderA.token))
        .expect(200);
      await request(server()).post(`/api/reports/${id}/accept`).set(auth(admin)).expect(200);
      const byAdmin = await request(server())
        .post(`/api/reports/${id}/reopen`)
        .set(auth(admin))
        .send({ reason: '管理员复核' })
        .expect(200);
      expect(byAdmin.body).toMatchObject({ status: 'returned', version: 2 });

      const history = await request(server())
        .get(`/api/reports/${id}/history`)
        .set(auth(reviewer.token))
        .expect(200);
      expect(
        history.body.map(
          (step: { version: number; action: string }) => `${step.version}:${step.action}`,
        ),
      ).toEqual([
        '1:upload',
        '1:submit',
        '1:accept',
        '1:reopen',
        '2:correct',
        '2:submit',
        '2:accept',
        '2:reopen',
      ]);
      expect(history.body[3]).toMatchObject({ action: 'reopen', comment: reason, changes: [] });
    });

    it('keeps the latest return or reopen comment on the report until it is submitted again', async () => {
      const { agencyA, uploaderA, reviewer } = await setup();
      const { id } = await uploadDraft(uploaderA.token, agencyA, 2023);
      const comment = async () =>
        (await request(server()).get(`/api/reports/${id}`).set(auth(uploaderA.token)).expect(200))
          .body.reviewComment as Record<string, unknown> | null;
      expect(await comment()).toBeNull();
      await request(server())
        .post(`/api/reports/${id}/submit`)
        .set(auth(uploaderA.token))
        .expect(200);
      await request(server())
        .post(`/api/reports/${id}/return`)
        .set(auth(reviewer.token))
        .send({ comment: '请核对表二' })
        .expect(200);
      expect(await comment()).toMatchObject({
        action: 'return',
        version: 1,
        comment: '请核对表二',
      });

      // The first correction makes version 2, a draft: the comment stays on the report.
      for (const value of [3, 4]) {
        await request(server())
          .patch(`/api/reports/${id}/cells`)
          .set(auth(uploaderA.token))
          .send({
            reason: '按意见更正',
            changes: [{ address: 'proactive.licensing.decisions', value }],
          })
          .expect(200);
        const [stored] = await testApp.dataSource.query<{ status: string; version: number }[]>(
          `SELECT r.status, v.version FROM report r JOIN report_version v ON v.id = r.current_version_id WHERE r.id = $1`,
          [id],
        );
        expect(stored).toEqual({ status: 'draft', version: 2 });
        expect(await comment()).toMatchObject({
          action: 'return',
          version: 1,
          comment: '请核对表二',
        });
      }
      await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyA,
        year: 2023,
        text: jiyuanFor(2023),
      }).expect(201);
      expect(await comment()).toMatchObject({ comment: '请核对表二' });

      await request(server())
        .post(`/api/reports/${id}/submit`)
        .set(auth(uploaderA.token))
        .expect(200);
      expect(await comment()).toBeNull();
    });

    it('records which cells a correction changed, old and new value, in the history', async () => {
      const { agencyA, uploaderA } = await setup();
      const { id } = await uploadDraft(uploaderA.token, agencyA, 2023);
      await request(server())
        .patch(`/api/reports/${id}/cells`)
        .set(auth(uploaderA.token))
        .send({
          reason: '与原件核对',
          changes: [
            { address: 'applications.newReceived.naturalPerson', value: 6 },
            // An amount (万元) may have decimals; a count may not.
            { address: 'proactive.fees.amountWanYuan', value: 2.5 },
          ],
        })
        .expect(200);
      const expected = [
        { address: 'applications.newReceived.naturalPerson', from: 2, to: 6 },
        { address: 'proactive.fees.amountWanYuan', from: 0, to: 2.5 },
      ];
      const [stored] = await testApp.dataSource.query<{ changes: unknown }[]>(
        `SELECT changes FROM report_event WHERE report_id = $1 AND action = 'correct'`,
        [id],
      );
      expect(stored?.changes).toEqual(expected);
      const history = await request(server())
        .get(`/api/reports/${id}/history`)
        .set(auth(uploaderA.token))
        .expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({ action: 'upload', changes: [] }),
        expect.objectContaining({ action: 'correct', comment: '与原件核对', changes: expected }),
      ]);

      // Corrections stored before the column existed get their cells from report_correction.
      await request(server())
        .patch(`/api/reports/${id}/cells`)
        .set(auth(uploaderA.token))
        .send({
          reason: '再次核对',
          changes: [{ address: 'applications.newReceived.naturalPerson', value: 7 }],
        })
        .expect(200);
      await testApp.dataSource.query(
        `UPDATE report_event SET changes = NULL WHERE report_id = $1 AND action = 'correct'`,
        [id],
      );
      await testApp.dataSource.query(BACKFILL_CORRECTION_CHANGES);
      const backfilled = await testApp.dataSource.query<{ changes: unknown }[]>(
        `SELECT changes FROM report_event WHERE report_id = $1 AND action = 'correct' ORDER BY id`,
        [id],
      );
      expect(backfilled.map((row) => row.changes)).toEqual([
        expected,
        [{ address: 'applications.newReceived.naturalPerson', from: 6, to: 7 }],
      ]);
    });

    it('new uploads on a submitted or returned report make a new draft version', async () => {
      const { agencyA, uploaderA, reviewer } = await setup();
      const { id } = await uploadDraft(uploaderA.token, agencyA, 2023);
      await request(server())
        .post(`/api/reports/${id}/submit`)
        .set(auth(uploaderA.token))
        .expect(200);
      const second = await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyA,
        year: 2023,
        text: jiyuanFor(2023),
      }).expect(201);
      expect(second.body).toMatchObject({ id, version: 2, status: 'draft' });
      await request(server())
        .post(`/api/reports/${id}/submit`)
        .set(auth(uploaderA.token))
        .expect(200);
      await request(server())
        .post(`/api/reports/${id}/return`)
        .set(auth(reviewer.token))
        .send({ comment: '重报' })
        .expect(200);
      const third = await pasteReport(testApp, uploaderA.token, {
        agencyId: agencyA,
        year: 2023,
        text: jiyuanFor(2023),
      }).expect(201);
      expect(third.body).toMatchObject({ version: 3, status: 'draft' });
    });

    it('on submit, re-runs the cross-report rules of this year and of the next year', async () => {
      const { agencyA, uploaderA } = await setup();
      const next = await uploadDraft(uploaderA.token, agencyA, 2023);
      const previous = await uploadDraft(uploaderA.token, agencyA, 2022, jiyuanFor(2022));
      // Last year's carry-forward changes after next year's report was stored …
      await request(server())
        .patch(`/api/reports/${previous.id}/cells`)
        .set(auth(uploaderA.token))
        .send({
          reason: '结转数更正',
          changes: [
            { address: 'applications.carriedForward.naturalPerson', value: 1 },
            { address: 'applications.carriedForward.total', value: 1 },
            { address: 'applications.newReceived.naturalPerson', value: 3 },
            { address: 'applications.newReceived.total', value: 3 },
          ],
        })
        .expect(200);
      const stale = await request(server())
        .get(`/api/reports/${next.id}`)
        .set(auth(uploaderA.token))
        .expect(200);
      expect(rules(stale.body.findings)).not.toContain('X.CARRY');
      // … so submitting last year's report checks next year's against it again.
      await request(server())
        .post(`/api/reports/${previous.id}/submit`)
        .set(auth(uploaderA.token))
        .expect(200);
      const rechecked = await request(server())
        .get(`/api/reports/${next.id}`)
        .set(auth(uploaderA.token))
        .expect(200);
      expect(rules(rechecked.body.findings).filter((rule) => rule === 'X.CARRY')).toHaveLength(2);
      expect(rechecked.body.report.findings).toEqual(rechecked.body.findings);
    });
  });

  it('keeps an agency with reports from being deleted', async () => {
    const { agencyA, uploaderA } = await setup();
    await uploadDraft(uploaderA.token, agencyA, 2023);
    const refused = await request(server())
      .delete(`/api/agencies/${agencyA}`)
      .set(auth(admin))
      .expect(409);
    expect(refused.body).toEqual({
      statusCode: 409,
      code: 'AGENCY_IN_USE',
      message: '该机构已有 1 份年报，不能删除',
    });
  });

  it('documents the routes in OpenAPI', async () => {
    const document = await request(server()).get('/api/docs-json').expect(200);
    const paths = document.body.paths as Record<
      string,
      Record<string, { requestBody?: { content: Record<string, unknown> } }>
    >;
    expect(Object.keys(paths['/api/reports/{id}/versions/{version}/original'] ?? {})).toEqual([
      'get',
    ]);
    expect(Object.keys(paths['/api/reports']?.['post']?.requestBody?.content ?? {})).toEqual([
      'multipart/form-data',
      'application/json',
    ]);
    for (const path of [
      '/api/reports/{id}/cells',
      '/api/reports/{id}/submit',
      '/api/reports/{id}/reopen',
      '/api/reports/{id}/diff',
      '/api/deadlines',
    ]) {
      expect(paths[path]).toBeDefined();
    }
  });

  describe('deadlines', () => {
    it('uses the most specific deadline: the agency, its nearest ancestor, the year default, the statute', async () => {
      const { region, agencyA, agencyB, uploaderA, uploaderB, reviewer } = await setup();
      const year = 2021;
      const statutory = await request(server())
        .get('/api/deadlines')
        .query({ year, agencyId: agencyA })
        .set(auth(uploaderA.token))
        .expect(200);
      expect(statutory.body).toMatchObject({
        year,
        statutoryDueDate: '2022-01-31',
        governmentStatutoryDueDate: '2022-03-31',
        effective: { agencyId: agencyA, source: 'statutory', dueDate: '2022-01-31' },
      });
      // The region is a people's government: its own report is due by 31 March (条例 第四十九条).
      const government = await request(server())
        .get('/api/deadlines')
        .query({ year, agencyId: region })
        .set(auth(reviewer.token))
        .expect(200);
      expect(government.body.effective).toMatchObject({ source: 'statutory', dueDate: '2022-03-31' });

      await request(server())
        .put('/api/deadlines')
        .set(auth(uploaderA.token))
        .send({ year, dueDate: '2099-01-01' })
        .expect(403);
      const tooEarly = await request(server())
        .put('/api/deadlines')
        .set(auth(admin))
        .send({ year, agencyId: region, dueDate: '2021-06-30' })
        .expect(400);
      expect(tooEarly.body.code).toBe('DEADLINE_TOO_EARLY');
      await request(server())
        .put('/api/deadlines')
        .set(auth(admin))
        .send({ year, agencyId: region, dueDate: '2021-02-30' })
        .expect(400);

      const set = await request(server())
        .put('/api/deadlines')
        .set(auth(admin))
        .send({ year, agencyId: region, dueDate: '2099-12-31' })
        .expect(200);
      expect(set.body).toMatchObject({
        year,
        agencyId: region,
        dueDate: '2099-12-31',
        agencyName: expect.any(String),
      });
      await request(server())
        .put('/api/deadlines')
        .set(auth(admin))
        .send({ year, agencyId: agencyB, dueDate: '2022-01-15' })
        .expect(200);
      const replaced = await request(server())
        .put('/api/deadlines')
        .set(auth(admin))
        .send({ year, agencyId: agencyB, dueDate: '2022-01-20' })
        .expect(200);
      expect(replaced.body.dueDate).toBe('2022-01-20');
      const [rows] = await testApp.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM report_deadline WHERE year = $1 AND agency_id = $2',
        [year, agencyB],
      );
      expect(rows?.n).toBe(1);

      const listed = await request(server())
        .get('/api/deadlines')
        .query({ year, agencyId: agencyA })
        .set(auth(reviewer.token))
        .expect(200);
      expect(listed.body.effective).toEqual({
        agencyId: agencyA,
        dueDate: '2099-12-31',
        source: 'ancestor',
        setByAgencyId: region,
      });
      expect(
        listed.body.deadlines.map((deadline: { agencyId: string }) => deadline.agencyId).sort(),
      ).toEqual([region, agencyB].sort());

      // An override removed: its agency falls back to the next rule; the removal is audited.
      const temporary = await request(server())
        .put('/api/deadlines')
        .set(auth(admin))
        .send({ year, agencyId: agencyA, dueDate: '2022-03-01' })
        .expect(200);
      await request(server()).delete(`/api/deadlines/${temporary.body.id}`).set(auth(uploaderA.token)).expect(403);
      await request(server()).delete(`/api/deadlines/${temporary.body.id}`).set(auth(admin)).expect(204);
      const gone = await request(server()).delete(`/api/deadlines/${temporary.body.id}`).set(auth(admin)).expect(404);
      expect(gone.body.code).toBe('DEADLINE_NOT_FOUND');
      const fallenBack = await request(server())
        .get('/api/deadlines')
        .query({ year, agencyId: agencyA })
        .set(auth(reviewer.token))
        .expect(200);
      expect(fallenBack.body.effective).toMatchObject({ dueDate: '2099-12-31', source: 'ancestor' });
      const [removal] = await testApp.dataSource.query<{ n: number }[]>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'deadline.delete' AND target_id = $1",
        [temporary.body.id],
      );
      expect(removal?.n).toBe(1);

      // A on time under its region's deadline; B late under its own.
      const onTime = await uploadDraft(uploaderA.token, agencyA, year, jiyuanFor(year));
      await request(server())
        .post(`/api/reports/${onTime.id}/submit`)
        .set(auth(uploaderA.token))
        .expect(200);
      const late = await uploadDraft(uploaderB.token, agencyB, year, jiyuanFor(year));
      await request(server())
        .post(`/api/reports/${late.id}/submit`)
        .set(auth(uploaderB.token))
        .expect(200);
      const onTimeDetail = await request(server())
        .get(`/api/reports/${onTime.id}`)
        .set(auth(uploaderA.token))
        .expect(200);
      expect(onTimeDetail.body).toMatchObject({
        deadline: '2099-12-31',
        deadlineSource: 'ancestor',
        onTime: true,
        daysLate: 0,
      });
      const lateDetail = await request(server())
        .get(`/api/reports/${late.id}`)
        .set(auth(uploaderB.token))
        .expect(200);
      expect(lateDetail.body).toMatchObject({
        deadline: '2022-01-20',
        deadlineSource: 'agency',
        onTime: false,
      });
      expect(lateDetail.body.daysLate).toBeGreaterThan(0);

      const audit = await testApp.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'deadline.set' AND target_id = $1`,
        [set.body.id],
      );
      expect(audit[0]?.n).toBe(1);
    });
  });
});
