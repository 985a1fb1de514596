import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ParseError, type DocLine, type ReadDocument } from '../document';
import { readPdf } from './pdf';
import { buildLines, layoutLines, type PlacedText } from './pdf-layout';

/** /work/shared/corpus: next to the repository, or found by walking up from here. */
function findCorpus(): string | undefined {
  const beside = path.resolve(__dirname, '../../../../../../shared/corpus');
  if (existsSync(beside)) return beside;
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'corpus');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

const corpus = findCorpus();
if (!corpus) console.warn('pdf.spec: /work/shared/corpus not found, corpus tests skipped');
const withCorpus = corpus ? describe : describe.skip;

interface Expected {
  proactive: Record<string, Record<string, number>>;
  applications: Record<string, Record<string, number>>;
  reviewLitigation: Record<string, Record<string, number>>;
}

const load = (folder: string) =>
  new Uint8Array(readFileSync(path.join(corpus ?? '', folder, 'source.pdf')));
const expectedOf = (folder: string): Expected =>
  JSON.parse(readFileSync(path.join(corpus ?? '', folder, 'expected.json'), 'utf8')) as Expected;

const isNumber = (text: string) => /^\d+(?:\.\d+)?$/.test(text);
const numbersOf = (line: DocLine) =>
  line.cells.filter((c) => isNumber(c.text)).map((c) => Number(c.text));
const texts = (line: DocLine) => line.cells.map((c) => c.text);
const show = (doc: ReadDocument) =>
  doc.lines
    .map((l) => `${l.source.page}:${l.source.line} ${l.kind} ${texts(l).join(' | ')}`)
    .join('\n');

/** Table-3 rows: a piece of label text that only that row has. */
const ROW_LABELS: Record<string, RegExp> = {
  newReceived: /本年新收政府信息公开申请数量/,
  carriedOver: /上年结转政府信息公开申请数量/,
  granted: /（一）予以公开/,
  partiallyGranted: /（二）部分公开/,
  'denied.stateSecret': /属于国家秘密/,
  'denied.lawProhibited': /其他法律行政/,
  'denied.securityStability': /危及/,
  'denied.thirdParty': /保护第三方合法权益/,
  'denied.internalAffairs': /三类内部事务信息/,
  'denied.processInfo': /四类过程性信息/,
  'denied.enforcementFile': /行政执法案卷/,
  'denied.queryMatter': /行政查询事项/,
  'unavailable.notHeld': /不掌握相关政府信息/,
  'unavailable.needsCreation': /没有现成信息需要另行制作/,
  'unavailable.unclear': /补正后申请内容仍不明确/,
  'notProcessed.complaint': /信访举报投诉类申请/,
  'notProcessed.duplicate': /重复申请$/,
  'notProcessed.publication': /要求提供公开出版物/,
  'notProcessed.massRepeat': /无正当理由大量反复申请/,
  'notProcessed.confirmation': /确认或重新出具已获取信息/,
  otherHandling: /^（六）其他处理$/,
  'otherHandling.noCorrection': /逾期不补正/,
  'otherHandling.unpaidFee': /逾期未按收费通知/,
  'otherHandling.other': /^3[、.]其他$/,
  totalHandled: /（七）总计/,
  carriedForward: /结转下年度继续办理/,
};
const COLUMNS = [
  'naturalPerson',
  'commercial',
  'research',
  'nonprofit',
  'legalService',
  'otherOrg',
  'total',
];

function rowFor(doc: ReadDocument, label: RegExp): DocLine {
  const found = doc.lines.filter(
    (l) => l.kind === 'row' && l.cells.some((c) => label.test(c.text)),
  );
  if (found.length !== 1) throw new Error(`${found.length} rows match ${label}\n${show(doc)}`);
  return found[0];
}

withCorpus('readPdf on the corpus', () => {
  const docs = new Map<string, ReadDocument>();
  const read = async (folder: string) => {
    let doc = docs.get(folder);
    if (!doc) {
      doc = await readPdf(load(folder));
      docs.set(folder, doc);
    }
    return doc;
  };

  describe.each(['hongze-2023', 'hongze-2024', 'huaian-2024'])('%s', (folder) => {
    it('reads every table-3 row with its seven numbers in order', async () => {
      const doc = await read(folder);
      const expected = expectedOf(folder);
      for (const [key, columns] of Object.entries(expected.applications)) {
        const row = rowFor(doc, ROW_LABELS[key]);
        expect({ key, numbers: numbersOf(row) }).toEqual({
          key,
          numbers: COLUMNS.map((c) => columns[c]),
        });
      }
    });

    it('reads table 4 as one row of 15 numbers, after a header of 15 cells', async () => {
      const doc = await read(folder);
      const { review, litigationDirect, litigationAfterReview } =
        expectedOf(folder).reviewLitigation;
      const five = (g: Record<string, number>) => [
        g.upheld,
        g.corrected,
        g.other,
        g.pending,
        g.total,
      ];
      const want = [...five(review), ...five(litigationDirect), ...five(litigationAfterReview)];
      const index = doc.lines.findIndex(
        (l) => l.cells.length === 15 && l.cells.every((c) => isNumber(c.text)),
      );
      expect(index).toBeGreaterThan(0);
      expect(numbersOf(doc.lines[index])).toEqual(want);
      expect(texts(doc.lines[index - 1])).toEqual(
        Array.from({ length: 3 }, () => [
          '结果维持',
          '结果纠正',
          '其他结果',
          '尚未审结',
          '总计',
        ]).flat(),
      );
    });

    it('reads table 2 rows', async () => {
      const doc = await read(folder);
      const { proactive } = expectedOf(folder);
      const check = (label: RegExp, values: number[]) =>
        expect(numbersOf(rowFor(doc, label))).toEqual(values);
      check(/^规章$/, [
        proactive.regulations.issued,
        proactive.regulations.repealed,
        proactive.regulations.inForce,
      ]);
      const docs2 = proactive.normativeDocuments;
      check(/^行政规范性文件$/, [docs2.issued, docs2.repealed, docs2.inForce]);
      check(/^行政许可$/, [proactive.licensing.decisions]);
      check(/^行政处罚$/, [proactive.penalty.decisions]);
      check(/^行政强制$/, [proactive.coercion.decisions]);
      check(/^行政事业性收费$/, [proactive.fees.amountWanYuan]);
    });

    it('joins the table-3 column header, stacked words included', async () => {
      const doc = await read(folder);
      expect(doc.lines.map(texts)).toContainEqual([
        '自然人',
        '商业企业',
        '科研机构',
        '社会公益组织',
        '法律服务机构',
        '其他',
        '总计',
      ]);
    });

    it('lifts the vertical label out of the rows', async () => {
      const doc = await read(folder);
      const label = doc.lines.find(
        (l) => l.kind === 'paragraph' && /^三、本/.test(l.cells[0].text),
      );
      expect(label).toBeDefined();
      const rowCells = doc.lines.filter((l) => l.kind === 'row').flatMap(texts);
      for (const stray of [
        '三',
        '三、',
        '本',
        '年',
        '度',
        '办',
        '理',
        '结',
        '果',
        '三、本',
        '三、本年',
      ]) {
        expect(rowCells).not.toContain(stray);
      }
    });

    it('drops page numbers and keeps pages in order', async () => {
      const doc = await read(folder);
      for (const line of doc.lines) {
        expect(texts(line).join('')).not.toMatch(/^\s*[-—–]\s*\d+\s*[-—–]\s*$/);
        for (const cell of line.cells) expect(cell.text).not.toMatch(/^[-—–]\s*\d+\s*[-—–]$/);
      }
      const keys = doc.lines.map((l) => (l.source.page ?? 0) * 1000 + (l.source.line ?? 0));
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
      expect(doc.pageCount).toBe(Math.max(...doc.lines.map((l) => l.source.page ?? 0)));
    });

    it('gives every cell its position and never spaces out CJK characters', async () => {
      const doc = await read(folder);
      for (const line of doc.lines) {
        line.cells.forEach((cell) => {
          expect(cell.source).toEqual(line.source);
          expect(cell.x).toEqual(expect.any(Number));
          expect(cell.width).toBeGreaterThan(0);
          expect(cell.text).not.toMatch(/\p{Script=Han}\s+\p{Script=Han}/u);
          expect(cell.text).toBe(cell.text.trim());
        });
        if (line.kind === 'row' && line.cells.length > 1) {
          const xs = line.cells.map((c) => c.x ?? 0);
          expect(xs).toEqual([...xs].sort((a, b) => a - b));
        }
      }
    });

    it('keeps the narrative as paragraphs', async () => {
      const doc = await read(folder);
      const body = doc.lines
        .filter((l) => l.kind === 'paragraph')
        .map((l) => l.cells[0].text)
        .join('');
      expect(body).toContain('一、总体情况');
      expect(body).toContain('五、存在的主要问题及改进情况');
      expect(body).toContain('六、其他需要报告的事项');
    });
  });

  it('hongze-2023: the wrapped label （二）部分公开 carries 4 0 0 0 0 0 4', async () => {
    const doc = await read('hongze-2023');
    const row = rowFor(doc, /（二）部分公开/);
    expect(row.cells[0].text).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(numbersOf(row)).toEqual([4, 0, 0, 0, 0, 0, 4]);
    expect(texts(rowFor(doc, /本年新收/))).toEqual([
      '一、本年新收政府信息公开申请数量',
      ...[21, 0, 0, 0, 0, 0, 21].map(String),
    ]);
    // The footer of page 3 sits between the two halves of table 3 in reading order.
    const lastOfPage3 = doc.lines.filter((l) => l.source.page === 3).at(-1);
    expect(lastOfPage3 && texts(lastOfPage3)[0]).toBe('2.没有现成信息需要另行制作');
    expect(texts(doc.lines.filter((l) => l.source.page === 4)[0])[0]).toBe(
      '3.补正后申请内容仍不明确',
    );
  });

  it('huaian-2024: the vertical label reads whole and table 3 continues on page 5', async () => {
    const doc = await read('huaian-2024');
    expect(doc.pageCount).toBe(6);
    expect(
      doc.lines.some((l) => l.kind === 'paragraph' && l.cells[0].text === '三、本年度办理结果'),
    ).toBe(true);
    for (const key of [
      'unavailable.needsCreation',
      'unavailable.unclear',
      'notProcessed.complaint',
      'otherHandling.noCorrection',
      'otherHandling.unpaidFee',
      'totalHandled',
      'carriedForward',
    ]) {
      expect({ key, page: rowFor(doc, ROW_LABELS[key]).source.page }).toEqual({ key, page: 5 });
    }
    expect(texts(rowFor(doc, /逾期不补正/))[0]).toBe(
      '1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    );
    expect(texts(rowFor(doc, /（五）不予处理/)).slice(0, 2)).toEqual([
      '（五）不予处理',
      '3.要求提供公开出版物',
    ]);
    expect(doc.lines.some((l) => texts(l).join('') === '（六）其他处理')).toBe(true);
  });

  it('reads only limits.maxPages pages and says so', async () => {
    const doc = await readPdf(load('hongze-2023'), { maxPages: 2 });
    expect(doc.pageCount).toBe(5);
    expect(Math.max(...doc.lines.map((l) => l.source.page ?? 0))).toBe(2);
    expect(doc.notes.join('\n')).toMatch(/first 2 of 5 pages/);
  });

  it('does not detach or alter the caller’s bytes', async () => {
    const bytes = load('hongze-2024');
    const copy = bytes.slice();
    await readPdf(bytes);
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(bytes).equals(Buffer.from(copy))).toBe(true);
  });

});

/** A PDF written by hand: objects numbered from 1, a correct xref table, ASCII only. */
function buildPdf(objects: string[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

function pageWith(content: string): string[] {
  return [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
}

/** Objects: catalog, pages, font, then a page and its content stream per page. */
function pagesWith(contents: string[]): string[] {
  const kids = contents.map((_, i) => `${4 + 2 * i} 0 R`).join(' ');
  return [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${contents.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...contents.flatMap((content, i) => [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${5 + 2 * i} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ]),
  ];
}

async function codeOf(input: Promise<unknown>): Promise<string> {
  try {
    await input;
    return 'no error';
  } catch (error) {
    return error instanceof ParseError ? error.code : `not a ParseError: ${String(error)}`;
  }
}

/** Deterministic bytes (xorshift), so a failure can be reproduced. */
function noise(length: number, seed = 2463534242): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('readPdf on broken and unusual input', () => {
  it('reads a hand-written text PDF: cells, footer dropped', async () => {
    const content = [
      'BT /F1 12 Tf 72 760 Td (Annual report on government information disclosure) Tj ET',
      'BT /F1 12 Tf 72 700 Td (Applications received) Tj ET',
      'BT /F1 12 Tf 300 700 Td (21) Tj ET',
      'BT /F1 12 Tf 360 700 Td (0) Tj ET',
      'BT /F1 10 Tf 290 40 Td (- 1 -) Tj ET',
    ].join('\n');
    const doc = await readPdf(buildPdf(pageWith(content)));
    expect(doc.pageCount).toBe(1);
    expect(doc.lines.map(texts)).toEqual([
      ['Annual report on government information disclosure'],
      ['Applications received', '21', '0'],
    ]);
    expect(doc.lines[1]).toMatchObject({ kind: 'row', source: { page: 1, line: 2 } });
    expect(doc.lines[1].cells[1].x).toBeCloseTo(300, 0);
  });

  it('reads a page printed sideways, turned to reading order', async () => {
    const content = [
      'BT /F1 12 Tf 0 -1 1 0 100 760 Tm (Annual report on government information disclosure) Tj ET',
      'BT /F1 12 Tf 0 -1 1 0 80 760 Tm (Applications received) Tj ET',
      'BT /F1 12 Tf 0 -1 1 0 80 460 Tm (21) Tj ET',
    ].join('\n');
    const doc = await readPdf(buildPdf(pageWith(content)));
    expect(doc.lines.map(texts)).toEqual([
      ['Annual report on government information disclosure'],
      ['Applications received', '21'],
    ]);
    expect(doc.notes).toContain('text read sideways on page(s) 1');
  });

  it('reads CJK text in a non-embedded Adobe-GB1 font (needs the packed CMaps)', async () => {
    const text = '政府信息公开工作年度报告本年新收政府信息公开申请数量';
    const ucs2 = [...text].map((ch) => ch.charCodeAt(0).toString(16).padStart(4, '0')).join('');
    const objects = pageWith(`BT /F1 12 Tf 72 700 Td <${ucs2}> Tj ET`);
    objects[4] =
      '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>';
    objects.push(
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
      '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>',
    );
    const doc = await readPdf(buildPdf(objects));
    expect(doc.lines.map(texts)).toEqual([[text]]);
  });

  it('drops running headers and page numbers, keeps the page order', async () => {
    const contents = [1, 2, 3].map((n) =>
      [
        'BT /F1 9 Tf 72 810 Td (Huai an Municipal Gazette 2024) Tj ET',
        `BT /F1 12 Tf 72 700 Td (Body text of page ${n}, long enough to count as text.) Tj ET`,
        `BT /F1 9 Tf 280 30 Td (Page ${n} of 3) Tj ET`,
      ].join('\n'),
    );
    const doc = await readPdf(buildPdf(pagesWith(contents)));
    expect(doc.pageCount).toBe(3);
    expect(
      doc.lines.map((l) => `${l.source.page}:${l.source.line} ${texts(l).join(' | ')}`),
    ).toEqual([
      '1:1 Body text of page 1, long enough to count as text.',
      '2:1 Body text of page 2, long enough to count as text.',
      '3:1 Body text of page 3, long enough to count as text.',
    ]);
  });

  it('empty input → EMPTY_FILE', async () => {
    expect(await codeOf(readPdf(new Uint8Array(0)))).toBe('EMPTY_FILE');
  });

  it('input over limits.maxInputBytes → TOO_LARGE', async () => {
    expect(await codeOf(readPdf(noise(2048), { maxInputBytes: 1024 }))).toBe('TOO_LARGE');
  });

  it('random bytes → CORRUPT_FILE', async () => {
    expect(await codeOf(readPdf(noise(4096)))).toBe('CORRUPT_FILE');
    const header = new TextEncoder().encode('%PDF-1.7\n');
    const fake = new Uint8Array(header.length + 4096);
    fake.set(header);
    fake.set(noise(4096, 99), header.length);
    expect(await codeOf(readPdf(fake))).toBe('CORRUPT_FILE');
  });

  (corpus ? it : it.skip)('a truncated corpus PDF → CORRUPT_FILE', async () => {
    const bytes = load('hongze-2023');
    for (const fraction of [0.1, 0.5, 0.9]) {
      expect(await codeOf(readPdf(bytes.subarray(0, Math.floor(bytes.length * fraction))))).toBe(
        'CORRUPT_FILE',
      );
    }
  });

  it('a PDF whose page has no text → NO_TEXT_LAYER', async () => {
    const empty = buildPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    ]);
    const error = await readPdf(empty).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({
      code: 'NO_TEXT_LAYER',
      messageEn: 'the PDF has no text layer (scanned?)',
    });
    // A page number alone is no text layer either.
    expect(await codeOf(readPdf(buildPdf(pageWith('BT /F1 10 Tf 290 40 Td (- 1 -) Tj ET'))))).toBe(
      'NO_TEXT_LAYER',
    );
  });

  it('an encrypted PDF (user password set) → ENCRYPTED_PDF', async () => {
    const hex = (seed: number) => Buffer.from(noise(32, seed)).toString('hex');
    const encrypted = buildPdf(
      [
        ...pageWith('BT /F1 12 Tf 72 700 Td (secret) Tj ET'),
        `<< /Filter /Standard /V 1 /R 2 /O <${hex(7)}> /U <${hex(11)}> /P -4 >>`,
      ],
      `/Encrypt 6 0 R /ID [<${hex(13).slice(0, 32)}> <${hex(13).slice(0, 32)}>] `,
    );
    const error = await readPdf(encrypted).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENCRYPTED_PDF', messageZh: 'PDF 已加密，无法读取' });
  });
});

describe('page layout (synthetic runs)', () => {
  const run = (
    text: string,
    x: number,
    middle: number,
    fontSize = 10,
    width = text.length * fontSize,
  ) => ({
    text,
    x,
    middle,
    width,
    fontSize,
  });
  const lay = (items: PlacedText[]) => layoutLines(buildLines(items), { bodyFontSize: 16 }, 450);

  it('lifts a one-character-per-line label and keeps the rows clean', () => {
    const items: PlacedText[] = [];
    '申请人情况'.split('').forEach((ch, i) => items.push(run(ch, 50, 100 + i * 20)));
    for (let i = 0; i < 5; i++) {
      items.push(
        run(`${i + 1}.某项`, 80, 100 + i * 20),
        run(String(i * 3), 300, 100 + i * 20, 10, 10),
      );
    }
    const lines = lay(items);
    expect(lines[0]).toMatchObject({ verticalLabel: true, cells: [{ text: '申请人情况' }] });
    expect(lines.slice(1).map((l) => l.cells.map((c) => c.text))).toEqual([
      ['1.某项', '0'],
      ['2.某项', '3'],
      ['3.某项', '6'],
      ['4.某项', '9'],
      ['5.某项', '12'],
    ]);
  });

  it('does not take text set one glyph per run for a vertical label', () => {
    const items: PlacedText[] = [];
    const rows = ['政府信息公开工作', '年度报告正文内容', '依申请公开情况好'];
    rows.forEach((text, r) =>
      text.split('').forEach((ch, i) => items.push(run(ch, 72 + i * 16, 100 + r * 28, 16, 16))),
    );
    const lines = lay(items);
    expect(lines.map((l) => l.cells.map((c) => c.text))).toEqual(rows.map((r) => [r]));
    expect(lines.some((l) => l.verticalLabel)).toBe(false);
  });

  it('splits cells on wide gaps only, joins CJK without spaces and Latin with one', () => {
    const lines = lay([
      run('收取费用', 72, 100, 16),
      run('0', 140, 100, 16, 8),
      run('元', 152, 100, 16, 16),
      run('Hello', 300, 100, 16, 40),
      run('world', 344, 100, 16, 40),
      run('其 他', 72, 140, 10, 25),
      run('总 计', 200, 140, 10, 25),
    ]);
    expect(lines.map((l) => l.cells.map((c) => c.text))).toEqual([
      ['收取费用0元', 'Hello world'],
      ['其他', '总计'],
    ]);
  });

  it('gives a row of bare numbers the two-line label around it', () => {
    const lines = lay([
      run('（二）部分公开（区分处理的，只计这一情形，不', 100, 100, 9),
      ...[300, 330, 360].map((x, i) => run(String(i), x, 106, 14, 7)),
      run('计其他情形）', 100, 113, 9),
      run('1.属于国家秘密', 180, 130, 9),
      ...[300, 330, 360].map((x) => run('0', x, 130, 14, 7)),
    ]);
    expect(lines.map((l) => l.cells.map((c) => c.text))).toEqual([
      ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '0', '1', '2'],
      ['1.属于国家秘密', '0', '0', '0'],
    ]);
  });

  it('joins a wrapped label line into its row, but never a new item or a heading', () => {
    const lines = lay([
      run('三、收到和处理政府信息公开申请情况', 72, 60, 10, 300),
      run('一、本年新收', 72, 80, 10),
      run('5', 300, 80, 10, 6),
      run('5.要求行政机关确认或重新出具', 90, 100, 10),
      run('7', 300, 100, 10, 6),
      run('已获取信息', 100, 114, 10),
      run('（一）甲', 90, 134, 10),
      run('（二）乙', 90, 154, 10),
      run('二、上年结转', 72, 174, 10),
      run('8', 300, 174, 10, 6),
    ]);
    expect(lines.map((l) => l.cells.map((c) => c.text))).toEqual([
      ['三、收到和处理政府信息公开申请情况'],
      ['一、本年新收', '5'],
      ['5.要求行政机关确认或重新出具已获取信息', '7'],
      ['（一）甲'],
      ['（二）乙'],
      ['二、上年结转', '8'],
    ]);
  });

  it('lays out a crowded page quickly', () => {
    const items: PlacedText[] = [];
    for (let r = 0; r < 80; r++) {
      for (let i = 0; i < 40; i++) items.push(run('字', 40 + i * 12, 30 + r * 10, 8, 8));
    }
    const lines = lay(items);
    expect(lines).toHaveLength(80);
  });
});
