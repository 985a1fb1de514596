import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/*
 * PostgreSQL COPY ... FROM STDIN in its text format: one line per row, columns separated by
 * tabs, \N for NULL, and backslash, tab, newline and carriage return escaped with a backslash.
 */

export type CopyValue = string | number | boolean | Date | null | readonly CopyArrayValue[];
export type CopyArrayValue = string | number | null;

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

export function copyEscape(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : text;
}

/** An array literal: `{1,2,NULL}`, strings double-quoted. */
export function arrayLiteral(values: readonly CopyArrayValue[]): string {
  return `{${values
    .map((value) =>
      value === null
        ? 'NULL'
        : typeof value === 'number'
          ? numberText(value)
          : `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`,
    )
    .join(',')}}`;
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
  if (value instanceof Date) return value.toISOString();
  return copyEscape(arrayLiteral(value));
}

export function copyLine(values: readonly CopyValue[]): string {
  return `${values.map(copyField).join('\t')}\n`;
}

const FLUSH_AT = 256 * 1024;

/**
 * One COPY FROM STDIN stream on its own connection, written with backpressure: lines are
 * gathered into chunks of ~256 KB, and a full socket makes the writer wait for 'drain'.
 */
export class CopyWriter {
  private pending: string[] = [];
  private pendingLength = 0;
  private failure: unknown = null;
  rows = 0;

  private constructor(private readonly stream: NodeJS.WritableStream & NodeJS.EventEmitter) {
    stream.on('error', (error: unknown) => (this.failure ??= error));
  }

  static open(client: Client, sql: string): CopyWriter {
    return new CopyWriter(client.query(copyFrom(sql)));
  }

  /** Writes lines already in COPY text format (`rows` of them). */
  async write(lines: string, rows = 1): Promise<void> {
    this.pending.push(lines);
    this.pendingLength += lines.length;
    this.rows += rows;
    if (this.pendingLength >= FLUSH_AT) await this.flush();
  }

  async writeRow(values: readonly CopyValue[]): Promise<void> {
    await this.write(copyLine(values));
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Sends what is left and waits until PostgreSQL has accepted the whole COPY. */
  async end(): Promise<number> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
    return this.rows;
  }
}
