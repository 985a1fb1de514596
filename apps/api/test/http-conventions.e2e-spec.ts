import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { bootTestApp, type TestApp } from './support/test-app';

describe('HTTP conventions', () => {
  let testApp: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'atlas-web-'));
    await mkdir(join(webDir, 'assets'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>atlas-shell</title><div id="app"></div>');
    await writeFile(join(webDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    testApp = await bootTestApp({ ATLAS_WEB_DIR: webDir });
  });
  afterAll(async () => {
    await testApp.close();
    await rm(webDir, { recursive: true, force: true });
  });

  const server = () => testApp.app.getHttpServer();

  it('answers unknown API routes with the common error shape', async () => {
    const response = await request(server()).get('/api/no-such-thing').expect(404);
    expect(response.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: '请求的资源不存在' });
  });

  it('names a malformed JSON body', async () => {
    const response = await request(server())
      .post('/api/health')
      .set('content-type', 'application/json')
      .send('{"broken":')
      .expect(400);
    expect(response.body).toEqual({ statusCode: 400, code: 'MALFORMED_BODY', message: '请求体不是合法的 JSON' });
  });

  it('publishes OpenAPI as UI and JSON', async () => {
    const json = await request(server()).get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/system/info']));
    const ui = await request(server()).get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('serves the web app with history-mode fallback', async () => {
    for (const path of ['/', '/overview', '/reports/42']) {
      const page = await request(server()).get(path).expect(200);
      expect(page.text).toContain('atlas-shell');
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  it('caches hashed assets and does not answer missing files with the page', async () => {
    const asset = await request(server()).get('/assets/app-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await request(server()).get('/assets/missing.js').expect(404);
  });
});
