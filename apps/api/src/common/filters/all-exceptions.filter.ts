import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { defaultErrorCode, defaultErrorMessage } from '../http/error-codes';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
} from './database-unavailable';

/** The one shape every error response has. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  /** Per-item problems (e.g. the rows of a refused import), when the thrower lists them. */
  errors?: unknown[];
}

/**
 * Shapes every error as {statusCode, code, message} (plus `errors` when given). Thrown
 * HttpExceptions may carry `code`, `message` and an `errors` array in their response object;
 * a lost database connection is a 503 with Retry-After (the request may succeed once it is back);
 * anything else is a 500 whose details go to the log only.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    this.logger.setContext(AllExceptionsFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = toErrorBody(exception);

    if (body.code === DATABASE_UNAVAILABLE_CODE) {
      // One line per refused request while it lasts, not a stack trace each.
      this.logger.warn({ path: request.url, reason: String(exception) }, 'database unavailable');
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: exception, path: request.url }, 'request failed');
    }
    if (response.headersSent) return;
    if (body.code === DATABASE_UNAVAILABLE_CODE) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    response.status(body.statusCode).json(body);
  }
}

/** The code /api/health also answers with when the database is down. */
export const DATABASE_UNAVAILABLE_CODE = 'DB_UNAVAILABLE';

const MALFORMED_JSON_MESSAGE = '请求体不是合法的 JSON';

function isJsonSyntaxMessage(message: unknown): boolean {
  return typeof message === 'string' && /\bJSON\b|Unexpected token|Unexpected end of/.test(message);
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const payload = exception.getResponse();
    const fields = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
    if (statusCode === HttpStatus.BAD_REQUEST && fields['code'] === undefined && isJsonSyntaxMessage(fields['message'])) {
      // Nest turns body-parser's SyntaxError into a bare 400 carrying the parser's English text.
      return { statusCode, code: 'MALFORMED_BODY', message: MALFORMED_JSON_MESSAGE };
    }
    const code = typeof fields['code'] === 'string' ? fields['code'] : defaultErrorCode(statusCode);
    const message = messageOf(fields['message'], payload, statusCode);
    return Array.isArray(fields['errors'])
      ? { statusCode, code, message, errors: fields['errors'] }
      : { statusCode, code, message };
  }
  if (isBodyParserError(exception)) {
    // express raises these before any controller runs (malformed JSON, body too large).
    const statusCode = exception.status;
    const message =
      exception.type === 'entity.too.large'
        ? defaultErrorMessage(HttpStatus.PAYLOAD_TOO_LARGE)
        : MALFORMED_JSON_MESSAGE;
    return { statusCode, code: statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'MALFORMED_BODY', message };
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      code: DATABASE_UNAVAILABLE_CODE,
      message: DATABASE_UNAVAILABLE_MESSAGE,
    };
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    code: 'INTERNAL_ERROR',
    message: defaultErrorMessage(HttpStatus.INTERNAL_SERVER_ERROR),
  };
}

function messageOf(message: unknown, payload: unknown, statusCode: number): string {
  if (Array.isArray(message)) return message.join('；');
  if (typeof message === 'string' && message.length > 0 && !isNestDefault(message, statusCode)) return message;
  if (typeof payload === 'string' && payload.length > 0 && !isNestDefault(payload, statusCode)) return payload;
  return defaultErrorMessage(statusCode);
}

/** Nest's built-in English reason phrases ("Not Found", "Cannot GET /x") are replaced by ours. */
function isNestDefault(message: string, statusCode: number): boolean {
  return statusCode === HttpStatus.NOT_FOUND ? /^(Not Found|Cannot [A-Z]+ )/.test(message) : /^[A-Z][a-z]+( [A-Z][a-z]+)*$/.test(message);
}

function isBodyParserError(error: unknown): error is { status: number; type: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number' &&
    typeof (error as { type?: unknown }).type === 'string'
  );
}
