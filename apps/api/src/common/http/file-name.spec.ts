import { storableFileName, withoutInvisibles } from './file-name';

describe('stored file names', () => {
  it('drops bidi overrides, isolates and marks, so a name shows as what it is', () => {
    expect(storableFileName('年报\u202Excod.exe', 'x', 255)).toBe('年报xcod.exe');
    expect(
      withoutInvisibles(
        'a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069i\u200Ej\u200Fk\u061Cl',
      ),
    ).toBe('abcdefghijkl');
  });

  it('drops zero-width characters, the BOM, C0/C1 controls and line separators', () => {
    expect(
      withoutInvisibles('\uFEFFa\u200Bb\u200Dc\u0000d\u0085e\u009Bf\u2028g\u2029h\u007F'),
    ).toBe('abcdefgh');
  });

  it('keeps the last path segment, and the fallback when nothing is left', () => {
    expect(storableFileName('C:\\Users\\me\\年报 2024.docx', 'x', 255)).toBe('年报 2024.docx');
    expect(storableFileName('\u202E\u200B ', 'report', 255)).toBe('report');
    expect(storableFileName('a'.repeat(300), 'x', 255)).toHaveLength(255);
  });
});
