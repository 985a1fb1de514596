import { copyField, copyLine } from './copy-text';

describe('COPY text format', () => {
  it('escapes backslashes, tabs and line breaks and writes NULL as \\N', () => {
    expect(copyLine(['a\tb', 'c\\d', 'e\nf', null, 3, true])).toBe(
      'a\\tb\tc\\\\d\te\\nf\t\\N\t3\tt\n',
    );
  });

  it('writes dates as ISO timestamps', () => {
    expect(copyField(new Date('2025-01-20T02:00:00Z'))).toBe('2025-01-20T02:00:00.000Z');
  });
});
