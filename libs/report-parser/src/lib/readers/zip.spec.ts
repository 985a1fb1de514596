import { ParseError, type ReadLimits } from '../document';
import { buildZip, withDeclaredSize } from '@atlas/report-samples';
import { assertZipUnpacksWithin, ZipArchive } from './zip';

const MESSAGES = { corruptZh: '坏了', corruptEn: 'broken' };
const limits = (maxUnpackedBytes: number): ReadLimits => ({
  maxInputBytes: 1e9,
  maxUnpackedBytes,
  maxPages: 1,
});

function errorOf(action: () => unknown): ParseError {
  try {
    action();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

describe('ZipArchive', () => {
  it('reads stored and deflated entries, names case-insensitively', () => {
    const zip = buildZip(
      { 'Word/Document.xml': '<x>正文</x>', 'a.bin': new Uint8Array([1, 2, 3]) },
      0,
    );
    const archive = ZipArchive.open(zip, limits(1000), MESSAGES);
    expect(archive.readText('word/document.xml')).toBe('<x>正文</x>');
    expect(archive.read('a.bin')).toEqual(new Uint8Array([1, 2, 3]));
    expect(archive.read('missing.xml')).toBeUndefined();
    expect(
      ZipArchive.open(buildZip({ 'a.xml': 'abc'.repeat(100) }, 9), limits(1000), MESSAGES).readText(
        'a.xml',
      ),
    ).toBe('abc'.repeat(100));
  });

  it('refuses an entry whose declared size exceeds the budget, before inflating it', () => {
    const bomb = buildZip({ 'a.xml': ' '.repeat(2_000_000) }, 9);
    expect(bomb.length).toBeLessThan(10_000);
    const archive = ZipArchive.open(bomb, limits(1_000_000), MESSAGES);
    expect(errorOf(() => archive.read('a.xml')).code).toBe('TOO_LARGE');
  });

  it('counts the budget across entries', () => {
    const archive = ZipArchive.open(
      buildZip({ 'a.xml': 'x'.repeat(600), 'b.xml': 'y'.repeat(600) }),
      limits(1000),
      MESSAGES,
    );
    expect(archive.read('a.xml')?.length).toBe(600);
    expect(errorOf(() => archive.read('b.xml')).code).toBe('TOO_LARGE');
  });

  it('stops inflating an entry that is larger than its header says', () => {
    const lying = withDeclaredSize(buildZip({ 'a.xml': ' '.repeat(20_000_000) }, 9), 'a.xml', 100);
    const archive = ZipArchive.open(lying, limits(1_000_000), MESSAGES);
    const error = errorOf(() => archive.read('a.xml'));
    expect(['CORRUPT_FILE', 'TOO_LARGE']).toContain(error.code);
  });

  it('rejects truncated archives, damaged data and non-zips as CORRUPT_FILE', () => {
    const zip = buildZip({ 'a.xml': 'some text '.repeat(200) }, 9);
    expect(
      errorOf(() => ZipArchive.open(zip.subarray(0, zip.length - 30), limits(1e6), MESSAGES)).code,
    ).toBe('CORRUPT_FILE');
    expect(
      errorOf(() => ZipArchive.open(new Uint8Array([1, 2, 3]), limits(1e6), MESSAGES)).messageZh,
    ).toBe('坏了');
    const damaged = zip.slice();
    damaged[60] ^= 0xff;
    expect(errorOf(() => ZipArchive.open(damaged, limits(1e6), MESSAGES).read('a.xml')).code).toBe(
      'CORRUPT_FILE',
    );
  });

  it('recognises legacy OLE files (.doc, .xls, encrypted OOXML)', () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(errorOf(() => ZipArchive.open(ole, limits(1e6), MESSAGES)).code).toBe(
      'UNSUPPORTED_TYPE',
    );
  });
});

describe('assertZipUnpacksWithin', () => {
  it('passes an archive within the limit and refuses a bomb or a lying header before keeping it', () => {
    expect(() =>
      assertZipUnpacksWithin(
        buildZip({ 'a.xml': 'x'.repeat(1000), 'b.xml': 'y' }, 9),
        2000,
        MESSAGES,
      ),
    ).not.toThrow();
    // Each entry is within the limit; together they are not.
    const spread = buildZip({ 'a.xml': ' '.repeat(1500), 'b.xml': ' '.repeat(1500) }, 9);
    expect(errorOf(() => assertZipUnpacksWithin(spread, 2000, MESSAGES)).code).toBe('TOO_LARGE');
    const lying = withDeclaredSize(buildZip({ 'a.xml': ' '.repeat(5_000_000) }, 9), 'a.xml', 100);
    expect(errorOf(() => assertZipUnpacksWithin(lying, 1_000_000, MESSAGES)).code).toBe(
      'TOO_LARGE',
    );
  });
});
