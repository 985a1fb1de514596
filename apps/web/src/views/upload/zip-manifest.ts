/**
 * Adds a separately chosen manifest.csv to a zip in the browser, without unpacking or
 * recompressing anything: the entries stay where they are, the manifest is appended (stored)
 * and the central directory is written anew. The API reads manifest.csv from the top of the zip,
 * or from the one folder every file shares, so the manifest goes there; a manifest.csv already
 * in that place is replaced (its entry is dropped from the directory).
 */

export const MANIFEST_FILE_NAME = 'manifest.csv';

export type ZipEditProblem = 'notAZip' | 'zip64';

export class ZipEditError extends Error {
  override readonly name = 'ZipEditError';
  constructor(readonly problem: ZipEditProblem) {
    super(problem);
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const END_RECORD_SIZE = 22;
const UTF8_FLAG = 0x0800;

interface CentralEntry {
  /** The entry's whole central-directory record, copied as is. */
  record: Uint8Array;
  nameBytes: Uint8Array;
  name: string;
  flags: number;
}

export interface ManifestResult {
  zip: Uint8Array;
  /** Where the manifest went, e.g. `manifest.csv` or `2024年报/manifest.csv`. */
  path: string;
  /** A manifest.csv was already there and was replaced. */
  replaced: boolean;
}

export function addManifestToZip(
  zip: Uint8Array,
  manifest: Uint8Array,
  now: Date = new Date(),
): ManifestResult {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEndRecord(zip, view);
  const entryCount = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    throw new ZipEditError('zip64');
  }
  if (directoryOffset + directorySize > end) throw new ZipEditError('notAZip');
  const entries = readCentralDirectory(zip, view, directoryOffset, entryCount);

  const folder = sharedFolder(entries);
  const nameBytes = concat(
    folder?.bytes ?? new Uint8Array(),
    new TextEncoder().encode(MANIFEST_FILE_NAME),
  );
  const path = `${folder?.name ?? ''}${MANIFEST_FILE_NAME}`;
  const kept = entries.filter(
    (entry) => normalize(entry.name).toLowerCase() !== path.toLowerCase(),
  );
  // Folder bytes are copied as they were encoded (GBK from Chinese Windows, or UTF-8), so the
  // manifest's name says the same about its encoding as the entry the folder came from.
  const flags = folder ? folder.flags & UTF8_FLAG : UTF8_FLAG;

  const crc = crc32(manifest);
  const { time, date } = dosDateTime(now);
  const local = new Uint8Array(30 + nameBytes.length);
  const localView = new DataView(local.buffer);
  localView.setUint32(0, LOCAL_HEADER, true);
  localView.setUint16(4, 20, true);
  localView.setUint16(6, flags, true);
  localView.setUint16(8, 0, true); // stored
  localView.setUint16(10, time, true);
  localView.setUint16(12, date, true);
  localView.setUint32(14, crc, true);
  localView.setUint32(18, manifest.length, true);
  localView.setUint32(22, manifest.length, true);
  localView.setUint16(26, nameBytes.length, true);
  localView.setUint16(28, 0, true);
  local.set(nameBytes, 30);

  const central = new Uint8Array(46 + nameBytes.length);
  const centralView = new DataView(central.buffer);
  centralView.setUint32(0, CENTRAL_HEADER, true);
  centralView.setUint16(4, 20, true);
  centralView.setUint16(6, 20, true);
  centralView.setUint16(8, flags, true);
  centralView.setUint16(10, 0, true);
  centralView.setUint16(12, time, true);
  centralView.setUint16(14, date, true);
  centralView.setUint32(16, crc, true);
  centralView.setUint32(20, manifest.length, true);
  centralView.setUint32(24, manifest.length, true);
  centralView.setUint16(28, nameBytes.length, true);
  centralView.setUint32(42, directoryOffset, true); // the manifest starts where the old directory did
  central.set(nameBytes, 46);

  const records = [...kept.map((entry) => entry.record), central];
  const newDirectorySize = records.reduce((size, record) => size + record.length, 0);
  const newDirectoryOffset = directoryOffset + local.length + manifest.length;
  const endRecord = new Uint8Array(END_RECORD_SIZE);
  const endView = new DataView(endRecord.buffer);
  endView.setUint32(0, END_OF_DIRECTORY, true);
  endView.setUint16(8, records.length, true);
  endView.setUint16(10, records.length, true);
  endView.setUint32(12, newDirectorySize, true);
  endView.setUint32(16, newDirectoryOffset, true);
  if (records.length >= 0xffff || newDirectoryOffset + newDirectorySize >= 0xffffffff) {
    throw new ZipEditError('zip64');
  }

  return {
    zip: concat(zip.subarray(0, directoryOffset), local, manifest, ...records, endRecord),
    path,
    replaced: kept.length < entries.length,
  };
}

function findEndRecord(zip: Uint8Array, view: DataView): number {
  // The end record is the last 22 bytes plus a comment of up to 65535 bytes.
  const lowest = Math.max(0, zip.length - END_RECORD_SIZE - 0xffff);
  for (let at = zip.length - END_RECORD_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw new ZipEditError('notAZip');
}

function readCentralDirectory(
  zip: Uint8Array,
  view: DataView,
  offset: number,
  count: number,
): CentralEntry[] {
  const entries: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== CENTRAL_HEADER) {
      throw new ZipEditError('notAZip');
    }
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const size = 46 + nameLength + extraLength + commentLength;
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    entries.push({
      record: zip.subarray(at, at + size),
      nameBytes,
      name: decodeName(nameBytes, flags),
      flags,
    });
    at += size;
  }
  return entries;
}

function decodeName(bytes: Uint8Array, flags: number): string {
  if (flags & UTF8_FLAG) return new TextDecoder('utf-8').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function normalize(name: string): string {
  return name
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}

/** Skipped by the API (folders, __MACOSX, hidden files, Office lock files). */
function isIgnored(name: string): boolean {
  if (name.endsWith('/') || name.endsWith('\\')) return true;
  const segments = normalize(name).split('/');
  const base = segments[segments.length - 1] ?? '';
  return (
    segments[0] === '__MACOSX' || segments.some((s) => s.startsWith('.')) || base.startsWith('~$')
  );
}

/** The folder every file of the zip sits in (a zipped folder), with its raw name bytes. */
function sharedFolder(
  entries: readonly CentralEntry[],
): { name: string; bytes: Uint8Array; flags: number } | null {
  const files = entries.filter((entry) => !isIgnored(entry.name));
  const first = files[0];
  if (!first) return null;
  const folder = normalize(first.name).split('/')[0];
  if (!folder || !files.every((entry) => normalize(entry.name).startsWith(`${folder}/`)))
    return null;
  // The folder's bytes as stored: everything up to the first separator of the raw name.
  const slash = first.nameBytes.findIndex((byte) => byte === 0x2f || byte === 0x5c);
  return {
    name: `${folder}/`,
    bytes: concat(first.nameBytes.subarray(0, slash), new Uint8Array([0x2f])),
    flags: first.flags,
  };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getFullYear());
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

let crcTable: Uint32Array | null = null;

export function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
