import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_READ_LIMITS, ParseError, type ReadDocument } from '../document';
import {
  buildDocx,
  buildZip,
  type DocxCellFill,
  expectedGrid,
  fillDocxCells,
  table2Model,
  TABLE3_ROW_KEYS,
  table3Model,
  table4Model,
  toDocxTable,
  withDeclaredSize,
} from '@atlas/report-samples';
import { readGrid, rowWithLabel, tableRows } from '../../test-support/read-grid';
import { readDocx } from './docx';

const CORPUS = path.resolve(__dirname, '../../../../../../shared/corpus');
const TEMPLATE = path.join(CORPUS, 'template-2021', 'source.docx');
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

const paragraphs = (document: ReadDocument): string[] =>
  document.lines.filter((line) => line.kind === 'paragraph').map((line) => line.cells[0].text);
const tableNumbers = (document: ReadDocument): number[] => [
  ...new Set(
    document.lines.filter((line) => line.kind === 'row').map((line) => line.source.table ?? 0),
  ),
];
const cellAt = (document: ReadDocument, table: number, row: number, column: number) =>
  tableRows(document, table)[row - 1]?.cells[column - 1];
const body = (xml: string): string =>
  `<?xml version="1.0"?><w:document ${W}><w:body>${xml}</w:body></w:document>`;

async function parseErrorOf(read: Promise<unknown>): Promise<ParseError> {
  const error = await read.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof ParseError) return error;
  throw new Error(`expected a ParseError, got ${String(error)}`);
}

// The corpus lives outside the repository (/work/shared); without it these tests are skipped.
const describeWithTemplate = existsSync(TEMPLATE) ? describe : describe.skip;

describeWithTemplate('readDocx on the official 2021 template (corpus)', () => {
  let document: ReadDocument;

  beforeAll(async () => {
    document = await readDocx(readFileSync(TEMPLATE));
  });

  it('finds tables 2, 3 and 4 between the section headings', () => {
    expect(tableNumbers(document)).toEqual([1, 2, 3]);
    expect(
      document.lines.map((line) =>
        line.kind === 'row' ? `T${line.source.table}` : line.cells[0].text,
      ),
    ).toEqual(
      expect.arrayContaining([
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
      ]),
    );
    const order = document.lines
      .map((line) => (line.kind === 'row' ? `T${line.source.table}` : line.cells[0].text))
      .filter((entry, i, all) => entry !== all[i - 1]);
    expect(order.slice(order.indexOf('二、主动公开政府信息情况'))).toEqual([
      '二、主动公开政府信息情况',
      'T1',
      '三、收到和处理政府信息公开申请情况',
      'T2',
      '四、政府信息公开行政复议、行政诉讼情况',
      'T3',
      '五、存在的主要问题及改进情况',
      '（文字描述）',
      '六、其他需要报告的事项',
      '（文字描述，收取信息处理费情况在此处报告。）',
    ]);
    expect(document.notes).toEqual([]);
  });

  it('numbers paragraphs by their place among all body paragraphs', () => {
    const heading = document.lines.find((line) => line.cells[0].text === '一、总体情况');
    expect(heading?.source).toEqual({ line: 4 });
    expect(heading?.cells[0].source).toEqual({ line: 4 });
  });

  it('reads table 3 as 3 header rows and 25 data rows with empty value cells', () => {
    const rows = tableRows(document, 2);
    expect(rows).toHaveLength(28);
    expect(rows.every((row) => row.cells.length === 10)).toBe(true);
    const dataRows = rows.slice(3);
    expect(dataRows).toHaveLength(25);
    for (const row of dataRows) {
      expect(row.cells.slice(3).map((cell) => cell.text)).toEqual(['', '', '', '', '', '', '']);
      expect(row.cells.slice(3).every((cell) => cell.mergedFrom === undefined)).toBe(true);
    }
    // The most specific label of each data row is in column 3 (own text or a gridSpan copy).
    expect(dataRows.map((row) => row.cells[2].text)).toEqual([
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '（一）予以公开',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '1.属于国家秘密',
      '2.其他法律行政法规禁止公开',
      '3.危及“三安全一稳定”',
      '4.保护第三方合法权益',
      '5.属于三类内部事务信息',
      '6.属于四类过程性信息',
      '7.属于行政执法案卷',
      '8.属于行政查询事项',
      '1.本机关不掌握相关政府信息',
      '2.没有现成信息需要另行制作',
      '3.补正后申请内容仍不明确',
      '1.信访举报投诉类申请',
      '2.重复申请',
      '3.要求提供公开出版物',
      '4.无正当理由大量反复申请',
      '5.要求行政机关确认或重新出具已获取信息',
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      '3.其他',
      '（七）总计',
      '四、结转下年度继续办理',
    ]);
  });

  it('expands vMerge and gridSpan at the right grid positions', () => {
    const at = (row: number, column: number) => {
      const cell = cellAt(document, 2, row, column);
      return [cell?.text.slice(0, 12), cell?.mergedFrom];
    };
    expect(at(1, 1)).toEqual(['（本列数据的勾稽关系为：', undefined]);
    expect(at(1, 3)).toEqual(['（本列数据的勾稽关系为：', 'column']);
    expect(at(3, 2)).toEqual(['（本列数据的勾稽关系为：', 'row']);
    expect(at(1, 4)).toEqual(['申请人情况', undefined]);
    expect(at(1, 10)).toEqual(['申请人情况', 'column']);
    expect(at(2, 4)).toEqual(['自然人', undefined]);
    expect(at(3, 4)).toEqual(['自然人', 'row']);
    expect(at(2, 9)).toEqual(['法人或其他组织', 'column']);
    expect(at(3, 5)).toEqual(['商业企业', undefined]);
    expect(at(3, 10)).toEqual(['总计', 'row']);
    expect(at(6, 1)).toEqual(['三、本年度办理结果', undefined]);
    expect(at(6, 3)).toEqual(['（一）予以公开', 'column']);
    expect(at(27, 1)).toEqual(['三、本年度办理结果', 'row']);
    expect(at(8, 2)).toEqual(['（三）不予公开', undefined]);
    expect(at(15, 2)).toEqual(['（三）不予公开', 'row']);
    expect(at(16, 2)).toEqual(['（四）无法提供', undefined]);
    expect(at(26, 2)).toEqual(['（六）其他处理', 'row']);
    expect(at(28, 1)).toEqual(['四、结转下年度继续办理', undefined]);
    expect(cellAt(document, 2, 8, 3)?.source).toEqual({ table: 2, row: 8, column: 3 });
  });

  it('reads tables 2 and 4 with full-width spaces kept and line breaks as spaces', () => {
    expect(cellAt(document, 1, 3, 2)?.text).toBe('　　');
    expect(cellAt(document, 1, 3, 4)?.text).toBe('');
    expect(cellAt(document, 1, 7, 3)).toMatchObject({ text: '', mergedFrom: 'column' });
    expect(tableRows(document, 3).map((row) => row.cells.length)).toEqual([15, 15, 15, 15]);
    expect(cellAt(document, 3, 2, 2)?.text).toBe('结果 纠正');
    expect(cellAt(document, 3, 3, 2)).toMatchObject({ text: '结果 纠正', mergedFrom: 'row' });
    expect(cellAt(document, 3, 1, 15)).toMatchObject({ text: '行政诉讼', mergedFrom: 'column' });
    expect(tableRows(document, 3)[3].cells.map((cell) => cell.text)).toEqual(Array(15).fill(''));
  });

  it('reads numbers written into the template back at their grid positions', async () => {
    const fills: DocxCellFill[] = [];
    TABLE3_ROW_KEYS.forEach((_key, i) => {
      for (let c = 0; c < 7; c++)
        fills.push({ table: 2, row: 4 + i, column: 4 + c, text: String(i * 10 + c) });
    });
    for (let c = 1; c <= 15; c++)
      fills.push({ table: 3, row: 4, column: c, text: String(100 + c) });
    fills.push({ table: 1, row: 14, column: 2, text: '5949.088667' });
    const filled = await readDocx(await fillDocxCells(readFileSync(TEMPLATE), fills));

    const granted = rowWithLabel(filled, 2, '（一）予以公开');
    expect(granted?.cells.slice(3).map((cell) => cell.text)).toEqual([
      '20',
      '21',
      '22',
      '23',
      '24',
      '25',
      '26',
    ]);
    const other = tableRows(filled, 2)[25];
    expect(other.cells.map((cell) => cell.text)).toEqual([
      '三、本年度办理结果',
      '（六）其他处理',
      '3.其他',
      '220',
      '221',
      '222',
      '223',
      '224',
      '225',
      '226',
    ]);
    expect(tableRows(filled, 3)[3].cells.map((cell) => Number(cell.text))).toEqual(
      Array.from({ length: 15 }, (_, c) => 101 + c),
    );
    expect(tableRows(filled, 1)[13].cells.map((cell) => [cell.text, cell.mergedFrom])).toEqual([
      ['行政事业性收费', undefined],
      ['5949.088667', undefined],
      ['5949.088667', 'column'],
      ['5949.088667', 'column'],
    ]);
  });

});

describe('readDocx on generated documents', () => {
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
    carriedForward: ['', '', '', '', '', '', 0],
  });
  const table4 = table4Model([1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]);

  it('lays out gridSpan/vMerge tables like the table model', async () => {
    const document = await readDocx(
      buildDocx([
        { paragraph: '二、主动公开政府信息情况' },
        { table: toDocxTable(table2) },
        { paragraph: '三、收到和处理政府信息公开申请情况' },
        { table: toDocxTable(table3) },
        { table: toDocxTable(table4) },
      ]),
    );
    expect(readGrid(document, 1)).toEqual(expectedGrid(table2));
    expect(readGrid(document, 2)).toEqual(expectedGrid(table3));
    expect(readGrid(document, 3)).toEqual(expectedGrid(table4));
    expect(paragraphs(document)).toEqual([
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
    ]);
  });

  it('leaves out tracked deletions and hidden text, keeps insertions, tabs and breaks', async () => {
    const document = await readDocx(
      buildDocx(
        body(
          '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:rPr><w:del w:id="9"/></w:rPr></w:pPr>' +
            '<w:r><w:t>共收到申请</w:t></w:r>' +
            '<w:del w:id="1"><w:r><w:delText>80</w:delText></w:r></w:del>' +
            '<w:ins w:id="2"><w:r><w:t>81</w:t></w:r></w:ins>' +
            '<w:r><w:rPr><w:vanish/></w:rPr><w:t>（隐藏）</w:t></w:r>' +
            '<w:r><w:t>件</w:t><w:tab/><w:t xml:space="preserve">A &amp; B</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>',
        ),
      ),
    );
    expect(paragraphs(document)).toEqual(['共收到申请81件\tA & B 下一行']);
    expect(document.notes).toEqual([
      'tracked changes: 1 deletion(s) left out, insertions kept',
      '1 run(s) of hidden text left out',
    ]);
  });

  it('reads a text box once (the DrawingML choice, not the VML fallback)', async () => {
    const box = (text: string) =>
      `<w:txbxContent><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:txbxContent>`;
    const document = await readDocx(
      buildDocx(
        body(
          '<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' +
            `<mc:Choice Requires="wps"><w:drawing>${box('文本框')}</w:drawing></mc:Choice>` +
            `<mc:Fallback><w:pict>${box('文本框')}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
        ),
      ),
    );
    expect(paragraphs(document)).toEqual(['正文文本框']);
  });

  it('reads a nested table as its own table, after its outer table, without duplicating text', async () => {
    const cell = (content: string, properties = '') =>
      `<w:tc><w:tcPr>${properties}</w:tcPr>${content}</w:tc>`;
    const p = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const inner = `<w:tbl><w:tr>${cell(p('内1'))}${cell(p('内2'))}</w:tr></w:tbl>`;
    const document = await readDocx(
      buildDocx(
        body(
          `<w:tbl><w:tr>${cell(p('外A'))}${cell(p('外B') + inner + p(''))}</w:tr>` +
            `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${cell(p('外C'))}</w:tr></w:tbl>${p('之后')}`,
        ),
      ),
    );
    expect(
      document.lines.map((line) => [line.kind, line.source.table, line.cells.map((c) => c.text)]),
    ).toEqual([
      ['row', 1, ['外A', '外B']],
      ['row', 1, ['', '外C']],
      ['row', 2, ['内1', '内2']],
      ['paragraph', undefined, ['之后']],
    ]);
  });

  it('follows the namespace prefix the writer chose', async () => {
    const xml =
      '<?xml version="1.0"?><ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<ns0:body><ns0:p><ns0:r><ns0:t>一、总体情况</ns0:t></ns0:r></ns0:p><ns0:tbl><ns0:tr><ns0:tc><ns0:tcPr>' +
      '<ns0:gridSpan ns0:val="2"/></ns0:tcPr><ns0:p><ns0:r><ns0:t>行政复议</ns0:t></ns0:r></ns0:p></ns0:tc>' +
      '</ns0:tr></ns0:tbl></ns0:body></ns0:document>';
    const document = await readDocx(buildDocx(xml));
    expect(paragraphs(document)).toEqual(['一、总体情况']);
    expect(readGrid(document, 1)).toEqual([
      [{ text: '行政复议' }, { text: '行政复议', mergedFrom: 'column' }],
    ]);
  });
});

describe('readDocx on broken input', () => {
  const docxError = {
    code: 'CORRUPT_FILE',
    messageZh: '文件已损坏或不是有效的 Word 文档（.docx）',
  };

  it('refuses an empty file', async () => {
    expect(await parseErrorOf(readDocx(new Uint8Array()))).toMatchObject({
      code: 'EMPTY_FILE',
      messageZh: '文件为空',
    });
  });

  it('refuses a truncated DOCX', async () => {
    const docx = buildDocx([{ paragraph: '正文'.repeat(1000) }]);
    expect(
      await parseErrorOf(readDocx(docx.subarray(0, Math.floor(docx.length / 2)))),
    ).toMatchObject(docxError);
    expect(await parseErrorOf(readDocx(docx.subarray(0, docx.length - 1)))).toMatchObject(
      docxError,
    );
  });

  it('refuses random bytes, a zip without a document part and a workbook', async () => {
    const random = new Uint8Array(50_000).map((_, i) => (i * 2654435761) >>> 24);
    expect(await parseErrorOf(readDocx(random))).toMatchObject(docxError);
    expect(await parseErrorOf(readDocx(buildZip({ 'hello.txt': 'hi' })))).toMatchObject(docxError);
    expect(await parseErrorOf(readDocx(buildDocx('not xml at all')))).toMatchObject(docxError);
    const workbook = buildZip({
      '_rels/.rels':
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" ' +
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
      'xl/workbook.xml':
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
    });
    expect(await parseErrorOf(readDocx(workbook))).toMatchObject(docxError);
  });

  it('refuses a legacy .doc named .docx', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await parseErrorOf(readDocx(ole))).code).toBe('UNSUPPORTED_TYPE');
  });

  it('refuses a zip bomb, by its declared size and when the header lies', async () => {
    const limits = { ...DEFAULT_READ_LIMITS, maxUnpackedBytes: 1024 * 1024 };
    const bomb = buildDocx(body(`<w:p><w:r><w:t>${' '.repeat(3 * 1024 * 1024)}</w:t></w:r></w:p>`));
    expect(bomb.length).toBeLessThan(50_000);
    expect((await parseErrorOf(readDocx(bomb, limits))).code).toBe('TOO_LARGE');
    const lying = withDeclaredSize(bomb, 'word/document.xml', 1000);
    expect(['CORRUPT_FILE', 'TOO_LARGE']).toContain(
      (await parseErrorOf(readDocx(lying, limits))).code,
    );
  });

  it('refuses input over maxInputBytes before unzipping', async () => {
    const limits = { ...DEFAULT_READ_LIMITS, maxInputBytes: 100 };
    expect((await parseErrorOf(readDocx(buildDocx([{ paragraph: 'x' }]), limits))).code).toBe(
      'TOO_LARGE',
    );
  });
});
