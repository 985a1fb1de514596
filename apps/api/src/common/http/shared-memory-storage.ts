import type { Readable } from 'node:stream';
import type { Request } from 'express';

/** What multer hands a storage engine for each file (its own typings are not installed). */
interface IncomingFile {
  readonly stream: Readable;
  buffer?: Buffer;
}

type Done = (error: Error | null, info?: { buffer: Buffer; size: number }) => void;

/** Before Content-Length is known (or without one): grown by doubling. */
const FIRST_CAPACITY = 64 * 1024;

/**
 * A multer storage engine that receives a file into memory a worker thread can read as it is:
 * one SharedArrayBuffer sized by the request's Content-Length (an upper bound of the file, at most
 * `maxBytes`), filled chunk by chunk as the upload arrives. Multer's memory storage joins the
 * chunks at the end, and the parse then copied them again to hand them to its thread: for a
 * 19 MB report two copies of 19 MB, each one turn of the event loop (about 150 ms on the reference
 * VM, where memory touched for the first time is slow), during which /api/health waited.
 */
export function sharedMemoryStorage(maxBytes: number) {
  return {
    _handleFile(req: Request, file: IncomingFile, done: Done): void {
      const declared = Number(req.headers['content-length']);
      const capacity =
        Number.isSafeInteger(declared) && declared > 0
          ? Math.min(declared, maxBytes)
          : FIRST_CAPACITY;
      let view = new Uint8Array(new SharedArrayBuffer(capacity));
      let length = 0;
      file.stream.on('data', (chunk: Buffer) => {
        if (length + chunk.length > view.length) {
          const grown = new Uint8Array(
            new SharedArrayBuffer(Math.max(view.length * 2, length + chunk.length)),
          );
          grown.set(view.subarray(0, length));
          view = grown;
        }
        view.set(chunk, length);
        length += chunk.length;
      });
      file.stream.once('error', (error: Error) => done(error));
      file.stream.once('end', () =>
        done(null, { buffer: Buffer.from(view.buffer, 0, length), size: length }),
      );
    },
    _removeFile(_req: Request, file: IncomingFile, done: (error: Error | null) => void): void {
      delete file.buffer;
      done(null);
    },
  };
}
