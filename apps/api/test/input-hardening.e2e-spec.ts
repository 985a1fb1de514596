import { zipSync } from 'fflate';
import request from 'supertest';
import { MAX_JSON_DEPTH } from '../src/common/http/json-depth';
import { jiyuanFor, uploadFile } from './reports-fixtures';
import { createTestAgency, tokenFor, type TestUser } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';

/** Hostile inputs that once gave a 500 or were stored as sent. */
describe('input hardening (real PostgreSQL)', () => {
  let testApp: TestApp;
  let agencyId: string;
  let uploader: TestUser;
  const server = () => testApp.app.getHttpServer();
  // U+202E (right-to-left override) shows `报告\u202Etxt.exe` as `报告exe.txt`; U+2066/2069 isolate, U+200B is zero-width.
  const SPOOFED_NAME = '年报\u202Etxt.exe\u2066\u200B\u2069.txt';

  beforeAll(async () => {
    testApp = await bootTestApp();
    agencyId = await createTestAgency(testApp);
    uploader = await tokenFor(testApp, { role: 'uploader', agencyId });
  });
  afterAll(() => testApp.close());

  it('answers JSON nested 20,000 levels with 400 and a reason, and keeps serving', async () => {
    const deep = `{"agencyId":${'['.repeat(20_000)}${']'.repeat(20_000)},"year":2024,"text":"x"}`;
    for (const path of ['/api/reports/preview', '/api/auth/login']) {
      const response = await request(server())
        .post(path)
        .set('Authorization', `Bearer ${uploader.token}`)
        .set('content-type', 'application/json')
        .send(deep)
        .expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        code: 'JSON_TOO_DEEP',
        message: `请求体 JSON 嵌套层数过多（最多 ${MAX_JSON_DEPTH} 层）`,
      });
    }
    await request(server()).get('/api/health').expect(200);
  });

  it('stores an uploaded report under its name without bidi or invisible characters', async () => {
    const response = await uploadFile(
      testApp,
      uploader.token,
      { agencyId, year: 2023 },
      Buffer.from(jiyuanFor(2023), 'utf8'),
      SPOOFED_NAME,
    ).expect(201);
    const [stored] = await testApp.dataSource.query<{ file_name: string }[]>(
      `SELECT f.file_name FROM report_file f
       JOIN report_version v ON v.file_id = f.id WHERE v.report_id = $1`,
      [response.body.id],
    );
    expect(stored?.file_name).toBe('年报txt.exe.txt');
  });

  it('stores a bulk import and the files in it without bidi or invisible characters', async () => {
    const zip = zipSync({ [`reports/${SPOOFED_NAME}`]: Buffer.from(jiyuanFor(2022), 'utf8') });
    const response = await request(server())
      .post('/api/imports/previews')
      .set('Authorization', `Bearer ${uploader.token}`)
      .attach('file', Buffer.from(zip), '导入\u202Epiz.exe.zip')
      .expect(201);
    const [preview] = await testApp.dataSource.query<{ archive_name: string }[]>(
      'SELECT archive_name FROM import_preview WHERE id = $1',
      [response.body.id],
    );
    expect(preview?.archive_name).toBe('导入piz.exe.zip');
    const files = await testApp.dataSource.query<{ path: string }[]>(
      'SELECT path FROM import_preview_file WHERE preview_id = $1',
      [response.body.id],
    );
    expect(files.map((file) => file.path)).toEqual(['年报txt.exe.txt']);
  });
});
