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

/** An agency and an uploader account for it, created by the admin of a fresh database. */
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
  });
  const user = await apiRequest<{ id: string }>(baseUrl, adminToken, 'POST', '/users', {
    ...uploader,
    role: 'uploader',
    agencyId: created.id,
  });
  return { agencyId: created.id, userId: user.id };
}
