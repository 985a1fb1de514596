import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getCell } from '@atlas/report-model';
import { DEFAULT_READ_LIMITS, ParseError, type ParseErrorCode, type ReadLimits } from './document';
import { parseReport } from './parse-report';
import {
  docxZipBomb,
  encryptedPdf,
  oleDocument,
  paddedBytes,
  seededBytes,
} from '../test-support/broken-inputs';
import {
  buildDocx,
  encodeText,
  expectedCells,
  layOutReport,
  renderDocxFromLayout,
  renderText,
  REPORT_A,
} from '@atlas/report-samples';

/*
 * End-to-end: input that is not a readable report must be refused with a ParseError of the
 * right code and a one-line reason in Chinese and in English — never a crash, never a hang.
 * Cases the parser once handled wrongly stay below, under "formerly known gaps, now fixed".
 */

const CORPUS = path.resolve(__dirname, '../../../../../shared/corpus');
const HONGZE_PDF = path.join(CORPUS, 'hongze-2023', 'source.pdf');
const describeWithPdf = existsSync(HONGZE_PDF) ? describe : describe.skip;
const MB = 1024 * 1024;

/** What a call threw (fails the test if it did not throw). */
async function thrownBy(parse: Promise<unknown>): Promise<unknown> {
  try {
    await parse;
  } catch (error) {
    return error;
  }
  throw new Error('expected parseReport to reject, but it resolved');
}

/** Parses and expects a ParseError with that code and a reason in both languages. */
async function expectRefused(
  bytes: Uint8Array,
  code: ParseErrorCode,
  fileName?: string,
  limits?: Partial<ReadLimits>,
): Promise<ParseError> {
  const error = await thrownBy(
    parseReport(bytes, {
      ...(fileName === undefined ? {} : { fileName }),
      ...(limits ? { limits } : {}),
    }),
  );
  expect(error).toBeInstanceOf(ParseError);
  const parseError = error as ParseError;
  expect({ code: parseError.code, name: parseError.name }).toEqual({ code, name: 'ParseError' });
  expect(parseError.messageZh).toMatch(/[\u4e00-\u9fff]{4}/);
  expect(
    parseError.messageEn.split(/\s+/).filter((word) => /[A-Za-z]{2,}/.test(word)).length,
  ).toBeGreaterThanOrEqual(3);
  expect(parseError.messageEn).not.toMatch(/[\u4e00-\u9fff]/);
  expect(parseError.message).toBe(`${parseError.messageZh} / ${parseError.messageEn}`);
  return parseError;
}

const reportText = (): string => renderText(layOutReport(REPORT_A));

describe('parseReport refuses broken input', () => {
  it('an empty file → EMPTY_FILE', async () => {
    const error = await expectRefused(new Uint8Array(0), 'EMPTY_FILE', '2023年报.txt');
    expect(error.messageZh).toContain('空');
    await expectRefused(new Uint8Array(0), 'EMPTY_FILE');
  });

  it('a file of only (ASCII) whitespace → EMPTY_FILE, whatever its name', async () => {
    const blank = encodeText(' \t\r\n\n   \r\n\t\t \n');
    for (const name of ['report.txt', 'report.html', 'report.md', undefined]) {
      await expectRefused(blank, 'EMPTY_FILE', name);
    }
  });

  it.each([
    ['no name', undefined],
    ['.txt', 'report.txt'],
    ['.pdf', 'report.pdf'],
    ['.docx', 'report.docx'],
    ['.xlsx', 'report.xlsx'],
    ['.html', 'report.html'],
  ])('random bytes (seeded), named %s → UNSUPPORTED_TYPE', async (_label, name) => {
    for (const seed of [1, 2, 3])
      await expectRefused(seededBytes(64 * 1024, seed), 'UNSUPPORTED_TYPE', name);
  });

  it('random bytes behind a PDF or zip signature → CORRUPT_FILE', async () => {
    const pdfHead = new Uint8Array([
      ...new TextEncoder().encode('%PDF-1.7\n'),
      ...seededBytes(16 * 1024, 5),
    ]);
    await expectRefused(pdfHead, 'CORRUPT_FILE', 'report.pdf');
    const zipHead = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...seededBytes(16 * 1024, 6)]);
    await expectRefused(zipHead, 'CORRUPT_FILE', 'report.docx');
  });

  it('a truncated DOCX (a generated report cut short) → CORRUPT_FILE', async () => {
    const docx = renderDocxFromLayout(layOutReport(REPORT_A));
    expect((await parseReport(docx, { fileName: 'report.docx' })).report.year).toBe(2023);
    for (const length of [100, docx.length >> 1, Math.floor(docx.length * 0.9), docx.length - 22]) {
      await expectRefused(docx.slice(0, length), 'CORRUPT_FILE', 'report.docx');
    }
  });

  it('an encrypted PDF → ENCRYPTED_PDF', async () => {
    const error = await expectRefused(encryptedPdf(), 'ENCRYPTED_PDF', 'report.pdf');
    expect(error.messageZh).toContain('加密');
  });

  it('a DOCX zip bomb (3 MB of XML in a few KB) over maxUnpackedBytes → TOO_LARGE', async () => {
    const bomb = docxZipBomb(3 * MB);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const error = await expectRefused(bomb, 'TOO_LARGE', 'report.docx', { maxUnpackedBytes: MB });
    expect(error.messageEn).toContain('1 MB');
    // Headers that declare a harmless size: refused as damaged as soon as inflating passes it.
    const liar = await expectRefused(docxZipBomb(3 * MB, true), 'CORRUPT_FILE', 'report.docx', {
      maxUnpackedBytes: MB,
    });
    expect(liar.messageEn).toContain('larger than its header says');
    // Within the default limit the same file is read (a title, no tables).
    const { report } = await parseReport(bomb, { fileName: 'report.docx' });
    expect(report.findings.map((finding) => finding.rule)).toEqual([
      'F.MISSING_TABLE',
      'F.MISSING_TABLE',
      'F.MISSING_TABLE',
    ]);
  });

  it('an old binary .doc / .xls (OLE header D0 CF 11 E0 …) → UNSUPPORTED_TYPE naming .doc', async () => {
    for (const name of ['report.doc', 'report.xls', 'report.docx', undefined]) {
      const error = await expectRefused(oleDocument(), 'UNSUPPORTED_TYPE', name);
      expect(error.messageZh).toContain('.doc');
      expect(error.messageEn).toContain('.docx');
    }
  });

  it('a picture (PNG, JPEG) renamed .pdf → UNSUPPORTED_TYPE saying it is an image, not .doc advice', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...seededBytes(4096, 7)]);
    const error = await expectRefused(png, 'UNSUPPORTED_TYPE', '年报.pdf');
    expect(error.messageZh).toContain('文件名是 .pdf，但内容是 PNG 图片');
    expect(error.messageZh).not.toContain('旧版');
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...seededBytes(4096, 8)]);
    await expect(expectRefused(jpeg, 'UNSUPPORTED_TYPE', 'scan.jpg')).resolves.toMatchObject({ messageZh: expect.stringContaining('JPEG') });
  });

  it('HTML with no tables and no report wording → NOT_A_REPORT', async () => {
    const page = encodeText(
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于开展2023年春季植树活动的通知</title></head>' +
        '<body><div class="nav">首页 &gt; 通知公告</div><h1>关于开展2023年春季植树活动的通知</h1>' +
        '<p>各单位：为改善生态环境，定于3月12日开展植树活动，请于3月10日前报名。</p><p>联系电话：12345678</p>' +
        '<div class="footer">网站标识码 4401000042</div></body></html>',
    );
    await expectRefused(page, 'NOT_A_REPORT', 'notice.html');
    await expectRefused(page, 'NOT_A_REPORT');
  });

  it('HTML with a data table that is not a report → NOT_A_REPORT', async () => {
    const rows = Array.from(
      { length: 20 },
      (_, i) => `<tr><td>${i + 1}</td><td>项目${i + 1}</td><td>${(i * 37) % 100}</td></tr>`,
    ).join('');
    const page = encodeText(
      `<html><body><p>2023年度项目资金安排表</p><table><tr><th>序号</th><th>项目</th><th>金额（万元）</th></tr>${rows}</table></body></html>`,
    );
    await expectRefused(page, 'NOT_A_REPORT', 'table.html');
  });

  it('over the input limit → TOO_LARGE before anything is read (60 MB with the defaults; 30 MB under a 20 MB limit)', async () => {
    expect(DEFAULT_READ_LIMITS.maxInputBytes).toBe(20 * MB);
    const huge = paddedBytes('%PDF-1.4\n', 60 * MB);
    for (const name of ['report.pdf', 'report.txt', 'report.docx']) {
      const error = await expectRefused(huge, 'TOO_LARGE', name);
      expect(error.messageEn).toContain('20 MB');
    }
    const large = paddedBytes('南江市生态环境局2023年政府信息公开工作年度报告\n', 30 * MB);
    const error = await expectRefused(large, 'TOO_LARGE', 'report.txt', { maxInputBytes: 20 * MB });
    expect(error.messageZh).toContain('20 MB');
  });

  it('a text file named .xlsx is read as text (the content decides): the whole report, every cell', async () => {
    const { report, format } = await parseReport(encodeText(reportText()), {
      fileName: '2023年报.xlsx',
    });
    expect(format).toBe('text');
    const wrong = expectedCells(REPORT_A.report).filter(
      ([address, value]) => Math.abs((getCell(report, address) ?? Number.NaN) - value) > 1e-9,
    );
    expect(wrong).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it('a text file named .xlsx that is no report → NOT_A_REPORT saying it is text, not Excel', async () => {
    const error = await expectRefused(
      encodeText('姓名\t电话\n张三\t12345678\n'),
      'NOT_A_REPORT',
      '通讯录.xlsx',
    );
    expect(error.messageZh).toContain('不是 Excel 文件');
    expect(error.messageEn).toContain('not an Excel file');
  });
});

describeWithPdf('parseReport refuses a truncated PDF (hongze-2023 cut short)', () => {
  const pdf = new Uint8Array(readFileSync(HONGZE_PDF));

  it.each([
    ['1 KB', 1024],
    ['a quarter', Math.floor(pdf.length / 4)],
    ['half', Math.floor(pdf.length / 2)],
    ['all but the last 100 bytes', pdf.length - 100],
  ])('%s → CORRUPT_FILE', async (_label, length) => {
    const error = await expectRefused(pdf.slice(0, length), 'CORRUPT_FILE', 'report.pdf');
    expect(error.messageZh).toContain('PDF');
  });
});

describe('formerly known gaps, now fixed', () => {
  it(
    'a file of full-width spaces (U+3000) → EMPTY_FILE',
    async () => {
      await expectRefused(encodeText('\u3000\u3000\n\u3000\n'), 'EMPTY_FILE', 'report.txt');
    },
  );

  it('a file of no-break spaces (U+00A0) → EMPTY_FILE', async () => {
    await expectRefused(encodeText('\u00a0\u00a0\n'), 'EMPTY_FILE', 'report.txt');
  });

  it(
    'a file that is only a UTF-8 byte order mark (and a newline) → EMPTY_FILE',
    async () => {
      await expectRefused(new Uint8Array([0xef, 0xbb, 0xbf, 0x0a]), 'EMPTY_FILE', 'report.txt');
    },
  );

  it(
    'a 30 MB text file → TOO_LARGE with the default limits',
    async () => {
      const large = encodeText(
        `南江市生态环境局2023年政府信息公开工作年度报告 ${'公开'.repeat(5 * MB)}`,
      );
      expect(large.length).toBeGreaterThan(30 * MB);
      await expectRefused(large, 'TOO_LARGE', 'report.txt');
    },
  );

  it(
    'a zip bomb under a 100 KB unpack limit names the limit',
    async () => {
      const error = await expectRefused(docxZipBomb(3 * MB), 'TOO_LARGE', 'report.docx', {
        maxUnpackedBytes: 100 * 1024,
      });
      expect(error.messageEn).not.toContain(' 0 MB');
    },
  );

  it('elements nested 200,000 deep (DOCX, HTML) → CORRUPT_FILE at once, not after minutes', async () => {
    // htmlparser2's stack costs as much as the depth per level: such a DOCX once took 142 s.
    const nested = (open: string, close: string) =>
      `${open.repeat(200_000)}${close.repeat(200_000)}`;
    const word = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const inputs: [Uint8Array, string][] = [
      [
        buildDocx(`<w:document ${word}><w:body>${nested('<w:p>', '</w:p>')}</w:body></w:document>`),
        'report.docx',
      ],
      [encodeText(`<html><body>${nested('<div>', '</div>')}</body></html>`), 'report.html'],
      [encodeText(`<html><body>${'<span>'.repeat(200_000)}2023年度报告</body></html>`), 'report.html'],
    ];
    for (const [bytes, fileName] of inputs) {
      const started = Date.now();
      const error = await expectRefused(bytes, 'CORRUPT_FILE', fileName);
      expect(error.messageZh).toContain('嵌套超过 1000 层');
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  });

  it('a report nested 990 elements deep is still read', async () => {
    const paragraphs = reportText()
      .split('\n')
      .map((line) => `<p>${line}</p>`)
      .join('');
    const html = `<html><body>${'<div>'.repeat(990)}${paragraphs}${'</div>'.repeat(990)}</body></html>`;
    const { report } = await parseReport(encodeText(html), { fileName: 'report.html' });
    expect(report.year).toBe(REPORT_A.report.year);
  });

  (existsSync(HONGZE_PDF) ? it : it.skip)(
    'a truncated PDF passed as a Node Buffer (fs.readFile) → CORRUPT_FILE',
    async () => {
      const buffer = readFileSync(HONGZE_PDF);
      await expectRefused(buffer.subarray(0, buffer.length >> 1), 'CORRUPT_FILE', 'report.pdf');
    },
  );

  (existsSync(HONGZE_PDF) ? it : it.skip)(
    'a complete PDF passed as a Node Buffer is read like the same bytes in a Uint8Array',
    async () => {
      const { report } = await parseReport(readFileSync(HONGZE_PDF), { fileName: 'source.pdf' });
      expect(report.year).toBe(2023);
    },
  );
});
