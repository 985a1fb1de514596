import { type CanonicalReport, type Finding, runSingleReportChecks } from '@atlas/report-model';
import { DEFAULT_READ_LIMITS, ParseError, type ReadDocument, type ReadLimits, type SourceFormat } from './document';
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
  pageCount?: number;
  /** What the reader noticed (encoding, pages skipped, …). */
  notes: string[];
}

/**
 * Reads one published report (text, Markdown, HTML, DOCX, PDF or XLSX) into the canonical
 * model, runs the single-report checks and keeps where every cell came from. Throws ParseError
 * when the file cannot be read as a report at all; anything short of that is a finding.
 */
export async function parseReport(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedReport> {
  const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  if (bytes.length > limits.maxInputBytes) {
    const megabytes = Math.round(limits.maxInputBytes / 1048576);
    throw new ParseError('TOO_LARGE', `文件超过 ${megabytes} MB 的上限`, `the file exceeds the ${megabytes} MB limit`);
  }
  const format = detectFormat(bytes, options.fileName);
  const document = await readDocument(bytes, format, limits);
  return interpretDocument(document, options.fileName);
}

export async function readDocument(bytes: Uint8Array, format: SourceFormat, limits: ReadLimits): Promise<ReadDocument> {
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

/** From the read document to the canonical report with findings and provenance. */
export function interpretDocument(document: ReadDocument, fileName?: string): ParsedReport {
  const paragraphs = document.lines.map((line) => line.cells.filter((cell) => !cell.mergedFrom).map((cell) => cell.text).join(' '));
  const narrative = readNarrative(paragraphs, fileName);
  const tables = interpretTables(document, narrative.table2Hints);
  const { tablesFound } = tables;
  if (!tablesFound.table2 && !tablesFound.table3 && !tablesFound.table4 && !narrative.looksLikeReport) {
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
  const findings: Finding[] = [...tables.findings, ...runSingleReportChecks(report)];
  report.findings = findings;
  return {
    report,
    provenance: tables.provenance,
    format: document.format,
    ...(document.pageCount !== undefined ? { pageCount: document.pageCount } : {}),
    notes: document.notes,
  };
}
