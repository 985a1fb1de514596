import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Client, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/*
 * PostgreSQL COPY ... FROM STDIN in its text format: one line per row, columns separated by
 * tabs, \N for NULL, and backslash, tab, newline and carriage return escaped with a backslash.
 */

export type CopyValue = string | number | boolean | Date | null;

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

export function copyEscape(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : text;
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return String(value);
}

export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return copyEscape(value);
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return value.toISOString();
}

export function copyLine(values: readonly CopyValue[]): string {
  return `${values.map(copyField).join('\t')}\n`;
}

const CHUNK = 256 * 1024;

/**
 * Sends text already in COPY's format through `COPY … FROM STDIN` on the client (inside its
 * transaction, if it has one), ~256 KB at a time, waiting for 'drain' when the socket is full;
 * resolves when PostgreSQL has accepted the whole COPY.
 */
export async function copyInto(
  client: Client | PoolClient,
  sql: string,
  text: string,
): Promise<void> {
  const stream = client.query(copyFrom(sql));
  let failure: unknown = null;
  stream.on('error', (error: unknown) => (failure ??= error));
  for (let at = 0; at < text.length && failure === null; at += CHUNK)
    if (!stream.write(text.slice(at, at + CHUNK))) await once(stream, 'drain');
  stream.end();
  await finished(stream);
  if (failure) throw failure;
}
