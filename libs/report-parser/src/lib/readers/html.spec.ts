import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { DEFAULT_READ_LIMITS, ParseError, type ReadDocument } from '../document';
import {
  expectedGrid,
  table2Model,
  table3Model,
  table4Model,
  toHtmlTable,
} from '@atlas/report-samples';
import { readGrid, rowWithLabel, tableRows } from '../../test-support/read-grid';
import { readHtml, sniffCharset } from './html';

const CORPUS = path.resolve(__dirname, '../../../../../../shared/corpus');
const PINGTAN = path.join(CORPUS, 'pingtan-2023-html');
const utf8 = (html: string): Uint8Array => new TextEncoder().encode(html);
const paragraphs = (document: ReadDocument): string[] =>
  document.lines.filter((line) => line.kind === 'paragraph').map((line) => line.cells[0].text);
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

// The corpus lives outside the repository (/work/shared); without it these tests are skipped.
const describeWithCorpus = existsSync(PINGTAN) ? describe : describe.skip;

describeWithCorpus('readHtml on pingtan-2023-html (corpus)', () => {
  const expected = JSON.parse(readFileSync(path.join(PINGTAN, 'expected.json'), 'utf8')) as {
    applications: Record<string, Record<string, number>>;
    reviewLitigation: Record<string, Record<string, number>>;
  };
  const applicantColumns = [
    'naturalPerson',
    'commercial',
    'research',
    'nonprofit',
    'legalService',
    'otherOrg',
    'total',
  ];
  let document: ReadDocument;

  beforeAll(async () => {
    document = await readHtml(readFileSync(path.join(PINGTAN, 'source.html')));
  });

  it('finds the three report tables in document order', () => {
    const tables = new Set(
      document.lines.filter((line) => line.kind === 'row').map((line) => line.source.table),
    );
    expect([...tables]).toEqual([1, 2, 3]);
    expect(texts(document, 1)[3]).toEqual(['行政规范性文件', '77', '132', '470']);
    expect(document.notes).toEqual([]);
  });

  it('reads （一）予以公开 of table 3 with its 7 values', () => {
    const granted = rowWithLabel(document, 2, '（一）予以公开');
    expect(granted?.source).toEqual({ table: 2, row: 6 });
    const cells = granted?.cells ?? [];
    expect(cells).toHaveLength(10);
    expect(cells.slice(0, 3).map((cell) => [cell.text, cell.mergedFrom])).toEqual([
      ['三、本年度办理结果', undefined],
      ['（一）予以公开', undefined],
      ['（一）予以公开', 'column'],
    ]);
    const values = cells.slice(3);
    expect(values.map((cell) => Number(cell.text))).toEqual(
      applicantColumns.map((key) => expected.applications['granted'][key]),
    );
    expect(values.every((cell) => cell.mergedFrom === undefined)).toBe(true);
    expect(values.map((cell) => cell.source.column)).toEqual([4, 5, 6, 7, 8, 9, 10]);
  });

  it('expands rowspan=22 of 三、本年度办理结果 into row copies', () => {
    const rows = tableRows(document, 2);
    expect(rows).toHaveLength(28);
    for (let row = 7; row <= 27; row++) {
      expect(rows[row - 1].cells[0]).toEqual({
        text: '三、本年度办理结果',
        mergedFrom: 'row',
        source: { table: 2, row, column: 1 },
      });
    }
    expect(rows[27].cells[0]).toMatchObject({ text: '四、结转下年度继续办理' });
    expect(rows[27].cells[0].mergedFrom).toBeUndefined();
    // Header labels split over <p> come out whole; colspan/rowspan in the header are copies.
    expect(rows[2].cells.map((cell) => cell.text).slice(3)).toEqual([
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
      '总计',
    ]);
    expect(rows[2].cells[3].mergedFrom).toBe('row');
  });

  it('reads the 15 numbers of table 4', () => {
    const rows = tableRows(document, 3);
    const values = rows[rows.length - 1].cells;
    expect(values).toHaveLength(15);
    const groups = ['review', 'litigationDirect', 'litigationAfterReview'];
    const columns = ['upheld', 'corrected', 'other', 'pending', 'total'];
    expect(values.map((cell) => Number(cell.text))).toEqual(
      groups.flatMap((group) => columns.map((column) => expected.reviewLitigation[group][column])),
    );
    expect(rows[2].cells[5].text).toBe('结果 维持'); // <br/> inside a cell is a space
  });

  it('keeps the page title and running text as paragraphs, never as cells', () => {
    const texts = paragraphs(document);
    expect(texts[0]).toMatch(/^平潭综合实验区2023年度政府信息公开工作年度报告/);
    expect(texts).toContain('一、总体情况');
    expect(texts).toContain('三、收到和处理政府信息公开申请情况');
    expect(
      texts.some((text) => text.startsWith('本报告根据《中华人民共和国政府信息公开条例》')),
    ).toBe(true);
    const cells = document.lines
      .filter((line) => line.kind === 'row')
      .flatMap((line) => line.cells);
    expect(cells.some((cell) => /总体情况|主动公开方面|本报告根据/.test(cell.text))).toBe(false);
    const numbered = document.lines
      .filter((line) => line.kind === 'paragraph')
      .map((line) => line.source.line);
    expect(numbered).toEqual(numbered.map((_, i) => i + 1));
  });

});

describe('readHtml on Word-exported HTML', () => {
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
  });
  const table4 = table4Model([1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]);
  const page = `<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<title>某区2023年政府信息公开工作年度报告</title>
<style>p.MsoNormal { margin:0cm; } td { font-family: 仿宋 }</style>
<script>var menu = "首页 | 政务公开";</script></head>
<body lang=ZH-CN>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<div class=WordSection1>
<p class=MsoNormal align=center><b><span style='font-size:22pt'>某区2023年政府信息公开<br>工作年度报告</span></b></p>
<p class=MsoNormal><span>二、主动公开政府信息情况</span></p>
${toHtmlTable(table2, true)}
<p class=MsoNormal><span>三、收到和处理政府信息公开申请情况</span></p>
${toHtmlTable(table3, true)}
<p class=MsoNormal><span>四、政府信息公开行政复议、行政诉讼情况</span></p>
${toHtmlTable(table4, true)}
<p class=MsoNormal>&nbsp;</p>
</div>
<div class="footer" style="display:none">隐藏的分享按钮</div>
<div class="footer">主办单位：某区人民政府办公室\u3000\u3000网站标识码：1234</div>
</body></html>`;

  it('reads each table onto the same grid as the table model, merges as copies', async () => {
    const document = await readHtml(utf8(page));
    expect(readGrid(document, 1)).toEqual(expectedGrid(table2));
    expect(readGrid(document, 2)).toEqual(expectedGrid(table3));
    expect(readGrid(document, 3)).toEqual(expectedGrid(table4));
  });

  it('joins labels split per character across <p> and <span>', async () => {
    const document = await readHtml(utf8(page));
    expect(rowWithLabel(document, 2, '二、上年结转政府信息公开申请数量')?.cells[0].text).toBe(
      '二、上年结转政府信息公开申请数量',
    );
    expect(
      rowWithLabel(document, 2, '（一）予以公开')
        ?.cells.map((cell) => cell.text)
        .slice(3),
    ).toEqual(['22', '0', '0', '0', '0', '0', '22']);
    // An empty cell written as &nbsp; is empty.
    expect(rowWithLabel(document, 2, '（七）总计')?.cells[3].text).toBe('');
  });

  it('keeps menus, title and footer as paragraphs and drops script, style and hidden text', async () => {
    const document = await readHtml(utf8(page));
    expect(paragraphs(document)).toEqual([
      '某区2023年政府信息公开工作年度报告',
      '首页',
      '政务公开',
      '某区2023年政府信息公开',
      '工作年度报告',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '主办单位：某区人民政府办公室　　网站标识码：1234',
    ]);
  });
});

describe('readHtml encodings', () => {
  const html = (meta: string): string =>
    `<html><head>${meta}<title>年报</title></head><body><p>三、收到和处理政府信息公开申请情况</p>` +
    '<table><tr><td rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td><td>5</td></tr>' +
    '<tr><td>（二）部分公开</td><td>3</td></tr></table></body></html>';

  it('decodes a GBK page that declares <meta charset="gb2312">', async () => {
    const bytes = new Uint8Array(iconv.encode(html('<meta charset="gb2312">'), 'gbk'));
    const document = await readHtml(bytes);
    expect(paragraphs(document)).toEqual(['年报', '三、收到和处理政府信息公开申请情况']);
    expect(texts(document, 1)).toEqual([
      ['三、本年度办理结果', '（一）予以公开', '5'],
      ['三、本年度办理结果', '（二）部分公开', '3'],
    ]);
    expect(document.notes).toEqual(['encoding GB18030 (declared gb2312)']);
  });

  it('detects GB18030 without a declaration, and reads the http-equiv form', async () => {
    expect((await readHtml(new Uint8Array(iconv.encode(html(''), 'gb18030')))).notes).toEqual([
      'encoding GB18030 (detected)',
    ]);
    const httpEquiv = '<meta http-equiv="Content-Type" content="text/html; charset=GBK" />';
    expect(sniffCharset(utf8(html(httpEquiv)))).toBe('GBK');
    const document = await readHtml(new Uint8Array(iconv.encode(html(httpEquiv), 'gbk')));
    expect(texts(document, 1)[1][1]).toBe('（二）部分公开');
  });

  it('keeps a UTF-8 page with a few broken bytes UTF-8', async () => {
    const page = utf8(html('<meta charset="utf-8">') + '<p>' + '政府信息公开'.repeat(100) + '</p>');
    const broken = new Uint8Array([
      ...page.subarray(0, page.length - 10),
      0xe5,
      0xb9,
      ...page.subarray(page.length - 10),
    ]);
    const document = await readHtml(broken);
    expect(texts(document, 1)[0][0]).toBe('三、本年度办理结果');
    expect(document.notes).toEqual(['encoding UTF-8 with 1 invalid byte sequence(s) replaced']);
    const undeclared = await readHtml(
      new Uint8Array([...utf8('<p>' + '年报'.repeat(200) + '</p>'), 0xff]),
    );
    expect(paragraphs(undeclared)[0]).toMatch(/^年报年报/);
  });

  it('trusts the bytes over a wrong declaration', async () => {
    const document = await readHtml(utf8(html('<meta charset="gb2312">')));
    expect(texts(document, 1)[0][0]).toBe('三、本年度办理结果');
    expect(document.notes).toEqual(['declared charset gb2312 ignored: the bytes are valid UTF-8']);
    const wrong = await readHtml(utf8(html('<meta charset="iso-8859-1">')));
    expect(wrong.notes).toEqual(['declared charset iso-8859-1 ignored: the bytes are valid UTF-8']);
  });
});

describe('readHtml structure', () => {
  it('treats a table that holds tables as page layout: its text as paragraphs, inner tables once', async () => {
    const page =
      '<table width=1000><tr><td><a href="/">首页</a> | <a>信息公开</a></td></tr>' +
      '<tr><td><p>一、总体情况</p><p>正文</p>' +
      '<table border=1><tr><td colspan=2>行政复议</td></tr><tr><td>结果维持</td><td>1</td></tr></table>' +
      '<p>五、存在的主要问题</p></td></tr></table>';
    const document = await readHtml(utf8(page));
    expect(
      document.lines.map((line) => [line.kind, line.cells.map((cell) => cell.text).join('|')]),
    ).toEqual([
      ['paragraph', '首页 | 信息公开'],
      ['paragraph', '一、总体情况'],
      ['paragraph', '正文'],
      ['row', '行政复议|行政复议'],
      ['row', '结果维持|1'],
      ['paragraph', '五、存在的主要问题'],
    ]);
    expect(tableRows(document, 1)).toHaveLength(2);
    expect(document.notes).toEqual(['1 layout table(s) around other tables read as text']);
  });

  it('splits running text at <br>, keeps full-width spaces, turns &nbsp; into spaces', async () => {
    const document = await readHtml(
      utf8(
        '<body>第一行<br>第二行<br/><br>A&nbsp;&nbsp;B　C<table><tr><td>&nbsp;</td><td>　</td><td> 1 2 </td></tr></table>',
      ),
    );
    expect(paragraphs(document)).toEqual(['第一行', '第二行', 'A  B　C']);
    expect(texts(document, 1)).toEqual([['', '　', '1 2']]);
  });

  it('keeps ASCII words in separate cell paragraphs apart, joins CJK ones', async () => {
    const document = await readHtml(
      utf8(
        '<table><tr><td><p>12</p><p>34</p></td><td><div>商业</div><div>企业</div></td></tr></table>',
      ),
    );
    expect(texts(document, 1)).toEqual([['12 34', '商业企业']]);
  });

  it('shows content misplaced between rows before the table and drops Word width rows', async () => {
    const document = await readHtml(
      utf8(
        '<table><caption>表3</caption><p>单位：件</p><tr><td>自然人</td></tr>' +
          '<![if !supportMisalignedColumns]><tr height=0><td width=48></td></tr><![endif]></table>',
      ),
    );
    expect(document.lines.map((line) => line.cells.map((cell) => cell.text))).toEqual([
      ['表3'],
      ['单位：件'],
      ['自然人'],
    ]);
  });

  it('reads a page without tables as paragraphs only', async () => {
    const document = await readHtml(
      utf8('<!doctype html><html><body><h1>通知</h1><p>内容</p></body></html>'),
    );
    expect(document).toEqual({
      format: 'html',
      lines: [
        { kind: 'paragraph', cells: [{ text: '通知', source: { line: 1 } }], source: { line: 1 } },
        { kind: 'paragraph', cells: [{ text: '内容', source: { line: 2 } }], source: { line: 2 } },
      ],
      notes: [],
    });
    expect((await readHtml(utf8('   \n '))).lines).toEqual([]);
  });

  it('refuses empty and oversized input with ParseErrors', async () => {
    expect((await parseErrorOf(readHtml(new Uint8Array()))).code).toBe('EMPTY_FILE');
    const limits = { ...DEFAULT_READ_LIMITS, maxInputBytes: 10 };
    expect((await parseErrorOf(readHtml(utf8('<p>01234567890</p>'), limits))).code).toBe(
      'TOO_LARGE',
    );
  });

  it('survives binary garbage and hostile spans', async () => {
    const garbage = new Uint8Array(200_000).map((_, i) => (i * 7919) % 256);
    await expect(readHtml(garbage)).resolves.toMatchObject({ format: 'html' });
    const hostile =
      '<table>' + '<tr><td colspan=99999 rowspan=99999>x</td></tr>'.repeat(3) + '</table>';
    const document = await readHtml(utf8(hostile));
    expect(tableRows(document, 1)).toHaveLength(3);
    // colspan is capped at 1000 as browsers do, rowspan at the last row.
    expect(tableRows(document, 1)[0].cells).toHaveLength(3000);
  });
});
