import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { addManifestToZip, crc32, ZipEditError } from './zip-manifest';

const MANIFEST = 'file,agency_code,year\n年报.docx,QS-D11,2024\n';

function names(zip: Uint8Array): string[] {
  return Object.keys(unzipSync(zip)).sort();
}

describe('addManifestToZip', () => {
  it('adds manifest.csv at the top of a zip, keeping every entry as it was', () => {
    const zip = zipSync({ '年报.docx': strToU8('docx bytes'), 'b.pdf': strToU8('pdf bytes') });
    const result = addManifestToZip(zip, strToU8(MANIFEST));
    expect(result).toMatchObject({ path: 'manifest.csv', replaced: false });
    const files = unzipSync(result.zip);
    expect(Object.keys(files).sort()).toEqual(['b.pdf', 'manifest.csv', '年报.docx']);
    expect(strFromU8(files['manifest.csv'] as Uint8Array)).toBe(MANIFEST);
    expect(strFromU8(files['年报.docx'] as Uint8Array)).toBe('docx bytes');
  });

  it('puts it in the one folder every file shares (a zipped folder)', () => {
    const zip = zipSync({
      '2024年报/': new Uint8Array(),
      '2024年报/a.docx': strToU8('a'),
      '2024年报/b.docx': strToU8('b'),
    });
    const result = addManifestToZip(zip, strToU8(MANIFEST));
    expect(result.path).toBe('2024年报/manifest.csv');
    expect(names(result.zip)).toContain('2024年报/manifest.csv');
  });

  it('replaces a manifest already in that place', () => {
    const zip = zipSync({ 'a.docx': strToU8('a'), 'manifest.csv': strToU8('old') });
    const result = addManifestToZip(zip, strToU8(MANIFEST));
    expect(result.replaced).toBe(true);
    const files = unzipSync(result.zip);
    expect(Object.keys(files).sort()).toEqual(['a.docx', 'manifest.csv']);
    expect(strFromU8(files['manifest.csv'] as Uint8Array)).toBe(MANIFEST);
  });

  it('refuses what is not a zip', () => {
    expect(() =>
      addManifestToZip(strToU8('not a zip at all, just text'), strToU8(MANIFEST)),
    ).toThrow(ZipEditError);
  });
});

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
  });
});
