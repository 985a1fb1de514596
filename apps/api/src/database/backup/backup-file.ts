import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/*
 * The backup file: gzip around lines and length-framed data, readable in one pass.
 *
 *   {"format":"atlas-backup/1", …header…}\n
 *   T {"table":"agency"}\n               a table's data starts
 *   D <n>\n<n bytes>                     COPY text-format rows (repeated; rows may span frames)
 *   E {"rows":12,"sha256":"…"}\n         the table's rows and the hash of its data
 *   …
 *   Z {"tables":24}\n                    the end: a file without it was cut short
 *
 * Framing by length (rather than by COPY's own `\.` line) keeps the data opaque: whatever
 * PostgreSQL writes is handed back to it byte for byte.
 */

export const BACKUP_FORMAT = 'atlas-backup/1';

export class BackupFileError extends Error {
  override name = 'BackupFileError';
}

/** Writes frames to a stream, waiting when it is full. */
export class BackupWriter {
  constructor(private readonly out: Writable) {}

  async line(tag: string, value: unknown): Promise<void> {
    await this.write(Buffer.from(`${tag} ${JSON.stringify(value)}\n`, 'utf8'));
  }

  async header(value: object): Promise<void> {
    await this.write(Buffer.from(`${JSON.stringify(value)}\n`, 'utf8'));
  }

  async data(bytes: Buffer): Promise<void> {
    if (bytes.length === 0) return;
    await this.write(Buffer.from(`D ${bytes.length}\n`, 'ascii'));
    await this.write(bytes);
  }

  private async write(bytes: Buffer): Promise<void> {
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }
}

/** Reads lines and frames back from a (decompressed) stream without gathering it in memory. */
export class BackupReader {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private readonly source: AsyncIterator<Buffer>;

  constructor(input: Readable) {
    this.source = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /** The next line without its newline; null at a clean end of input. */
  async line(): Promise<string | null> {
    let scanned = 0;
    for (;;) {
      let offset = 0;
      for (const chunk of this.chunks) {
        if (offset + chunk.length > scanned) {
          const at = chunk.indexOf(0x0a, Math.max(0, scanned - offset));
          if (at >= 0) return this.take(offset + at + 1).toString('utf8', 0, offset + at);
        }
        offset += chunk.length;
      }
      scanned = offset;
      if (!(await this.fill())) {
        if (this.buffered === 0) return null;
        throw new BackupFileError('备份文件在一行中间结束（文件不完整）/ the backup ends mid-line');
      }
    }
  }

  /** A tagged line: `T {...}` → { tag: 'T', value }. */
  async tagged(): Promise<{ tag: string; value: unknown; text: string }> {
    const line = await this.line();
    if (line === null)
      throw new BackupFileError('备份文件不完整：缺少结束标记 / the backup was cut short');
    const space = line.indexOf(' ');
    const tag = space < 0 ? line : line.slice(0, space);
    const text = space < 0 ? '' : line.slice(space + 1);
    if (tag === 'D') return { tag, value: null, text };
    try {
      return { tag, value: JSON.parse(text) as unknown, text };
    } catch {
      throw new BackupFileError(
        `备份文件已损坏：无法读取的记录 ${line.slice(0, 40)} / corrupt record`,
      );
    }
  }

  /** Exactly `length` bytes, as they arrive. */
  async *bytes(length: number): AsyncGenerator<Buffer> {
    let left = length;
    while (left > 0) {
      if (this.buffered === 0 && !(await this.fill())) {
        throw new BackupFileError('备份文件不完整：数据块被截断 / the backup was cut short');
      }
      const piece = this.take(Math.min(left, this.chunks[0]?.length ?? 0));
      left -= piece.length;
      yield piece;
    }
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.source.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.chunks.push(next.value);
    this.buffered += next.value.length;
    return true;
  }

  /** Removes and returns the first `length` buffered bytes. */
  private take(length: number): Buffer {
    const parts: Buffer[] = [];
    let left = length;
    while (left > 0) {
      const first = this.chunks[0];
      if (!first) break;
      if (first.length <= left) {
        parts.push(first);
        this.chunks.shift();
        left -= first.length;
      } else {
        parts.push(first.subarray(0, left));
        this.chunks[0] = first.subarray(left);
        left = 0;
      }
    }
    this.buffered -= length - left;
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }
}
