import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

const API_PREFIX = '/api';

function isApiPath(path: string): boolean {
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

/**
 * Serves the built Vue app from the API's own port: hashed assets cached for a year, and
 * `index.html` for every other page path so history-mode routes survive a reload.
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

  const assets = express.static(webDir, {
    index: false,
    setHeaders: (res, filePath) => {
      const immutable = filePath.startsWith(join(webDir, 'assets'));
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
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
