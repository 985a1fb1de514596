import request from 'supertest';
import { tokenFor } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';
import {
  countRows,
  createAgencyTree,
  jiyuanFor,
  pasteReport,
  uploadFile,
} from './reports-fixtures';

// An application with a tiny upload limit: the jiyuan report (about 5.5 KB) is over it.
const LIMIT_MB = 0.004;

describe('reports: the upload size limit (ATLAS_UPLOAD_LIMIT_MB)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await bootTestApp({ ATLAS_UPLOAD_LIMIT_MB: String(LIMIT_MB) });
  });
  afterAll(() => testApp.close());

  it('refuses files and pasted text over the limit with 413 and writes nothing', async () => {
    const { agencyA } = await createAgencyTree(testApp);
    const uploader = await tokenFor(testApp, { role: 'uploader', agencyId: agencyA });
    const text = jiyuanFor(2023);
    expect(Buffer.byteLength(text)).toBeGreaterThan(LIMIT_MB * 1024 * 1024);
    const before = await countRows(testApp);

    const file = await uploadFile(
      testApp,
      uploader.token,
      { agencyId: agencyA, year: 2023 },
      Buffer.from(text),
      'big.txt',
    ).expect(413);
    expect(file.body).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: '上传内容超过 4.1 KB 的大小限制',
    });
    const pasted = await pasteReport(testApp, uploader.token, {
      agencyId: agencyA,
      year: 2023,
      text,
    }).expect(413);
    expect(pasted.body.code).toBe('PAYLOAD_TOO_LARGE');
    const field = await request(testApp.app.getHttpServer())
      .post('/api/reports')
      .set('Authorization', `Bearer ${uploader.token}`)
      .field('agencyId', agencyA)
      .field('year', '2023')
      .field('text', text)
      .expect(413);
    expect(field.body.code).toBe('PAYLOAD_TOO_LARGE');
    const preview = await request(testApp.app.getHttpServer())
      .post('/api/reports/preview')
      .set('Authorization', `Bearer ${uploader.token}`)
      .attach('file', Buffer.from(text), 'big.txt')
      .expect(413);
    expect(preview.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await countRows(testApp)).toEqual(before);
  });
});
