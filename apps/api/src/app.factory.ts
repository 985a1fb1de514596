import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { findWorkspaceRoot } from './common/app-version';
import { refuseDeepJson } from './common/http/json-depth';
import { readRouting } from './database/read-routing';
import type { AppConfig, AppRuntime } from './common/runtime';
import { serveWebApp } from './web/serve-web-app';

export const API_PREFIX = 'api';

/** The default location of the built web app: `<workspace>/dist/apps/web`. */
export function defaultWebDir(): string {
  return join(findWorkspaceRoot() ?? process.cwd(), 'dist', 'apps', 'web');
}

/**
 * Builds the whole HTTP application exactly as production runs it (prefix, headers, OpenAPI,
 * the web app); main.ts and the integration tests both start from here.
 */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  runtime: AppRuntime,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ config, databaseUrl, runtime }),
    { bufferLogs: true, abortOnError: false },
  );
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.setGlobalPrefix(API_PREFIX);
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // ECharts' "save as image" and Element Plus icons use data: and blob: URLs.
          'img-src': ["'self'", 'data:', 'blob:'],
          // Plain HTTP deployments on an intranet must not be forced to https.
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: config.env === 'production',
    }),
  );
  app.useBodyParser('json', { limit: '5mb' });
  app.use(refuseDeepJson);
  if (config.databaseReadUrls.length > 0) app.use(readRouting);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Disclosure Atlas API')
      .setDescription('政务公开年报汇聚分析平台 — 上传、解析、校验与分析政府信息公开工作年度报告')
      .setVersion(runtime.version)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
    customSiteTitle: 'Disclosure Atlas API',
  });

  const webDir = config.webDir ?? defaultWebDir();
  if (!serveWebApp(app, webDir)) {
    logger.warn(`web app not found in ${webDir}; serving the API only`, 'WebApp');
  }
  return app;
}
