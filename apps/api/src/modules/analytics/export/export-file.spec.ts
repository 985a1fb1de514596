import { parse } from 'csv-parse/sync';
import { toCsv } from './export-file';

describe('toCsv', () => {
  it('writes agency names that look like formulas as text, numbers as numbers', () => {
    const csv = toCsv({
      sheet: '排名',
      header: ['单位', '收到申请'],
      rows: [
        ['=HYPERLINK("http://evil.example","点我")', 12],
        ['@SUM(A1:A2)', -3],
        ['某某市人民政府', 0],
      ],
    });
    expect(parse(csv, { bom: true })).toEqual([
      ['单位', '收到申请'],
      [`'=HYPERLINK("http://evil.example","点我")`, '12'],
      [`'@SUM(A1:A2)`, '-3'],
      ['某某市人民政府', '0'],
    ]);
  });
});
