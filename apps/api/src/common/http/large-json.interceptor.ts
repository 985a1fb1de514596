import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  StreamableFile,
} from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/**
 * An answer already serialised — a cached analytics answer (text), a preview composed in the
 * parse thread (UTF-8 bytes) — sent as it is, not serialised again.
 */
export class SerializedJson {
  constructor(readonly json: string | Uint8Array) {}
}

/** Answers whose JSON is longer than this (in UTF-16 units or bytes) are sent in slices. */
export const SLICED_JSON_MIN_CHARS = 1024 * 1024;
const SLICE_CHARS = 256 * 1024;

/**
 * JSON answers serialised once, here, and the large ones (the preview or detail of a report of
 * many megabytes) sent in slices, each encoded to UTF-8 in a turn of the event loop of its own.
 * Express encodes a whole answer at once: for a 19 MB report that took about 200 ms, during
 * which /api/health and every other request waited. Small answers go out as before (one
 * string, ETag and all), without a second JSON.stringify.
 */
@Injectable()
export class LargeJsonInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (!(body instanceof SerializedJson) && !isJsonBody(body)) return body;
        // A route that chose another type for its answer keeps Express' own handling.
        const chosenType = response.getHeader('Content-Type');
        if (typeof chosenType === 'string' && !chosenType.startsWith('application/json'))
          return body;
        const json = body instanceof SerializedJson ? body.json : JSON.stringify(body);
        response.type('application/json');
        // Bytes go as they are (Express would send a Buffer as a JSON array of numbers).
        if (typeof json !== 'string') {
          return new StreamableFile(Readable.from(byteSlices(json)), {
            type: 'application/json; charset=utf-8',
            length: json.byteLength,
          });
        }
        if (json.length < SLICED_JSON_MIN_CHARS) return json;
        return new StreamableFile(Readable.from(jsonSlices(json)), {
          type: 'application/json; charset=utf-8',
        });
      }),
    );
  }
}

/** Objects and arrays Express would send with res.json; not files, streams, buffers or text. */
function isJsonBody(body: unknown): body is object {
  return (
    typeof body === 'object' &&
    body !== null &&
    !(body instanceof StreamableFile) &&
    !Buffer.isBuffer(body) &&
    !(body instanceof Uint8Array) &&
    !(body instanceof Readable)
  );
}

/** The text in UTF-8 slices, one per turn, never cutting a surrogate pair in two. */
export async function* jsonSlices(json: string, sliceChars = SLICE_CHARS): AsyncGenerator<Buffer> {
  for (let start = 0; start < json.length;) {
    let end = Math.min(start + sliceChars, json.length);
    const last = json.charCodeAt(end - 1);
    if (end < json.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield Buffer.from(json.slice(start, end), 'utf8');
    start = end;
    if (start < json.length) await nextTurn();
  }
}

/** Encoded JSON in slices, one per turn: views on the bytes, never copies. */
export async function* byteSlices(
  json: Uint8Array,
  sliceBytes = SLICE_CHARS * 4,
): AsyncGenerator<Buffer> {
  for (let start = 0; start < json.byteLength; start += sliceBytes) {
    if (start > 0) await nextTurn();
    const end = Math.min(start + sliceBytes, json.byteLength);
    yield Buffer.from(json.buffer, json.byteOffset + start, end - start);
  }
}
