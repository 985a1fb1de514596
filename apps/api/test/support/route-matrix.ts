import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';
import type { Role } from '../../src/common/auth/auth-user';

/**
 * The machinery of the authorization matrix (test/authorization.e2e-spec.ts): what a rule means
 * for a caller, the routes the OpenAPI document and the HTTP server know, the error shape, and a
 * fingerprint of the test's own rows to prove that a refused write changed nothing.
 */

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** `GET /api/reports/{id}`: the method and the OpenAPI path template. */
export type RouteKey = `${HttpMethod} /api/${string}`;

/** Who may call a route at all (checked by the global AuthGuard). */
export type Access = 'public' | 'authenticated' | readonly Role[];

/**
 * For a route on one agency's data: what a caller of an allowed role gets when it may not see
 * (or not act for) that agency. 404 when the API hides existence, 403 when it says "not yours".
 */
export interface ScopeRule<Agency extends string = string> {
  readonly agency: Agency;
  readonly status: 403 | 404;
  readonly code: string;
}

export interface RouteRule<Agency extends string = string> {
  readonly who: Access;
  readonly scope?: ScopeRule<Agency>;
  /** The answer is a list that holds only what the caller may see (checked separately). */
  readonly listed?: true;
}

/** What one caller must get from one route. */
export type Expectation =
  | { readonly kind: 'allowed' }
  | { readonly kind: 'refused'; readonly status: 401 | 403 | 404; readonly code: string };

/** A caller of the matrix: nobody, a forged token, or a signed-in user seeing some agencies. */
export type Caller<Agency extends string> =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'forged' }
  | { readonly kind: 'user'; readonly role: Role; readonly sees: (agency: Agency) => boolean };

export function expectationFor<Agency extends string>(
  rule: RouteRule<Agency>,
  caller: Caller<Agency>,
): Expectation {
  if (rule.who === 'public') return { kind: 'allowed' };
  if (caller.kind === 'anonymous') return { kind: 'refused', status: 401, code: 'UNAUTHENTICATED' };
  if (caller.kind === 'forged') return { kind: 'refused', status: 401, code: 'INVALID_TOKEN' };
  if (rule.who !== 'authenticated' && !rule.who.includes(caller.role)) {
    return { kind: 'refused', status: 403, code: 'FORBIDDEN' };
  }
  if (rule.scope && !caller.sees(rule.scope.agency)) {
    return { kind: 'refused', status: rule.scope.status, code: rule.scope.code };
  }
  return { kind: 'allowed' };
}

export function describeExpectation(expectation: Expectation): string {
  return expectation.kind === 'allowed' ? 'allowed' : `${expectation.status} ${expectation.code}`;
}

export function describeAccess(rule: RouteRule): string {
  const who =
    rule.who === 'public'
      ? 'public'
      : rule.who === 'authenticated'
        ? 'any role'
        : rule.who.join(', ');
  const scope = rule.scope
    ? `; outside ${rule.scope.agency}'s scope: ${rule.scope.status} ${rule.scope.code}`
    : '';
  return `${who}${scope}${rule.listed ? '; lists only what the caller sees' : ''}`;
}

// ── the routes the application declares ─────────────────────────────────────────────────────

interface OpenApiOperation {
  readonly responses?: Readonly<Record<string, unknown>>;
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
}

export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface DocumentedRoute {
  readonly key: RouteKey;
  readonly method: HttpMethod;
  readonly path: string;
  /** The 2xx statuses the operation documents (what an allowed caller must get). */
  readonly successStatuses: readonly number[];
  /** Whether the document says the operation takes a bearer token. */
  readonly bearer: boolean;
}

function isHttpMethod(text: string): text is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(text);
}

/** Every path × method of the OpenAPI document (GET /api/docs-json). */
export function documentedRoutes(document: OpenApiDocument): DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [name, value] of Object.entries(item)) {
      const method = name.toUpperCase();
      if (!isHttpMethod(method)) {
        // HEAD, OPTIONS, TRACE would need their own column in the matrix.
        if (['HEAD', 'OPTIONS', 'TRACE'].includes(method)) {
          throw new Error(`the matrix does not handle ${method} ${path}`);
        }
        continue; // path-level `parameters`, `summary`, …
      }
      const operation = value as OpenApiOperation;
      routes.push({
        key: `${method} ${path}` as RouteKey,
        method,
        path,
        successStatuses: Object.keys(operation.responses ?? {})
          .map(Number)
          .filter((status) => status >= 200 && status < 300),
        bearer: (operation.security ?? []).some((requirement) => 'bearer' in requirement),
      });
    }
  }
  return routes;
}

interface ExpressLayer {
  readonly route?: { readonly path: unknown; readonly methods: Readonly<Record<string, boolean>> };
}

interface ExpressInstance {
  readonly router?: { readonly stack?: readonly ExpressLayer[] };
  readonly _router?: { readonly stack?: readonly ExpressLayer[] };
}

/** Swagger UI and the document itself: served by @nestjs/swagger outside the controllers. */
const DOCUMENTATION_PATH = /^\/api\/docs(\/|-json$|-yaml$|$)/;

/**
 * The API routes the HTTP server actually answers (Express's router), as OpenAPI keys, so that a
 * controller hidden from the document (@ApiExcludeController) cannot escape the matrix.
 * Middleware that Nest mounts for every method (logging) is not a route.
 */
export function registeredRoutes(app: NestExpressApplication): RouteKey[] {
  // Express's own types do not describe the router's layers; this is the shape Express 4 and 5 share.
  const instance = app.getHttpAdapter().getInstance() as unknown as ExpressInstance;
  const stack = instance.router?.stack ?? instance._router?.stack;
  if (!stack) throw new Error('cannot read the Express router: has the HTTP adapter changed?');
  const keys = new Set<RouteKey>();
  for (const layer of stack) {
    const route = layer.route;
    if (!route || typeof route.path !== 'string') continue;
    const methods = Object.keys(route.methods).filter((method) => route.methods[method]);
    if (methods.length > HTTP_METHODS.length) continue; // mounted for every method: middleware
    if (!route.path.startsWith('/api') || DOCUMENTATION_PATH.test(route.path)) continue;
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    for (const method of methods) keys.add(`${method.toUpperCase()} ${path}` as RouteKey);
  }
  return [...keys].sort();
}

export function methodOf(key: RouteKey): HttpMethod {
  const method = key.slice(0, key.indexOf(' '));
  if (!isHttpMethod(method)) throw new Error(`no method in ${key}`);
  return method;
}

export function pathOf(key: RouteKey): string {
  return key.slice(key.indexOf(' ') + 1);
}

/** `/api/reports/{id}` with `{ id }` → `/api/reports/<id>`; every placeholder must be given. */
export function fillPath(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(String(value));
  });
}

// ── answers ─────────────────────────────────────────────────────────────────────────────────

/** Problems with the body of an error answer: it must be {statusCode, code, message}. */
export function errorShapeProblems(response: Response): string[] {
  const body: unknown = response.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [`the body is not an object: ${JSON.stringify(response.text).slice(0, 200)}`];
  }
  const fields = body as Record<string, unknown>;
  const problems: string[] = [];
  if (fields['statusCode'] !== response.status)
    problems.push(`statusCode ${JSON.stringify(fields['statusCode'])} ≠ ${response.status}`);
  if (typeof fields['code'] !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(fields['code']))
    problems.push(`code ${JSON.stringify(fields['code'])} is not an upper-case code`);
  if (typeof fields['message'] !== 'string' || fields['message'].trim() === '')
    problems.push(`message ${JSON.stringify(fields['message'])} is empty`);
  return problems;
}

export function codeOf(response: Response): string | undefined {
  const body: unknown = response.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const code = (body as Record<string, unknown>)['code'];
  return typeof code === 'string' ? code : undefined;
}

// ── the test's own rows ─────────────────────────────────────────────────────────────────────

export interface SnapshotScope {
  /** Materialized paths of the test's root agencies: everything below them is the test's. */
  readonly rootPaths: readonly string[];
  /** Every account the test makes starts with this. */
  readonly usernamePrefix: string;
}

/**
 * Row counts and a fingerprint of every row the test's world owns, across the tables a write
 * could touch. Only the test's own rows: other spec files share the database and run meanwhile.
 */
export async function snapshotWorld(
  dataSource: DataSource,
  scope: SnapshotScope,
): Promise<Record<string, number | string>> {
  const [row] = await dataSource.query<Record<string, number | string>[]>(
    `WITH ag AS (SELECT * FROM agency WHERE path LIKE ANY($1::text[])),
          us AS (SELECT * FROM app_user WHERE starts_with(username, $2)),
          rp AS (SELECT * FROM report WHERE agency_id IN (SELECT id FROM ag)),
          vr AS (SELECT * FROM report_version WHERE report_id IN (SELECT id FROM rp)),
          dl AS (SELECT * FROM report_deadline WHERE agency_id IN (SELECT id FROM ag))
     SELECT
       (SELECT count(*)::int FROM ag) AS agencies,
       (SELECT md5(coalesce(string_agg(concat_ws('|', id, code, name, level, kind, parent_id, path,
                 depth, active_from_year, active_to_year, updated_at), ',' ORDER BY id), '')) FROM ag) AS agency_rows,
       (SELECT count(*)::int FROM us) AS users,
       (SELECT md5(coalesce(string_agg(concat_ws('|', id, username, display_name, password_hash, role,
                 agency_id, disabled, token_version, updated_at), ',' ORDER BY id), '')) FROM us) AS user_rows,
       (SELECT count(*)::int FROM user_scope WHERE user_id IN (SELECT id FROM us)) AS user_scopes,
       (SELECT count(*)::int FROM rp) AS reports,
       (SELECT md5(coalesce(string_agg(concat_ws('|', id, status, current_version_id, updated_at), ','
                 ORDER BY id), '')) FROM rp) AS report_rows,
       (SELECT count(*)::int FROM vr) AS report_versions,
       (SELECT md5(coalesce(string_agg(concat_ws('|', id, findings::text, submitted_at, submitted_by),
                 ',' ORDER BY id), '')) FROM vr) AS version_rows,
       (SELECT count(*)::int FROM report_file WHERE uploaded_by IN (SELECT id FROM us)) AS report_files,
       (SELECT count(*)::int || ':' || coalesce(sum(value), 0)::text FROM report_cell
          WHERE version_id IN (SELECT id FROM vr)) AS report_cells,
       (SELECT count(*)::int FROM report_correction WHERE version_id IN (SELECT id FROM vr)) AS report_corrections,
       (SELECT count(*)::int FROM report_event WHERE report_id IN (SELECT id FROM rp)) AS report_events,
       (SELECT count(*)::int FROM dl) AS report_deadlines,
       (SELECT md5(coalesce(string_agg(concat_ws('|', id, year, due_date, updated_at), ',' ORDER BY id), ''))
          FROM dl) AS deadline_rows,
       (SELECT count(*)::int FROM audit_log WHERE actor_id IN (SELECT id FROM us)) AS audit_entries`,
    [scope.rootPaths.map((path) => `${path}%`), scope.usernamePrefix],
  );
  if (!row) throw new Error('no snapshot');
  return row;
}
