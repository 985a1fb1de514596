import { deflateSync, strToU8 } from 'fflate';
import { crc32, constants as zlibConstants, deflateRawSync } from 'node:zlib';

/**
 * Zips as an attacker writes them: every header field chosen by hand (sizes that lie, methods
 * nobody supports, the encryption flag, names with control characters), and bombs streamed
 * from zero-filled chunks so that a 150 MB part never exists in memory here.
 */

export interface RawZipEntry {
  /** Written byte for byte (a string as UTF-8, flagged as such). */
  readonly name: string | Uint8Array;
  /** The bytes as stored in the zip (already deflated for method 8). */
  readonly data: Uint8Array;
  /** 0 stored, 8 deflate, 12 bzip2, 99 AES (WinZip). */
  readonly method: number;
  readonly crc: number;
  /** The uncompressed size the headers declare. */
  readonly declaredSize: number;
  /** General purpose flags; bit 0 is "encrypted", bit 11 "UTF-8 name". */
  readonly flags?: number;
}

/** A deflated entry whose headers tell the truth, unless `overrides` say otherwise. */
export function deflatedEntry(
  name: string | Uint8Array,
  content: Uint8Array | string,
  overrides: Partial<RawZipEntry> = {},
): RawZipEntry {
  const bytes = typeof content === 'string' ? strToU8(content) : content;
  return {
    name,
    data: deflateSync(bytes),
    method: 8,
    crc: crc32(bytes),
    declaredSize: bytes.length,
    ...overrides,
  };
}

/** A zip of `entries` with local headers, a central directory and its end record. */
export function rawZip(entries: readonly RawZipEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? strToU8(entry.name) : entry.name;
    const flags = entry.flags ?? (typeof entry.name === 'string' ? 0x0800 : 0);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, flags, true);
    local.setUint16(8, entry.method, true);
    local.setUint32(14, entry.crc, true);
    local.setUint32(18, entry.data.length, true);
    local.setUint32(22, entry.declaredSize, true);
    local.setUint16(26, name.length, true);
    parts.push(new Uint8Array(local.buffer), name, entry.data);

    const record = new DataView(new ArrayBuffer(46));
    record.setUint32(0, 0x02014b50, true);
    record.setUint16(4, 20, true);
    record.setUint16(6, 20, true);
    record.setUint16(8, flags, true);
    record.setUint16(10, entry.method, true);
    record.setUint32(16, entry.crc, true);
    record.setUint32(20, entry.data.length, true);
    record.setUint32(24, entry.declaredSize, true);
    record.setUint16(28, name.length, true);
    record.setUint32(42, offset, true);
    central.push(new Uint8Array(record.buffer), name);
    offset += 30 + name.length + entry.data.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  return concat([...parts, ...central, new Uint8Array(end.buffer)]);
}

/**
 * A zip holding `parts` as they are plus, under `bombName`, `inflatedBytes` (whole megabytes) of
 * `fill`: one megabyte deflated once with a full flush (so that it stands alone) and repeated,
 * about a thousandth of the size in the zip. The headers declare the real size and checksum.
 */
export function zipWithBomb(
  parts: Readonly<Record<string, string | Uint8Array>>,
  bombName: string,
  inflatedBytes: number,
  fill = 0x20,
): Uint8Array {
  const step = MEGABYTE;
  if (inflatedBytes % step !== 0) throw new Error('a bomb is a whole number of megabytes');
  const chunk = new Uint8Array(step).fill(fill);
  const block = deflateRawSync(chunk, { level: 9, finishFlush: zlibConstants.Z_FULL_FLUSH });
  const repeats = inflatedBytes / step;
  let crc = 0;
  for (let i = 0; i < repeats; i++) crc = crc32(chunk, crc);
  // The repeated blocks, then an empty final block (BFINAL, fixed Huffman, end of block).
  const data = concat([...Array.from({ length: repeats }, () => block), Uint8Array.of(0x03, 0x00)]);
  return rawZip([
    ...Object.entries(parts).map(([name, content]) => deflatedEntry(name, content)),
    { name: bombName, data, method: 8, crc, declaredSize: inflatedBytes },
  ]);
}

const MEGABYTE = 1024 * 1024;

/**
 * Rewrites the uncompressed size that the local header and the central directory declare for
 * `entryName` (a zip from fflate's `zipSync`, whose local headers carry the sizes).
 */
export function withDeclaredSize(
  zip: Uint8Array,
  entryName: string,
  declaredSize: number,
): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const name = strToU8(entryName);
  const nameAt = (at: number) => name.every((byte, i) => out[at + i] === byte);
  for (let at = 0; at + 46 < out.length; at++) {
    const signature = view.getUint32(at, true);
    if (
      signature === 0x04034b50 &&
      view.getUint16(at + 26, true) === name.length &&
      nameAt(at + 30)
    )
      view.setUint32(at + 22, declaredSize, true);
    else if (
      signature === 0x02014b50 &&
      view.getUint16(at + 28, true) === name.length &&
      nameAt(at + 46)
    )
      view.setUint32(at + 24, declaredSize, true);
  }
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export { crc32 };
