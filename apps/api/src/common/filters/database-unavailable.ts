/** Seconds a client is asked to wait (Retry-After) while the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const DATABASE_UNAVAILABLE_MESSAGE = '数据库暂时无法连接，请稍后重试';

/** Socket errors of a server that is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that mean "no usable connection", not "bad query": class 08 (connection exception),
 * 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting or stopping).
 */
function isConnectionSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03';
}

/** What node-postgres and its pool say when a connection dies or cannot be had in time. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /^Client has encountered a connection error and is not queryable/i,
  /^Cannot use a pool after calling end on the pool/i,
];

/**
 * Whether an error means the database cannot be reached at the moment (so the request may
 * succeed later), looking through TypeORM's `driverError`, `cause` and AggregateError wrappers.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const fields = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (
    typeof fields.code === 'string' &&
    (NETWORK_CODES.has(fields.code) || isConnectionSqlState(fields.code))
  ) {
    return true;
  }
  if (
    typeof fields.message === 'string' &&
    CONNECTION_MESSAGES.some((pattern) => pattern.test(fields.message as string))
  ) {
    return true;
  }
  const inner = [
    fields.driverError,
    fields.cause,
    ...(Array.isArray(fields.errors) ? fields.errors : []),
  ];
  return inner.some(
    (candidate) => candidate !== error && isDatabaseUnavailable(candidate, depth + 1),
  );
}
