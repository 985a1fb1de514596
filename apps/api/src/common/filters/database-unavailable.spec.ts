import { Client, Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import { findFreePort } from '../../database/embedded-postgres';
import { toErrorBody } from './all-exceptions.filter';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './database-unavailable';

/** A PostgreSQL error as node-postgres raises it (a message and a SQLSTATE). */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection as node-postgres reports it', async () => {
    const client = new Client({
      host: '127.0.0.1',
      port: await findFreePort(),
      connectionTimeoutMillis: 2000,
    });
    const error = await client.connect().then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).not.toBeNull();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises a pool that cannot hand out a connection in time', async () => {
    // A listening socket that never answers the start-up message: the pool's timeout fires.
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const pool = new Pool({
      host: '127.0.0.1',
      port: typeof address === 'object' && address ? address.port : 0,
      connectionTimeoutMillis: 200,
    });
    try {
      const error = await pool.query('SELECT 1').then(
        () => null,
        (failure: unknown) => failure,
      );
      expect(String(error)).toMatch(/timeout|terminated/i);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await pool.end();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
    ['08001', 'could not connect'],
  ])('recognises SQLSTATE %s, also inside a TypeORM QueryFailedError', (code, message) => {
    expect(isDatabaseUnavailable(pgError(code, message))).toBe(true);
    expect(
      isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], pgError(code, message))),
    ).toBe(true);
  });

  it('recognises a dropped connection and errors wrapped as causes or in an AggregateError', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error('upload failed', { cause: pgError('57P01', 'shutdown') })),
    ).toBe(true);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(isDatabaseUnavailable(new AggregateError([refused], 'all addresses failed'))).toBe(true);
  });

  it('leaves query errors and ordinary failures alone', () => {
    expect(
      isDatabaseUnavailable(new QueryFailedError('SELECT', [], pgError('23505', 'duplicate key'))),
    ).toBe(false);
    expect(isDatabaseUnavailable(pgError('42P01', 'relation "x" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});

describe('toErrorBody for a lost database', () => {
  it('answers 503 DB_UNAVAILABLE with the Chinese reason instead of 500', () => {
    expect(
      toErrorBody(new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection'))),
    ).toEqual({
      statusCode: 503,
      code: 'DB_UNAVAILABLE',
      message: DATABASE_UNAVAILABLE_MESSAGE,
    });
    expect(toErrorBody(new Error('boom')).statusCode).toBe(500);
  });
});
