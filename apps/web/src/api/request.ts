import type { ApiErrorBody } from '@atlas/api-contract';
import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import { i18n } from '../locales';
import { takeEarlyResponse } from './early-requests';

const API_BASE = '/api';

export type { ApiErrorBody };

/** Codes the client itself uses when there is no usable error body. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR',
  http: 'HTTP_ERROR',
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the server could not be reached. */
  readonly statusCode: number;
  /** Stable machine code, e.g. `REPORT_NOT_FOUND`, or one of CLIENT_ERROR_CODES. */
  readonly code: string;
  /** The parsed response body, when there was one. */
  readonly body: unknown;

  constructor(statusCode: number, code: string, message: string, body?: unknown) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.body = body;
  }
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue | readonly QueryValue[]>;
  /** Sent as JSON, except FormData, which is sent as is (multipart). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not show an error message; for callers that present failures themselves. */
  silent?: boolean;
  /**
   * A 401 normally ends the session and sends the user to the sign-in page; requests that
   * expect one (signing in, checking a stored token at start-up) handle it themselves.
   */
  ignoreUnauthorized?: boolean;
}

/** The bearer token sent with every request; kept by the auth store, which sets it here. */
let authToken: string | null = null;
let unauthorizedHandler: ((error: ApiError) => void) | null = null;

export function setAuthToken(token: string | null): void {
  authToken = token;
}

/** Called once per 401 answer to a request that carried a token (expired or revoked session). */
export function setUnauthorizedHandler(handler: ((error: ApiError) => void) | null): void {
  unauthorizedHandler = handler;
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body.statusCode === 'number' &&
    typeof body.code === 'string' &&
    (typeof body.message === 'string' || Array.isArray(body.message))
  );
}

/** Turns a failed response into an ApiError, whatever its body looks like. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isApiErrorBody(body)) {
    const message = Array.isArray(body.message) ? body.message.join('；') : body.message;
    return new ApiError(body.statusCode, body.code, message, body);
  }
  return new ApiError(
    status,
    CLIENT_ERROR_CODES.http,
    i18n.global.t('errors.http', { status }),
    body,
  );
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  const url = `${API_BASE}${path.startsWith('/') ? path : `/${path}`}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item !== undefined && item !== null) params.append(key, String(item));
    }
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

function parseBody(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  if (!contentType?.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  return parseBody(await response.text(), response.headers.get('content-type'));
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function showError(error: ApiError): void {
  ElMessage.error({ message: error.message, grouping: true });
}

/**
 * The one way the web app talks to the API: JSON (or a FormData body, sent as multipart) in
 * and JSON out under `/api`, every failure rejected as an ApiError and, unless `silent`, shown
 * to the user. Uploads that show their progress go through `upload`, with the same handling.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  return (await readBody(response)) as T;
}

/** A file the API sent as an attachment. */
export interface DownloadedFile {
  blob: Blob;
  /** From Content-Disposition, when the server named the file. */
  fileName: string | null;
}

/** GETs a file (an export) with the same token and error handling as `request`. */
export async function download(
  path: string,
  options: Omit<RequestOptions, 'method' | 'body'> = {},
): Promise<DownloadedFile> {
  const response = await send(path, { ...options, method: 'GET' }, '*/*');
  return {
    blob: await response.blob(),
    fileName: fileNameOf(response.headers.get('content-disposition')),
  };
}

/** `filename*=UTF-8''…` (RFC 6266) wins over the plain `filename="…"`. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      /* fall back to the plain name */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || null;
}

type FailureOptions = Pick<RequestOptions, 'silent' | 'ignoreUnauthorized'>;

/** The server could not be reached. */
function networkFailure(options: FailureOptions): ApiError {
  const error = new ApiError(0, CLIENT_ERROR_CODES.network, i18n.global.t('errors.network'));
  if (!options.silent) showError(error);
  return error;
}

/**
 * A failed answer as an ApiError (the API's Chinese reason as its message), shown unless silent.
 * `token` is the one the request carried: a 401 to it means the session has ended.
 */
function answerFailure(
  status: number,
  body: unknown,
  token: string | null,
  options: FailureOptions,
): ApiError {
  const error = toApiError(status, body);
  const sessionEnded = status === 401 && token !== null && !options.ignoreUnauthorized;
  if (sessionEnded) {
    // Several requests can fail with the same expired token; the first one ends the session
    // (the handler clears the token) and says so, the others stay quiet.
    if (authToken === token) {
      showError(error);
      unauthorizedHandler?.(error);
    }
  } else if (!options.silent) {
    showError(error);
  }
  return error;
}

function authHeaders(accept: string, token: string | null): Record<string, string> {
  return token ? { Accept: accept, Authorization: `Bearer ${token}` } : { Accept: accept };
}

/** Sends a request and returns the response when it is a success; rejects with an ApiError otherwise. */
async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const { method = 'GET', query, body, signal } = options;
  const token = authToken;
  const headers: Record<string, string> = { ...authHeaders(accept, token), ...options.headers };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }

  const url = buildUrl(path, query);
  const early = method === 'GET' && !options.headers ? takeEarlyResponse(url, token) : undefined;
  let response: Response;
  try {
    response = await (early ?? fetch(url, { method, headers, body: payload, signal }));
  } catch (cause) {
    if (isAbort(cause)) throw cause;
    throw networkFailure(options);
  }

  if (response.ok) return response;
  throw answerFailure(response.status, await readBody(response), token, options);
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions extends Pick<RequestOptions, 'query' | 'signal' | 'silent'> {
  onProgress?: (progress: UploadProgress) => void;
}

/**
 * POSTs a multipart form and reports how much of it has been sent: XMLHttpRequest, whose upload
 * events give the progress fetch cannot. Token, errors and messages as for `request`.
 */
export function upload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  const token = authToken;
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, options.query));
    for (const [name, value] of Object.entries(authHeaders('application/json', token))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable)
        options.onProgress?.({ loaded: event.loaded, total: event.total });
    });
    xhr.addEventListener('load', () => {
      const body = parseBody(xhr.responseText, xhr.getResponseHeader('content-type'));
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(answerFailure(xhr.status, body, token, options));
    });
    const failed = () => reject(networkFailure(options));
    xhr.addEventListener('error', failed);
    xhr.addEventListener('timeout', failed);
    xhr.addEventListener('abort', () => reject(new DOMException('Upload aborted', 'AbortError')));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

type BodylessOptions = Omit<RequestOptions, 'method' | 'body'>;

export const http = {
  get: <T>(path: string, options?: BodylessOptions) =>
    request<T>(path, { ...options, method: 'GET' }),
  delete: <T>(path: string, options?: BodylessOptions) =>
    request<T>(path, { ...options, method: 'DELETE' }),
  post: <T>(path: string, body?: unknown, options?: BodylessOptions) =>
    request<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options?: BodylessOptions) =>
    request<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options?: BodylessOptions) =>
    request<T>(path, { ...options, method: 'PATCH', body }),
};
