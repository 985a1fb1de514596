import { Readable } from 'node:stream';
import type { Request } from 'express';
import { sharedMemoryStorage } from './shared-memory-storage';

/** Runs the engine on `chunks` as a request with the given Content-Length would send them. */
function receive(chunks: Buffer[], contentLength: string | undefined, maxBytes = 1 << 20) {
  const request = { headers: contentLength === undefined ? {} : { 'content-length': contentLength } };
  return new Promise<{ buffer: Buffer; size: number }>((resolve, reject) =>
    sharedMemoryStorage(maxBytes)._handleFile(
      request as unknown as Request,
      { stream: Readable.from(chunks) },
      (error, info) => (error || !info ? reject(error) : resolve(info)),
    ),
  );
}

describe('sharedMemoryStorage', () => {
  const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(4096 + i, i));
  const whole = Buffer.concat(chunks);

  it.each([
    ['sized by Content-Length', String(whole.length + 300)],
    ['without Content-Length (grown by doubling)', undefined],
    ['with a Content-Length smaller than the file', '10'],
  ])('receives the file whole into shared memory, %s', async (_, contentLength) => {
    const { buffer, size } = await receive(chunks, contentLength);
    expect(size).toBe(whole.length);
    expect(buffer.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(buffer.equals(whole)).toBe(true);
  });

  it('never sets aside more than the limit for a declared length', async () => {
    const { buffer } = await receive([Buffer.from('abc')], String(10 << 20), 1024);
    expect(buffer.buffer.byteLength).toBe(1024);
    expect(buffer.toString()).toBe('abc');
  });
});
