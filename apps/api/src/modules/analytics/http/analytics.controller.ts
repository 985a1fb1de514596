import { Controller, Get, Query, Req, Res, StreamableFile, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { attachmentDisposition } from '../../../common/http/attachment';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser } from '../../../common/auth/auth.decorators';
import { requestAddress } from '../../../common/http/request-address';
import { AuditService } from '../../audit';
import { EXPORT_CONTENT_TYPES } from '../export/export-file';
import { AnalyticsAnswerCache } from '../read/answer-cache';
import { type AnalyticsScope, scopeKey } from '../read/analytics-scope';
import { AnalyticsScopes } from '../read/analytics-scopes.service';
import { METRIC_INFOS } from '../read/metric-values';
import { ANALYTICS_ROUTES, type AnyAnswerRoute } from './analytics-routes';
import type * as Q from './dto/analytics-query.dto';
import * as D from './dto/analytics-response.dto';
import { SerializedJson } from '../../../common/http/large-json.interceptor';

/**
 * 统计分析. Every answer is limited to the caller's scope (admins: all; oversight: their
 * subtrees; uploaders: their own agency), carries an ETag that changes when a report or agency
 * in the scope changes (304 for an unchanged If-None-Match), is kept in AnalyticsAnswerCache
 * under the same revision, and has a CSV/XLSX export. The
 * answers are declared in ANALYTICS_ROUTES; each becomes two routes of this controller below.
 */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
export class AnalyticsController {
  constructor(
    private readonly scopes: AnalyticsScopes,
    private readonly answers: AnalyticsAnswerCache,
    private readonly audit: AuditService,
    private readonly moduleRef: ModuleRef,
  ) {}

  @Get('metrics')
  @ApiOperation({ summary: '指标目录 / the metric catalogue: key, names, unit, definition' })
  @ApiOkResponse({ type: [D.MetricInfoDto] })
  metrics(): D.MetricInfoDto[] {
    return METRIC_INFOS.map((m) => ({ ...m }));
  }

  /** GET <path>: the answer, or 304 when the caller's ETag still matches. */
  async answer(
    route: AnyAnswerRoute,
    user: AuthUser,
    dto: Q.ScopeQueryDto,
    request: Request,
    response: Response,
  ): Promise<unknown> {
    const { scope, revision } = await this.scopes.resolveWithRevision(user, dto);
    const params = route.params(dto, false);
    const etag = this.scopes.etag(
      scope,
      `${request.path}?${JSON.stringify(request.query)}`,
      revision,
    );
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'private, no-cache');
    const asked = request.headers['if-none-match'];
    // Express answers 304 itself when the validators match; the answer is not computed.
    if (asked && asked.split(',').some((tag) => tag.trim() === etag)) {
      response.status(304);
      return undefined;
    }
    // Keyed by the complete request (defaults filled in) and the revision: unchanged data, a lookup.
    const key = `${route.path}|${scopeKey(scope)}|${revision}|${JSON.stringify(params)}`;
    return new SerializedJson(
      await this.answers.json(key, () => this.queryOf(route).answer(scope, params)),
    );
  }

  /** GET <path>/export: every row of the answer as CSV or XLSX, audited. */
  async export(
    route: AnyAnswerRoute,
    user: AuthUser,
    dto: Q.ScopeQueryDto & Q.ExportFormatDto,
    request: Request,
  ): Promise<StreamableFile> {
    const scope = await this.scopes.resolve(user, dto);
    const params = route.params(dto, true);
    const answer = await this.queryOf(route).answer(scope, params);
    const format = dto.format ?? 'xlsx';
    const file = await route.file(answer, params, format);
    await this.recordExport(user, request, scope, route.path, format);
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: attachmentDisposition(file.displayName, file.fileName),
      length: file.content.length,
    });
  }

  private queryOf(route: AnyAnswerRoute) {
    return this.moduleRef.get(route.query, { strict: true });
  }

  private async recordExport(
    user: AuthUser,
    request: Request,
    scope: AnalyticsScope,
    view: string,
    format: string,
  ): Promise<void> {
    await this.audit.record({
      actor: user,
      address: requestAddress(request),
      action: 'analytics.export',
      targetType: 'analytics',
      details: {
        view,
        format,
        scope: scope.roots.map((root) => root.id),
        subtree: scope.subtree,
        query: request.query,
      },
    });
  }
}

/**
 * Adds a handler to the controller as if written in the class: its route and OpenAPI
 * decorators, its parameters (the query DTO's class is what the validation pipe checks against).
 */
function defineHandler(
  name: string,
  paramTypes: Type<unknown>[],
  parameters: ((target: object, key: string, index: number) => void)[],
  decorators: MethodDecorator[],
  handler: (this: AnalyticsController, ...args: never[]) => Promise<unknown>,
): void {
  const prototype = AnalyticsController.prototype as unknown as Record<string, unknown>;
  // @nestjs/swagger finds a handler's parameters by the function's own name.
  Object.defineProperty(handler, 'name', { value: name });
  Object.defineProperty(prototype, name, { value: handler, writable: true, configurable: true });
  Reflect.defineMetadata('design:paramtypes', paramTypes, prototype, name);
  parameters.forEach((parameter, index) => parameter(prototype, name, index));
  const descriptor = Object.getOwnPropertyDescriptor(prototype, name) as PropertyDescriptor;
  for (const decorate of decorators) decorate(prototype, name, descriptor);
}

for (const route of ANALYTICS_ROUTES) {
  defineHandler(
    route.path,
    [Object, route.dto, Object, Object],
    [CurrentUser(), Query(), Req(), Res({ passthrough: true })],
    [
      Get(route.path),
      ApiOperation({ summary: route.summary }),
      ApiOkResponse({ type: route.response }),
      ApiNotFoundResponse({ description: route.notFound }),
      ...(route.badRequest ? [ApiBadRequestResponse({ description: route.badRequest })] : []),
    ],
    function (
      this: AnalyticsController,
      user: AuthUser,
      dto: Q.ScopeQueryDto,
      request: Request,
      response: Response,
    ) {
      return this.answer(route, user, dto, request, response);
    },
  );
}
// The exports after the answers, as the API documentation lists them.
for (const route of ANALYTICS_ROUTES) {
  defineHandler(
    `${route.path}Export`,
    [Object, route.exportDto, Object],
    [CurrentUser(), Query(), Req()],
    [
      Get(`${route.path}/export`),
      ApiOperation({ summary: route.exportSummary }),
      ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.xlsx),
      ApiOkResponse({ schema: { type: 'string', format: 'binary' } }),
    ],
    function (
      this: AnalyticsController,
      user: AuthUser,
      dto: Q.ScopeQueryDto & Q.ExportFormatDto,
      request: Request,
    ) {
      return this.export(route, user, dto, request);
    },
  );
}
