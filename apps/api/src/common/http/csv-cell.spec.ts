import { neutraliseCsvCell, restoreCsvCell } from './csv-cell';

describe('CSV cells', () => {
  it.each(['=HYPERLINK("http://x","点我")', '@SUM(A1:A9)', '+1+1', '-2+3', '\t=1', '\r=1'])(
    'starts a formula-like text %j with a quote, and reads it back',
    (text) => {
      const cell = neutraliseCsvCell(text);
      expect(cell).toBe(`'${text}`);
      expect(restoreCsvCell(cell as string)).toBe(text);
    },
  );

  it('leaves plain text, numbers and empty cells as they are', () => {
    expect(neutraliseCsvCell('某某市人民政府')).toBe('某某市人民政府');
    expect(neutraliseCsvCell(-5)).toBe(-5);
    expect(neutraliseCsvCell(null)).toBeNull();
    expect(restoreCsvCell("'某某")).toBe("'某某");
  });
});
