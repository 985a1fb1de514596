import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

const API_PREFIX = '/api';

function isApiPath(path: string): boolean {
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

/** The copies the web build writes next to each asset, best first (`x.js.br`, `x.js.gz`). */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/**
 * A hashed asset as the build compressed it, when the browser accepts that encoding and the
 * copy exists; otherwise the plain file (`next`). Nothing is compressed per request.
 */
function sendPrecompressed(assetsDir: string, req: Request, res: Response, next: NextFunction) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  res.vary('Accept-Encoding');
  // Hashed names are plain ASCII: anything else (or a way out of the folder) is not a copy.
  const file = req.path.replace(/^\/+/, '');
  if (!/^[\w.-]+$/.test(file) || file.includes('..')) return next();
  const copy = PRECOMPRESSED.find(
    ({ encoding, suffix }) =>
      req.acceptsEncodings(encoding) === encoding && existsSync(join(assetsDir, file + suffix)),
  );
  if (!copy) return next();
  res.setHeader('Content-Encoding', copy.encoding);
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  res.type(extname(file));
  res.sendFile(file + copy.suffix, { root: assetsDir }, (error) => {
    if (error && !res.headersSent) {
      res.removeHeader('Content-Encoding');
      next();
    }
  });
}

/**
 * Serves the built Vue app from the API's own port: hashed assets cached for a year (brotli or
 * gzip as built, when the browser accepts it), and `index.html` for every other page path so
 * history-mode routes survive a reload.
 * Returns false when there is no build to serve.
 */
export function serveWebApp(app: NestExpressApplication, webDir: string): boolean {
  const indexFile = join(webDir, 'index.html');
  if (!existsSync(indexFile)) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (isApiPath(req.path) || req.method !== 'GET') return next();
      res
        .status(503)
        .type('html')
        .send('<!doctype html><meta charset="utf-8"><title>Disclosure Atlas</title>' +
          '<p>前端尚未构建。请运行 <code>npm start</code>（或 <code>npx nx build web</code>）。</p>' +
          '<p>The web app is not built yet: run <code>npm start</code>.</p><p><a href="/api/docs">API docs</a></p>');
    });
    return false;
  }

  const assetsDir = join(webDir, 'assets');
  const assets = express.static(webDir, {
    index: false,
    setHeaders: (res, filePath) => {
      const immutable = filePath.startsWith(assetsDir);
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use('/assets', (req: Request, res: Response, next: NextFunction) =>
    sendPrecompressed(assetsDir, req, res, next),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req.path)) return next();
    return assets(req, res, next);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isPageRequest =
      (req.method === 'GET' || req.method === 'HEAD') && !isApiPath(req.path) && extname(req.path) === '';
    if (!isPageRequest) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return true;
}
