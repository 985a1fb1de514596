import request from 'supertest';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from '../src/modules/auth/auth.service';
import { adminToken, createTestAgency, login, tokenFor } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';

describe('authentication and accounts (real PostgreSQL)', () => {
  let testApp: TestApp;
  const server = () => testApp.app.getHttpServer();
  const auditCount = async (action: string, targetId: string) =>
    Number(
      (
        await testApp.dataSource.query<{ n: string }[]>(
          'SELECT count(*) AS n FROM audit_log WHERE action = $1 AND target_id = $2',
          [action, targetId],
        )
      )[0]?.n,
    );

  beforeAll(async () => {
    testApp = await bootTestApp();
  });
  afterAll(() => testApp.close());

  it('has a first admin and logs it in, recording the login', async () => {
    const response = await request(server())
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'atlas-demo' })
      .expect(200);
    expect(response.body).toMatchObject({
      accessToken: expect.any(String),
      user: { username: 'admin', role: 'admin' },
    });
    const [row] = await testApp.dataSource.query<{ last_login_at: Date | null; id: string }[]>(
      "SELECT id, last_login_at FROM app_user WHERE username = 'admin'",
    );
    expect(row?.last_login_at).not.toBeNull();
    expect(await auditCount('auth.login', row?.id ?? '')).toBeGreaterThan(0);
  });

  it('refuses requests without a valid token', async () => {
    await request(server()).get('/api/auth/me').expect(401);
    const bad = await request(server())
      .get('/api/auth/me')
      .set('Authorization', 'Bearer nonsense')
      .expect(401);
    expect(bad.body).toEqual({
      statusCode: 401,
      code: 'INVALID_TOKEN',
      message: '登录已失效，请重新登录',
    });
  });

  it('says only "wrong user name or password", and locks after repeated failures', async () => {
    const user = await tokenFor(testApp, { role: 'admin' });
    const unknown = await request(server())
      .post('/api/auth/login')
      .send({ username: 'nobody-here', password: 'x' })
      .expect(401);
    const wrong = await request(server())
      .post('/api/auth/login')
      .send({ username: user.username, password: 'wrong' })
      .expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');

    for (let attempt = 2; attempt <= MAX_FAILED_LOGINS; attempt++) {
      await request(server())
        .post('/api/auth/login')
        .send({ username: user.username, password: 'wrong' })
        .expect(401);
    }
    const locked = await request(server())
      .post('/api/auth/login')
      .send({ username: user.username, password: user.password })
      .expect(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    const [row] = await testApp.dataSource.query<{ locked_until: Date }[]>(
      'SELECT locked_until FROM app_user WHERE id = $1',
      [user.id],
    );
    expect(row?.locked_until.getTime()).toBeGreaterThan(
      Date.now() + (LOCKOUT_MINUTES - 1) * 60_000,
    );
    expect(await auditCount('auth.locked', user.id)).toBe(1);
  });

  it('logs out every session', async () => {
    const user = await tokenFor(testApp, { role: 'admin' });
    await request(server())
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);
    await request(server())
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(204);
    await request(server())
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(401);
  });

  it('changes a password: the old token and password stop working', async () => {
    const user = await tokenFor(testApp, { role: 'admin' });
    const auth = { Authorization: `Bearer ${user.token}` };
    const refused = await request(server())
      .post('/api/auth/password')
      .set(auth)
      .send({ currentPassword: 'nope', newPassword: 'new-secret-1' })
      .expect(422);
    expect(refused.body.code).toBe('WRONG_PASSWORD');
    const changed = await request(server())
      .post('/api/auth/password')
      .set(auth)
      .send({ currentPassword: user.password, newPassword: 'new-secret-1' })
      .expect(200);
    await request(server()).get('/api/auth/me').set(auth).expect(401);
    await request(server())
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${changed.body.accessToken}`)
      .expect(200);
    await expect(login(testApp, user.username, user.password)).rejects.toThrow('401');
    expect(await login(testApp, user.username, 'new-secret-1')).toEqual(expect.any(String));
  });

  it('lets only admins manage accounts, with the rules of each role', async () => {
    const agencyId = await createTestAgency(testApp);
    const admin = { Authorization: `Bearer ${await adminToken(testApp)}` };
    const uploader = await tokenFor(testApp, { role: 'uploader', agencyId });
    await request(server())
      .get('/api/users')
      .set('Authorization', `Bearer ${uploader.token}`)
      .expect(403);

    const noAgency = await request(server())
      .post('/api/users')
      .set(admin)
      .send({ username: 'up-1', displayName: '填报', password: 'password-1', role: 'uploader' })
      .expect(422);
    expect(noAgency.body.code).toBe('UPLOADER_NEEDS_AGENCY');
    const unknownAgency = await request(server())
      .post('/api/users')
      .set(admin)
      .send({
        username: 'up-2',
        displayName: '填报',
        password: 'password-1',
        role: 'uploader',
        agencyId: '00000000-0000-4000-8000-000000000000',
      })
      .expect(422);
    expect(unknownAgency.body.code).toBe('AGENCY_NOT_FOUND');

    const created = await request(server())
      .post('/api/users')
      .set(admin)
      .send({
        username: 'Oversight-1',
        displayName: '监督',
        password: 'password-1',
        role: 'oversight',
        scopeAgencyIds: [agencyId],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      username: 'Oversight-1',
      role: 'oversight',
      agencyId: null,
      scopeAgencyIds: [agencyId],
    });
    const scopes = await testApp.dataSource.query(
      'SELECT agency_id FROM user_scope WHERE user_id = $1',
      [created.body.id],
    );
    expect(scopes).toEqual([{ agency_id: agencyId }]);
    const duplicate = await request(server())
      .post('/api/users')
      .set(admin)
      .send({ username: 'oversight-1', displayName: 'x', password: 'password-1', role: 'admin' })
      .expect(409);
    expect(duplicate.body.code).toBe('USERNAME_TAKEN');
    expect(await auditCount('user.create', created.body.id)).toBe(1);

    // Disabling ends the user's sessions at once.
    const token = await login(testApp, 'oversight-1', 'password-1');
    await request(server())
      .patch(`/api/users/${created.body.id}`)
      .set(admin)
      .send({ disabled: true })
      .expect(200);
    await request(server()).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('makes an account an admin created, or whose password an admin reset, choose its own first', async () => {
    const admin = { Authorization: `Bearer ${await adminToken(testApp)}` };
    const created = await request(server())
      .post('/api/users')
      .set(admin)
      .send({
        username: 'first-login-1',
        displayName: '首次登录',
        password: 'chosen-by-admin',
        role: 'oversight',
        scopeAgencyIds: [await createTestAgency(testApp)],
      })
      .expect(201);
    expect(created.body.mustChangePassword).toBe(true);
    const first = await login(testApp, 'first-login-1', 'chosen-by-admin');
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });

    // Who am I says why; everything else is refused until the password is the user's own.
    const me = await request(server()).get('/api/auth/me').set(as(first)).expect(200);
    expect(me.body.mustChangePassword).toBe(true);
    const refused = await request(server()).get('/api/reports').set(as(first)).expect(403);
    expect(refused.body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: expect.stringContaining('初始密码') });

    const changed = await request(server())
      .post('/api/auth/password')
      .set(as(first))
      .send({ currentPassword: 'chosen-by-admin', newPassword: 'my-own-secret-1' })
      .expect(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    await request(server()).get('/api/reports').set(as(changed.body.accessToken)).expect(200);
    const stored = async () =>
      (await testApp.dataSource.query<{ must_change_password: boolean }[]>(
        'SELECT must_change_password FROM app_user WHERE id = $1',
        [created.body.id],
      ))[0]?.must_change_password;
    expect(await stored()).toBe(false);

    // A reset by an admin asks again.
    await request(server()).patch(`/api/users/${created.body.id}`).set(admin).send({ password: 'reset-by-admin' }).expect(200);
    expect(await stored()).toBe(true);
  });

  it('refuses a common password or one made of the user name, with the reason, wherever one is chosen', async () => {
    const admin = { Authorization: `Bearer ${await adminToken(testApp)}` };
    const scopeAgencyIds = [await createTestAgency(testApp)];
    const weakAnswer = (message: RegExp) => ({ statusCode: 422, code: 'PASSWORD_TOO_WEAK', message: expect.stringMatching(message) });
    const account = (username: string, password: string) =>
      request(server()).post('/api/users').set(admin).send({ username, displayName: '弱口令', password, role: 'oversight', scopeAgencyIds });
    const count = async (username: string) =>
      Number((await testApp.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM app_user WHERE username = $1', [username]))[0]?.n);

    // An admin creating an account.
    expect((await account('weak-1', '12345678').expect(422)).body).toEqual(weakAnswer(/常见/));
    expect((await account('zhangsan-ops', 'ZhangSan-Ops2024').expect(422)).body).toEqual(weakAnswer(/用户名/));
    expect(await count('weak-1')).toBe(0);
    expect(await count('zhangsan-ops')).toBe(0);

    // An admin resetting a password, and the user's own first choice after it.
    const created = await account('policy-1', 'chosen-by-admin').expect(201);
    const reset = await request(server()).patch(`/api/users/${created.body.id}`).set(admin).send({ password: 'password' }).expect(422);
    expect(reset.body).toEqual(weakAnswer(/常见/));
    const first = { Authorization: `Bearer ${await login(testApp, 'policy-1', 'chosen-by-admin')}` };
    for (const [newPassword, reason] of [['qwertyuiop', /常见/], ['policy-1-secret', /用户名/], ['POLICY-1', /用户名/]] as const) {
      const refused = await request(server()).post('/api/auth/password').set(first).send({ currentPassword: 'chosen-by-admin', newPassword }).expect(422);
      expect(refused.body).toEqual(weakAnswer(reason));
    }
    // Nothing changed: the admin's password still signs in, and a password of one's own is taken.
    await request(server()).post('/api/auth/password').set(first).send({ currentPassword: 'chosen-by-admin', newPassword: 'river-lantern-1987' }).expect(200);
  });

  it('marks every answer that carries a token Cache-Control: no-store', async () => {
    const user = await tokenFor(testApp, { role: 'admin' });
    const signedIn = await request(server()).post('/api/auth/login').send({ username: user.username, password: user.password }).expect(200);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    const changed = await request(server())
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ currentPassword: user.password, newPassword: 'river-lantern-1988' })
      .expect(200);
    expect(changed.body.accessToken).toEqual(expect.any(String));
    expect(changed.headers['cache-control']).toBe('no-store');
  });

  it('never leaves the system without an active admin', async () => {
    const admin = { Authorization: `Bearer ${await adminToken(testApp)}` };
    const others = await testApp.dataSource.query<{ id: string }[]>(
      "SELECT id FROM app_user WHERE role = 'admin' AND NOT disabled AND username <> 'admin'",
    );
    const ids = others.map((other) => other.id);
    await testApp.dataSource.query('UPDATE app_user SET disabled = true WHERE id = ANY($1)', [ids]);
    try {
      const [self] = await testApp.dataSource.query<{ id: string }[]>(
        "SELECT id FROM app_user WHERE username = 'admin'",
      );
      const refused = await request(server())
        .patch(`/api/users/${self?.id}`)
        .set(admin)
        .send({ role: 'oversight', scopeAgencyIds: [await createTestAgency(testApp)] })
        .expect(409);
      expect(refused.body.code).toBe('LAST_ADMIN');
      const [row] = await testApp.dataSource.query<{ role: string }[]>(
        'SELECT role FROM app_user WHERE id = $1',
        [self?.id],
      );
      expect(row?.role).toBe('admin');
    } finally {
      await testApp.dataSource.query('UPDATE app_user SET disabled = false WHERE id = ANY($1)', [
        ids,
      ]);
    }
  });

  it('shows the audit log to admins only', async () => {
    const admin = { Authorization: `Bearer ${await adminToken(testApp)}` };
    const page = await request(server())
      .get('/api/audit?action=auth.&limit=5')
      .set(admin)
      .expect(200);
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(
      page.body.items.every((entry: { action: string }) => entry.action.startsWith('auth.')),
    ).toBe(true);
    const oversight = await tokenFor(testApp, {
      role: 'oversight',
      scopeAgencyIds: [await createTestAgency(testApp)],
    });
    await request(server())
      .get('/api/audit')
      .set('Authorization', `Bearer ${oversight.token}`)
      .expect(403);
  });
});
