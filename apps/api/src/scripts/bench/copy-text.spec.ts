import { arrayLiteral, copyField, copyLine } from './copy-text';

describe('COPY text format', () => {
  it('escapes backslashes, tabs and line breaks and writes NULL as \\N', () => {
    expect(copyLine(['a\tb', 'c\\d', 'e\nf', null, 3, true])).toBe(
      'a\\tb\tc\\\\d\te\\nf\t\\N\t3\tt\n',
    );
  });

  it('writes arrays as literals, strings quoted, inside the COPY escaping', () => {
    expect(arrayLiteral([1, null, 2.5])).toBe('{1,NULL,2.5}');
    expect(arrayLiteral(['T3.BALANCE', 'a"b'])).toBe('{"T3.BALANCE","a\\"b"}');
    expect(copyField(['a"b'])).toBe('{"a\\\\"b"}');
    expect(copyField([])).toBe('{}');
  });

  it('writes dates as ISO timestamps', () => {
    expect(copyField(new Date('2025-01-20T02:00:00Z'))).toBe('2025-01-20T02:00:00.000Z');
  });
});
