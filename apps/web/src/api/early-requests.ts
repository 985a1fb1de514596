/*
 * GET requests the app is sure to make at start-up, sent by the early entry (`src/early-page.ts`)
 * while the app's own code still downloads, instead of after it has run. The API client
 * (`request.ts`) takes such an answer once, for the same address and token, in place of asking
 * again. Free of imports: the early entry must stay a few hundred bytes.
 */

interface EarlyRequest {
  token: string;
  response: Promise<Response>;
}

const started = new Map<string, EarlyRequest>();

/** The address of the stored session's user (`GET /api/auth/me`), checked before any page shows. */
export const SESSION_USER_URL = '/api/auth/me';

/** Sends `GET url` with the bearer token now; its answer waits for `takeEarlyResponse`. */
export function startEarlyRequest(url: string, token: string): void {
  if (started.has(url)) return;
  const response = fetch(url, {
    headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
  });
  // A failure is the taker's to handle; until taken it must not count as unhandled.
  response.catch(() => undefined);
  started.set(url, { token, response });
}

/**
 * The answer to an early `GET url` sent with `token`, or undefined (none started, another token,
 * already taken). Each answer is taken once: asking again later sends a new request.
 */
export function takeEarlyResponse(url: string, token: string | null): Promise<Response> | undefined {
  const early = started.get(url);
  if (!early) return undefined;
  started.delete(url);
  return early.token === token ? early.response : undefined;
}
