import { Workbook } from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import {
  cellText,
  decodeCsvText,
  fileFormatOf,
  readCsvSheet,
  readXlsxSheet,
  SheetReadError,
  writeAgencyCsv,
  writeAgencyXlsx,
  type AgencyFileRecord,
} from './agency-table';

const records: AgencyFileRecord[] = [
  {
    code: '330000',
    name: '浙江省人民政府',
    level: 'province',
    kind: 'government',
    parentCode: null,
    activeFromYear: 2008,
    activeToYear: null,
  },
  {
    code: '0330100',
    name: '杭州市, "教育局"',
    level: 'city',
    kind: 'department',
    parentCode: '330000',
    activeFromYear: null,
    activeToYear: 2024,
  },
];

describe('fileFormatOf', () => {
  it('knows .csv and .xlsx in any case, nothing else', () => {
    expect(fileFormatOf('机构.CSV')).toBe('csv');
    expect(fileFormatOf('agencies.xlsx')).toBe('xlsx');
    expect(fileFormatOf('agencies.xls')).toBeNull();
    expect(fileFormatOf('agencies')).toBeNull();
  });
});

describe('CSV', () => {
  it('numbers rows as Excel does, keeping blank lines and quoted line breaks in one row', () => {
    const rows = readCsvSheet(
      Buffer.from('\ufeff编码,名称\r\n\r\n1,"两行\n名称"\r\n2,乙\r\n', 'utf8'),
    );
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['编码', '名称'] },
      { rowNumber: 2, cells: [''] },
      { rowNumber: 3, cells: ['1', '两行\n名称'] },
      { rowNumber: 4, cells: ['2', '乙'] },
    ]);
  });

  it('reads GB18030 text, as Excel on Chinese Windows saves "CSV"', () => {
    const gbk = Buffer.from([0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6]); // 编码,名称
    expect(decodeCsvText(gbk)).toBe('编码,名称');
    expect(readCsvSheet(gbk)[0]?.cells).toEqual(['编码', '名称']);
  });

  it('refuses broken quoting with a Chinese reason', () => {
    expect(() => readCsvSheet(Buffer.from('code,name\n1,"open'))).toThrow(SheetReadError);
    expect(() => readCsvSheet(Buffer.from('code,name\n1,"open'))).toThrow(/CSV 格式错误/);
  });

  it('writes a BOM, Chinese headers and labels, and reads back the same cells', () => {
    const csv = writeAgencyCsv(records);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readCsvSheet(csv).map((row) => row.cells)).toEqual([
      ['编码', '名称', '层级', '类型', '上级编码', '起始年度', '终止年度'],
      ['330000', '浙江省人民政府', '省级', '人民政府', '', '2008', ''],
      ['0330100', '杭州市, "教育局"', '市级', '部门', '330000', '', '2024'],
    ]);
  });
});

describe('XLSX', () => {
  it('writes and reads back the same cells, codes kept as text', async () => {
    const rows = await readXlsxSheet(await writeAgencyXlsx(records));
    expect(rows.map((row) => row.cells)).toEqual([
      ['编码', '名称', '层级', '类型', '上级编码', '起始年度', '终止年度'],
      ['330000', '浙江省人民政府', '省级', '人民政府', '', '2008'],
      ['0330100', '杭州市, "教育局"', '市级', '部门', '330000', '', '2024'],
    ]);
  });

  it('reads numbers, rich text and formula results as the text a user sees, keeping row numbers', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('第一页');
    sheet.getCell('A1').value = 'code';
    sheet.getCell('A3').value = 330100;
    sheet.getCell('B3').value = { richText: [{ text: '杭州' }, { text: '市' }] };
    sheet.getCell('C3').value = { formula: '2000+8', result: 2008 };
    const rows = await readXlsxSheet(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['code'] },
      { rowNumber: 3, cells: ['330100', '杭州市', '2008'] },
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(readXlsxSheet(Buffer.from('code,name\n'))).rejects.toThrow(
      '不是有效的 XLSX 文件，无法读取',
    );
  });

  it('refuses a zip bomb from its sizes, before exceljs unpacks it', async () => {
    // A real workbook whose sheet part is 64 MB of spaces: about 64 KB zipped.
    const workbook = unzipSync(await writeAgencyXlsx(records));
    workbook['xl/worksheets/sheet1.xml'] = new Uint8Array(64 * 1024 * 1024).fill(0x20);
    const bomb = Buffer.from(zipSync(workbook, { level: 1 }));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    await expect(readXlsxSheet(bomb)).rejects.toThrow(
      '文件解压后超过 48 MB 上限（可能是压缩炸弹），已拒绝读取',
    );
    // Refused from the declared size: nothing near the 64 MB the part holds is allocated.
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('turns cell values into text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(true)).toBe('true');
    expect(cellText(new Date('2021-03-04T00:00:00Z'))).toBe('2021-03-04');
    expect(cellText({ text: '链接', hyperlink: 'https://example.org' })).toBe('链接');
  });
});
