import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetchJson } from '../test/helpers';
import { SESSION_USER_URL, startEarlyRequest, takeEarlyResponse } from './early-requests';
import { ApiError, http, setAuthToken } from './request';

describe('early requests', () => {
  afterEach(() => {
    takeEarlyResponse(SESSION_USER_URL, null);
    setAuthToken(null);
    vi.unstubAllGlobals();
  });

  it('sends the request at once, with the token', () => {
    const fetchMock = stubFetchJson({ id: 'u1' });
    startEarlyRequest(SESSION_USER_URL, 'token-1');
    expect(fetchMock).toHaveBeenCalledOnce();
    expect(fetchMock).toHaveBeenCalledWith(SESSION_USER_URL, {
      headers: { Accept: 'application/json', Authorization: 'Bearer token-1' },
    });
  });

  it('hands its answer to the API client once, then the client asks again', async () => {
    const fetchMock = stubFetchJson({ id: 'u1' });
    startEarlyRequest(SESSION_USER_URL, 'token-1');
    setAuthToken('token-1');
    await expect(http.get('/auth/me')).resolves.toEqual({ id: 'u1' });
    expect(fetchMock).toHaveBeenCalledOnce();
    await expect(http.get('/auth/me')).resolves.toEqual({ id: 'u1' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('is not used for another token', async () => {
    const fetchMock = stubFetchJson({ id: 'u1' });
    startEarlyRequest(SESSION_USER_URL, 'token-1');
    setAuthToken('token-2');
    await http.get('/auth/me');
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(fetchMock).toHaveBeenLastCalledWith(
      '/api/auth/me',
      expect.objectContaining({
        headers: expect.objectContaining({ Authorization: 'Bearer token-2' }),
      }),
    );
  });

  it('fails as the client would have: a 401 is an ApiError', async () => {
    stubFetchJson({ statusCode: 401, code: 'UNAUTHORIZED', message: '登录已失效' }, 401);
    startEarlyRequest(SESSION_USER_URL, 'token-1');
    setAuthToken('token-1');
    const failure = http.get('/auth/me', { silent: true, ignoreUnauthorized: true });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ statusCode: 401 });
  });
});
