import { assessDocumentYear } from './report-year';

describe('the year of an upload', () => {
  it('refuses a different year stated in the title or the period, and warns for a guessed one', () => {
    expect(assessDocumentYear(2023, 2023, 'title')).toEqual({ kind: 'consistent', warnings: [] });
    expect(assessDocumentYear(2023, 2022, 'title')).toEqual({ kind: 'mismatch', parsedYear: 2022 });
    expect(assessDocumentYear(2023, 2022, 'period')).toEqual({
      kind: 'mismatch',
      parsedYear: 2022,
    });
    const guessed = assessDocumentYear(2023, 2022, 'body');
    expect(guessed).toEqual({
      kind: 'consistent',
      warnings: [{ code: 'YEAR_DIFFERS', message: expect.stringContaining('正文') }],
    });
    const fromName = assessDocumentYear(2023, 2022, 'fileName');
    expect(fromName.kind === 'consistent' && fromName.warnings[0]?.message).toContain('文件名');
    expect(assessDocumentYear(2023, null, null)).toEqual({
      kind: 'consistent',
      warnings: [{ code: 'YEAR_NOT_FOUND', message: expect.any(String) }],
    });
  });
});
