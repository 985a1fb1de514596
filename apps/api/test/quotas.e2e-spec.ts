import { unzipSync, zipSync } from 'fflate';
import request from 'supertest';
import { writeAgencyXlsx } from '../src/modules/agencies/agency-table';
import { adminToken, tokenFor } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';
import { countRows, createAgencyTree, jiyuanFor, uploadFile } from './reports-fixtures';

/**
 * Bounds on what one account or agency can make the API hold: stored originals per agency,
 * bulk imports waiting at once per account, and files that unpack to more than they say.
 * An application of its own with small limits and no job worker (imports stay queued).
 */
const QUOTA_MB = 0.01; // 10.24 KB: one jiyuan report (about 5.5 KB) fits, two do not

describe('quotas and bounds', () => {
  let testApp: TestApp;
  let admin: string;
  const server = () => testApp.app.getHttpServer();

  beforeAll(async () => {
    testApp = await bootTestApp({
      ATLAS_STORAGE_QUOTA_MB: String(QUOTA_MB),
      ATLAS_IMPORT_JOBS_PER_ACCOUNT: '1',
      ATLAS_JOBS: 'false',
    });
    admin = await adminToken(testApp);
  });
  afterAll(() => testApp.close());

  const importJobs = async () =>
    Number(
      (await testApp.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM import_job'))[0]
        ?.n,
    );

  it("refuses an upload that would take the agency's stored originals past the quota", async () => {
    const { agencyA } = await createAgencyTree(testApp);
    const uploader = await tokenFor(testApp, { role: 'uploader', agencyId: agencyA });
    const first = Buffer.from(jiyuanFor(2022));
    await uploadFile(
      testApp,
      uploader.token,
      { agencyId: agencyA, year: 2022 },
      first,
      'a.txt',
    ).expect(201);
    const before = await countRows(testApp);

    const refused = await uploadFile(
      testApp,
      uploader.token,
      { agencyId: agencyA, year: 2023 },
      Buffer.from(jiyuanFor(2023)),
      'b.txt',
    ).expect(413);
    expect(refused.body).toMatchObject({
      code: 'STORAGE_QUOTA_EXCEEDED',
      message: expect.stringContaining('存储上限'),
    });
    expect(await countRows(testApp)).toEqual(before);
  });

  it("refuses a second bulk import while the account's first is still queued", async () => {
    const { agencyB } = await createAgencyTree(testApp);
    const uploader = await tokenFor(testApp, { role: 'uploader', agencyId: agencyB });
    const [{ code }] = await testApp.dataSource.query<{ code: string }[]>(
      'SELECT code FROM agency WHERE id = $1',
      [agencyB],
    );
    const zip = (year: number) =>
      Buffer.from(
        zipSync({
          'r.txt': Buffer.from(jiyuanFor(year)),
          'manifest.csv': Buffer.from(`file,agency_code,year\nr.txt,${code},${year}\n`),
        }),
      );
    const post = (year: number) =>
      request(server())
        .post('/api/imports')
        .set('Authorization', `Bearer ${uploader.token}`)
        .attach('file', zip(year), 'reports.zip');

    await post(2022).expect(202);
    const jobs = await importJobs();
    const refused = await post(2021).expect(429);
    expect(refused.body).toMatchObject({
      code: 'IMPORT_JOBS_LIMIT',
      message: expect.stringContaining('请等其完成后再导入'),
    });
    expect(await importJobs()).toBe(jobs);
  });

  it('refuses a DOCX sent to the bulk import instead of queueing its XML parts', async () => {
    const docx = zipSync({
      '[Content_Types].xml': Buffer.from('<Types/>'),
      '_rels/.rels': Buffer.from('<Relationships/>'),
      'word/document.xml': Buffer.from('<w:document/>'),
    });
    const jobs = await importJobs();
    const refused = await request(server())
      .post('/api/imports')
      .set('Authorization', `Bearer ${admin}`)
      .attach('file', Buffer.from(docx), '年报.zip')
      .expect(422);
    expect(refused.body).toMatchObject({
      code: 'IMPORT_NOT_AN_ARCHIVE_OF_REPORTS',
      message: expect.stringContaining('不是装有年报文件的 zip 压缩包'),
    });
    expect(await importJobs()).toBe(jobs);
  });

  it('refuses an agency workbook that unpacks to a bomb, with the reason', async () => {
    const workbook = unzipSync(
      await writeAgencyXlsx([
        {
          code: 'BOMB1',
          name: '炸弹',
          level: 'city',
          kind: 'government',
          parentCode: null,
          activeFromYear: null,
          activeToYear: null,
        },
      ]),
    );
    workbook['xl/worksheets/sheet1.xml'] = new Uint8Array(64 * 1024 * 1024).fill(0x20);
    const bomb = Buffer.from(zipSync(workbook, { level: 1 }));
    const refused = await request(server())
      .post('/api/agencies/import')
      .set('Authorization', `Bearer ${admin}`)
      .attach('file', bomb, 'agencies.xlsx')
      .expect(422);
    expect(refused.body.errors).toEqual([
      { row: null, column: null, message: expect.stringContaining('可能是压缩炸弹') },
    ]);
    const [{ n }] = await testApp.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM agency WHERE code = 'BOMB1'`,
    );
    expect(Number(n)).toBe(0);
  }, 60_000);
});
