import { cleanFileName } from './report-file';

describe('report files', () => {
  it('keeps the base name only, without control characters', () => {
    expect(cleanFileName('C:\\Users\\me\\年报.docx', 'x')).toBe('年报.docx');
    expect(cleanFileName('../../etc/passwd', 'x')).toBe('passwd');
    expect(cleanFileName('a\u0000b\n.txt', 'x')).toBe('ab.txt');
    expect(cleanFileName('  ', 'fallback.txt')).toBe('fallback.txt');
  });
});
