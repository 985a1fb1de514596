import { AgenciesService } from '../../src/modules/agencies/agencies.service';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '../../src/common/auth/auth-user';
import { hashPassword } from '../../src/modules/auth/password';
import { DEMO_ADMIN } from '../../src/modules/auth/users.service';
import type { TestApp } from './test-app';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  token: string;
}

export interface TestUserSpec {
  role: Role;
  /** Uploader: the agency it reports for. */
  agencyId?: string;
  /** Oversight: the roots of its subtrees. */
  scopeAgencyIds?: string[];
  username?: string;
}

/** Logs in through the API and returns the bearer token. */
export async function login(testApp: TestApp, username: string, password: string): Promise<string> {
  const response = await request(testApp.app.getHttpServer())
    .post('/api/auth/login')
    .send({ username, password });
  if (response.status !== 200)
    throw new Error(
      `login as ${username} failed: ${response.status} ${JSON.stringify(response.body)}`,
    );
  return (response.body as { accessToken: string }).accessToken;
}

/** The first admin every installation has (admin / atlas-demo on the embedded test database). */
export function adminToken(testApp: TestApp): Promise<string> {
  return login(testApp, DEMO_ADMIN.username, DEMO_ADMIN.password);
}

/** Creates a user straight in the database (any role and scope) and logs it in. */
export async function tokenFor(testApp: TestApp, spec: TestUserSpec): Promise<TestUser> {
  const username = spec.username ?? `${spec.role}-${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const [row] = await testApp.dataSource.query<{ id: string }[]>(
    `INSERT INTO app_user (username, display_name, password_hash, role, agency_id)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      username,
      `测试 ${username}`,
      await hashPassword(password),
      spec.role,
      spec.role === 'uploader' ? (spec.agencyId ?? null) : null,
    ],
  );
  const id = row?.id ?? '';
  for (const agencyId of spec.role === 'oversight' ? (spec.scopeAgencyIds ?? []) : []) {
    await testApp.dataSource.query('INSERT INTO user_scope (user_id, agency_id) VALUES ($1, $2)', [
      id,
      agencyId,
    ]);
  }
  return { id, username, password, token: await login(testApp, username, password) };
}

/** A root agency made straight in the database, for tests of other contexts. */
export async function createTestAgency(
  testApp: TestApp,
  name = `测试单位 ${randomUUID().slice(0, 6)}`,
): Promise<string> {
  const id = randomUUID();
  await testApp.dataSource.query(
    `INSERT INTO agency (id, code, name, level, kind, parent_id, path, depth)
     VALUES ($1, $2, $3, 'county', 'government', NULL, $4, 0)`,
    [id, `T${id.slice(0, 8)}`, name, id],
  );
  await testApp.app.get(AgenciesService).publishTree();
  return id;
}
