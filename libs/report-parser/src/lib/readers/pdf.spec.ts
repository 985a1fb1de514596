import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ParseError, type DocLine, type ReadDocument } from '../document';
import { readPdf, skipFontInstall } from './pdf';
import { buildLines, joinLabelsAcrossPages, layoutLines, type PlacedText } from './pdf-layout';

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
/** The cells a line really has: merged-cell copies left out. */
const own = (line: DocLine) => line.cells.filter((c) => !c.mergedFrom);
const numbersOf = (line: DocLine) =>
  own(line)
    .filter((c) => isNumber(c.text))
    .map((c) => Number(c.text));
const texts = (line: DocLine) => line.cells.map((c) => c.text);
const ownTexts = (line: DocLine) => own(line).map((c) => c.text);
const where = (line: DocLine) =>
  line.source.table
    ? `${line.source.page} T${line.source.table}r${line.source.row}`
    : `${line.source.page}:${line.source.line}`;
const show = (doc: ReadDocument) =>
  doc.lines
    .map(
      (l) =>
        `${where(l)} ${l.kind} ${l.cells.map((c) => (c.mergedFrom ? `^${c.mergedFrom[0]}` : c.text)).join(' | ')}`,
    )
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

/** The one row where a cell of its own (not a merged copy) matches `label`. */
function rowFor(doc: ReadDocument, label: RegExp): DocLine {
  const found = doc.lines.filter((l) => l.kind === 'row' && own(l).some((c) => label.test(c.text)));
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

    it('reads table 4 from its rules: a row of 15 numbers under its three header rows', async () => {
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
      const labels = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
      // The last header row: the review group's labels continue from the row above.
      const header = doc.lines[index - 1];
      expect(texts(header)).toEqual([labels, labels, labels].flat());
      expect(header.cells.map((c) => c.mergedFrom ?? '')).toEqual([
        ...labels.map(() => 'row'),
        ...labels.map(() => ''),
        ...labels.map(() => ''),
      ]);
      // hongze-2024 draws a rule inside 行政诉讼's header cell, leaving an empty cell beside it.
      expect(ownTexts(doc.lines[index - 3]).filter(Boolean)).toEqual(['行政复议', '行政诉讼']);
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
      const header = doc.lines.find((l) => ownTexts(l).includes('商业企业'));
      expect(header && texts(header).slice(-7)).toEqual([
        '自然人',
        '商业企业',
        '科研机构',
        '社会公益组织',
        '法律服务机构',
        '其他',
        '总计',
      ]);
    });

    it('reads the vertical label as one cell spanning the outcome rows', async () => {
      const doc = await read(folder);
      const granted = rowFor(doc, /（一）予以公开/);
      const label = own(granted)[0];
      expect(label.text).toMatch(/^三、本/);
      expect(label.source.column).toBe(1);
      // The rows below carry it as a copy, on the same page.
      const partial = rowFor(doc, /（二）部分公开/);
      expect(partial.cells[0]).toMatchObject({ text: label.text, mergedFrom: 'row' });
      const rowCells = doc.lines.filter((l) => l.kind === 'row').flatMap(ownTexts);
      for (const stray of ['三', '三、', '本', '年', '度', '办', '理', '结', '果']) {
        expect(rowCells).not.toContain(stray);
      }
    });

    it('drops page numbers and keeps pages and table rows in order', async () => {
      const doc = await read(folder);
      for (const line of doc.lines) {
        expect(texts(line).join('')).not.toMatch(/^\s*[-—–]\s*\d+\s*[-—–]\s*$/);
        for (const cell of line.cells) expect(cell.text).not.toMatch(/^[-—–]\s*\d+\s*[-—–]$/);
      }
      const pages = doc.lines.map((l) => l.source.page ?? 0);
      expect(pages).toEqual([...pages].sort((a, b) => a - b));
      expect(doc.pageCount).toBe(Math.max(...pages));
      // Tables are numbered across the document; each one's rows are consecutive, from 1.
      const tableRows = doc.lines.filter((l) => l.source.table !== undefined);
      const tables = [...new Set(tableRows.map((l) => l.source.table))];
      expect(tables).toEqual(tables.map((_, i) => i + 1));
      for (const table of tables) {
        const rows = tableRows.filter((l) => l.source.table === table);
        expect(rows.map((l) => l.source.row)).toEqual(rows.map((_, i) => i + 1));
        expect(new Set(rows.map((l) => l.source.page)).size).toBe(1);
        const first = doc.lines.indexOf(rows[0]);
        expect(doc.lines.slice(first, first + rows.length)).toEqual(rows);
      }
    });

    it('gives every cell its position and never spaces out CJK characters', async () => {
      const doc = await read(folder);
      for (const line of doc.lines) {
        line.cells.forEach((cell, i) => {
          const source = line.source.table ? { ...line.source, column: i + 1 } : line.source;
          expect(cell.source).toEqual(source);
          expect(cell.x).toEqual(expect.any(Number));
          expect(cell.width).toBeGreaterThan(0);
          expect(cell.text).not.toMatch(/\p{Script=Han}\s+\p{Script=Han}/u);
          expect(cell.text).toBe(cell.text.trim());
        });
        if (line.kind === 'row' && line.cells.length > 1) {
          const xs = line.cells.map((c) => c.x ?? 0);
          expect(xs).toEqual([...xs].sort((a, b) => a - b));
        }
        if (line.source.table) {
          // A grid row has a cell for every column of its table.
          const first = doc.lines.find(
            (l) => l.source.table === line.source.table && l.source.row === 1,
          );
          expect(line.cells).toHaveLength(first?.cells.length ?? -1);
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
    expect(own(row)[0].text).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(numbersOf(row)).toEqual([4, 0, 0, 0, 0, 0, 4]);
    expect(ownTexts(rowFor(doc, /本年新收/))).toEqual([
      '一、本年新收政府信息公开申请数量',
      ...[21, 0, 0, 0, 0, 0, 21].map(String),
    ]);
    // Table 3 continues on page 4 as a table of its own; the footer of page 3 is gone.
    const lastOfPage3 = doc.lines.filter((l) => l.source.page === 3).at(-1);
    expect(lastOfPage3 && ownTexts(lastOfPage3).filter(Boolean)[0]).toBe(
      '2.没有现成信息需要另行制作',
    );
    const firstOfPage4 = doc.lines.filter((l) => l.source.page === 4)[0];
    expect(ownTexts(firstOfPage4).filter(Boolean)[0]).toBe('3.补正后申请内容仍不明确');
    expect(firstOfPage4.source.table).toBe((lastOfPage3?.source.table ?? 0) + 1);
  });

  it('huaian-2024: the vertical label reads whole and table 3 continues on page 5', async () => {
    const doc = await read('huaian-2024');
    expect(doc.pageCount).toBe(6);
    expect(own(rowFor(doc, /（一）予以公开/))[0].text).toBe('三、本年度办理结果');
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
    expect(ownTexts(rowFor(doc, /逾期不补正/))).toEqual([
      '（六）其他处理',
      '1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      ...['67', '3', '0', '0', '1', '0', '71'],
    ]);
    // （六） spans its three sub-rows: the rows below carry it as a copy.
    for (const label of [/逾期未按收费通知/, /^3、其他$/]) {
      expect(rowFor(doc, label).cells[1]).toMatchObject({
        text: '（六）其他处理',
        mergedFrom: 'row',
      });
    }
    expect(ownTexts(rowFor(doc, /（五）不予处理/)).slice(0, 2)).toEqual([
      '（五）不予处理',
      '1.信访举报投诉类申请',
    ]);
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

  it('can turn off font installation in the pdfjs it runs with (else ruled pages read slower)', async () => {
    const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as {
      getDocument(params: { data: Uint8Array; verbosity: number }): {
        promise: Promise<unknown>;
        destroy(): Promise<void>;
      };
    };
    const task = pdfjs.getDocument({
      data: buildPdf(pageWith('BT /F1 12 Tf 72 700 Td (x) Tj ET')),
      verbosity: 0,
    });
    try {
      expect(skipFontInstall(await task.promise)).toBe(true);
    } finally {
      await task.destroy();
    }
    expect(skipFontInstall({})).toBe(false);
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

/** Text at (x, y) in Helvetica. */
const textAt = (x: number, y: number, text: string, size = 10) =>
  `BT /F1 ${size} Tf ${x} ${y} Td (${text}) Tj ET`;

/** A full grid drawn the way Word does: every border a thin filled rectangle. */
function filledGrid(xs: number[], ys: number[]): string {
  const [left, right] = [xs[0], xs[xs.length - 1]];
  const [bottom, top] = [Math.min(...ys), Math.max(...ys)];
  return [
    ...ys.map((y) => `${left} ${y - 0.25} ${right - left} 0.5 re f`),
    ...xs.map((x) => `${x - 0.25} ${bottom} 0.5 ${top - bottom} re f`),
  ].join('\n');
}

/** The same grid as stroked lines (LibreOffice, WPS). */
function strokedGrid(xs: number[], ys: number[]): string {
  const [left, right] = [xs[0], xs[xs.length - 1]];
  const [bottom, top] = [Math.min(...ys), Math.max(...ys)];
  return [
    '0.5 w',
    ...ys.map((y) => `${left} ${y} m ${right} ${y} l S`),
    ...xs.map((x) => `${x} ${bottom} m ${x} ${top} l S`),
  ].join('\n');
}

/** Table text: a label wrapped over two lines, values top-aligned in one column, centred in another. */
function tableText(dx = 0, dy = 0): string {
  return [
    textAt(74 + dx, 688 + dy, 'Partially granted, counted'),
    textAt(74 + dx, 676 + dy, 'only once'),
    textAt(274 + dx, 690 + dy, '3'),
    textAt(324 + dx, 668 + dy, '5'),
    textAt(74 + dx, 647 + dy, 'Refused'),
    textAt(274 + dx, 647 + dy, '1'),
    textAt(324 + dx, 647 + dy, '2'),
  ].join('\n');
}
const GRID_XS = [72, 272, 322, 372];
const GRID_YS = [700, 660, 640];
const TABLE_ROWS = [
  ['Partially granted, counted only once', '3', '5'],
  ['Refused', '1', '2'],
];

describe('readPdf on ruled tables (hand-written PDFs)', () => {
  it('reads a table drawn with thin filled rectangles (Word) from its rules', async () => {
    const content = [
      textAt(72, 740, 'Table 3 of the annual report'),
      filledGrid(GRID_XS, GRID_YS),
      tableText(),
      textAt(72, 600, 'Notes follow the table.'),
      textAt(290, 40, '- 1 -'),
    ].join('\n');
    const doc = await readPdf(buildPdf(pageWith(content)));
    expect(doc.lines.map(texts)).toEqual([
      ['Table 3 of the annual report'],
      ...TABLE_ROWS,
      ['Notes follow the table.'],
    ]);
    expect(doc.lines.map((l) => l.source)).toEqual([
      { page: 1, line: 1 },
      { page: 1, table: 1, row: 1 },
      { page: 1, table: 1, row: 2 },
      { page: 1, line: 4 },
    ]);
    expect(doc.lines[1].kind).toBe('row');
    expect(doc.lines[1].cells.map((c) => c.source)).toEqual(
      [1, 2, 3].map((column) => ({ page: 1, table: 1, row: 1, column })),
    );
    // A cell's x and width are its rules'.
    expect(doc.lines[1].cells.map((c) => [c.x, c.width])).toEqual([
      [72, 200],
      [272, 50],
      [322, 50],
    ]);
  });

  it('reads a table drawn with stroked lines inside a form XObject under a cm', async () => {
    // The form draws the grid and its text at the origin; its /Matrix and the page's cm place it.
    const form = [
      strokedGrid(
        GRID_XS.map((x) => x - 72),
        GRID_YS.map((y) => y - 640),
      ),
      tableText(-72, -640),
    ].join('\n');
    const page = ['q 1 0 0 1 10 20 cm /Fm1 Do Q', textAt(72, 760, 'Heading above the table')].join(
      '\n',
    );
    const doc = await readPdf(
      buildPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> >>',
        `<< /Length ${page.length} >>\nstream\n${page}\nendstream`,
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
        `<< /Type /XObject /Subtype /Form /BBox [0 0 300 60] /Matrix [1 0 0 1 62 620] /Resources << /Font << /F1 5 0 R >> >> /Length ${form.length} >>\nstream\n${form}\nendstream`,
      ]),
    );
    expect(doc.lines.map(texts)).toEqual([['Heading above the table'], ...TABLE_ROWS]);
    expect(doc.lines[1].cells[1]).toMatchObject({ x: 272, width: 50 });
  });

  it('reads a ruled table on a page printed sideways', async () => {
    // Everything drawn in landscape coordinates, turned onto a portrait page.
    const content = [
      'q 0 -1 1 0 0 842 cm',
      textAt(72, 740 - 300, 'Table 3 of the annual report'),
      strokedGrid(
        GRID_XS,
        GRID_YS.map((y) => y - 300),
      ),
      tableText(0, -300),
      'Q',
    ].join('\n');
    const doc = await readPdf(buildPdf(pageWith(content)));
    expect(doc.lines.map(texts)).toEqual([['Table 3 of the annual report'], ...TABLE_ROWS]);
    expect(doc.notes).toContain('text read sideways on page(s) 1');
  });

  it('reads text by position where the rules are only a frame or a three-line table', async () => {
    const frame = strokedGrid([60, 400], [720, 620]);
    const threeLine = ['0.5 w', ...[560, 540, 500].map((y) => `60 ${y} m 400 ${y} l S`)].join('\n');
    const content = [
      frame,
      textAt(72, 700, 'Applications received'),
      textAt(300, 700, '21'),
      textAt(340, 700, '4'),
      textAt(72, 680, 'Carried over'),
      textAt(300, 680, '2'),
      textAt(340, 680, '0'),
      threeLine,
      textAt(72, 548, 'Item'),
      textAt(300, 548, 'Count'),
      textAt(72, 528, 'Requests'),
      textAt(300, 528, '7'),
      textAt(72, 512, 'Appeals'),
      textAt(300, 512, '1'),
    ].join('\n');
    const doc = await readPdf(buildPdf(pageWith(content)));
    expect(doc.lines.map(texts)).toEqual([
      ['Applications received', '21', '4'],
      ['Carried over', '2', '0'],
      ['Item', 'Count'],
      ['Requests', '7'],
      ['Appeals', '1'],
    ]);
    expect(doc.lines.every((l) => l.source.table === undefined && l.source.line)).toBe(true);
  });

  it('a page split into two tables: each numbered on its own, text between them kept', async () => {
    const content = [
      filledGrid(GRID_XS, GRID_YS),
      tableText(),
      textAt(72, 610, 'Between the tables'),
      filledGrid(
        GRID_XS,
        GRID_YS.map((y) => y - 200),
      ),
      tableText(0, -200),
    ].join('\n');
    const doc = await readPdf(buildPdf(pageWith(content)));
    expect(doc.lines.map(texts)).toEqual([...TABLE_ROWS, ['Between the tables'], ...TABLE_ROWS]);
    expect(doc.lines.map((l) => l.source.table ?? null)).toEqual([1, 1, null, 2, 2]);
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

  it('keeps a number in a value column apart from a label that runs right up to it', () => {
    // A table without rules whose label column ends where the first value column begins.
    const lines = lay([
      run('1.属于国家秘密', 100, 100, 10, 70),
      run('3', 200, 100, 10, 6),
      run('2.其他法律行政法规禁止', 100, 120, 10, 99.6),
      run('77', 200, 120, 10, 12),
      run('3.危及安全稳定', 100, 140, 10, 70),
      run('5', 200, 140, 10, 6),
      run('4.保护第三方', 100, 155, 10, 60),
      run('1', 200, 155, 10, 6),
      run('（一）予以公开情况', 100, 170, 10, 90),
      run('共收到申请', 100, 200, 10, 50),
      run('12', 150.5, 200, 10, 12),
      run('件', 163, 200, 10, 10),
    ]);
    expect(lines.map((l) => l.cells.map((c) => c.text))).toEqual([
      ['1.属于国家秘密', '3'],
      ['2.其他法律行政法规禁止', '77'],
      ['3.危及安全稳定', '5'],
      ['4.保护第三方', '1'],
      ['（一）予以公开情况'],
      // Running text: the number does not stand where a column's numbers do.
      ['共收到申请12件'],
    ]);
  });

  it('joins a row printed over two lines with its values split between them', () => {
    // 总计 aligned at the top of its cell, the other values in the middle of a wrapped label.
    const lines = lay([
      run('5.要求确认或重新出具', 100, 100, 10, 100),
      run('4', 300, 100, 10, 6),
      run('4', 400, 100, 10, 6),
      run('1.申请人逾期不补正、行', 100, 120, 10, 110),
      run('9', 400, 120, 10, 6),
      run('政机关不再处理', 100, 134, 10, 70),
      run('6', 300, 134, 10, 6),
      run('3', 350, 134, 10, 6),
      run('2.其他', 100, 154, 10, 30),
      run('1', 300, 154, 10, 6),
      run('1', 400, 154, 10, 6),
    ]);
    expect(lines.map((l) => l.cells.map((c) => c.text))).toEqual([
      ['5.要求确认或重新出具', '4', '4'],
      ['1.申请人逾期不补正、行政机关不再处理', '6', '3', '9'],
      ['2.其他', '1', '1'],
    ]);
  });

  it('keeps rows whose values are all blank in the table, however many stand together', () => {
    // Six label-only rows between two value rows: further apart than a caption would be.
    const labels = ['2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获', '取信息', '1.申请人无正当理由逾期不补正、行'];
    const lines = lay([
      run('1.信访举报投诉类申请', 100, 80, 10, 110),
      run('1', 300, 80, 10, 6),
      run('1', 400, 80, 10, 6),
      ...labels.map((text, i) => run(text, 100, 96 + i * 16, 10, Math.min(160, text.length * 10))),
      run('1', 400, 176, 10, 6),
      run('政机关不再处理其政府信息公开申请', 100, 192, 10, 160),
      run('1', 300, 192, 10, 6),
      run('（七）总计', 100, 208, 10, 50),
      run('2', 300, 208, 10, 6),
      run('2', 400, 208, 10, 6),
    ]);
    expect(lines.every((l) => l.inTable)).toBe(true);
    expect(lines.map((l) => l.cells.map((c) => c.text))).toEqual([
      ['1.信访举报投诉类申请', '1', '1'],
      ['2.重复申请'],
      ['3.要求提供公开出版物'],
      ['4.无正当理由大量反复申请'],
      ['5.要求行政机关确认或重新出具已获取信息'],
      ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '1', '1'],
      ['（七）总计', '2', '2'],
    ]);
  });

  it('joins a number wrapped inside its narrow cell, top-aligned and centred in its row', () => {
    // "3895" too wide for its column: "38" over "95". Other columns' numbers fit on one line.
    const top = lay([
      run('一、本年新收', 100, 100, 12, 72),
      run('38', 300, 100, 12, 14),
      run('93', 340, 100, 12, 14),
      run('36', 380, 100, 12, 14),
      run('95', 300, 114, 12, 14),
      run('7', 344, 114, 12, 7),
      run('二、上年结转', 100, 130, 12, 72),
      run('46', 300, 130, 12, 14),
      run('4', 344, 130, 12, 7),
      run('50', 380, 130, 12, 14),
    ]);
    expect(top.map((l) => l.cells.map((c) => c.text))).toEqual([
      ['一、本年新收', '3895', '937', '36'],
      ['二、上年结转', '46', '4', '50'],
    ]);
    // Centred: the pieces stand above and below the label's line, where 23 is printed whole.
    const centred = lay([
      run('（六）其他处理', 100, 100, 12, 84),
      run('43', 300, 100, 12, 14),
      run('43', 380, 100, 12, 14),
      run('10', 300, 115, 12, 14),
      run('15', 380, 115, 12, 14),
      run('（七）总计', 100, 122, 12, 60),
      run('23', 340, 122, 12, 14),
      run('8', 304, 129, 12, 7),
      run('3', 384, 129, 12, 7),
    ]);
    expect(centred.map((l) => l.cells.map((c) => c.text))).toEqual([
      ['（六）其他处理', '43', '43'],
      ['（七）总计', '108', '23', '153'],
    ]);
  });

  it('keeps a short label above another as two rows, their numbers apart', () => {
    // Its column (headed 本年制发件数) holds far wider numbers than 34: 5 is the next row's.
    const lines = lay([
      run('信息内容', 100, 86, 12, 48),
      run('本年制发件数', 280, 86, 12, 72),
      run('规章', 100, 100, 12, 24),
      run('12', 300, 100, 12, 14),
      run('行政规范性文件', 100, 114, 12, 84),
      run('34', 300, 114, 12, 14),
      run('行政许可', 100, 128, 12, 48),
      run('5', 304, 128, 12, 7),
    ]);
    expect(lines.map((l) => l.cells.map((c) => c.text))).toEqual([
      ['信息内容', '本年制发件数'],
      ['规章', '12'],
      ['行政规范性文件', '34'],
      ['行政许可', '5'],
    ]);
  });

  it('gives bare numbers beside a stacked group label the row label around them', () => {
    // "（三）不予公开" printed a few characters per line in the column left of the row labels.
    const lines = lay([
      run('（三', 60, 92, 12, 24),
      run('3.危及“三安全', 100, 100, 12, 84),
      run('）不', 60, 108, 12, 24),
      run('3', 300, 108, 12, 7),
      run('3', 400, 108, 12, 7),
      run('一稳定”', 100, 116, 12, 48),
      run('4.保护第三方合', 100, 134, 12, 84),
      run('1', 400, 134, 12, 7),
    ]);
    expect(lines.map((l) => l.cells.map((c) => c.text))).toContainEqual(['（三）不', '3.危及“三安全一稳定”', '3', '3']);
  });

  it('continues a label whose last piece opens the next page', () => {
    const page = (items: PlacedText[]) => layoutLines(buildLines(items), { bodyFontSize: 16 }, 450);
    const [before, after] = joinLabelsAcrossPages([
      page([
        run('3.危及“三安全一稳定”', 100, 700, 12, 84),
        run('3', 300, 700, 12, 7),
        run('4.保护第三方合', 100, 716, 12, 84),
        run('1', 400, 716, 12, 7),
      ]),
      page([
        run('法权益', 100, 60, 12, 36),
        run('5.属于三类内部事务信息', 100, 76, 12, 84),
        run('2', 300, 76, 12, 7),
        run('6.属于四类过程性信息', 100, 92, 12, 84),
        run('1', 300, 92, 12, 7),
      ]),
    ]);
    expect(before.map((l) => l.cells[0].text)).toEqual(['3.危及“三安全一稳定”', '4.保护第三方合法权益']);
    expect(after.map((l) => l.cells[0].text)).toEqual(['5.属于三类内部事务信息', '6.属于四类过程性信息']);
    // The piece beside a group label's stacked characters, under a vertical label's rest.
    const [, next] = joinLabelsAcrossPages([
      page([run('3.危及“三安全一稳定”', 100, 700, 12, 84), run('3', 300, 700, 12, 7), run('2.其他法律行政', 100, 716, 12, 84), run('1', 300, 716, 12, 7)]),
      page([
        ...'度办理结果'.split('').map((ch, i) => run(ch, 40, 40 + i * 14, 12, 12)),
        run('予公', 70, 60, 12, 24),
        run('法规禁止公开', 100, 60, 12, 72),
        run('3.危及“三安全一稳定”', 100, 76, 12, 84),
        run('2', 300, 76, 12, 7),
        run('4.保护第三方合法权益', 100, 92, 12, 84),
        run('1', 300, 92, 12, 7),
      ]),
    ]);
    expect(next.flatMap((l) => l.cells.map((c) => c.text))).not.toContain('法规禁止公开');
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
