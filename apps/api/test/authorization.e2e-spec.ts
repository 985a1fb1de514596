import { AgenciesService } from '../src/modules/agencies/agencies.service';
import { randomBytes, randomUUID } from 'node:crypto';
import { generateReport, renderReportText, SeededRandom } from '@atlas/demo-data';
import { METRICS } from '@atlas/metrics';
import { parse as parseCsv } from 'csv-parse/sync';
import { zipSync } from 'fflate';
import request, { type Response, type Test } from 'supertest';
import { tokenFor, type TestUser } from './support/auth';
import {
  type Caller,
  codeOf,
  describeAccess,
  describeExpectation,
  documentedRoutes,
  type DocumentedRoute,
  errorShapeProblems,
  type Expectation,
  expectationFor,
  fillPath,
  methodOf,
  type OpenApiDocument,
  pathOf,
  registeredRoutes,
  type RouteKey,
  type RouteRule,
  snapshotWorld,
} from './support/route-matrix';
import { bootTestApp, type TestApp } from './support/test-app';

/**
 * Every route of the API against every kind of caller, on a small world of its own:
 *
 *   A (root) ─┬─ A1 ── the report R (2 versions, draft), a submitted report S, fresh reports
 *             ├─ A2
 *             └─ leaf (target of refused agency writes)
 *   B (root) ─── a report
 *
 * Callers: nobody, a forged token, an admin, oversight of A, oversight of B, the uploader of A1,
 * the uploader of A2. The routes come from the OpenAPI document the app serves: a route the
 * matrix does not know fails the first test, so nothing is added unguarded without a decision.
 */

// ── the world ───────────────────────────────────────────────────────────────────────────────

const WORLD_AGENCIES = ['A', 'A1', 'A2', 'B'] as const;
type WorldAgency = (typeof WORLD_AGENCIES)[number];
const PARENT: Readonly<Record<WorldAgency, WorldAgency | null>> = {
  A: null,
  A1: 'A',
  A2: 'A',
  B: null,
};

type UserSpec =
  | { readonly role: 'admin' }
  | { readonly role: 'oversight'; readonly scope: readonly WorldAgency[] }
  | { readonly role: 'uploader'; readonly agency: WorldAgency };

const USERS = {
  admin: { role: 'admin' },
  oversightA: { role: 'oversight', scope: ['A'] },
  oversightB: { role: 'oversight', scope: ['B'] },
  uploaderA1: { role: 'uploader', agency: 'A1' },
  uploaderA2: { role: 'uploader', agency: 'A2' },
} as const satisfies Record<string, UserSpec>;
type UserName = keyof typeof USERS;
const USER_NAMES = Object.keys(USERS) as UserName[];

const CALLER_NAMES = ['anonymous', 'forged', ...USER_NAMES] as const;
type CallerName = (typeof CALLER_NAMES)[number];

/** The agency and everything above it. */
function selfAndAncestors(agency: WorldAgency): WorldAgency[] {
  const parent = PARENT[agency];
  return parent === null ? [agency] : [agency, ...selfAndAncestors(parent)];
}

/**
 * The scope rule of the product: admins see every agency, oversight users the subtrees under
 * their scope roots, uploaders their own agency only (never its parent or siblings).
 */
function sees(user: UserSpec, agency: WorldAgency): boolean {
  switch (user.role) {
    case 'admin':
      return true;
    case 'oversight':
      return selfAndAncestors(agency).some((root) => user.scope.includes(root));
    case 'uploader':
      return user.agency === agency;
  }
}

function callerOf(name: CallerName): Caller<WorldAgency> {
  if (name === 'anonymous' || name === 'forged') return { kind: name };
  const user: UserSpec = USERS[name];
  return { kind: 'user', role: user.role, sees: (agency) => sees(user, agency) };
}

/** Reports R and B and the deadlines the lists show are on this year; S on the next. */
const WORLD_YEAR = 2009;
/** PUT /deadlines writes here, so that the deadline lists of WORLD_YEAR stay as set up. */
const DEADLINE_WRITE_YEAR = 2008;
const FIRST_FRESH_YEAR = WORLD_YEAR + 2;

// ── the matrix: who may call what ───────────────────────────────────────────────────────────

const PUBLIC = 'public';
const ANY_ROLE = 'authenticated';
const ADMIN = ['admin'] as const;
const WRITERS = ['uploader', 'admin'] as const;
const REVIEWERS = ['oversight', 'admin'] as const;
/** Outside the caller's scope the agency, or its report, does not exist. */
const hidden = (agency: WorldAgency, code: string) => ({ agency, status: 404, code }) as const;
/** Outside the caller's scope the API says it is not the caller's agency. */
const notYours = (agency: WorldAgency) => ({ agency, status: 403, code: 'FORBIDDEN' }) as const;
const REPORT_OF_A1 = hidden('A1', 'REPORT_NOT_FOUND');
const AGENCY_A1 = hidden('A1', 'AGENCY_NOT_FOUND');

// prettier-ignore
const MATRIX = {
  'GET /api/health':                                     { who: PUBLIC },
  'GET /api/system/info':                                { who: ADMIN },
  'GET /api/rules':                                      { who: ANY_ROLE },
  'GET /api/explanations':                               { who: ANY_ROLE, scope: REPORT_OF_A1 },
  'PUT /api/explanations':                               { who: ['uploader'], scope: REPORT_OF_A1 },
  'GET /api/explanations/summary':                       { who: ANY_ROLE, scope: AGENCY_A1 },
  'POST /api/explanations/{id}/decision':                { who: REVIEWERS, scope: hidden('A1', 'EXPLANATION_NOT_FOUND') },
  'GET /api/rectifications':                             { who: ANY_ROLE, scope: AGENCY_A1 },
  'POST /api/rectifications':                            { who: REVIEWERS, scope: REPORT_OF_A1 },
  'GET /api/rectifications/export':                      { who: REVIEWERS, scope: AGENCY_A1 },
  'GET /api/rectifications/{id}':                        { who: ANY_ROLE, scope: hidden('A1', 'RECTIFICATION_NOT_FOUND') },
  'POST /api/auth/login':                                { who: PUBLIC },
  'POST /api/auth/logout':                               { who: ANY_ROLE },
  'GET /api/auth/me':                                    { who: ANY_ROLE },
  'POST /api/auth/password':                             { who: ANY_ROLE },
  'GET /api/users':                                      { who: ADMIN },
  'POST /api/users':                                     { who: ADMIN },
  'GET /api/users/{id}':                                 { who: ADMIN },
  'PATCH /api/users/{id}':                               { who: ADMIN },
  'GET /api/audit':                                      { who: ADMIN },
  'GET /api/agencies':                                   { who: ANY_ROLE, listed: true },
  'POST /api/agencies':                                  { who: ADMIN },
  'GET /api/agencies/tree':                              { who: ANY_ROLE, listed: true },
  'GET /api/agencies/export':                            { who: ['admin', 'oversight'], listed: true },
  'POST /api/agencies/import':                           { who: ADMIN },
  'GET /api/agencies/{id}':                              { who: ANY_ROLE, scope: AGENCY_A1 },
  'PATCH /api/agencies/{id}':                            { who: ADMIN },
  'DELETE /api/agencies/{id}':                           { who: ADMIN },
  'POST /api/reports':                                   { who: WRITERS, scope: notYours('A1') },
  'GET /api/reports':                                    { who: ANY_ROLE, scope: AGENCY_A1, listed: true },
  'POST /api/reports/preview':                           { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/reports/{id}':                               { who: ANY_ROLE, scope: REPORT_OF_A1 },
  'GET /api/reports/{id}/versions/{version}':            { who: ANY_ROLE, scope: REPORT_OF_A1 },
  'GET /api/reports/{id}/versions/{version}/original':   { who: ANY_ROLE, scope: REPORT_OF_A1 },
  'GET /api/reports/{id}/diff':                          { who: ANY_ROLE, scope: REPORT_OF_A1 },
  'GET /api/reports/{id}/history':                       { who: ANY_ROLE, scope: REPORT_OF_A1 },
  'GET /api/reports/{id}/copies':                        { who: ANY_ROLE, scope: REPORT_OF_A1 },
  'GET /api/reports/copies':                             { who: ANY_ROLE, scope: AGENCY_A1 },
  'PATCH /api/reports/{id}/cells':                       { who: WRITERS, scope: REPORT_OF_A1 },
  'POST /api/reports/{id}/submit':                       { who: WRITERS, scope: REPORT_OF_A1 },
  'POST /api/reports/{id}/accept':                       { who: REVIEWERS, scope: REPORT_OF_A1 },
  'POST /api/reports/{id}/return':                       { who: REVIEWERS, scope: REPORT_OF_A1 },
  'POST /api/reports/{id}/reopen':                       { who: REVIEWERS, scope: REPORT_OF_A1 },
  'GET /api/deadlines':                                  { who: ANY_ROLE, scope: AGENCY_A1, listed: true },
  'PUT /api/deadlines':                                  { who: ADMIN },
  'DELETE /api/deadlines/{id}':                          { who: ADMIN },
  'POST /api/imports':                                   { who: WRITERS, scope: notYours('A1') },
  'GET /api/imports':                                    { who: WRITERS, listed: true },
  'GET /api/imports/{id}':                               { who: WRITERS, scope: hidden('A1', 'IMPORT_NOT_FOUND') },
  'POST /api/imports/previews':                          { who: WRITERS, scope: notYours('A1') },
  'POST /api/imports/previews/{id}/confirm':             { who: WRITERS, scope: notYours('A1') },
  'GET /api/analytics/metrics':                          { who: ANY_ROLE },
  'GET /api/analytics/overview':                         { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/overview/export':                  { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/trend':                            { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/trend/export':                     { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/compare':                          { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/compare/export':                   { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/yoy':                              { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/yoy/export':                       { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/breakdown':                        { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/breakdown/export':                 { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/compliance':                       { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/compliance/export':                { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/quality':                          { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/quality/export':                   { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/rollup':                           { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/analytics/rollup/export':                    { who: ANY_ROLE, scope: AGENCY_A1 },
  'GET /api/bulletins/{year}':                           { who: REVIEWERS, scope: AGENCY_A1 },
  'GET /api/notifications':                              { who: ANY_ROLE },
  'POST /api/notifications/{id}/read':                   { who: ANY_ROLE },
  'POST /api/notifications/read-all':                    { who: ANY_ROLE },
  'GET /api/alerts':                                     { who: REVIEWERS, scope: AGENCY_A1 },
  'GET /api/alerts/rules':                               { who: REVIEWERS },
  'GET /api/alerts/rules/changes':                       { who: REVIEWERS },
  'POST /api/alerts/rules':                              { who: REVIEWERS, scope: AGENCY_A1 },
  'PATCH /api/alerts/rules/{id}':                        { who: REVIEWERS, scope: hidden('A1', 'ALERT_RULE_NOT_FOUND') },
  'DELETE /api/alerts/rules/{id}':                       { who: REVIEWERS, scope: hidden('A1', 'ALERT_RULE_NOT_FOUND') },
} as const satisfies Record<RouteKey, RouteRule<WorldAgency>>;

type MatrixRoute = keyof typeof MATRIX;
const MATRIX_ROUTES = Object.keys(MATRIX) as MatrixRoute[];
type ListedRoute = {
  [K in MatrixRoute]: (typeof MATRIX)[K] extends { listed: true } ? K : never;
}[MatrixRoute];

const isMatrixRoute = (key: string): key is MatrixRoute => key in MATRIX;

/**
 * Authorization bugs this matrix found, kept as failing expectations until the code is fixed:
 * route → caller → what goes wrong. Empty when the API does what the matrix says.
 */
const KNOWN_BUGS: Partial<Record<MatrixRoute, Partial<Record<CallerName, string>>>> = {};

// ── how to call each route ──────────────────────────────────────────────────────────────────

interface RouteCall {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, string | number>>;
  readonly json?: object;
  readonly upload?: {
    readonly field: string;
    readonly content: Buffer;
    readonly fileName: string;
  };
  /** Calls as this stand-in (same role and scope) rather than the caller's own account. */
  readonly as?: TestUser;
}

interface CallContext {
  readonly caller: CallerName;
  /** Whether the matrix lets the caller through: allowed calls get fresh targets of their own. */
  readonly allowed: boolean;
}

type RequestBuilder = (context: CallContext) => RouteCall | Promise<RouteCall>;

describe('authorization: every route × every role (real PostgreSQL)', () => {
  let testApp: TestApp;
  let documented: DocumentedRoute[];
  const server = () => testApp.app.getHttpServer();

  const run = randomBytes(3).toString('hex');
  const usernamePrefix = `authz-${run}-`;
  const codePrefix = `AZ-${run.toUpperCase()}`;
  let sequence = 0;
  const next = () => (sequence += 1);

  interface WorldAgencyRow {
    readonly id: string;
    readonly code: string;
    readonly path: string;
  }
  interface World {
    readonly agencies: Record<WorldAgency, WorldAgencyRow>;
    /** A leaf under A: what refused agency writes aim at. */
    readonly leaf: WorldAgencyRow;
    readonly users: Record<UserName, TestUser>;
    /** Logs in (public route) and is edited by PATCH /users/{id}. */
    readonly probe: TestUser;
    /** A1's report on WORLD_YEAR: draft, versions 1 and 2. */
    readonly reportA1: string;
    /** B's report on WORLD_YEAR. */
    readonly reportB: string;
    /** A1's submitted report on WORLD_YEAR + 1: what refused reviews aim at. */
    readonly submittedA1: string;
    /** An import job uploaderA1 created (its file is no report: the job changes nothing). */
    readonly importA1: string;
  }
  let world: World;

  // ── setting the world up ──────────────────────────────────────────────────────────────────

  async function insertAgency(
    label: string,
    parent: WorldAgencyRow | null,
  ): Promise<WorldAgencyRow> {
    const id = randomUUID();
    const row = {
      id,
      code: `${codePrefix}-${label}`,
      path: parent ? `${parent.path}.${id}` : id,
    };
    await testApp.dataSource.query(
      `INSERT INTO agency (id, code, name, level, kind, parent_id, path, depth)
       VALUES ($1, $2, $3, 'county', 'government', $4, $5, $6)`,
      [id, row.code, `授权测试 ${label} ${run}`, parent?.id ?? null, row.path, parent ? 1 : 0],
    );
    await testApp.app.get(AgenciesService).publishTree();
    return row;
  }

  function userFor(spec: UserSpec, agencies: Record<WorldAgency, WorldAgencyRow>, label: string) {
    return tokenFor(testApp, {
      role: spec.role,
      username: `${usernamePrefix}${label}-${next()}`,
      ...(spec.role === 'uploader' ? { agencyId: agencies[spec.agency].id } : {}),
      ...(spec.role === 'oversight'
        ? { scopeAgencyIds: spec.scope.map((agency) => agencies[agency].id) }
        : {}),
    });
  }

  /** A report text the real parser reads (a generated one: no corpus needed), unique per call. */
  function reportText(year: number): string {
    const random = new SeededRandom(next() * 7919 + year);
    return renderReportText(
      generateReport(random, {
        year,
        activity: 1 + (next() % 5),
        agencyName: `授权测试单位${run}`,
      }),
    );
  }

  async function upload(user: TestUser, agency: WorldAgencyRow, year: number): Promise<string> {
    const response = await request(server())
      .post('/api/reports')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ agencyId: agency.id, year, text: reportText(year) });
    if (response.status !== 201)
      throw new Error(`upload failed: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { id: string }).id;
  }

  async function submit(user: TestUser, reportId: string): Promise<void> {
    await request(server())
      .post(`/api/reports/${reportId}/submit`)
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);
  }

  // Fresh targets for allowed writes, so that every test stands on its own.
  let freshYear = FIRST_FRESH_YEAR;
  function nextFreshYear(): number {
    if (freshYear >= new Date().getFullYear()) throw new Error('out of report years for A1');
    return (freshYear += 1) - 1;
  }
  const freshDraft = () => upload(world.users.uploaderA1, world.agencies.A1, nextFreshYear());
  async function freshSubmitted(): Promise<string> {
    const id = await freshDraft();
    await submit(world.users.uploaderA1, id);
    return id;
  }
  /** A deadline to remove: A1's override of the write year, set again whenever it was removed. */
  async function freshDeadline(): Promise<string> {
    const response = await request(server())
      .put('/api/deadlines')
      .set('Authorization', `Bearer ${world.users.admin.token}`)
      .send({ year: DEADLINE_WRITE_YEAR, agencyId: world.agencies.A1.id, dueDate: `${DEADLINE_WRITE_YEAR + 1}-03-01` })
      .expect(200);
    return (response.body as { id: string }).id;
  }
  async function freshAccepted(): Promise<string> {
    const id = await freshSubmitted();
    await request(server())
      .post(`/api/reports/${id}/accept`)
      .set('Authorization', `Bearer ${world.users.admin.token}`)
      .expect(200);
    return id;
  }
  /** A metric and direction no rule of A1 has yet (a region has one rule per pair). */
  let alertRules = 0;
  function nextAlertRule(): { metric: string; direction: 'above' | 'below' } {
    const index = alertRules++;
    return { metric: METRICS[index >> 1].key, direction: index % 2 === 0 ? 'above' : 'below' };
  }
  async function freshAlertRule(): Promise<string> {
    const rule = nextAlertRule();
    const [row] = await testApp.dataSource.query<{ id: string }[]>(
      `INSERT INTO alert_rule (region_id, metric, direction, yellow, red)
       VALUES ($1, $2, $3, 50, 50) RETURNING id`,
      [world.agencies.A1.id, rule.metric, rule.direction],
    );
    return row.id;
  }
  let standingRule: Promise<string> | undefined;
  const standingAlertRule = () => (standingRule ??= freshAlertRule());
  const freshLeaf = async () => (await insertAgency(`L${next()}`, world.agencies.A)).id;
  /** A notice of the caller's own (each user has only their own to read). */
  async function freshNotification(caller: CallerName): Promise<string> {
    if (caller === 'anonymous' || caller === 'forged') return '1';
    const [row] = await testApp.dataSource.query<{ id: string }[]>(
      `INSERT INTO notification (recipient_id, kind, report_id, agency_id, year, message)
       VALUES ($1, 'report.returned', $2, $3, $4, '授权测试 通知') RETURNING id`,
      [world.users[caller].id, world.reportA1, world.agencies.A1.id, WORLD_YEAR],
    );
    return String(row?.id);
  }
  /** Another account with the caller's role and scope, for calls that end its sessions. */
  function standIn(caller: CallerName): Promise<TestUser> | undefined {
    if (caller === 'anonymous' || caller === 'forged') return undefined;
    return userFor(USERS[caller], world.agencies, `${caller}-standin`);
  }

  beforeAll(async () => {
    testApp = await bootTestApp();
    const doc = await request(server()).get('/api/docs-json').expect(200);
    documented = documentedRoutes(doc.body as OpenApiDocument);

    const A = await insertAgency('A', null);
    const agencies: Record<WorldAgency, WorldAgencyRow> = {
      A,
      A1: await insertAgency('A1', A),
      A2: await insertAgency('A2', A),
      B: await insertAgency('B', null),
    };
    const leaf = await insertAgency('LEAF', A);
    const users = {} as Record<UserName, TestUser>;
    for (const name of USER_NAMES) users[name] = await userFor(USERS[name], agencies, name);
    const probe = await userFor({ role: 'uploader', agency: 'A2' }, agencies, 'probe');

    const reportA1 = await upload(users.uploaderA1, agencies.A1, WORLD_YEAR);
    await upload(users.uploaderA1, agencies.A1, WORLD_YEAR); // version 2
    const reportB = await upload(users.admin, agencies.B, WORLD_YEAR);
    const submittedA1 = await upload(users.uploaderA1, agencies.A1, WORLD_YEAR + 1);
    await submit(users.uploaderA1, submittedA1);
    for (const [index, agency] of WORLD_AGENCIES.entries()) {
      await request(server())
        .put('/api/deadlines')
        .set('Authorization', `Bearer ${users.admin.token}`)
        .send({
          year: WORLD_YEAR,
          agencyId: agencies[agency].id,
          dueDate: `${WORLD_YEAR + 1}-03-0${index + 1}`,
        })
        .expect(200);
    }
    const importA1 = await request(server())
      .post('/api/imports')
      .set('Authorization', `Bearer ${users.uploaderA1.token}`)
      .attach('file', importZip(agencies.A1.code), 'import.zip')
      .expect(202);
    world = { agencies, leaf, users, probe, reportA1, reportB, submittedA1, importA1: (importA1.body as { id: string }).id };
  });
  afterAll(() => testApp.close());

  // ── explanations and rectification notices ─────────────────────────────────────────────

  /** A1's report on the year before the world's, whose text states a count table 3 does not (a warning). */
  let warningReport: Promise<{ reportId: string; findingKey: string }> | undefined;
  const explanationBody = async () => ({
    ...(await (warningReport ??= uploadWarningReport())),
    text: `授权测试：统计口径调整 ${next()}`,
  });
  async function uploadWarningReport(): Promise<{ reportId: string; findingKey: string }> {
    const year = WORLD_YEAR - 1;
    const text = reportText(year).replace(
      /全年共收到政府信息公开申请(\d+)件/,
      (_, count: string) => `全年共收到政府信息公开申请${Number(count) + 1000}件`,
    );
    const uploaded = await request(server())
      .post('/api/reports')
      .set('Authorization', `Bearer ${world.users.uploaderA1.token}`)
      .send({ agencyId: world.agencies.A1.id, year, text })
      .expect(201);
    const reportId = (uploaded.body as { id: string }).id;
    const listed = await request(server())
      .get('/api/explanations')
      .query({ reportId })
      .set('Authorization', `Bearer ${world.users.admin.token}`)
      .expect(200);
    const warning = (listed.body as { findings: { key: string; explainable: boolean }[] }).findings.find(
      (finding) => finding.explainable,
    );
    if (!warning) throw new Error('the warning report has no warning');
    return { reportId, findingKey: warning.key };
  }
  /** The warning's explanation, written (again) by A1's uploader: pending. */
  async function pendingExplanation(): Promise<string> {
    const response = await request(server())
      .put('/api/explanations')
      .set('Authorization', `Bearer ${world.users.uploaderA1.token}`)
      .send(await explanationBody())
      .expect(200);
    return (response.body as { id: string }).id;
  }
  /** Closes A1's open notices (behind the service's back), so that the warning may be sent again. */
  const releaseWarning = () =>
    testApp.dataSource.query(
      `UPDATE rectification_notice SET status = 'closed', closed_at = now() WHERE agency_id = $1`,
      [world.agencies.A1.id],
    );
  let standing: Promise<string> | undefined;
  const standingNotice = () =>
    (standing ??= (async () => {
      await releaseWarning();
      const { reportId, findingKey } = await explanationBody();
      const response = await request(server())
        .post('/api/rectifications')
        .set('Authorization', `Bearer ${world.users.admin.token}`)
        .send({ dueDate: '2099-12-31', findings: [{ reportId, findingKey }] })
        .expect(201);
      return (response.body as { id: string }[])[0].id;
    })());

  /** A zip for A1 whose one file is no report: an allowed import is queued, then fails, writing nothing. */
  function importZip(agencyCode: string): Buffer {
    return Buffer.from(
      zipSync({
        'r.txt': new TextEncoder().encode(`授权测试 ${next()}：不是年报`),
        'manifest.csv': new TextEncoder().encode(`file,agency_code,year\nr.txt,${agencyCode},${WORLD_YEAR}\n`),
      }),
    );
  }

  /** The caller's own preview of `zip` when the caller may make one (else an id that is nobody's). */
  async function freshPreview(caller: CallerName, allowed: boolean, zip: Buffer): Promise<string> {
    if (!allowed || caller === 'anonymous' || caller === 'forged') return randomUUID();
    const response = await request(server())
      .post('/api/imports/previews')
      .set('Authorization', `Bearer ${world.users[caller].token}`)
      .attach('file', zip, 'import.zip')
      .expect(201);
    return (response.body as { id: string }).id;
  }

  // ── the requests ──────────────────────────────────────────────────────────────────────────

  const REQUESTS: Record<MatrixRoute, RequestBuilder> = {
    'GET /api/health': () => ({}),
    'GET /api/system/info': () => ({}),
    'GET /api/rules': () => ({}),
    'POST /api/auth/login': () => ({
      json: { username: world.probe.username, password: world.probe.password },
    }),
    'POST /api/auth/logout': async ({ caller, allowed }) =>
      allowed ? { as: await standIn(caller) } : {},
    'GET /api/auth/me': () => ({}),
    'POST /api/auth/password': async ({ caller, allowed }) => {
      const as = allowed ? await standIn(caller) : undefined;
      return {
        as,
        json: {
          currentPassword: as?.password ?? 'not-the-password',
          newPassword: `pw-${randomUUID()}`,
        },
      };
    },
    'GET /api/users': () => ({}),
    'POST /api/users': () => ({
      json: {
        username: `${usernamePrefix}created-${next()}`,
        displayName: '授权测试 新账号',
        password: `pw-${randomUUID()}`,
        role: 'oversight',
        scopeAgencyIds: [world.agencies.A.id],
      },
    }),
    'GET /api/users/{id}': () => ({ params: { id: world.users.uploaderA1.id } }),
    'PATCH /api/users/{id}': () => ({
      params: { id: world.probe.id },
      json: { displayName: `授权测试 探针 ${next()}` },
    }),
    'GET /api/audit': () => ({ query: { limit: 1 } }),
    'GET /api/explanations': () => ({ query: { reportId: world.reportA1 } }),
    'PUT /api/explanations': async () => ({ json: await explanationBody() }),
    'GET /api/explanations/summary': () => ({ query: { scope: world.agencies.A1.id } }),
    'POST /api/explanations/{id}/decision': async () => ({
      // Rejected, so that the next allowed caller finds it pending again once rewritten.
      params: { id: await pendingExplanation() },
      json: { accept: false, reason: '授权测试：理由不足' },
    }),
    'GET /api/rectifications': () => ({ query: { scope: world.agencies.A1.id } }),
    'POST /api/rectifications': async ({ allowed }) => {
      if (allowed) await releaseWarning();
      const { reportId, findingKey } = await explanationBody();
      return { json: { dueDate: '2099-12-31', findings: [{ reportId, findingKey }] } };
    },
    'GET /api/rectifications/export': () => ({
      query: { scope: world.agencies.A1.id, format: 'xlsx' },
    }),
    'GET /api/rectifications/{id}': async () => ({ params: { id: await standingNotice() } }),
    'GET /api/agencies': () => ({}),
    'POST /api/agencies': () => ({
      json: {
        code: `${codePrefix}-NEW${next()}`,
        name: `新单位 ${next()}`,
        level: 'county',
        kind: 'department',
        parentId: world.agencies.A.id,
      },
    }),
    'GET /api/agencies/tree': () => ({}),
    'GET /api/agencies/export': () => ({ query: { format: 'csv' } }),
    'POST /api/agencies/import': () => ({
      upload: {
        field: 'file',
        fileName: 'agencies.csv',
        content: Buffer.from(
          `code,name,level,kind,parent_code\n${codePrefix}-IMP${next()},导入单位 ${next()},county,department,${world.agencies.A.code}\n`,
        ),
      },
    }),
    'GET /api/agencies/{id}': () => ({ params: { id: world.agencies.A1.id } }),
    'PATCH /api/agencies/{id}': async ({ allowed }) => ({
      params: { id: allowed ? await freshLeaf() : world.leaf.id },
      json: { name: `改名 ${next()}` },
    }),
    'DELETE /api/agencies/{id}': async ({ allowed }) => ({
      params: { id: allowed ? await freshLeaf() : world.leaf.id },
    }),
    'POST /api/reports': ({ allowed }) => {
      // Refused callers aim at R's year: got through, they would add a version to R.
      const year = allowed ? nextFreshYear() : WORLD_YEAR;
      return { json: { agencyId: world.agencies.A1.id, year, text: reportText(year) } };
    },
    'GET /api/reports': () => ({ query: { agencyId: world.agencies.A1.id } }),
    'POST /api/reports/preview': () => ({
      json: { agencyId: world.agencies.A1.id, year: WORLD_YEAR, text: reportText(WORLD_YEAR) },
    }),
    'GET /api/reports/{id}': () => ({ params: { id: world.reportA1 } }),
    'GET /api/reports/{id}/versions/{version}': () => ({
      params: { id: world.reportA1, version: 2 },
    }),
    'GET /api/reports/{id}/versions/{version}/original': () => ({
      params: { id: world.reportA1, version: 1 },
    }),
    'GET /api/reports/{id}/diff': () => ({
      params: { id: world.reportA1 },
      query: { from: 1, to: 2 },
    }),
    'GET /api/reports/{id}/history': () => ({ params: { id: world.reportA1 } }),
    'GET /api/reports/{id}/copies': () => ({ params: { id: world.reportA1 } }),
    'GET /api/reports/copies': () => ({ query: { scope: world.agencies.A1.id, year: WORLD_YEAR } }),
    'PATCH /api/reports/{id}/cells': async ({ allowed }) => ({
      params: { id: allowed ? await freshDraft() : world.reportA1 },
      json: {
        reason: '与原件核对，表三新收申请数录入有误',
        changes: [{ address: 'applications.newReceived.total', value: 1000 + next() }],
      },
    }),
    'POST /api/reports/{id}/submit': async ({ allowed }) => ({
      params: { id: allowed ? await freshDraft() : world.reportA1 },
    }),
    'POST /api/reports/{id}/accept': async ({ allowed }) => ({
      params: { id: allowed ? await freshSubmitted() : world.submittedA1 },
    }),
    'POST /api/reports/{id}/return': async ({ allowed }) => ({
      params: { id: allowed ? await freshSubmitted() : world.submittedA1 },
      json: { comment: '表三结转数与上年报告不一致，请核对后重新报送' },
    }),
    'POST /api/reports/{id}/reopen': async ({ allowed }) => ({
      params: { id: allowed ? await freshAccepted() : world.submittedA1 },
      json: { reason: '发现表四数据录入错误，需要更正' },
    }),
    'GET /api/deadlines': () => ({
      query: { year: WORLD_YEAR, agencyId: world.agencies.A1.id },
    }),
    'POST /api/imports': () => ({
      upload: { field: 'file', fileName: 'import.zip', content: importZip(world.agencies.A1.code) },
    }),
    'GET /api/imports': () => ({}),
    'POST /api/imports/previews': () => ({
      upload: { field: 'file', fileName: 'import.zip', content: importZip(world.agencies.A1.code) },
    }),
    'POST /api/imports/previews/{id}/confirm': async ({ caller, allowed }) => {
      const content = importZip(world.agencies.A1.code);
      return {
        params: { id: await freshPreview(caller, allowed, content) },
        upload: { field: 'file', fileName: 'import.zip', content },
      };
    },
    'GET /api/analytics/metrics': () => ({}),
    'GET /api/analytics/overview': () => ({ query: { scope: world.agencies.A1.id, year: WORLD_YEAR } }),
    'GET /api/analytics/overview/export': () => ({ query: { ...{ scope: world.agencies.A1.id, year: WORLD_YEAR }, format: 'csv' } }),
    'GET /api/analytics/trend': () => ({ query: { scope: world.agencies.A1.id, fromYear: WORLD_YEAR - 1, toYear: WORLD_YEAR, metrics: 'applicationsNew,disclosureRate' } }),
    'GET /api/analytics/trend/export': () => ({ query: { ...{ scope: world.agencies.A1.id, fromYear: WORLD_YEAR - 1, toYear: WORLD_YEAR, metrics: 'applicationsNew,disclosureRate' }, format: 'csv' } }),
    'GET /api/analytics/compare': () => ({ query: { scope: world.agencies.A1.id, year: WORLD_YEAR, metric: 'applicationsNew', by: 'agency' } }),
    'GET /api/analytics/compare/export': () => ({ query: { ...{ scope: world.agencies.A1.id, year: WORLD_YEAR, metric: 'applicationsNew', by: 'agency' }, format: 'csv' } }),
    'GET /api/analytics/yoy': () => ({ query: { scope: world.agencies.A1.id, year: WORLD_YEAR } }),
    'GET /api/analytics/yoy/export': () => ({ query: { ...{ scope: world.agencies.A1.id, year: WORLD_YEAR }, format: 'csv' } }),
    'GET /api/analytics/breakdown': () => ({ query: { scope: world.agencies.A1.id, year: WORLD_YEAR } }),
    'GET /api/analytics/breakdown/export': () => ({ query: { ...{ scope: world.agencies.A1.id, year: WORLD_YEAR }, format: 'csv' } }),
    'GET /api/analytics/compliance': () => ({ query: { scope: world.agencies.A1.id, fromYear: WORLD_YEAR - 1, toYear: WORLD_YEAR } }),
    'GET /api/analytics/compliance/export': () => ({ query: { ...{ scope: world.agencies.A1.id, fromYear: WORLD_YEAR - 1, toYear: WORLD_YEAR }, format: 'csv' } }),
    'GET /api/analytics/quality': () => ({ query: { scope: world.agencies.A1.id, year: WORLD_YEAR } }),
    'GET /api/analytics/quality/export': () => ({ query: { ...{ scope: world.agencies.A1.id, year: WORLD_YEAR }, format: 'csv' } }),
    'GET /api/analytics/rollup': () => ({ query: { scope: world.agencies.A1.id, year: WORLD_YEAR } }),
    'GET /api/analytics/rollup/export': () => ({ query: { ...{ scope: world.agencies.A1.id, year: WORLD_YEAR }, format: 'xlsx' } }),
    'GET /api/bulletins/{year}': () => ({ params: { year: WORLD_YEAR }, query: { scope: world.agencies.A1.id, format: 'xlsx' } }),
    'GET /api/imports/{id}': () => ({ params: { id: world.importA1 } }),
    'GET /api/notifications': () => ({ query: { unread: 'true', limit: 5 } }),
    'POST /api/notifications/{id}/read': async ({ caller }) => ({
      params: { id: await freshNotification(caller) },
    }),
    'POST /api/notifications/read-all': () => ({}),
    'GET /api/alerts': () => ({ query: { scope: world.agencies.A1.id, year: WORLD_YEAR } }),
    'GET /api/alerts/rules': () => ({}),
    'GET /api/alerts/rules/changes': () => ({}),
    'POST /api/alerts/rules': () => {
      const rule = nextAlertRule();
      const bounds = rule.direction === 'above' ? { yellow: 10, red: 15 } : { yellow: 15, red: 10 };
      return { json: { regionId: world.agencies.A1.id, ...rule, ...bounds, minSample: 30 } };
    },
    'PATCH /api/alerts/rules/{id}': async ({ allowed }) => ({
      params: { id: allowed ? await freshAlertRule() : await standingAlertRule() },
      json: { minSample: next() },
    }),
    'DELETE /api/alerts/rules/{id}': async ({ allowed }) => ({
      params: { id: allowed ? await freshAlertRule() : await standingAlertRule() },
    }),
    'DELETE /api/deadlines/{id}': async () => ({ params: { id: await freshDeadline() } }),
    'PUT /api/deadlines': () => ({
      json: {
        year: DEADLINE_WRITE_YEAR,
        agencyId: world.agencies.A2.id,
        dueDate: `${DEADLINE_WRITE_YEAR + 1}-02-${String((next() % 28) + 1).padStart(2, '0')}`,
      },
    }),
  };

  // ── calling ───────────────────────────────────────────────────────────────────────────────

  function tokenOf(caller: CallerName, call: RouteCall): string | undefined {
    if (caller === 'anonymous') return undefined;
    if (caller === 'forged') return `forged.${run}.token`;
    return (call.as ?? world.users[caller]).token;
  }

  function send(route: RouteKey, call: RouteCall, token: string | undefined): Test {
    const url = fillPath(pathOf(route), call.params);
    const agent = request(server());
    const methods = {
      GET: () => agent.get(url),
      POST: () => agent.post(url),
      PUT: () => agent.put(url),
      PATCH: () => agent.patch(url),
      DELETE: () => agent.delete(url),
    } as const;
    let test = methods[methodOf(route)]();
    if (token !== undefined) test = test.set('Authorization', `Bearer ${token}`);
    if (call.query) test = test.query(call.query);
    if (call.upload)
      test = test.attach(call.upload.field, call.upload.content, call.upload.fileName);
    else if (call.json) test = test.send(call.json);
    return test;
  }

  const snapshot = () =>
    snapshotWorld(testApp.dataSource, {
      rootPaths: [world.agencies.A.path, world.agencies.B.path],
      usernamePrefix,
    });

  /** What the answer says, in the terms of the matrix (so a failure shows what came back). */
  function outcomeOf(
    response: Response,
    expectation: Expectation,
    successStatuses: readonly number[],
  ) {
    if (expectation.kind === 'allowed') {
      const ok = successStatuses.length > 0 ? successStatuses : [200, 201, 204];
      return ok.includes(response.status)
        ? 'allowed'
        : `${response.status} ${codeOf(response) ?? ''} ${JSON.stringify(response.body).slice(0, 300)}`;
    }
    return `${response.status} ${codeOf(response) ?? '(no code)'}`;
  }

  // ── the tests ─────────────────────────────────────────────────────────────────────────────

  it('knows every route the OpenAPI document lists, and lists none that is gone', () => {
    const keys = documented.map((route) => route.key);
    expect({
      unknownToTheMatrix: keys.filter((key) => !isMatrixRoute(key)).sort(),
      goneFromTheApi: MATRIX_ROUTES.filter((key) => !keys.includes(key)),
    }).toEqual({ unknownToTheMatrix: [], goneFromTheApi: [] });
  });

  it('finds every route the server answers in the OpenAPI document (none is hidden from it)', () => {
    const keys = new Set<string>(documented.map((route) => route.key));
    expect(registeredRoutes(testApp.app).filter((key) => !keys.has(key))).toEqual([]);
  });

  it('refuses a caller without a token on every documented route that is not public', async () => {
    // A safety net that needs no matrix line: it covers routes added since, too.
    const unguarded: string[] = [];
    for (const route of documented) {
      if (isMatrixRoute(route.key) && MATRIX[route.key].who === PUBLIC) continue;
      const params = Object.fromEntries(
        [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name ?? '', randomUUID()]),
      );
      const response = await send(route.key, { params }, undefined);
      if (response.status !== 401 || codeOf(response) !== 'UNAUTHENTICATED')
        unguarded.push(`${route.key}: ${response.status} ${codeOf(response) ?? ''}`);
      else expect(errorShapeProblems(response)).toEqual([]);
    }
    expect(unguarded).toEqual([]);
  });

  it('documents a bearer token on exactly the routes that are not public', () => {
    const wrong = documented
      .filter((route) => isMatrixRoute(route.key))
      .filter((route) => route.bearer !== (MATRIX[route.key as MatrixRoute].who !== PUBLIC))
      .map((route) => `${route.key}: bearer ${route.bearer}`);
    expect(wrong).toEqual([]);
  });

  it('notices every kind of write a refused call could make (the fingerprint is not blind)', async () => {
    const admin = world.users.admin;
    const as = (test: Test) => test.set('Authorization', `Bearer ${admin.token}`);
    const draft = await freshDraft();
    const before = await snapshot();
    await as(request(server()).patch(`/api/users/${world.probe.id}`))
      .send({ displayName: `授权测试 探针 ${next()}` })
      .expect(200);
    await as(request(server()).patch(`/api/agencies/${world.leaf.id}`))
      .send({ name: `改名 ${next()}` })
      .expect(200);
    await as(request(server()).patch(`/api/reports/${draft}/cells`))
      .send({
        reason: '核对',
        changes: [{ address: 'applications.newReceived.total', value: 999 }],
      })
      .expect(200);
    await as(request(server()).put('/api/deadlines'))
      .send({
        year: DEADLINE_WRITE_YEAR,
        agencyId: world.agencies.A.id,
        dueDate: `${DEADLINE_WRITE_YEAR + 1}-04-01`,
      })
      .expect(200);
    const after = await snapshot();
    const changed = Object.keys(before).filter((key) => before[key] !== after[key]);
    expect(changed.sort()).toEqual([
      'agency_rows',
      'audit_entries',
      'deadline_rows',
      'report_cells',
      'report_corrections',
      'report_deadlines',
      'report_events',
      'report_rows',
      'user_rows',
      'version_rows',
    ]);
  });

  describe.each(MATRIX_ROUTES)('%s', (route) => {
    const rule: RouteRule<WorldAgency> = MATRIX[route];
    for (const callerName of CALLER_NAMES) {
      const expectation = expectationFor(rule, callerOf(callerName));
      const bug = KNOWN_BUGS[route]?.[callerName];
      const title = `${callerName} → ${describeExpectation(expectation)} (${describeAccess(rule)})`;
      const test = bug ? it.failing : it;
      test(bug ? `${title} — KNOWN BUG: ${bug}` : title, async () => {
        const allowed = expectation.kind === 'allowed';
        const call = await REQUESTS[route]({ caller: callerName, allowed });
        const write = methodOf(route) !== 'GET';
        const before = !allowed && write ? await snapshot() : undefined;

        const response = await send(route, call, tokenOf(callerName, call));

        const successStatuses =
          documented.find((documentedRoute) => documentedRoute.key === route)?.successStatuses ??
          [];
        expect(outcomeOf(response, expectation, successStatuses)).toBe(
          describeExpectation(expectation),
        );
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(errorShapeProblems(response)).toEqual([]);
        // A refused write leaves every row of the world as it was.
        if (before) expect(await snapshot()).toEqual(before);
      });
    }
  });

  describe('lists hold only what the caller may see', () => {
    interface Listing {
      /** The world agencies whose items could be in the list. */
      readonly candidates: readonly WorldAgency[];
      readonly call: () => RouteCall;
      /** The world agencies whose items the answer holds. */
      readonly shown: (response: Response) => WorldAgency[];
    }

    const agencyById = (id: string): WorldAgency[] =>
      WORLD_AGENCIES.filter((agency) => world.agencies[agency].id === id);
    const byIds = (ids: readonly string[]) => ids.flatMap(agencyById);
    interface TreeNode {
      readonly id: string;
      readonly children: readonly TreeNode[];
    }
    const flatten = (nodes: readonly TreeNode[]): string[] =>
      nodes.flatMap((node) => [node.id, ...flatten(node.children)]);

    const LISTINGS: Record<ListedRoute, Listing> = {
      'GET /api/agencies': {
        candidates: WORLD_AGENCIES,
        call: () => ({}),
        shown: (response) => byIds((response.body as { id: string }[]).map((agency) => agency.id)),
      },
      'GET /api/agencies/tree': {
        candidates: WORLD_AGENCIES,
        call: () => ({}),
        shown: (response) => byIds(flatten(response.body as TreeNode[])),
      },
      'GET /api/agencies/export': {
        candidates: WORLD_AGENCIES,
        call: () => ({ query: { format: 'csv' } }),
        shown: (response) => {
          const rows = parseCsv(response.text, { bom: true, from_line: 2 }) as string[][];
          const codes = rows.map((row) => row[0] ?? '');
          return WORLD_AGENCIES.filter((agency) => codes.includes(world.agencies[agency].code));
        },
      },
      'GET /api/reports': {
        candidates: ['A1', 'B'],
        call: () => ({ query: { year: WORLD_YEAR, pageSize: 100 } }),
        shown: (response) => {
          const ids = (response.body as { items: { id: string }[] }).items.map((item) => item.id);
          return [
            ...(ids.includes(world.reportA1) ? (['A1'] as const) : []),
            ...(ids.includes(world.reportB) ? (['B'] as const) : []),
          ];
        },
      },
      'GET /api/imports': {
        candidates: ['A1'],
        call: () => ({ query: { pageSize: 100 } }),
        shown: (response) =>
          (response.body as { items: { id: string }[] }).items.some((job) => job.id === world.importA1)
            ? ['A1']
            : [],
      },
      'GET /api/deadlines': {
        candidates: WORLD_AGENCIES,
        call: () => ({ query: { year: WORLD_YEAR } }),
        shown: (response) =>
          byIds(
            (response.body as { deadlines: { agencyId: string | null }[] }).deadlines.flatMap(
              (deadline) => (deadline.agencyId ? [deadline.agencyId] : []),
            ),
          ),
      },
    };

    const listedRoutes = MATRIX_ROUTES.filter((route): route is ListedRoute => route in LISTINGS);
    describe.each(listedRoutes)('%s', (route) => {
      const listing = LISTINGS[route];
      // Every role the route admits; the list call names no agency, so scope only filters.
      const callers = USER_NAMES.filter(
        (name) => expectationFor({ who: MATRIX[route].who }, callerOf(name)).kind === 'allowed',
      );
      it.each(callers)('%s', async (name) => {
        const user: UserSpec = USERS[name];
        const call = listing.call();
        const response = await send(route, call, tokenOf(name, call)).expect(200);
        expect(listing.shown(response).sort()).toEqual(
          listing.candidates.filter((agency) => sees(user, agency)).sort(),
        );
      });
    });
  });
});
