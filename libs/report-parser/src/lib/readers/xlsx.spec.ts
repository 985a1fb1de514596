import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { DEFAULT_READ_LIMITS, ParseError, type ReadDocument } from '../document';
import {
  buildDocx,
  buildZip,
  expectedGrid,
  table2Model,
  table3Model,
  table4Model,
  type TableModel,
  toXlsxSheet,
  writeXlsx,
} from '@atlas/report-samples';
import { readGrid, rowWithLabel, tableRows } from '../../test-support/read-grid';
import { readXlsx } from './xlsx';

const table2 = table2Model({
  regulations: [0, 0, 1],
  normativeDocuments: [77, 132, 470],
  licensing: 2629,
  penalty: 1330,
  coercion: 54,
  fees: '5949.088667',
});
const table3 = table3Model({
  newReceived: [80, 1, 0, 0, 0, 0, 81],
  granted: [22, 0, 0, 0, 0, 0, 22],
  totalHandled: [80, 1, 0, 0, 0, 0, 81],
});
const table4 = table4Model([1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]);
const texts = (document: ReadDocument, table: number): string[][] =>
  tableRows(document, table).map((line) => line.cells.map((cell) => cell.text));

async function parseErrorOf(read: Promise<unknown>): Promise<ParseError> {
  const error = await read.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof ParseError) return error;
  throw new Error(`expected a ParseError, got ${String(error)}`);
}

/** Rewrites one part of a zip (exceljs output) with `edit`. */
function editPart(zip: Uint8Array, name: string, edit: (xml: string) => string): Uint8Array {
  const parts = unzipSync(zip);
  parts[name] = strToU8(edit(strFromU8(parts[name])));
  return zipSync(parts);
}

describe('readXlsx on workbooks written by exceljs', () => {
  it('reads each sheet as one table, merged headers expanded, in sheet order', async () => {
    const models: [string, TableModel][] = [
      ['表2', table2],
      ['表3', table3],
      ['表4', table4],
    ];
    const document = await readXlsx(
      await writeXlsx(models.map(([name, model]) => ({ name, ...toXlsxSheet(model) }))),
    );
    models.forEach(([name, model], i) => {
      expect(readGrid(document, i + 1)).toEqual(expectedGrid(model));
      expect(tableRows(document, i + 1).every((line) => line.source.sheet === name)).toBe(true);
    });
    const granted = rowWithLabel(document, 2, '（一）予以公开');
    expect(granted?.source).toEqual({ sheet: '表3', table: 2, row: 6 });
    expect(granted?.cells[3]).toEqual({
      text: '22',
      source: { sheet: '表3', table: 2, row: 6, column: 4 },
    });
    expect(tableRows(document, 2)[26].cells[0]).toMatchObject({
      text: '三、本年度办理结果',
      mergedFrom: 'row',
    });
    expect(document.notes).toEqual([]);
  });

  it('reads tables 2–4 on one sheet as one table, skipping empty rows and unused columns', async () => {
    const sheet2 = toXlsxSheet(table2, { row: 2, column: 1 });
    const sheet3 = toXlsxSheet(table3, { row: 2 + 14 + 3, column: 1 });
    const sheet4 = toXlsxSheet(table4, { row: 2 + 14 + 3 + 28 + 1, column: 1 });
    const rows = [
      ['二、主动公开政府信息情况'],
      ...sheet2.rows,
      [],
      ['三、收到和处理政府信息公开申请情况'],
      [],
      ...sheet3.rows,
      [],
      ...sheet4.rows,
    ];
    const document = await readXlsx(
      await writeXlsx([
        {
          name: '年报',
          origin: 'B2',
          rows,
          merges: [...sheet2.merges, ...sheet3.merges, ...sheet4.merges],
        },
      ]),
    );
    const lines = tableRows(document, 1);
    expect(lines).toHaveLength(1 + 14 + 1 + 28 + 4);
    expect(lines.every((line) => line.cells.length === 15)).toBe(true);
    const padded = (model: TableModel) =>
      expectedGrid(model).map((row) => [...row, ...Array(15 - row.length).fill({ text: '' })]);
    const grid = readGrid(document, 1);
    expect(grid.slice(1, 15)).toEqual(padded(table2));
    expect(grid.slice(16, 44)).toEqual(padded(table3));
    expect(grid.slice(44)).toEqual(padded(table4));
    // Sheet coordinates: the first line is B2, empty rows 17 and 19 are skipped.
    expect(lines[0].cells[0].source).toEqual({ sheet: '年报', table: 1, row: 2, column: 2 });
    expect(lines.slice(14, 17).map((line) => line.source.row)).toEqual([16, 18, 20]);
  });

  it('reads values as shown: numbers, formulas by their stored result, rich text, dates, percentages', async () => {
    const document = await readXlsx(
      await writeXlsx([
        {
          name: 'Sheet1',
          rows: [
            ['行政事业性收费', 5949.088667, 0.1 + 0.2, 1e21],
            ['一、本年新收政府信息公开申请数量', 80, 1, { formula: 'B2+C2', result: 81 }],
            [
              {
                richText: [
                  { text: '（二）部分公开' },
                  { text: '（区分处理的）', font: { bold: true } },
                ],
              },
              true,
              0.5,
            ],
            ['第一行\n第二行', new Date(Date.UTC(2023, 11, 31)), { formula: 'SUM(B2:C2)' }],
          ],
          numberFormats: { C3: '0%' },
        },
      ]),
    );
    expect(texts(document, 1)).toEqual([
      ['行政事业性收费', '5949.088667', '0.3', '1e+21'],
      ['一、本年新收政府信息公开申请数量', '80', '1', '81'],
      ['（二）部分公开（区分处理的）', 'TRUE', '50%', ''],
      ['第一行 第二行', '2023-12-31', '', ''],
    ]);
    expect(document.notes).toEqual([
      '1 formula cell(s) have no stored result (never calculated); read as empty',
    ]);
  });

  it('notes hidden sheets and reads them; an empty sheet keeps its table number', async () => {
    const bytes = await writeXlsx([
      { name: '空', rows: [] },
      { name: '数据', rows: [['规章', 1]] },
    ]);
    const hidden = editPart(bytes, 'xl/workbook.xml', (xml) =>
      xml.replace('name="数据"', 'name="数据" state="hidden"'),
    );
    const document = await readXlsx(hidden);
    expect(document.lines).toEqual([
      {
        kind: 'row',
        source: { sheet: '数据', table: 2, row: 1 },
        cells: [
          { text: '规章', source: { sheet: '数据', table: 2, row: 1, column: 1 } },
          { text: '1', source: { sheet: '数据', table: 2, row: 1, column: 2 } },
        ],
      },
    ]);
    expect(document.notes).toEqual(['sheet "数据" is hidden; read anyway']);
  });
});

describe('readXlsx on hand-written OOXML', () => {
  it('follows an x: prefix, inline strings and cells without references', async () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const xlsx = buildZip({
      '_rels/.rels':
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="r1" Type="${rel}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<x:workbook xmlns:x="${ns}" xmlns:r="${rel}"><x:sheets><x:sheet name="S" sheetId="1" r:id="s1"/></x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels':
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="s1" Type="${rel}/worksheet" Target="sheets/one.xml"/></Relationships>`,
      'xl/sheets/one.xml':
        `<x:worksheet xmlns:x="${ns}"><x:sheetData>` +
        '<x:row><x:c t="inlineStr"><x:is><x:t>行政复议</x:t></x:is></x:c><x:c><x:v>3</x:v></x:c></x:row>' +
        '<x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:r><x:t>结果</x:t></x:r><x:r><x:t>维持</x:t></x:r>' +
        '<x:rPh><x:t>けっか</x:t></x:rPh></x:is></x:c></x:row></x:sheetData>' +
        '<x:mergeCells><x:mergeCell ref="A1:A3"/></x:mergeCells></x:worksheet>',
    });
    const document = await readXlsx(xlsx);
    expect(readGrid(document, 1)).toEqual([
      [{ text: '行政复议' }, { text: '3' }],
      [{ text: '行政复议', mergedFrom: 'row' }, { text: '结果维持' }],
    ]);
    expect(tableRows(document, 1).map((line) => line.source.row)).toEqual([1, 3]);
  });
});

describe('readXlsx on broken input', () => {
  const xlsxError = {
    code: 'CORRUPT_FILE',
    messageZh: '文件已损坏或不是有效的 Excel 工作簿（.xlsx）',
  };

  it('refuses an empty file and a file that is not a zip', async () => {
    expect((await parseErrorOf(readXlsx(new Uint8Array()))).code).toBe('EMPTY_FILE');
    const html = new TextEncoder().encode(
      '<html><body><table><tr><td>1</td></tr></table></body></html>',
    );
    expect(await parseErrorOf(readXlsx(html))).toMatchObject(xlsxError);
  });

  it('refuses a truncated workbook and a DOCX given as XLSX', async () => {
    const bytes = await writeXlsx([{ name: 'S', rows: [['规章', 1]] }]);
    expect(await parseErrorOf(readXlsx(bytes.subarray(0, bytes.length - 100)))).toMatchObject(
      xlsxError,
    );
    expect(await parseErrorOf(readXlsx(buildDocx([{ paragraph: '正文' }])))).toMatchObject(
      xlsxError,
    );
  });

  it('refuses a sheet that unpacks past the limit, quickly', async () => {
    const bytes = await writeXlsx([{ name: 'S', rows: [['规章', 1]] }]);
    const bomb = editPart(
      bytes,
      'xl/worksheets/sheet1.xml',
      (xml) => xml + ' '.repeat(3 * 1024 * 1024),
    );
    const limits = { ...DEFAULT_READ_LIMITS, maxUnpackedBytes: 1024 * 1024 };
    expect((await parseErrorOf(readXlsx(bomb, limits))).code).toBe('TOO_LARGE');
  });

  it('refuses a merged range over the whole sheet instead of expanding it', async () => {
    const bytes = await writeXlsx([{ name: 'S', rows: [['标题', 1]] }]);
    const huge = editPart(bytes, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace(
        '</worksheet>',
        '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>',
      ),
    );
    expect((await parseErrorOf(readXlsx(huge))).code).toBe('TOO_LARGE');
  });
});
