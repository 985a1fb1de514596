import { describe, expect, it } from 'vitest';
import {
  columnHeader,
  displayCell,
  safeFileName,
  tableToCsv,
  UTF8_BOM,
  type ChartTable,
  type ChartTableColumn,
} from './table';

const agency: ChartTableColumn = { key: 'agency', label: '机构' };
const requests: ChartTableColumn = {
  key: 'requests',
  label: '收到申请',
  unit: '件',
  numeric: true,
};
const rate: ChartTableColumn = { key: 'rate', label: '办结率', unit: '%', numeric: true };

const table: ChartTable = {
  columns: [agency, requests, rate],
  rows: [
    { agency: '青山县教育局', requests: 1234, rate: 98.5 },
    { agency: '青山县"自然资源"局, 二科', requests: null, rate: null },
    { agency: '=SUM(A1:A2)', requests: 0, rate: 100 },
  ],
};

describe('chart tables', () => {
  it('puts units in the header and shows cells with units, missing as a dash', () => {
    expect(columnHeader(requests)).toBe('收到申请（件）');
    expect(displayCell(requests, 1234)).toBe('1,234件');
    expect(displayCell(rate, 98.5)).toBe('98.5%');
    expect(displayCell(requests, null)).toBe('—');
    expect(displayCell(agency, '青山县教育局')).toBe('青山县教育局');
  });

  it('writes CSV with a BOM, CRLF lines, plain numbers, quoted text and empty missing cells', () => {
    const csv = tableToCsv(table);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '机构,收到申请（件）,办结率（%）',
      '青山县教育局,1234,98.5',
      '"青山县""自然资源""局, 二科",,',
      "'=SUM(A1:A2),0,100",
      '',
    ]);
  });

  it('is read back by a UTF-8 decoder as the same Chinese text', () => {
    const bytes = new TextEncoder().encode(tableToCsv(table));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8').decode(bytes)).toContain('青山县教育局');
  });

  it('makes safe file names', () => {
    expect(safeFileName('收到申请 / 年度: 2024', 'csv')).toBe('收到申请 _ 年度_ 2024.csv');
    expect(safeFileName('  ', 'png')).toBe('chart.png');
  });
});
