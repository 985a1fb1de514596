import { zipSync } from 'fflate';
import request from 'supertest';
import { ReportParsingService } from '../src/modules/reports/report-parsing.service';
import { adminToken, tokenFor } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';
import { insertAgency, jiyuanFor, sha256 } from './reports-fixtures';

/**
 * Preview, then confirm (real PostgreSQL, real queue): the preview reads every file once and
 * keeps the reading under the file's SHA-256; the confirmation stores exactly that reading, with
 * no second parse, and refuses — nothing written — when a file changed or the preview is gone.
 */

interface PreviewFile {
  fileName: string;
  sha256: string;
  agencyId: string | null;
  year: number | null;
  status: 'ready' | 'failed';
  format: string | null;
  findingCounts: { errors: number; warnings: number } | null;
  code: string | null;
  message: string | null;
}

interface Preview {
  id: string;
  fileName: string;
  expiresAt: string;
  total: number;
  ready: number;
  failed: number;
  files: PreviewFile[];
}

interface Job {
  status: string;
  imported: number;
  failed: number;
  items: { fileName: string; status: string; reportId: string | null; code: string | null }[];
}

describe('imports: preview, then confirm what was previewed', () => {
  let testApp: TestApp;
  let admin: string;
  let parseSpy: jest.SpyInstance;
  const server = () => testApp.app.getHttpServer();
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    testApp = await bootTestApp();
    admin = await adminToken(testApp);
    parseSpy = jest.spyOn(testApp.app.get(ReportParsingService), 'parse');
  });
  afterAll(() => testApp.close());

  const postPreview = (token: string, zip: Uint8Array) =>
    request(server()).post('/api/imports/previews').set(auth(token)).attach('file', Buffer.from(zip), 'reports.zip');
  const postConfirm = (token: string, id: string, zip: Uint8Array) =>
    request(server())
      .post(`/api/imports/previews/${id}/confirm`)
      .set(auth(token))
      .attach('file', Buffer.from(zip), 'reports.zip');

  async function waitForImport(id: string): Promise<Job> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = (await request(server()).get(`/api/imports/${id}`).set(auth(admin)).expect(200)).body as Job;
      if (job.status === 'finished') return job;
      if (Date.now() > deadline) throw new Error(`import ${id} still ${job.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function agencyCode(id: string): Promise<string> {
    const [row] = await testApp.dataSource.query<{ code: string }[]>('SELECT code FROM agency WHERE id = $1', [id]);
    return row?.code ?? '';
  }

  /** Rows a refused confirmation must leave as they were. */
  async function storedRows(agencyId: string): Promise<Record<string, number>> {
    const [row] = await testApp.dataSource.query<Record<string, number>[]>(
      `SELECT (SELECT count(*)::int FROM import_job) AS jobs,
              (SELECT count(*)::int FROM import_item) AS items,
              (SELECT count(*)::int FROM report WHERE agency_id = $1) AS reports,
              (SELECT count(*)::int FROM audit_log WHERE action = 'import.create') AS audit`,
      [agencyId],
    );
    return row ?? {};
  }

  /** Two reports of one agency named in the manifest, one not a report at all. */
  async function world() {
    const agencyId = await insertAgency(testApp, null);
    const code = await agencyCode(agencyId);
    const files = {
      'a/2021.txt': Buffer.from(jiyuanFor(2021), 'utf8'),
      'a/2022.txt': Buffer.from(jiyuanFor(2022), 'utf8'),
      'broken.pdf': Buffer.from('%PDF-1.7 not really a PDF'),
    };
    const manifest = Buffer.from(`file,agency_code,year\na/2021.txt,${code},2021\na/2022.txt,${code},2022\n`, 'utf8');
    const zip = zipSync({ ...files, 'manifest.csv': manifest });
    return { agencyId, code, files, manifest, zip };
  }

  it('reads every file once and keeps the reading under its SHA-256; nothing is imported yet', async () => {
    const { agencyId, files, manifest, zip } = await world();
    const before = await storedRows(agencyId);
    parseSpy.mockClear();

    const response = await postPreview(admin, zip).expect(201);
    const preview = response.body as Preview;
    expect(preview).toMatchObject({ fileName: 'reports.zip', total: 3, ready: 2, failed: 1 });
    expect(Date.parse(preview.expiresAt)).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const byName = new Map(preview.files.map((file) => [file.fileName, file]));
    expect(byName.get('a/2021.txt')).toMatchObject({
      status: 'ready',
      agencyId,
      year: 2021,
      format: 'text',
      sha256: sha256(files['a/2021.txt']),
      findingCounts: { errors: expect.any(Number), warnings: expect.any(Number) },
      code: null,
    });
    expect(byName.get('broken.pdf')).toMatchObject({ status: 'failed', code: expect.stringMatching(/^PARSE_/) });
    expect(byName.get('broken.pdf')?.message).toMatch(/[\u4e00-\u9fff]/);
    // Each file once, manifest or not.
    expect(parseSpy).toHaveBeenCalledTimes(3);

    const [stored] = await testApp.dataSource.query<{ created_by: string; has_manifest: boolean; manifest_sha256: string }[]>(
      'SELECT created_by::text, has_manifest, manifest_sha256 FROM import_preview WHERE id = $1',
      [preview.id],
    );
    const me = (await request(server()).get('/api/auth/me').set(auth(admin)).expect(200)).body as { id: string };
    expect(stored).toEqual({ created_by: me.id, has_manifest: true, manifest_sha256: sha256(manifest) });
    const rows = await testApp.dataSource.query<
      { path: string; sha256: string; year: number | null; has_reading: boolean; code: string | null }[]
    >(
      `SELECT path, sha256, year, reading IS NOT NULL AS has_reading, code
         FROM import_preview_file WHERE preview_id = $1 ORDER BY path`,
      [preview.id],
    );
    expect(rows).toEqual([
      { path: 'a/2021.txt', sha256: sha256(files['a/2021.txt']), year: 2021, has_reading: true, code: null },
      { path: 'a/2022.txt', sha256: sha256(files['a/2022.txt']), year: 2022, has_reading: true, code: null },
      { path: 'broken.pdf', sha256: sha256(files['broken.pdf']), year: null, has_reading: false, code: expect.stringMatching(/^PARSE_/) },
    ]);
    expect(await storedRows(agencyId)).toEqual(before);
  });

  it('confirming stores exactly the previewed readings, parses nothing again, and keeps the original bytes', async () => {
    const { agencyId, files, zip } = await world();
    const preview = (await postPreview(admin, zip).expect(201)).body as Preview;
    const readings = new Map(
      (
        await testApp.dataSource.query<{ path: string; reading: { report: Record<string, unknown>; provenance: unknown } }[]>(
          'SELECT path, reading FROM import_preview_file WHERE preview_id = $1 AND reading IS NOT NULL',
          [preview.id],
        )
      ).map((row) => [row.path, row.reading]),
    );
    parseSpy.mockClear();

    const created = await postConfirm(admin, preview.id, zip).expect(202);
    expect(created.body).toEqual({ id: expect.any(String), status: 'queued', total: 3 });
    const job = await waitForImport((created.body as { id: string }).id);
    expect(parseSpy).not.toHaveBeenCalled();
    expect(job).toMatchObject({ status: 'finished', imported: 2, failed: 1 });
    expect(job.items.find((item) => item.fileName === 'broken.pdf')).toMatchObject({
      status: 'failed',
      code: expect.stringMatching(/^PARSE_/),
    });

    const versions = await testApp.dataSource.query<
      { year: number; canonical: Record<string, unknown>; provenance: unknown; sha256: string; content: Buffer; file_name: string }[]
    >(
      `SELECT r.year, v.canonical, v.provenance, f.sha256, f.content, f.file_name
         FROM report r JOIN report_version v ON v.report_id = r.id JOIN report_file f ON f.id = v.file_id
        WHERE r.agency_id = $1 ORDER BY r.year`,
      [agencyId],
    );
    expect(versions.map((version) => version.year)).toEqual([2021, 2022]);
    for (const version of versions) {
      const path = `a/${version.year}.txt`;
      const reading = readings.get(path);
      // The stored reading is the previewed one: the same cells, the same provenance.
      expect(version.provenance).toEqual(reading?.provenance);
      const { findings: _stored, ...storedReport } = version.canonical;
      const { findings: _read, ...readReport } = reading?.report ?? {};
      expect(storedReport).toEqual(readReport);
      // Nothing an agency uploaded is lost: the original bytes are stored as they were.
      expect(version.sha256).toBe(sha256(files[path as keyof typeof files]));
      expect(Buffer.compare(version.content, files[path as keyof typeof files])).toBe(0);
      expect(version.file_name).toBe(`a_${version.year}.txt`);
    }

    // Used once: the preview is gone, its readings with it; the job's items dropped theirs.
    const left = await testApp.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM import_preview_file WHERE preview_id = $1',
      [preview.id],
    );
    expect(left).toEqual([{ n: 0 }]);
    const items = await testApp.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM import_item WHERE job_id = $1 AND (reading IS NOT NULL OR content IS NOT NULL)',
      [(created.body as { id: string }).id],
    );
    expect(items).toEqual([{ n: 0 }]);
    const [audit] = await testApp.dataSource.query<{ details: Record<string, unknown> }[]>(
      `SELECT details FROM audit_log WHERE action = 'import.create' AND target_id = $1`,
      [(created.body as { id: string }).id],
    );
    expect(audit?.details).toMatchObject({ previewId: preview.id, files: 3, manifest: true });

    const again = await postConfirm(admin, preview.id, zip).expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'IMPORT_PREVIEW_EXPIRED' });
  });

  it('refuses a zip whose file changed since the preview, and stores nothing', async () => {
    const { agencyId, files, manifest, zip } = await world();
    const preview = (await postPreview(admin, zip).expect(201)).body as Preview;
    const before = await storedRows(agencyId);
    const changed = zipSync({
      ...files,
      'a/2022.txt': Buffer.from(jiyuanFor(2022), 'utf8'),
      'extra.txt': Buffer.from(jiyuanFor(2020), 'utf8'),
      'manifest.csv': manifest,
    });

    const response = await postConfirm(admin, preview.id, changed).expect(409);
    expect(response.body).toMatchObject({
      statusCode: 409,
      code: 'IMPORT_PREVIEW_CHANGED',
      errors: expect.arrayContaining([
        expect.objectContaining({ path: 'a/2022.txt', change: 'changed' }),
        expect.objectContaining({ path: 'extra.txt', change: 'added' }),
      ]),
    });
    expect((response.body as { message: string }).message).toContain('a/2022.txt');
    expect((response.body as { message: string }).message).toMatch(/未导入任何文件/);
    expect(await storedRows(agencyId)).toEqual(before);

    // A changed manifest is a changed import too.
    const otherManifest = zipSync({ ...files, 'manifest.csv': Buffer.from('file,agency_code,year\n', 'utf8') });
    const manifestChanged = await postConfirm(admin, preview.id, otherManifest).expect(409);
    expect(manifestChanged.body).toMatchObject({
      code: 'IMPORT_PREVIEW_CHANGED',
      errors: [expect.objectContaining({ path: 'manifest.csv', change: 'changed' })],
    });
    expect(await storedRows(agencyId)).toEqual(before);

    // The preview is still there for the zip it was made of.
    const created = await postConfirm(admin, preview.id, zip).expect(202);
    expect(await waitForImport((created.body as { id: string }).id)).toMatchObject({ imported: 2 });
  });

  it('refuses an expired, unknown or someone else’s preview, and stores nothing', async () => {
    const { agencyId, zip } = await world();
    const preview = (await postPreview(admin, zip).expect(201)).body as Preview;
    const before = await storedRows(agencyId);

    const other = await tokenFor(testApp, { role: 'admin' });
    const foreign = await postConfirm(other.token, preview.id, zip).expect(409);
    expect(foreign.body).toMatchObject({ code: 'IMPORT_PREVIEW_EXPIRED' });
    const unknown = await postConfirm(admin, '00000000-0000-4000-8000-000000000000', zip).expect(409);
    expect(unknown.body).toMatchObject({ code: 'IMPORT_PREVIEW_EXPIRED' });
    await postConfirm(admin, 'not-a-uuid', zip).expect(409);

    await testApp.dataSource.query(
      `UPDATE import_preview SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day' WHERE id = $1`,
      [preview.id],
    );
    const expired = await postConfirm(admin, preview.id, zip).expect(409);
    expect(expired.body).toMatchObject({ statusCode: 409, code: 'IMPORT_PREVIEW_EXPIRED' });
    expect((expired.body as { message: string }).message).toMatch(/预览已过期/);
    expect(await storedRows(agencyId)).toEqual(before);
  });

  it('a direct import parses each file once too (the reading that placed it is the one stored)', async () => {
    const agencyId = await insertAgency(testApp, null);
    // No year in the manifest: the worker reads the document to find it, and stores that reading.
    const manifest = `file,agency_code,year\none.txt,${await agencyCode(agencyId)},\n`;
    const zip = zipSync({
      'one.txt': Buffer.from(jiyuanFor(2021), 'utf8'),
      'manifest.csv': Buffer.from(manifest, 'utf8'),
    });
    parseSpy.mockClear();
    const created = await request(server())
      .post('/api/imports')
      .set(auth(admin))
      .attach('file', Buffer.from(zip), 'one.zip')
      .expect(202);
    const job = await waitForImport((created.body as { id: string }).id);
    expect(job).toMatchObject({ imported: 1, failed: 0 });
    expect(parseSpy).toHaveBeenCalledTimes(1);
    const reports = await testApp.dataSource.query<{ year: number }[]>(
      'SELECT year FROM report WHERE agency_id = $1',
      [agencyId],
    );
    expect(reports).toEqual([{ year: 2021 }]);
  });
});
