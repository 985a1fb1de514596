import { type CanonicalReport, cellsInDoubt, createFinding, type Finding, runSingleReportChecks } from '@atlas/report-model';
import {
  DEFAULT_READ_LIMITS,
  ParseError,
  type ReadDocument,
  type ReadLimits,
  type SourceFormat,
} from './document';
import { assertInputSize } from './readers/input-guard';
import { detectFormat } from './detect-format';
import { interpretTables } from './interpret';
import { readNarrative } from './read-narrative';
import type { Provenance } from './provenance';
import { readDocx } from './readers/docx';
import { readHtml } from './readers/html';
import { readPdf } from './readers/pdf';
import { readText } from './readers/text';
import { readXlsx } from './readers/xlsx';

export interface ParseOptions {
  /** Used to tell Markdown from text and for error messages; the content decides the format. */
  fileName?: string;
  limits?: Partial<ReadLimits>;
}

export interface ParsedReport {
  report: CanonicalReport;
  /** Cell address → where its value was read. */
  provenance: Provenance;
  format: SourceFormat;
  /** Where `report.year` was read: 'title' and 'period' are firm, 'body' and 'fileName' guesses. */
  yearSource: 'title' | 'period' | 'body' | 'fileName' | null;
  pageCount?: number;
  /** What the reader noticed (encoding, pages skipped, …). */
  notes: string[];
}

/**
 * Reads one published report (text, Markdown, HTML, DOCX, PDF or XLSX) into the canonical
 * model, runs the single-report checks and keeps where every cell came from. Throws ParseError
 * when the file cannot be read as a report at all; anything short of that is a finding.
 */
export async function parseReport(
  bytes: Uint8Array,
  options: ParseOptions = {},
): Promise<ParsedReport> {
  const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  // A Node Buffer is a Uint8Array, but pdfjs refuses Buffers: read from a plain view.
  const input =
    bytes instanceof Buffer
      ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : bytes;
  assertInputSize(input, limits);
  const format = detectFormat(input, options.fileName);
  const document = await readDocument(input, format, limits);
  try {
    return interpretDocument(document, options.fileName);
  } catch (error) {
    throw explainMisnamedFile(error, format, options.fileName);
  }
}

const BINARY_EXTENSIONS: Record<string, string> = {
  pdf: 'PDF',
  docx: 'Word',
  doc: 'Word',
  xlsx: 'Excel',
  xls: 'Excel',
};

/** "report.xlsx" that is really text: say so, rather than only "not a report". */
function explainMisnamedFile(error: unknown, format: SourceFormat, fileName = ''): unknown {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const expected = BINARY_EXTENSIONS[extension];
  if (
    !(error instanceof ParseError) ||
    error.code !== 'NOT_A_REPORT' ||
    !expected ||
    format === 'pdf' ||
    format === 'docx' ||
    format === 'xlsx'
  ) {
    return error;
  }
  return new ParseError(
    'NOT_A_REPORT',
    `文件扩展名是 .${extension}，但内容不是 ${expected} 文件，而是文本，且不是政府信息公开工作年度报告`,
    `the file is named .${extension} but holds text, not ${expected === 'Excel' ? 'an' : 'a'} ${expected} file, and it is not an annual report`,
  );
}

export async function readDocument(
  bytes: Uint8Array,
  format: SourceFormat,
  limits: ReadLimits,
): Promise<ReadDocument> {
  switch (format) {
    case 'pdf':
      return readPdf(bytes, limits);
    case 'docx':
      return readDocx(bytes, limits);
    case 'xlsx':
      return readXlsx(bytes, limits);
    case 'html':
      return readHtml(bytes, limits);
    case 'markdown':
    case 'text':
      return readText(bytes, format, limits);
  }
}

/** The official template's placeholder for each part's text, printed where a report has its own. */
const PLACEHOLDER = /[（(]\s*文字描述[^（）()]{0,40}[）)]/g;

/** A blank or unfinished template uploaded as a report: its parts still say （文字描述）. */
function templateFindings(paragraphs: readonly string[]): Finding[] {
  const count = paragraphs.reduce((sum, paragraph) => sum + (paragraph.match(PLACEHOLDER)?.length ?? 0), 0);
  if (count === 0) return [];
  return [
    createFinding(
      'F.TEMPLATE',
      [],
      `正文有 ${count} 处仍是模板占位文字“（文字描述）”：这是空白或未填完的年报模板，请上传已发布的年度报告`,
    ),
  ];
}

/** From the read document to the canonical report with findings and provenance. */
export function interpretDocument(document: ReadDocument, fileName?: string): ParsedReport {
  const paragraphs = document.lines.map((line) =>
    line.cells
      .filter((cell) => !cell.mergedFrom)
      .map((cell) => cell.text)
      .join(' '),
  );
  const narrative = readNarrative(paragraphs, fileName);
  const tables = interpretTables(document, narrative.table2Hints);
  const { tablesFound } = tables;
  if (
    !tablesFound.table2 &&
    !tablesFound.table3 &&
    !tablesFound.table4 &&
    !narrative.looksLikeReport
  ) {
    throw new ParseError(
      'NOT_A_REPORT',
      '不是政府信息公开工作年度报告：没有找到年报的标题或表格',
      'not an annual report on government information disclosure: no title or tables found',
    );
  }
  const report = tables.report;
  report.title = narrative.title;
  report.agencyName = narrative.agencyName;
  report.year = narrative.year;
  report.narrative = narrative.narrative;
  // Rules on cells the reading did not settle (named by its F.* findings) would judge the
  // reading, not the document.
  const findings: Finding[] = [
    ...templateFindings(paragraphs),
    ...tables.findings,
    ...runSingleReportChecks(report, { uncertainCells: cellsInDoubt(tables.findings) }),
  ];
  report.findings = findings;
  return {
    report,
    provenance: tables.provenance,
    format: document.format,
    yearSource: narrative.yearSource,
    ...(document.pageCount !== undefined ? { pageCount: document.pageCount } : {}),
    notes: document.notes,
  };
}
