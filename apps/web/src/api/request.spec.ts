import { ElMessage } from 'element-plus';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../locales';
import { stubFetchJson } from '../test/helpers';
import {
  ApiError,
  download,
  fileNameOf,
  http,
  request,
  setAuthToken,
  setUnauthorizedHandler,
  toApiError,
  upload,
} from './request';

/** An XMLHttpRequest that records what was sent and answers when told to. */
class FakeXhr extends EventTarget {
  static last: FakeXhr | null = null;
  readonly upload = new EventTarget();
  readonly headers: Record<string, string> = {};
  method = '';
  url = '';
  body: unknown = null;
  status = 0;
  responseText = '';
  private contentType: string | null = null;

  constructor() {
    super();
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return name.toLowerCase() === 'content-type' ? this.contentType : null;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.dispatchEvent(new Event('abort'));
  }
  progress(loaded: number, total: number) {
    this.upload.dispatchEvent(
      Object.assign(new Event('progress'), { lengthComputable: true, loaded, total }),
    );
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.contentType = 'application/json; charset=utf-8';
    this.responseText = JSON.stringify(body);
    this.dispatchEvent(new Event('load'));
  }
}

describe('request', () => {
  let showError: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    showError = vi.spyOn(ElMessage, 'error').mockImplementation(() => ({ close: vi.fn() }));
    setAuthToken(null);
    setUnauthorizedHandler(null);
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

  it('sends the session token as a bearer token, and none without a session', async () => {
    const fetchMock = stubFetchJson({});
    await request('/users');
    setAuthToken('abc.def');
    await request('/users');

    const headers = fetchMock.mock.calls.map(
      (call) =>
        ((call as unknown as [string, RequestInit])[1].headers ?? {}) as Record<string, string>,
    );
    expect(headers[0]).not.toHaveProperty('Authorization');
    expect(headers[1]?.Authorization).toBe('Bearer abc.def');
  });

  it('ends the session once when a request with a token gets a 401', async () => {
    stubFetchJson(
      { statusCode: 401, code: 'INVALID_TOKEN', message: '登录已失效，请重新登录' },
      401,
    );
    const ended = vi.fn(() => setAuthToken(null));
    setUnauthorizedHandler(ended);
    setAuthToken('expired');

    const results = await Promise.allSettled([request('/a'), request('/b', { silent: true })]);

    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(ended).toHaveBeenCalledOnce();
    expect(showError).toHaveBeenCalledOnce();
    expect(showError).toHaveBeenCalledWith(
      expect.objectContaining({ message: '登录已失效，请重新登录' }),
    );
  });

  it('leaves a 401 to the caller that expects one (signing in) or has no session', async () => {
    stubFetchJson(
      { statusCode: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' },
      401,
    );
    const ended = vi.fn();
    setUnauthorizedHandler(ended);

    await expect(request('/auth/login', { silent: true })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    setAuthToken('t');
    await expect(
      request('/auth/me', { silent: true, ignoreUnauthorized: true }),
    ).rejects.toMatchObject({ statusCode: 401 });

    expect(ended).not.toHaveBeenCalled();
    expect(showError).not.toHaveBeenCalled();
  });

  it('downloads a file with its name from Content-Disposition', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response('\uFEFFcode,name\r\n', {
          status: 200,
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': 'attachment; filename="agencies-2026-11-27.csv"',
          },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    setAuthToken('tok');

    const file = await download('/agencies/export', { query: { format: 'csv' } });

    expect(file.fileName).toBe('agencies-2026-11-27.csv');
    expect(await file.blob.text()).toContain('code,name');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/agencies/export?format=csv');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('reads plain and RFC 6266 file names', () => {
    expect(fileNameOf('attachment; filename="a b.xlsx"')).toBe('a b.xlsx');
    expect(
      fileNameOf('attachment; filename="x.csv"; filename*=UTF-8\'\'%E6%9C%BA%E6%9E%84.csv'),
    ).toBe('机构.csv');
    expect(fileNameOf('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(fileNameOf('inline')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });

  describe('upload', () => {
    beforeEach(() => {
      FakeXhr.last = null;
      vi.stubGlobal('XMLHttpRequest', FakeXhr);
    });

    it('posts the form under /api with the token and reports the progress', async () => {
      setAuthToken('tok');
      const form = new FormData();
      form.append('year', '2024');
      const progress = vi.fn();

      const pending = upload<{ id: string }>('/reports', form, { onProgress: progress });
      const xhr = FakeXhr.last as FakeXhr;
      xhr.progress(50, 200);
      xhr.answer(201, { id: 'r1' });

      await expect(pending).resolves.toEqual({ id: 'r1' });
      expect(xhr.method).toBe('POST');
      expect(xhr.url).toBe('/api/reports');
      expect(xhr.body).toBe(form);
      expect(xhr.headers.Authorization).toBe('Bearer tok');
      expect(progress).toHaveBeenCalledWith({ loaded: 50, total: 200 });
    });

    it("rejects with the API's reason, shown unless silent", async () => {
      const refused = { statusCode: 409, code: 'REPORT_DUPLICATE', message: '与已有版本完全相同' };
      const shown = upload('/reports', new FormData());
      (FakeXhr.last as FakeXhr).answer(409, refused);
      await expect(shown).rejects.toMatchObject({ code: 'REPORT_DUPLICATE', statusCode: 409 });
      expect(showError).toHaveBeenCalledWith(
        expect.objectContaining({ message: '与已有版本完全相同' }),
      );

      showError.mockClear();
      const quiet = upload('/reports', new FormData(), { silent: true });
      (FakeXhr.last as FakeXhr).answer(409, refused);
      await expect(quiet).rejects.toBeInstanceOf(ApiError);
      expect(showError).not.toHaveBeenCalled();
    });

    it('ends the session on a 401, like every other request', async () => {
      const ended = vi.fn(() => setAuthToken(null));
      setUnauthorizedHandler(ended);
      setAuthToken('expired');

      const pending = upload('/imports', new FormData(), { silent: true });
      (FakeXhr.last as FakeXhr).answer(401, {
        statusCode: 401,
        code: 'INVALID_TOKEN',
        message: '登录已失效，请重新登录',
      });

      await expect(pending).rejects.toMatchObject({ statusCode: 401 });
      expect(ended).toHaveBeenCalledOnce();
    });

    it('is cancelled by its signal', async () => {
      const controller = new AbortController();
      const pending = upload('/imports', new FormData(), { signal: controller.signal });
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    });
  });
});
