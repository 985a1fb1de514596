import { withoutInvisibles } from '../../common/http/file-name';
import { type UnzipFileInfo, unzipSync } from 'fflate';
import { crc32 } from 'node:zlib';
import {
  archiveCorrupt,
  archiveEmpty,
  archiveIsADocument,
  archiveNested,
  archiveTooLarge,
  archiveTooManyFiles,
  archiveUnsafePath,
  archiveUnsupportedCompression,
  notAZip,
} from './import.errors';

/** What one import may unpack; the zip itself is limited by the upload (IMPORT_MAX_ARCHIVE_BYTES). */
export interface ArchiveLimits {
  /** Sum of the uncompressed sizes the zip declares: a zip bomb stops here, before inflating. */
  readonly maxTotalBytes: number;
  /** Files to import (folders, skipped files and the manifest not counted). */
  readonly maxEntries: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntries: 500,
};

export interface ArchiveEntry {
  /** Path inside the zip, `/`-separated, without a folder every file shares. */
  readonly path: string;
  readonly bytes: Buffer;
}

export interface ImportArchive {
  readonly entries: ArchiveEntry[];
  /** `manifest.csv` at the top (of the zip or of its one folder), when there is one. */
  readonly manifest: Buffer | null;
}

export const MANIFEST_FILE_NAME = 'manifest.csv';

const STORED = 0;
const DEFLATED = 8;

/** Archives inside the archive are refused, not unpacked: one level of limits is all we check. */
const ARCHIVE_EXTENSIONS = new Set(['zip', 'zipx', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'cab']);
const ARCHIVE_SIGNATURES: readonly (readonly number[])[] = [
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // Rar!
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x1f, 0x8b], // gzip
];

/**
 * Top-level parts that make a zip an office document rather than a folder of files: a DOCX
 * sent here is a zip too, and its XML parts were once queued as reports.
 */
const DOCUMENT_MARKERS: ReadonlyMap<string, string> = new Map([
  ['[content_types].xml', 'Office 文档（.docx、.xlsx 等）'],
  ['mimetype', 'OpenDocument 文档（.odt、.ods 等）'],
]);

/** Operating-system litter, never a report. */
const LITTER = new Set(['thumbs.db', 'desktop.ini']);

/**
 * Unpacks an uploaded zip in memory, refusing what is unsafe before inflating anything: paths that
 * climb out (`..`, absolute), archives inside, more files or more bytes than the limits. Folders,
 * `__MACOSX`, hidden files (`.DS_Store`, `._x`) and Office lock files (`~$x.docx`) are skipped.
 */
export function readImportArchive(
  bytes: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): ImportArchive {
  if (!hasZipSignature(bytes)) throw notAZip();

  const accepted: { rawName: string; path: string }[] = [];
  const seen = new Set<string>();
  let fileCount = 0;
  let totalBytes = 0;
  const filter = (file: UnzipFileInfo): boolean => {
    const document = DOCUMENT_MARKERS.get(file.name.toLowerCase());
    if (document !== undefined) throw archiveIsADocument(document);
    if (file.name.endsWith('/') || file.name.endsWith('\\')) return false;
    const path = normalizeEntryPath(decodeEntryName(file.name));
    // The refusal quotes the name without the control characters that made it unsafe.
    if (path === null) throw archiveUnsafePath(withoutInvisibles(decodeEntryName(file.name)));
    if (isSkipped(path) || seen.has(path)) return false;
    if (ARCHIVE_EXTENSIONS.has(extensionOf(path))) throw archiveNested(path);
    if (file.compression !== STORED && file.compression !== DEFLATED) {
      throw archiveUnsupportedCompression(path);
    }
    seen.add(path);
    if (!path.toLowerCase().endsWith(MANIFEST_FILE_NAME) && ++fileCount > limits.maxEntries) {
      throw archiveTooManyFiles(limits.maxEntries);
    }
    // Stored entries come out exactly as large as they are in the zip; deflated ones as large as
    // declared (fflate inflates into a buffer of that size and drops anything beyond it).
    totalBytes += file.compression === STORED ? file.size : file.originalSize;
    if (totalBytes > limits.maxTotalBytes) throw archiveTooLarge(limits.maxTotalBytes);
    accepted.push({ rawName: file.name, path });
    return true;
  };

  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter });
  } catch (error) {
    if (isFflateError(error)) throw error.code === 13 ? notAZip() : archiveCorrupt();
    // fflate inflates into a buffer of the declared size; data longer than that can overrun it.
    // (By name: a Buffer from another realm, as under Jest, throws that realm's RangeError.)
    if ((error as { name?: unknown } | null)?.name === 'RangeError') throw archiveCorrupt();
    throw error;
  }
  // Data longer than declared can also come out silently cut at the declared size: only the
  // checksum tells, and a cut-short report must not be imported as if it were whole.
  const checksums = recordedChecksums(bytes);
  for (const { rawName } of accepted) {
    const content = files[rawName];
    if (content !== undefined && crc32(content) !== checksums.get(rawName)) throw archiveCorrupt();
  }

  const prefix = sharedFolder(accepted.map((entry) => entry.path));
  let manifest: Buffer | null = null;
  const entries: ArchiveEntry[] = [];
  for (const { rawName, path: fullPath } of accepted) {
    const content = files[rawName];
    if (content === undefined) continue;
    const path = fullPath.slice(prefix.length);
    const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    if (path.toLowerCase() === MANIFEST_FILE_NAME) {
      manifest = bytes;
      continue;
    }
    if (ARCHIVE_SIGNATURES.some((signature) => startsWith(bytes, signature))) {
      throw archiveNested(path);
    }
    entries.push({ path, bytes });
  }
  if (entries.length === 0) throw archiveEmpty();
  return { entries, manifest };
}

/**
 * Each entry's CRC-32 as the central directory records it, under the name fflate gives the
 * entry (UTF-8 when flagged, else Latin-1); the first of two entries with one name wins, as in
 * the filter above. Empty when the directory cannot be found (fflate has refused such a zip).
 */
export function recordedChecksums(bytes: Uint8Array): Map<string, number> {
  const checksums = new Map<string, number>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && end >= bytes.length - 22 - 0xffff && view.getUint32(end, true) !== 0x06054b50)
    end--;
  if (end < 0) return checksums;
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const locator = end - 20;
  if ((count === 0xffff || offset === 0xffffffff) && locator >= 0) {
    if (view.getUint32(locator, true) === 0x07064b50) {
      const zip64End = Number(view.getBigUint64(locator + 8, true));
      if (zip64End + 56 <= bytes.length && view.getUint32(zip64End, true) === 0x06064b50) {
        count = Number(view.getBigUint64(zip64End + 32, true));
        offset = Number(view.getBigUint64(zip64End + 48, true));
      }
    }
  }
  const utf8 = new TextDecoder();
  for (let i = 0; i < count && offset + 46 <= bytes.length; i++) {
    if (view.getUint32(offset, true) !== 0x02014b50) break;
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const nameBytes = bytes.subarray(offset + 46, offset + 46 + nameLength);
    const name =
      flags & 0x0800 ? utf8.decode(nameBytes) : Buffer.from(nameBytes).toString('latin1');
    if (!checksums.has(name)) checksums.set(name, view.getUint32(offset + 16, true));
    offset +=
      46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return checksums;
}

function hasZipSignature(bytes: Uint8Array): boolean {
  // PK\3\4 (a local file), PK\5\6 (the end record of an empty zip), PK\7\8 (spanned).
  return (
    bytes.length >= 22 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) ||
      (bytes[2] === 5 && bytes[3] === 6) ||
      (bytes[2] === 7 && bytes[3] === 8))
  );
}

/**
 * Zips made by Windows' "send to compressed folder" on a Chinese system name their files in GBK
 * without saying so; fflate then hands the bytes over as Latin-1. Names it decoded as UTF-8
 * (flagged) contain characters beyond Latin-1 and are kept as they are.
 */
export function decodeEntryName(name: string): string {
  // eslint-disable-next-line no-control-regex -- the whole Latin-1 range, as fflate decoded it
  if (/[^\u0000-\u00ff]/.test(name) || !/[\u0080-\u00ff]/.test(name)) return name;
  const bytes = Buffer.from(name, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** `a\b/./c` → `a/b/c`; null for a path that is absolute or climbs out with `..`. */
export function normalizeEntryPath(name: string): string | null {
  // eslint-disable-next-line no-control-regex -- a control character in a name is a forged entry
  if (/[\u0000-\u001f]/.test(name)) return null;
  const unified = name.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified)) return null;
  // Bidi overrides and zero-width characters would make the stored name show as another one.
  const segments = unified
    .split('/')
    .map(withoutInvisibles)
    .filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0 || segments.includes('..')) return null;
  return segments.join('/');
}

function isSkipped(path: string): boolean {
  const segments = path.split('/');
  const base = segments[segments.length - 1] ?? '';
  return (
    segments[0] === '__MACOSX' ||
    segments.some((segment) => segment.startsWith('.')) ||
    base.startsWith('~$') ||
    LITTER.has(base.toLowerCase())
  );
}

/** `reports/` when every file sits in that one folder (a zipped folder), else ''. */
function sharedFolder(paths: readonly string[]): string {
  const first = paths[0]?.split('/')[0];
  if (first === undefined) return '';
  const prefix = `${first}/`;
  return paths.every((path) => path.startsWith(prefix)) ? prefix : '';
}

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

function isFflateError(error: unknown): error is Error & { code: number } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'number';
}
