import { randomInt } from 'node:crypto';
import { type Zippable, zipSync } from 'fflate';
import request from 'supertest';
import { adminToken, tokenFor, type TestUser } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';
import { CORPUS_DIR, corpusFile, insertAgency, jiyuanFor, pasteReport, sha256 } from './reports-fixtures';

/**
 * Bulk imports against the real PostgreSQL and the real job queue (pg-boss in the same
 * database): the HTTP answers, the stored jobs and items, the reports and versions the worker
 * made, and the audit log.
 */

const CORPUS = {
  jiyuan2023: corpusFile('jiyuan-etdz-2023/source.txt'),
  pingtan2021: corpusFile('pingtan-2021/source.txt'),
  pingtan2022: corpusFile('pingtan-2022/source.txt'),
  pingtan2023: corpusFile('pingtan-2023-text/source.txt'),
  pingtan2024: corpusFile('pingtan-2024/source.txt'),
};
const CORPUS_PRESENT = Object.values(CORPUS).every((bytes) => bytes !== null);
if (!CORPUS_PRESENT) {
  process.stderr.write(`imports.e2e-spec: corpus missing under ${CORPUS_DIR}; the corpus imports are skipped\n`);
}
const withCorpus = CORPUS_PRESENT ? describe : describe.skip;

interface ImportItem {
  fileName: string;
  agencyId: string | null;
  agencyCode: string | null;
  agencyName: string | null;
  year: number | null;
  inferred: { agency?: string; year?: string; yearSource?: string };
  status: 'queued' | 'imported' | 'duplicate' | 'failed';
  reportId: string | null;
  version: number | null;
  findingCounts: { errors: number; warnings: number } | null;
  code: string | null;
  message: string | null;
}

interface ImportJob {
  id: string;
  status: 'queued' | 'running' | 'finished';
  total: number;
  done: number;
  imported: number;
  duplicates: number;
  failed: number;
  createdAt: string;
  finishedAt: string | null;
  items: ImportItem[];
}

const NAME_CHARACTERS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉';

/** A Chinese name no other test uses: the parser reads names made of Chinese characters only. */
function uniqueName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 6; i += 1) suffix += NAME_CHARACTERS[randomInt(NAME_CHARACTERS.length)];
  return `${prefix}${suffix}`;
}

function mustHave(bytes: Buffer | null): Buffer {
  if (bytes === null) throw new Error('corpus file missing');
  return bytes;
}

/** A corpus report under another agency's name (the title is where the parser reads it). */
function renamed(bytes: Buffer | null, from: string, to: string): Buffer {
  return Buffer.from(mustHave(bytes).toString('utf8').replaceAll(from, to), 'utf8');
}

describe('imports: bulk import of a zip of reports (real PostgreSQL, pg-boss)', () => {
  let testApp: TestApp;
  let admin: string;
  let adminId: string;
  const server = () => testApp.app.getHttpServer();
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    testApp = await bootTestApp();
    admin = await adminToken(testApp);
    const me = await request(server()).get('/api/auth/me').set(auth(admin)).expect(200);
    adminId = (me.body as { id: string }).id;
  });
  afterAll(() => testApp.close());

  function postZip(token: string, zip: Uint8Array, name = 'reports.zip') {
    return request(server()).post('/api/imports').set(auth(token)).attach('file', Buffer.from(zip), name);
  }

  async function waitForImport(token: string, id: string): Promise<ImportJob> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const response = await request(server()).get(`/api/imports/${id}`).set(auth(token)).expect(200);
      const job = response.body as ImportJob;
      if (job.status === 'finished') return job;
      if (Date.now() > deadline) throw new Error(`import ${id} still ${job.status}: ${JSON.stringify(job)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function importAndWait(token: string, zip: Uint8Array, total: number): Promise<ImportJob> {
    const created = await postZip(token, zip).expect(202);
    expect(created.body).toEqual({ id: expect.any(String), status: 'queued', total });
    return waitForImport(token, (created.body as { id: string }).id);
  }

  async function agencyCode(id: string): Promise<string> {
    const [row] = await testApp.dataSource.query<{ code: string }[]>('SELECT code FROM agency WHERE id = $1', [id]);
    return row?.code ?? '';
  }

  /** Rows only this spec writes, so that tests running in parallel files do not disturb them. */
  async function importRows(): Promise<Record<string, number>> {
    const [row] = await testApp.dataSource.query<Record<string, number>[]>(
      `SELECT (SELECT count(*)::int FROM import_job) AS jobs,
              (SELECT count(*)::int FROM import_item) AS items,
              (SELECT count(*)::int FROM audit_log WHERE action LIKE 'import.%') AS audit`,
    );
    return row ?? {};
  }

  const byFile = (job: ImportJob) => new Map(job.items.map((item) => [item.fileName, item]));

  withCorpus('with a manifest (admin)', () => {
    let jiyuan: string;
    let pingtan: string;
    let zip: Uint8Array;
    let first: ImportJob;
    const reportFiles = [
      'jiyuan-etdz-2023/source.txt',
      'pingtan-2021/source.txt',
      'pingtan-2022/source.txt',
      'pingtan-2023/source.txt',
      'pingtan-2024/source.txt',
    ];

    beforeAll(async () => {
      jiyuan = await insertAgency(testApp, null, uniqueName('济源'));
      pingtan = await insertAgency(testApp, null, uniqueName('平潭'));
      const [jiyuanCode, pingtanCode] = [await agencyCode(jiyuan), await agencyCode(pingtan)];
      const manifest = [
        '文件,单位编码,年度',
        `jiyuan-etdz-2023/source.txt,${jiyuanCode},2023`,
        `pingtan-2021/source.txt,${pingtanCode},2021`,
        `pingtan-2022/source.txt,${pingtanCode},`, // the year is read from the document
        `pingtan-2023/source.txt,${pingtanCode},2023`,
        `pingtan-2024/source.txt,${pingtanCode},2024`,
        `broken/report.pdf,${pingtanCode},2020`,
        'unknown/source.txt,NO-SUCH-AGENCY,2021',
      ].join('\n');
      zip = zipSync({
        // Newest first in the zip: the worker still stores the oldest year first.
        'pingtan-2024/source.txt': mustHave(CORPUS.pingtan2024),
        'pingtan-2023/source.txt': mustHave(CORPUS.pingtan2023),
        'pingtan-2022/source.txt': mustHave(CORPUS.pingtan2022),
        'pingtan-2021/source.txt': mustHave(CORPUS.pingtan2021),
        'jiyuan-etdz-2023/source.txt': mustHave(CORPUS.jiyuan2023),
        'broken/report.pdf': Buffer.from('%PDF-1.7 this is not really a PDF'),
        'unknown/source.txt': Buffer.concat([mustHave(CORPUS.pingtan2021), Buffer.from('\n备注\n')]),
        '__MACOSX/pingtan-2021/._source.txt': Buffer.from('resource fork'),
        '.DS_Store': Buffer.from('finder'),
        'manifest.csv': Buffer.from(manifest, 'utf8'),
      } satisfies Zippable);
      first = await importAndWait(admin, zip, 7);
    });

    it('imports every good file, says why the others failed, and counts', () => {
      expect(first).toMatchObject({ status: 'finished', total: 7, done: 7, imported: 5, duplicates: 0, failed: 2 });
      expect(first.finishedAt).not.toBeNull();
      const items = byFile(first);
      for (const fileName of reportFiles) {
        expect(items.get(fileName)).toMatchObject({
          status: 'imported',
          reportId: expect.any(String),
          version: 1,
          findingCounts: { errors: expect.any(Number), warnings: expect.any(Number) },
          code: null,
        });
      }
      expect(items.get('pingtan-2021/source.txt')).toMatchObject({ agencyId: pingtan, year: 2021, inferred: {} });
      expect(items.get('pingtan-2022/source.txt')).toMatchObject({
        agencyId: pingtan,
        year: 2022,
        inferred: { year: 'document', yearSource: 'title' },
      });
      expect(items.get('jiyuan-etdz-2023/source.txt')).toMatchObject({ agencyId: jiyuan, year: 2023 });
      const broken = items.get('broken/report.pdf');
      expect(broken?.status).toBe('failed');
      expect(broken?.code).toMatch(/^(PARSE_|YEAR_)/);
      expect(broken?.message).toMatch(/[\u4e00-\u9fff]/);
      expect(items.get('unknown/source.txt')).toMatchObject({
        status: 'failed',
        code: 'IMPORT_AGENCY_NOT_FOUND',
        agencyCode: 'NO-SUCH-AGENCY',
        agencyId: null,
        reportId: null,
      });
      expect(items.get('unknown/source.txt')?.message).toContain('NO-SUCH-AGENCY');
    });

    it('stored the job, its items (bytes dropped once processed), reports, versions and audit entries', async () => {
      const [job] = await testApp.dataSource.query<
        { status: string; created_by: string; has_manifest: boolean; archive_name: string; archive_sha256: string }[]
      >('SELECT status, created_by, has_manifest, archive_name, archive_sha256 FROM import_job WHERE id = $1', [first.id]);
      expect(job).toEqual({
        status: 'finished',
        created_by: adminId,
        has_manifest: true,
        archive_name: 'reports.zip',
        archive_sha256: sha256(Buffer.from(zip)),
      });
      const items = await testApp.dataSource.query<
        { file_name: string; sha256: string; size: number; has_content: boolean; status: string }[]
      >(
        `SELECT file_name, sha256, size, content IS NOT NULL AS has_content, status
           FROM import_item WHERE job_id = $1 ORDER BY position`,
        [first.id],
      );
      expect(items).toHaveLength(7);
      expect(items.every((item) => !item.has_content)).toBe(true);
      expect(items.find((item) => item.file_name === 'pingtan-2021/source.txt')).toMatchObject({
        sha256: sha256(mustHave(CORPUS.pingtan2021)),
        size: mustHave(CORPUS.pingtan2021).length,
        status: 'imported',
      });

      const reports = await testApp.dataSource.query<
        { agency_id: string; year: number; versions: number; created_by: string; file_name: string; sha256: string }[]
      >(
        `SELECT r.agency_id, r.year, count(v.id)::int AS versions, min(v.created_by::text) AS created_by,
                min(f.file_name) AS file_name, min(f.sha256) AS sha256
           FROM report r JOIN report_version v ON v.report_id = r.id JOIN report_file f ON f.id = v.file_id
          WHERE r.agency_id = ANY($1::uuid[])
          GROUP BY r.agency_id, r.year ORDER BY r.year, r.agency_id`,
        [[jiyuan, pingtan]],
      );
      expect(reports.map((report) => [report.agency_id, report.year, report.versions])).toEqual(
        expect.arrayContaining([
          [pingtan, 2021, 1],
          [pingtan, 2022, 1],
          [pingtan, 2023, 1],
          [pingtan, 2024, 1],
          [jiyuan, 2023, 1],
        ]),
      );
      expect(reports).toHaveLength(5);
      expect(reports.every((report) => report.created_by === adminId)).toBe(true);
      expect(reports.find((report) => report.year === 2021)).toMatchObject({
        file_name: 'pingtan-2021_source.txt',
        sha256: sha256(mustHave(CORPUS.pingtan2021)),
      });

      // Oldest first: the 2022 report was stored after the 2021 one, so its carry-over was checked.
      const order = await testApp.dataSource.query<{ year: number }[]>(
        'SELECT r.year FROM report r JOIN report_version v ON v.report_id = r.id WHERE r.agency_id = $1 ORDER BY v.created_at',
        [pingtan],
      );
      expect(order.map((row) => row.year)).toEqual([2021, 2022, 2023, 2024]);

      const audit = await testApp.dataSource.query<{ action: string; actor_id: string; target_id: string; details: Record<string, unknown> }[]>(
        `SELECT action, actor_id, target_id, details FROM audit_log
          WHERE (action LIKE 'import.%' AND target_id = $1)
             OR (action = 'report.upload' AND target_id = ANY($2::text[]))
          ORDER BY id`,
        [first.id, first.items.flatMap((item) => (item.reportId ? [item.reportId] : []))],
      );
      expect(audit.map((entry) => entry.action)).toEqual([
        'import.create',
        'report.upload',
        'report.upload',
        'report.upload',
        'report.upload',
        'report.upload',
        'import.finish',
      ]);
      // The uploads are the creator's; the end of the job is the worker's (a system entry).
      expect(audit.slice(0, 6).every((entry) => entry.actor_id === adminId)).toBe(true);
      expect(audit[0]?.details).toMatchObject({ files: 7, manifest: true, fileName: 'reports.zip' });
      expect(audit[6]).toMatchObject({ actor_id: null, details: { createdBy: adminId, imported: 5, failed: 2 } });
    });

    it('is idempotent: the same zip again gives duplicates and no new versions', async () => {
      const versionsBefore = await testApp.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM report_version v JOIN report r ON r.id = v.report_id WHERE r.agency_id = ANY($1::uuid[])',
        [[jiyuan, pingtan]],
      );
      const again = await importAndWait(admin, zip, 7);
      expect(again).toMatchObject({ status: 'finished', total: 7, done: 7, imported: 0, duplicates: 5, failed: 2 });
      const before = byFile(first);
      for (const item of again.items.filter((candidate) => candidate.status === 'duplicate')) {
        expect(item).toMatchObject({
          reportId: before.get(item.fileName)?.reportId,
          version: 1,
          code: null,
        });
        expect(item.message).toContain('第 1 版');
      }
      const versionsAfter = await testApp.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM report_version v JOIN report r ON r.id = v.report_id WHERE r.agency_id = ANY($1::uuid[])',
        [[jiyuan, pingtan]],
      );
      expect(versionsAfter).toEqual(versionsBefore);
    });

    it('lists the job for the admin, newest first', async () => {
      const list = await request(server()).get('/api/imports').set(auth(admin)).expect(200);
      const page = list.body as { items: { id: string; total: number; imported: number }[]; total: number };
      expect(page.total).toBeGreaterThanOrEqual(2);
      expect(page.items.find((job) => job.id === first.id)).toMatchObject({ total: 7, imported: 5 });
    });
  });

  withCorpus('without a manifest: agency and year read from each document', () => {
    it('matches agencies by exact name among the visible ones, and explains the files it cannot place', async () => {
      const name = uniqueName('测试岛');
      const agency = await insertAgency(testApp, null, name);
      const twinName = uniqueName('双名县');
      await insertAgency(testApp, null, twinName);
      await insertAgency(testApp, await insertAgency(testApp, null), twinName);
      const zip = zipSync({
        'a/2021.txt': renamed(CORPUS.pingtan2021, '平潭综合实验区', name),
        'a/2022.txt': renamed(CORPUS.pingtan2022, '平潭综合实验区', name),
        'b/nobody.txt': renamed(CORPUS.pingtan2021, '平潭综合实验区', uniqueName('无此县')),
        'b/twin.txt': renamed(CORPUS.pingtan2022, '平潭综合实验区', twinName),
      });
      const job = await importAndWait(admin, zip, 4);
      expect(job).toMatchObject({ imported: 2, failed: 2 });
      const items = byFile(job);
      expect(items.get('a/2021.txt')).toMatchObject({
        status: 'imported',
        agencyId: agency,
        agencyName: name,
        year: 2021,
        inferred: { agency: 'name', year: 'document', yearSource: 'title' },
      });
      expect(items.get('a/2022.txt')).toMatchObject({ status: 'imported', agencyId: agency, year: 2022 });
      expect(items.get('b/nobody.txt')).toMatchObject({ status: 'failed', code: 'IMPORT_AGENCY_UNKNOWN', agencyId: null });
      expect(items.get('b/nobody.txt')?.agencyName).toMatch(/^无此县/);
      expect(items.get('b/twin.txt')).toMatchObject({ status: 'failed', code: 'IMPORT_AGENCY_AMBIGUOUS' });
      expect(items.get('b/twin.txt')?.message).toContain('2 个单位');
    });

    it('lets an uploader import its own reports only', async () => {
      const name = uniqueName('填报县');
      const agency = await insertAgency(testApp, null, name);
      const uploader = await tokenFor(testApp, { role: 'uploader', agencyId: agency });
      const zip = zipSync({
        'own.txt': renamed(CORPUS.pingtan2023, '平潭综合实验区', name),
        'other.txt': renamed(CORPUS.pingtan2024, '平潭综合实验区', uniqueName('别的县')),
      });
      const job = await importAndWait(uploader.token, zip, 2);
      const items = byFile(job);
      expect(items.get('own.txt')).toMatchObject({ status: 'imported', agencyId: agency, year: 2023, inferred: { agency: 'name' } });
      expect(items.get('other.txt')).toMatchObject({ status: 'failed', code: 'IMPORT_AGENCY_MISMATCH' });
      const [version] = await testApp.dataSource.query<{ created_by: string }[]>(
        'SELECT v.created_by FROM report_version v JOIN report r ON r.id = v.report_id WHERE r.agency_id = $1',
        [agency],
      );
      expect(version?.created_by).toBe(uploader.id);
    });
  });

  withCorpus('across processes: the queue lives in the database', () => {
    it('a process with ATLAS_JOBS=false only enqueues; a worker elsewhere does the job', async () => {
      const enqueueOnly = await bootTestApp({ ATLAS_JOBS: 'false' });
      try {
        const agency = await insertAgency(testApp, null, uniqueName('入队县'));
        const zip = zipSync({
          'r.txt': mustHave(CORPUS.pingtan2021),
          'manifest.csv': Buffer.from(`file,agency_code,year\nr.txt,${await agencyCode(agency)},2021\n`),
        });
        const created = await request(enqueueOnly.app.getHttpServer())
          .post('/api/imports')
          .set(auth(admin))
          .attach('file', Buffer.from(zip), 'r.zip')
          .expect(202);
        const job = await waitForImport(admin, (created.body as { id: string }).id);
        expect(job).toMatchObject({ imported: 1, failed: 0 });
      } finally {
        await enqueueOnly.close();
      }
    });

    it('resumes an import a stopped process left half done, without redoing finished files', async () => {
      const agency = await insertAgency(testApp, null, uniqueName('续传县'));
      const report = renamed(CORPUS.pingtan2022, '平潭综合实验区', uniqueName('续传县'));
      // As a process that died mid-import leaves it: running, one file done, one waiting, no queue job.
      const [job] = await testApp.dataSource.query<{ id: string }[]>(
        `INSERT INTO import_job (created_by, status, archive_name, archive_size, archive_sha256, has_manifest, started_at)
         VALUES ($1, 'running', 'left.zip', 1, $2, true, now()) RETURNING id`,
        [adminId, sha256('left.zip')],
      );
      const jobId = job?.id ?? '';
      await testApp.dataSource.query(
        `INSERT INTO import_item (job_id, position, file_name, size, sha256, content, manifest_agency_code, manifest_year,
                                  status, code, message, finished_at)
         VALUES ($1, 1, 'done.txt', 4, $2, NULL, NULL, NULL, 'failed', 'PARSE_NOT_A_REPORT', '之前已处理', now()),
                ($1, 2, 'waiting.txt', $3, $4, $5, $6, 2022, 'queued', NULL, NULL, NULL)`,
        [jobId, sha256('done'), report.length, sha256(report), report, await agencyCode(agency)],
      );
      // A process starting up looks for unfinished imports and queues them again.
      const restarted = await bootTestApp();
      try {
        const resumed = await waitForImport(admin, jobId);
        expect(resumed).toMatchObject({ total: 2, done: 2, imported: 1, failed: 1 });
        expect(resumed.items.map((entry) => [entry.fileName, entry.status, entry.code])).toEqual([
          ['done.txt', 'failed', 'PARSE_NOT_A_REPORT'],
          ['waiting.txt', 'imported', null],
        ]);
        expect(resumed.items[1]).toMatchObject({ agencyId: agency, year: 2022, version: 1 });
      } finally {
        await restarted.close();
      }
    });
  });

  withCorpus('reports awaiting review', () => {
    it('refuses a file for a submitted report, keeping it submitted and in the queue; drafts are still replaced', async () => {
      const reviewed = await insertAgency(testApp, null, uniqueName('待审县'));
      const drafted = await insertAgency(testApp, null, uniqueName('草稿县'));
      const submittedText = jiyuanFor(2023, 'submitted');
      const submitted = await pasteReport(testApp, admin, { agencyId: reviewed, year: 2023, text: submittedText }).expect(201);
      const reportId = (submitted.body as { id: string }).id;
      await request(server()).post(`/api/reports/${reportId}/submit`).set(auth(admin)).expect(200);
      const draft = await pasteReport(testApp, admin, { agencyId: drafted, year: 2023, text: jiyuanFor(2023, 'draft') }).expect(201);
      const [before] = await testApp.dataSource.query<{ current_version_id: string }[]>(
        'SELECT current_version_id FROM report WHERE id = $1',
        [reportId],
      );

      const [reviewedCode, draftedCode] = [await agencyCode(reviewed), await agencyCode(drafted)];
      const zip = zipSync({
        'same.txt': Buffer.from(submittedText, 'utf8'),
        'newer.txt': Buffer.from(jiyuanFor(2023, 'newer'), 'utf8'),
        'draft.txt': Buffer.from(jiyuanFor(2023, 'draft again'), 'utf8'),
        'manifest.csv': Buffer.from(
          `file,agency_code,year\nsame.txt,${reviewedCode},2023\nnewer.txt,${reviewedCode},2023\ndraft.txt,${draftedCode},2023\n`,
        ),
      });
      const job = await importAndWait(admin, zip, 3);
      const items = byFile(job);
      expect(items.get('same.txt')).toMatchObject({ status: 'duplicate', reportId, version: 1 });
      expect(items.get('newer.txt')).toMatchObject({
        status: 'failed',
        code: 'REPORT_AWAITING_REVIEW',
        message: expect.stringContaining('正在等待审核'),
        reportId: null,
      });
      expect(items.get('draft.txt')).toMatchObject({ status: 'imported', reportId: (draft.body as { id: string }).id, version: 2 });
      expect(job).toMatchObject({ imported: 1, duplicates: 1, failed: 1 });

      const reports = await testApp.dataSource.query<{ agency_id: string; status: string; current_version_id: string; versions: number }[]>(
        `SELECT r.agency_id, r.status, r.current_version_id,
                (SELECT count(*)::int FROM report_version v WHERE v.report_id = r.id) AS versions
           FROM report r WHERE r.agency_id = ANY($1::uuid[]) ORDER BY r.agency_id = $2 DESC`,
        [[reviewed, drafted], reviewed],
      );
      expect(reports).toEqual([
        { agency_id: reviewed, status: 'submitted', current_version_id: before?.current_version_id, versions: 1 },
        { agency_id: drafted, status: 'draft', current_version_id: expect.any(String), versions: 2 },
      ]);
      const [stored] = await testApp.dataSource.query<{ status: string; code: string; content: Buffer | null }[]>(
        `SELECT status, code, content FROM import_item WHERE job_id = $1 AND file_name = 'newer.txt'`,
        [job.id],
      );
      expect(stored).toEqual({ status: 'failed', code: 'REPORT_AWAITING_REVIEW', content: null });
      const events = await testApp.dataSource.query<{ action: string }[]>(
        'SELECT action FROM report_event WHERE report_id = $1 ORDER BY id',
        [reportId],
      );
      expect(events.map((event) => event.action)).toEqual(['upload', 'submit']);
    });
  });

  describe('refusals: nothing is written', () => {
    let uploader: TestUser;
    let otherCode: string;

    beforeAll(async () => {
      const own = await insertAgency(testApp, null, uniqueName('本单位'));
      otherCode = await agencyCode(await insertAgency(testApp, null, uniqueName('他单位')));
      uploader = await tokenFor(testApp, { role: 'uploader', agencyId: own });
    });

    it.each([
      ['a file that is not a zip', () => Buffer.from('这不是压缩包，只是一段足够长的文字 0123456789'), 422, 'IMPORT_NOT_A_ZIP'],
      ['an empty zip', () => zipSync({}), 422, 'IMPORT_ZIP_EMPTY'],
      ['a zip of litter only', () => zipSync({ '__MACOSX/._a': new Uint8Array([1]), '.DS_Store': new Uint8Array([1]) }), 422, 'IMPORT_ZIP_EMPTY'],
      ['a path climbing out', () => zipSync({ '../../etc/cron.d/x.txt': new Uint8Array([1]) }), 422, 'IMPORT_ZIP_UNSAFE_PATH'],
      ['a zip inside the zip', () => zipSync({ 'more.zip': zipSync({ 'a.txt': new Uint8Array([1]) }) }), 422, 'IMPORT_ZIP_NESTED'],
      [
        'a manifest naming a missing file',
        () => zipSync({ 'a.txt': new Uint8Array([1]), 'manifest.csv': Buffer.from('file,year\nb.txt,2023\n') }),
        422,
        'IMPORT_MANIFEST_INVALID',
      ],
    ])('refuses %s', async (_name, make, status, code) => {
      const before = await importRows();
      const response = await postZip(admin, make()).expect(status);
      expect(response.body).toMatchObject({ statusCode: status, code, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
      expect(await importRows()).toEqual(before);
    });

    it('says which manifest rows are wrong', async () => {
      const zip = zipSync({ 'a.txt': new Uint8Array([1]), 'manifest.csv': Buffer.from('file,year\na.txt,1999\n') });
      const response = await postZip(admin, zip).expect(422);
      expect(response.body.errors).toEqual([{ row: 2, column: 'year', message: expect.stringContaining('1999') }]);
    });

    it('asks for the file when there is none', async () => {
      const before = await importRows();
      const response = await request(server()).post('/api/imports').set(auth(admin)).field('note', 'x').expect(400);
      expect(response.body.code).toBe('IMPORT_FILE_MISSING');
      expect(await importRows()).toEqual(before);
    });

    it('refuses an uploader whose manifest names another agency', async () => {
      const before = await importRows();
      const zip = zipSync({ 'a.txt': new Uint8Array([1]), 'manifest.csv': Buffer.from(`file,agency_code\na.txt,${otherCode}\n`) });
      const response = await postZip(uploader.token, zip).expect(403);
      expect(response.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining(otherCode) });
      expect(await importRows()).toEqual(before);
    });

    it('keeps oversight users out, and jobs visible to their creator and admins only', async () => {
      const oversight = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [await insertAgency(testApp, null)] });
      await postZip(oversight.token, zipSync({ 'a.txt': new Uint8Array([1]) })).expect(403);
      await request(server()).get('/api/imports').set(auth(oversight.token)).expect(403);

      const created = await postZip(uploader.token, zipSync({ 'a.txt': Buffer.from('不是年报') })).expect(202);
      const id = (created.body as { id: string }).id;
      const job = await waitForImport(uploader.token, id);
      expect(job.items[0]).toMatchObject({ status: 'failed', code: expect.stringMatching(/^PARSE_/) });

      const other = await tokenFor(testApp, { role: 'uploader', agencyId: await insertAgency(testApp, null) });
      const hidden = await request(server()).get(`/api/imports/${id}`).set(auth(other.token)).expect(404);
      expect(hidden.body.code).toBe('IMPORT_NOT_FOUND');
      await request(server()).get('/api/imports/not-a-uuid').set(auth(admin)).expect(404);
      await request(server()).get(`/api/imports/${id}`).set(auth(admin)).expect(200);

      const mine = await request(server()).get('/api/imports').set(auth(uploader.token)).expect(200);
      expect((mine.body as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([id]);
      const theirs = await request(server()).get('/api/imports').set(auth(other.token)).expect(200);
      expect(theirs.body).toMatchObject({ items: [], total: 0 });
    });
  });
});
