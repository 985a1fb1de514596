import { Inflate } from 'fflate';
import { formatByteSize, ParseError, type ReadLimits } from '../document';

/**
 * Reads entries of the zip container of DOCX and XLSX files, with a zip-bomb guard: every entry
 * read counts its declared size against `maxUnpackedBytes` before inflating, and its actual size
 * while inflating (a header may lie), so memory stays near the limit whatever the archive claims.
 *
 * The central directory is parsed here rather than by fflate's `unzipSync`, because that one
 * inflates every selected entry in one go, growing its buffer past any declared size.
 */

/** How the container's problems are described to people; set by the format reading it. */
export interface ZipFormatMessages {
  /** e.g. "文件已损坏或不是有效的 Word 文档". */
  corruptZh: string;
  corruptEn: string;
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SIG_END_OF_CENTRAL_DIR = 0x06054b50;
const SIG_ZIP64_END_LOCATOR = 0x07064b50;
const SIG_ZIP64_END = 0x06064b50;
const SIG_CENTRAL_ENTRY = 0x02014b50;
const SIG_LOCAL_HEADER = 0x04034b50;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const FLAG_ENCRYPTED = 0x1;
/**
 * Compressed bytes inflated per step: a 64th of the expected size, within 1–16 KB. Deflate
 * expands at most ~1032:1, so one step overshoots what the header declares by at most ~16x
 * (and ~16 MB) before inflating stops, while a normal part takes a few steps.
 */
const MIN_INFLATE_STEP = 1024;
const MAX_INFLATE_STEP = 16 * 1024;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export class ZipArchive {
  private readonly entries = new Map<string, ZipEntry>();
  private unpackedBytes = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ReadLimits,
    private readonly messages: ZipFormatMessages,
  ) {}

  /** Parses the central directory; throws a ParseError when the bytes are not a usable zip. */
  static open(bytes: Uint8Array, limits: ReadLimits, messages: ZipFormatMessages): ZipArchive {
    const archive = new ZipArchive(bytes, limits, messages);
    archive.readCentralDirectory();
    return archive;
  }

  /** Every entry's name, as stored. */
  names(): string[] {
    return [...this.entries.values()].map((entry) => entry.name);
  }

  has(name: string): boolean {
    return this.entries.has(partKey(name));
  }

  /** The entry's bytes, or undefined when the archive has no such entry. */
  read(name: string): Uint8Array | undefined {
    const entry = this.entries.get(partKey(name));
    if (!entry) return undefined;
    const budget = this.limits.maxUnpackedBytes - this.unpackedBytes;
    if (entry.uncompressedSize > budget) throw this.tooLarge();
    const data = this.entryData(entry);
    let out: Uint8Array;
    if (entry.method === METHOD_STORED) {
      out = data;
    } else if (entry.method === METHOD_DEFLATE) {
      out = this.inflateBounded(data, entry, budget);
    } else {
      throw this.corrupt(`unsupported compression method ${entry.method} for ${name}`);
    }
    if (out.length > budget) throw this.tooLarge();
    if (out.length !== entry.uncompressedSize) {
      throw this.corrupt(
        `${name} unpacks to ${out.length} bytes, its header says ${entry.uncompressedSize}`,
      );
    }
    // Damaged deflate data can still inflate to the right length; the checksum tells.
    if (crc32(out) !== entry.crc32) throw this.corrupt(`${name} fails its checksum`);
    this.unpackedBytes += out.length;
    return out;
  }

  /** The entry as UTF-8 text (what OOXML parts are), or undefined when absent. */
  readText(name: string): string | undefined {
    const data = this.read(name);
    if (!data) return undefined;
    const hasBom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
    // Buffer#toString is several times faster than TextDecoder on Node 20 for large XML parts.
    const text = hasBom ? data.subarray(3) : data;
    return Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
  }

  private readCentralDirectory(): void {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const eocd = this.findEndOfCentralDirectory(view);
    let count = view.getUint16(eocd + 10, true);
    let offset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || offset === 0xffffffff) {
      const zip64 = this.readZip64End(view, eocd);
      count = zip64.count;
      offset = zip64.offset;
    }
    for (let i = 0; i < count; i++) {
      if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== SIG_CENTRAL_ENTRY) {
        throw this.corrupt('central directory is truncated');
      }
      const nameLength = view.getUint16(offset + 28, true);
      const extraLength = view.getUint16(offset + 30, true);
      const commentLength = view.getUint16(offset + 32, true);
      const nameEnd = offset + 46 + nameLength;
      if (nameEnd + extraLength > view.byteLength)
        throw this.corrupt('central directory is truncated');
      const entry: ZipEntry = {
        name: new TextDecoder('utf-8').decode(this.bytes.subarray(offset + 46, nameEnd)),
        flags: view.getUint16(offset + 8, true),
        method: view.getUint16(offset + 10, true),
        crc32: view.getUint32(offset + 16, true),
        compressedSize: view.getUint32(offset + 20, true),
        uncompressedSize: view.getUint32(offset + 24, true),
        localHeaderOffset: view.getUint32(offset + 42, true),
      };
      this.applyZip64Extra(view, entry, nameEnd, extraLength);
      this.entries.set(partKey(entry.name), entry);
      offset = nameEnd + extraLength + commentLength;
    }
  }

  private findEndOfCentralDirectory(view: DataView): number {
    // The record is 22 bytes plus a comment of up to 65535 bytes, at the very end.
    const last = view.byteLength - 22;
    const first = Math.max(0, last - 0xffff);
    for (let at = last; at >= first; at--) {
      if (view.getUint32(at, true) === SIG_END_OF_CENTRAL_DIR) return at;
    }
    throw this.notAZip();
  }

  private readZip64End(view: DataView, eocd: number): { count: number; offset: number } {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== SIG_ZIP64_END_LOCATOR) {
      throw this.corrupt('zip64 locator missing');
    }
    const end = toSafeNumber(view.getBigUint64(locator + 8, true));
    if (end + 56 > view.byteLength || view.getUint32(end, true) !== SIG_ZIP64_END) {
      throw this.corrupt('zip64 end record missing');
    }
    return {
      count: toSafeNumber(view.getBigUint64(end + 32, true)),
      offset: toSafeNumber(view.getBigUint64(end + 48, true)),
    };
  }

  /** Zip64 entries keep their real sizes in extra field 0x0001, in this order, when saturated. */
  private applyZip64Extra(view: DataView, entry: ZipEntry, start: number, length: number): void {
    const needs = [entry.uncompressedSize, entry.compressedSize, entry.localHeaderOffset].some(
      (value) => value === 0xffffffff,
    );
    if (!needs) return;
    for (let at = start; at + 4 <= start + length;) {
      const id = view.getUint16(at, true);
      const size = view.getUint16(at + 2, true);
      if (id === 0x0001) {
        let field = at + 4;
        const next = (): number => {
          if (field + 8 > at + 4 + size) throw this.corrupt('zip64 extra field is short');
          const value = toSafeNumber(view.getBigUint64(field, true));
          field += 8;
          return value;
        };
        if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
        if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
        if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
        return;
      }
      at += 4 + size;
    }
    throw this.corrupt('zip64 sizes missing');
  }

  private entryData(entry: ZipEntry): Uint8Array {
    if (entry.flags & FLAG_ENCRYPTED) {
      throw new ParseError(
        'UNSUPPORTED_TYPE',
        '文档已加密，无法读取，请去除密码后重新上传',
        'The document is encrypted; remove the password and upload it again',
      );
    }
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const at = entry.localHeaderOffset;
    if (at + 30 > view.byteLength || view.getUint32(at, true) !== SIG_LOCAL_HEADER) {
      throw this.corrupt(`local header of ${entry.name} is missing`);
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > view.byteLength) throw this.corrupt(`${entry.name} is truncated`);
    return this.bytes.subarray(start, end);
  }

  private inflateBounded(data: Uint8Array, entry: ZipEntry, budget: number): Uint8Array {
    // The declared size is already within budget; anything beyond it is a lying header.
    const cap = Math.min(budget, entry.uncompressedSize);
    const chunks: Uint8Array[] = [];
    let produced = 0;
    let overflow = false;
    const inflater = new Inflate((chunk) => {
      produced += chunk.length;
      if (produced > cap) overflow = true;
      else chunks.push(chunk);
    });
    const step = Math.min(MAX_INFLATE_STEP, Math.max(MIN_INFLATE_STEP, Math.floor(cap / 64)));
    try {
      for (let at = 0; at < data.length && !overflow; at += step) {
        const end = Math.min(data.length, at + step);
        inflater.push(data.subarray(at, end), end === data.length);
      }
      if (data.length === 0) inflater.push(data, true);
    } catch {
      throw this.corrupt(`${entry.name} cannot be inflated`);
    }
    if (overflow) {
      throw produced > budget
        ? this.tooLarge()
        : this.corrupt(`${entry.name} is larger than its header says`);
    }
    return concat(chunks, produced);
  }

  private notAZip(): ParseError {
    if (OLE_MAGIC.every((byte, i) => this.bytes[i] === byte)) {
      // Legacy .doc/.xls and password-protected OOXML are OLE compound files, not zips.
      return new ParseError(
        'UNSUPPORTED_TYPE',
        '这是旧版 Office 文件（.doc/.xls）或已加密的文档，请另存为 .docx/.xlsx 后上传',
        'This is a legacy Office file (.doc/.xls) or an encrypted document; save it as .docx/.xlsx and upload again',
      );
    }
    return this.corrupt('no zip directory found');
  }

  private corrupt(detail: string): ParseError {
    return new ParseError(
      'CORRUPT_FILE',
      this.messages.corruptZh,
      `${this.messages.corruptEn} (${detail})`,
    );
  }

  private tooLarge(): ParseError {
    const limit = formatByteSize(this.limits.maxUnpackedBytes);
    return new ParseError(
      'TOO_LARGE',
      `文件解压后超过 ${limit} 上限（可能是压缩炸弹），已拒绝读取`,
      `The file unpacks to more than the ${limit} limit (possibly a zip bomb); not read`,
    );
  }
}

/**
 * Inflates every entry of a zip within `maxUnpackedBytes` in all, checking each against its
 * declared size and checksum, and keeps nothing: for a file another library will unpack whole
 * (exceljs), so that it gets only archives whose real size is known to be within the limit.
 * Throws a ParseError (TOO_LARGE for a bomb, CORRUPT_FILE, UNSUPPORTED_TYPE) otherwise.
 */
export function assertZipUnpacksWithin(
  bytes: Uint8Array,
  maxUnpackedBytes: number,
  messages: ZipFormatMessages,
): void {
  const archive = ZipArchive.open(
    bytes,
    { maxInputBytes: bytes.length, maxUnpackedBytes, maxPages: 0 },
    messages,
  );
  for (const name of archive.names()) archive.read(name);
}

/** OOXML part names are case-insensitive, and some writers store them with a leading slash. */
function partKey(name: string): string {
  return name.replace(/^\//, '').toLowerCase();
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Uint8Array): number {
  const table = CRC_TABLE;
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function toSafeNumber(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
