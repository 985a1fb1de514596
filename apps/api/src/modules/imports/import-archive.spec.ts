import { HttpException } from '@nestjs/common';
import { type Zippable, zipSync } from 'fflate';
import { decodeEntryName, normalizeEntryPath, readImportArchive } from './import-archive';

const text = (value: string) => new TextEncoder().encode(value);

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof HttpException) return (error.getResponse() as { code?: string }).code;
    throw error;
  }
  return undefined;
}

/** Replaces a same-length ASCII placeholder in a zip's headers with raw bytes (a GBK name). */
function renameRaw(zip: Uint8Array, placeholder: string, raw: readonly number[]): Uint8Array {
  const needle = Buffer.from(placeholder, 'latin1');
  const bytes = Buffer.from(zip);
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) {
    Buffer.from(raw).copy(bytes, at);
  }
  return bytes;
}

describe('readImportArchive', () => {
  it('unpacks files with their folders and finds the manifest', () => {
    const zip = zipSync({
      'pingtan-2021/source.txt': text('a'),
      'jiyuan/source.txt': text('bb'),
      'manifest.csv': text('file,agency_code,year\n'),
    });
    const archive = readImportArchive(zip);
    expect(archive.entries.map((entry) => [entry.path, entry.bytes.toString()])).toEqual([
      ['pingtan-2021/source.txt', 'a'],
      ['jiyuan/source.txt', 'bb'],
    ]);
    expect(archive.manifest?.toString()).toBe('file,agency_code,year\n');
  });

  it('drops the one folder a zipped folder puts around everything, manifest included', () => {
    const zip = zipSync({ 'reports/': {}, 'reports/a.txt': text('a'), 'reports/MANIFEST.csv': text('m') } as Zippable);
    const archive = readImportArchive(zip);
    expect(archive.entries.map((entry) => entry.path)).toEqual(['a.txt']);
    expect(archive.manifest?.toString()).toBe('m');
  });

  it('skips __MACOSX, hidden files, Office lock files and Windows litter', () => {
    const zip = zipSync({
      'a.txt': text('a'),
      '__MACOSX/._a.txt': text('x'),
      '.DS_Store': text('x'),
      'sub/.hidden/b.txt': text('x'),
      '~$report.docx': text('x'),
      'Thumbs.db': text('x'),
    });
    expect(readImportArchive(zip).entries.map((entry) => entry.path)).toEqual(['a.txt']);
  });

  it('reads GBK file names that Windows writes without the UTF-8 flag', () => {
    const zip = renameRaw(zipSync({ 'abcd.txt': text('a') }), 'abcd.txt', [0xc4, 0xea, 0xb1, 0xa8, 0x2e, 0x74, 0x78, 0x74]);
    expect(readImportArchive(zip).entries[0]?.path).toBe('年报.txt');
    const utf8 = readImportArchive(zipSync({ '年报/报告.txt': text('a'), '说明.txt': text('b') }));
    expect(utf8.entries.map((entry) => entry.path)).toEqual(['年报/报告.txt', '说明.txt']);
  });

  it.each([
    ['not a zip at all', () => Buffer.from('plain text, long enough to look at: 0123456789'), 'IMPORT_NOT_A_ZIP'],
    ['a zip with nothing in it', () => zipSync({}), 'IMPORT_ZIP_EMPTY'],
    ['a zip of litter only', () => zipSync({ '__MACOSX/._a': text('x'), 'manifest.csv': text('m') }), 'IMPORT_ZIP_EMPTY'],
    ['a path climbing out', () => zipSync({ '../evil.txt': text('x') }), 'IMPORT_ZIP_UNSAFE_PATH'],
    ['an absolute path', () => zipSync({ '/etc/passwd': text('x') }), 'IMPORT_ZIP_UNSAFE_PATH'],
    ['a zip inside', () => zipSync({ 'inner.zip': zipSync({ 'a.txt': text('a') }) }), 'IMPORT_ZIP_NESTED'],
    ['a gzip under another name', () => zipSync({ 'a.txt': new Uint8Array([0x1f, 0x8b, 8, 0]) }), 'IMPORT_ZIP_NESTED'],
  ])('refuses %s', (_name, make, code) => {
    expect(codeOf(() => readImportArchive(make()))).toBe(code);
  });

  it('refuses a truncated zip as corrupt or not a zip', () => {
    const zip = zipSync({ 'a.txt': text('a'.repeat(1000)) });
    expect(['IMPORT_NOT_A_ZIP', 'IMPORT_ZIP_CORRUPT']).toContain(codeOf(() => readImportArchive(zip.subarray(0, zip.length - 30))));
  });

  it('refuses a Word, Excel or OpenDocument file: a zip, but not of reports', () => {
    const docx = zipSync({
      '[Content_Types].xml': text('<Types/>'),
      '_rels/.rels': text('<Relationships/>'),
      'word/document.xml': text('<w:document/>'),
      'word/styles.xml': text('<w:styles/>'),
    });
    expect(codeOf(() => readImportArchive(docx))).toBe('IMPORT_NOT_AN_ARCHIVE_OF_REPORTS');
    const odt = zipSync({ mimetype: text('application/vnd.oasis.opendocument.text'), 'content.xml': text('<x/>') });
    expect(codeOf(() => readImportArchive(odt))).toBe('IMPORT_NOT_AN_ARCHIVE_OF_REPORTS');
    // The same part names one folder down are files someone zipped, not a document.
    const folder = zipSync({ 'unpacked/[Content_Types].xml': text('<Types/>'), 'a.txt': text('a') });
    expect(readImportArchive(folder).entries.map((entry) => entry.path)).toContain('a.txt');
  });

  it('stops at the entry count and the declared total size, before inflating', () => {
    const many = zipSync({ 'a.txt': text('a'), 'b.txt': text('b'), 'c.txt': text('c'), 'manifest.csv': text('m') });
    expect(codeOf(() => readImportArchive(many, { maxEntries: 2, maxTotalBytes: 1000 }))).toBe('IMPORT_TOO_MANY_FILES');
    expect(readImportArchive(many, { maxEntries: 3, maxTotalBytes: 1000 }).entries).toHaveLength(3);

    // A megabyte of zeros deflates to about a kilobyte: the declared size is what counts.
    const bomb = zipSync({ 'zeros.txt': new Uint8Array(1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(10_000);
    expect(codeOf(() => readImportArchive(bomb, { maxEntries: 10, maxTotalBytes: 512 * 1024 }))).toBe('IMPORT_ARCHIVE_TOO_LARGE');
  });

  it('refuses an entry that inflates to more than it declares, never cutting it short or failing', () => {
    // Once: a RangeError out of fflate (500) for the first, the second imported cut to 1,000 bytes.
    const longer = (size: number, declared: number) =>
      withDeclaredSize(zipSync({ 'r.txt': new Uint8Array(size).fill(0x41) }), 'r.txt', declared);
    expect(codeOf(() => readImportArchive(longer(5 * 1024 * 1024, 10 * 1024)))).toBe(
      'IMPORT_ZIP_CORRUPT',
    );
    expect(codeOf(() => readImportArchive(longer(100_000, 1000)))).toBe('IMPORT_ZIP_CORRUPT');
    expect(readImportArchive(longer(1000, 1000)).entries[0]?.bytes).toHaveLength(1000);
  });

  it('refuses an entry whose data does not match its checksum', () => {
    const zip = Buffer.from(
      zipSync({ 'a.txt': text('2023年度报告'), 'b.txt': text('b') }, { level: 0 }),
    );
    const at = zip.indexOf(Buffer.from('2023'));
    zip[at] = 0x31; // stored bytes changed after zipping: 1023年度报告
    expect(codeOf(() => readImportArchive(zip))).toBe('IMPORT_ZIP_CORRUPT');
  });

  it('quotes an unsafe path without the control characters in it', () => {
    const zip = renameRaw(zipSync({ 'abc.txt': text('a') }), 'b', [0x00]);
    let message = '';
    try {
      readImportArchive(zip);
    } catch (error) {
      message = ((error as HttpException).getResponse() as { message: string }).message;
    }
    expect(message).toContain('“ac.txt”');
  });
});

/** Rewrites the uncompressed size that the local header and the central directory declare. */
function withDeclaredSize(zip: Uint8Array, name: string, declared: number): Uint8Array {
  const bytes = Buffer.from(zip);
  const needle = Buffer.from(name);
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) {
    if (at >= 30 && bytes.readUInt32LE(at - 30) === 0x04034b50)
      bytes.writeUInt32LE(declared, at - 8);
    if (at >= 46 && bytes.readUInt32LE(at - 46) === 0x02014b50)
      bytes.writeUInt32LE(declared, at - 22);
  }
  return bytes;
}

describe('entry names', () => {
  it.each([
    ['a\\b\\c.txt', 'a/b/c.txt'],
    ['./a//b.txt', 'a/b.txt'],
    ['a/../b.txt', null],
    ['C:/x.txt', null],
    ['/x.txt', null],
    ['a\u0000.txt', null],
  ])('normalises %j to %j', (name, expected) => {
    expect(normalizeEntryPath(name)).toBe(expected);
  });

  it('keeps ASCII and UTF-8 names, re-reads Latin-1 ones as UTF-8 or GBK', () => {
    expect(decodeEntryName('plain.txt')).toBe('plain.txt');
    expect(decodeEntryName('年报.txt')).toBe('年报.txt');
    expect(decodeEntryName(Buffer.from('年报.txt', 'utf8').toString('latin1'))).toBe('年报.txt');
    expect(decodeEntryName(Buffer.from([0xc4, 0xea, 0xb1, 0xa8]).toString('latin1'))).toBe('年报');
  });
});
