import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
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
    // Copies as the web build writes them, each with a body of its own to tell which was sent.
    const copy = (suffix: string, body: Buffer) => writeFile(join(webDir, 'assets', `app-abc123.js${suffix}`), body);
    await copy('.br', brotliCompressSync('console.log("br")'));
    await copy('.gz', gzipSync('console.log("gz")'));
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

  it('sends the compressed copy of an asset the browser accepts, else the file itself', async () => {
    const asked = (file: string, encodings: string) =>
      request(server()).get(`/assets/${file}`).set('Accept-Encoding', encodings).expect(200);
    const sent = (response: request.Response) => [response.headers['content-encoding'], response.text];
    const brotli = await asked('app-abc123.js', 'gzip, deflate, br');
    expect(sent(brotli)).toEqual(['br', 'console.log("br")']);
    expect(brotli.headers['content-type']).toContain('javascript');
    expect(brotli.headers['cache-control']).toContain('immutable');
    expect(brotli.headers['vary']).toContain('Accept-Encoding');
    expect(sent(await asked('app-abc123.js', 'gzip'))).toEqual(['gzip', 'console.log("gz")']);
    expect(sent(await asked('app-abc123.js', 'identity'))).toEqual([undefined, 'console.log(1)']);
    // An asset without copies is sent as it is.
    await writeFile(join(webDir, 'assets', 'other-def456.js'), 'console.log(2)');
    expect(sent(await asked('other-def456.js', 'br'))).toEqual([undefined, 'console.log(2)']);
  });
});
