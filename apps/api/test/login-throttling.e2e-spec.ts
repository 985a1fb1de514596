import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  MAX_FAILED_LOGINS,
  MAX_FAILED_LOGINS_PER_CLIENT,
} from '../src/modules/auth/throttling/login-attempts';
import {
  IMPORTS_PER_ACCOUNT,
  UPLOADS_PER_ACCOUNT,
} from '../src/modules/auth/throttling/rate-limits';
import { createTestAgency, tokenFor } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';
import { createSeparateDatabase } from './support/test-database';

/**
 * Attacks on sign-in and uploads. Each test speaks from client addresses of its own (the app
 * trusts X-Forwarded-For from a proxy on loopback: ATLAS_TRUST_PROXY), so the limits per
 * address start from zero and other specs' sign-ins from 127.0.0.1 do not count. In a database
 * of its own: the throttle table keeps blocks (the overall sign-in limit, reached here with the
 * production limits, blocks for 5 minutes), and every app on a shared table honours them —
 * specs signing in at the same moment were refused.
 */
/** The production default of ATLAS_LOGIN_PER_CLIENT_PER_MINUTE, which this spec boots with. */
const LOGIN_PER_CLIENT = { limit: 120 } as const;

describe('login throttling and upload rate limits (real PostgreSQL)', () => {
  let testApp: TestApp;
  let database: Awaited<ReturnType<typeof createSeparateDatabase>>;
  const server = () => testApp.app.getHttpServer();
  const newAddress = () => `10.${[...randomBytes(3)].join('.')}`;
  const attempt = (username: string, password: string, address: string, cookie?: string) => {
    const call = request(server()).post('/api/auth/login').set('X-Forwarded-For', address);
    return (cookie ? call.set('Cookie', cookie) : call).send({ username, password });
  };
  /** Passwords actually checked for the account: every check writes one of these audit rows. */
  const checkedPasswords = async (userId: string) =>
    Number(
      (
        await testApp.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM audit_log
           WHERE target_id = $1 AND action IN ('auth.login_failed', 'auth.locked', 'auth.login')`,
          [userId],
        )
      )[0]?.n,
    );

  beforeAll(async () => {
    database = await createSeparateDatabase('atlas_throttle');
    testApp = await bootTestApp(
      {
        ATLAS_TRUST_PROXY: 'loopback',
        // The production limits (each test signs in from addresses of its own).
        ATLAS_LOGIN_PER_CLIENT_PER_MINUTE: String(LOGIN_PER_CLIENT.limit),
        ATLAS_LOGIN_OVERALL_PER_MINUTE: '600',
        ATLAS_UPLOADS_PER_ACCOUNT_PER_MINUTE: String(UPLOADS_PER_ACCOUNT.limit),
        ATLAS_IMPORTS_PER_ACCOUNT_PER_MINUTE: String(IMPORTS_PER_ACCOUNT.limit),
      },
      database.url,
    );
  });
  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('checks at most five of 50 parallel wrong passwords for one account, from 50 addresses', async () => {
    const victim = await tokenFor(testApp, { role: 'admin' });
    const before = await checkedPasswords(victim.id);

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => attempt(victim.username, `guess-${i}`, newAddress())),
    );

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(MAX_FAILED_LOGINS);
    expect(statuses.filter((status) => status === 429)).toHaveLength(50 - MAX_FAILED_LOGINS);
    expect(await checkedPasswords(victim.id)).toBe(before + MAX_FAILED_LOGINS);
    for (const answer of answers.filter((each) => each.status === 429))
      expect(answer.body.code).toBe('ACCOUNT_LOCKED');
    const [row] = await testApp.dataSource.query<{ locked_until: Date | null }[]>(
      'SELECT locked_until FROM app_user WHERE id = $1',
      [victim.id],
    );
    expect(row?.locked_until?.getTime()).toBeGreaterThan(Date.now());
    // The right password from a client the account has never seen is refused as well.
    await attempt(victim.username, victim.password, newAddress()).expect(429);
  });

  it('gives a locked account and a name that does not exist the same answers', async () => {
    const user = await tokenFor(testApp, {
      role: 'uploader',
      agencyId: await createTestAgency(testApp),
    });
    const ghost = `ghost-${randomUUID().slice(0, 8)}`;
    const address = newAddress();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      const known = await attempt(user.username, 'wrong-password', address).expect(401);
      const unknown = await attempt(ghost, 'wrong-password', address).expect(401);
      expect(unknown.body).toEqual(known.body);
    }
    const locked = await attempt(user.username, user.password, address).expect(429);
    const missing = await attempt(ghost, user.password, address).expect(429);
    expect(missing.body).toEqual(locked.body);
    expect(locked.body).toEqual({
      statusCode: 429,
      code: 'ACCOUNT_LOCKED',
      message: expect.stringMatching(/^登录失败次数过多，账号已临时锁定，请 1[45] 分钟后再试$/),
    });
    expect(missing.headers['retry-after']).toBe(locked.headers['retry-after']);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(14 * 60);
    const headerNames = (answer: request.Response) => Object.keys(answer.headers).sort();
    expect(headerNames(missing)).toEqual(headerNames(locked));
  });

  it('lets the owner in from a browser that signed in before, while an attacker keeps the account locked', async () => {
    const admin = await tokenFor(testApp, { role: 'admin' });
    const home = newAddress();
    const signedIn = await attempt(admin.username, admin.password, home).expect(200);
    const setCookie = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []);
    const deviceCookie = setCookie.find((cookie) => cookie.startsWith('atlas_device='));
    expect(deviceCookie).toMatch(/HttpOnly/);
    expect(deviceCookie).toMatch(/SameSite=Strict/);
    expect(deviceCookie).toMatch(/Path=\/api\/auth/);
    const cookie = (deviceCookie ?? '').split(';')[0] ?? '';

    // Anyone can lock the account for unknown clients…
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      await attempt(admin.username, 'guess', newAddress()).expect(401);
    await attempt(admin.username, admin.password, newAddress()).expect(429);
    // …and keep trying, but the owner's browser still gets in with the right password.
    await attempt(admin.username, 'guess', newAddress()).expect(429);
    const owner = await attempt(admin.username, admin.password, home, cookie).expect(200);
    expect(owner.body.user.username).toBe(admin.username);
    // A forged device cookie (another device id, or someone else's signature) is an unknown client.
    const [userId, , mac] = cookie.replace('atlas_device=', '').split('.');
    await attempt(
      admin.username,
      admin.password,
      newAddress(),
      `atlas_device=${userId}.${'0'.repeat(32)}.${mac}`,
    ).expect(429);
    // A stolen cookie does not give unlimited guesses: the device has five of its own.
    const fresh =
      (
        ([] as string[])
          .concat(owner.headers['set-cookie'] ?? [])
          .find((each) => each.startsWith('atlas_device=')) ?? ''
      ).split(';')[0] ?? '';
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      await attempt(admin.username, 'guess', home, fresh).expect(401);
    await attempt(admin.username, admin.password, home, fresh).expect(429);
  });

  it('cuts a password spray from one client short, without touching other clients', async () => {
    const target = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [] });
    const sprayer = newAddress();
    // Four guesses per account never lock an account, so the address must be what stops it.
    let refusedAt: number | null = null;
    for (let i = 0; refusedAt === null && i < MAX_FAILED_LOGINS_PER_CLIENT + 5; i++) {
      const name = `spray-${Math.floor(i / 4)}-${randomUUID().slice(0, 6)}`;
      const answer = await attempt(name, `Summer202${i % 4}`, sprayer);
      if (answer.status === 429) {
        refusedAt = i;
        expect(answer.body).toEqual({
          statusCode: 429,
          code: 'RATE_LIMITED',
          message: expect.stringMatching(/^此地址登录失败次数过多，请 1[45] 分钟后再试$/),
        });
        expect(Number(answer.headers['retry-after'])).toBeGreaterThan(14 * 60);
      } else expect(answer.status).toBe(401);
    }
    expect(refusedAt).toBe(MAX_FAILED_LOGINS_PER_CLIENT);
    // Even the right password of an account waits at that address; elsewhere it is let in.
    await attempt(target.username, target.password, sprayer).expect(429);
    await attempt(target.username, target.password, newAddress()).expect(200);
  });

  it('limits the rate of sign-in requests from one client with @nestjs/throttler (counted in PostgreSQL)', async () => {
    const flooder = newAddress();
    const answers = await Promise.all(
      // Invalid bodies: counted by the limit before validation refuses them (400), no password checked.
      Array.from({ length: LOGIN_PER_CLIENT.limit + 10 }, () =>
        request(server()).post('/api/auth/login').set('X-Forwarded-For', flooder).send({}),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(LOGIN_PER_CLIENT.limit);
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited).toHaveLength(10);
    expect(limited[0]?.body).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^登录请求过于频繁，请/),
    });
    expect(Number(limited[0]?.headers['retry-after'])).toBeGreaterThan(0);
    const [counted] = await testApp.dataSource.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM auth_throttle WHERE blocked_until > now()',
    );
    expect(Number(counted?.n)).toBeGreaterThan(0);
    await request(server())
      .post('/api/auth/login')
      .set('X-Forwarded-For', newAddress())
      .send({})
      .expect(400);
  });

  it('limits report uploads and previews per account: 429 with a Chinese reason and Retry-After', async () => {
    const agencyId = await createTestAgency(testApp);
    const uploader = await tokenFor(testApp, { role: 'uploader', agencyId });
    const other = await tokenFor(testApp, { role: 'uploader', agencyId });
    const preview = (token: string) =>
      request(server())
        .post('/api/reports/preview')
        .set('Authorization', `Bearer ${token}`)
        .send({});
    // Uploads and previews share one count per account (empty bodies: refused with 400 after counting).
    for (let i = 0; i < UPLOADS_PER_ACCOUNT.limit; i++) {
      const call =
        i % 2 === 0
          ? preview(uploader.token)
          : request(server())
              .post('/api/reports')
              .set('Authorization', `Bearer ${uploader.token}`)
              .send({});
      expect((await call).status).toBe(400);
    }
    const limited = await preview(uploader.token).expect(429);
    expect(limited.body).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^上传或预览过于频繁，请 \d+ 秒后再试$/),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await preview(other.token).expect(400);
  });

  it('limits bulk import uploads per account', async () => {
    const admin = await tokenFor(testApp, { role: 'admin' });
    const importPreview = () =>
      request(server()).post('/api/imports/previews').set('Authorization', `Bearer ${admin.token}`);
    for (let i = 0; i < IMPORTS_PER_ACCOUNT.limit; i++)
      expect((await importPreview()).status).toBe(400);
    const limited = await importPreview().expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.body.message).toMatch(/^导入请求过于频繁/);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
