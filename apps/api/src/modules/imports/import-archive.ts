import { withoutInvisibles } from '../../common/http/file-name';
import { type UnzipFileInfo, unzipSync } from 'fflate';
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
    if (path === null) throw archiveUnsafePath(decodeEntryName(file.name));
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
    throw error;
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
