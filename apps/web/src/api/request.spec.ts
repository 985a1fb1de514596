import { ElMessage } from 'element-plus';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../locales';
import { stubFetchJson } from '../test/helpers';
import { ApiError, http, request, toApiError } from './request';

describe('request', () => {
  let showError: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    showError = vi.spyOn(ElMessage, 'error').mockImplementation(() => ({ close: vi.fn() }));
  });

  it('maps an error body to a typed ApiError and shows its message', async () => {
    stubFetchJson({ statusCode: 404, code: 'REPORT_NOT_FOUND', message: '报告不存在' }, 404);

    const error = await request('/reports/42').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      statusCode: 404,
      code: 'REPORT_NOT_FOUND',
      message: '报告不存在',
    });
    expect(showError).toHaveBeenCalledWith(expect.objectContaining({ message: '报告不存在' }));
  });

  it('joins validation messages', () => {
    const error = toApiError(400, {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: ['year must be an integer', 'agencyId should not be empty'],
    });
    expect(error.message).toBe('year must be an integer；agencyId should not be empty');
  });

  it('uses a generic code and message when the body is not an API error', () => {
    const error = toApiError(502, '<html>Bad Gateway</html>');
    expect(error).toMatchObject({
      statusCode: 502,
      code: 'HTTP_ERROR',
      message: '请求失败（HTTP 502）',
    });
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));

    const error = await request('/health').catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 0, code: 'NETWORK_ERROR' });
    expect(showError).toHaveBeenCalledOnce();
  });

  it('stays quiet when asked to', async () => {
    stubFetchJson({ statusCode: 500, code: 'INTERNAL', message: 'boom' }, 500);
    await expect(request('/x', { silent: true })).rejects.toBeInstanceOf(ApiError);
    expect(showError).not.toHaveBeenCalled();
  });

  it('sends JSON under /api with the query string and returns the parsed body', async () => {
    const fetchMock = stubFetchJson({ id: 7 });

    const result = await http.post<{ id: number }>(
      '/reports',
      { year: 2024 },
      {
        query: { agencyId: 3, tag: ['a', 'b'], skipped: undefined },
      },
    );

    expect(result).toEqual({ id: 7 });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/reports?agencyId=3&tag=a&tag=b');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"year":2024}');
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json' });
  });
});
