/**
 * API calls the upload test uses to set up data and to check what was stored (signing in is in
 * session.ts).
 */

export async function apiRequest<T>(
  baseUrl: string,
  token: string,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * An account as its user has it after the first sign-in: the admin creates it with a password
 * of its own choosing, the user replaces it (the API refuses everything else until then) with
 * `account.password`.
 */
export async function createAccount(
  baseUrl: string,
  adminToken: string,
  account: { username: string; password: string; displayName: string; role: string } & Record<string, unknown>,
): Promise<{ id: string }> {
  const initial = `initial-${account.password}`;
  const user = await apiRequest<{ id: string }>(baseUrl, adminToken, 'POST', '/users', { ...account, password: initial });
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: initial }),
  });
  if (!login.ok) throw new Error(`sign-in of ${account.username}: HTTP ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  await apiRequest(baseUrl, accessToken, 'POST', '/auth/password', {
    currentPassword: initial,
    newPassword: account.password,
  });
  return user;
}

/** An agency (with reports of past years: 起始年度 不限) and an uploader account for it. */
export async function createAgencyWithUploader(
  baseUrl: string,
  adminToken: string,
  agency: { code: string; name: string },
  uploader: { username: string; password: string; displayName: string },
): Promise<{ agencyId: string; userId: string }> {
  const created = await apiRequest<{ id: string }>(baseUrl, adminToken, 'POST', '/agencies', {
    code: agency.code,
    name: agency.name,
    level: 'county',
    kind: 'department',
    activeFromYear: null,
  });
  const user = await createAccount(baseUrl, adminToken, { ...uploader, role: 'uploader', agencyId: created.id });
  return { agencyId: created.id, userId: user.id };
}
