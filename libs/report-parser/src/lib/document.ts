/**
 * What every reader produces: the document as a sequence of lines, each a paragraph or a table
 * row of cells, with where each piece came from. Table finding and value reading work on this
 * one shape, whatever the file format was.
 */

export type SourceFormat = 'text' | 'markdown' | 'html' | 'docx' | 'pdf' | 'xlsx';

/** Where a piece of text was read from; the fields that apply to its format are set. */
export interface SourceLocation {
  /** PDF: 1-based page. */
  page?: number;
  /** Text and Markdown: 1-based line of the file. PDF: 1-based line on its page. */
  line?: number;
  /** HTML, DOCX, XLSX: 1-based table in document order (XLSX: one per sheet). */
  table?: number;
  /** XLSX: the sheet's name. */
  sheet?: string;
  /** 1-based row of that table. */
  row?: number;
  /** 1-based grid column (merged cells expanded), for a cell. */
  column?: number;
}

export interface DocCell {
  /** The cell's text, whitespace as in the source (readers only turn line breaks into spaces). */
  text: string;
  source: SourceLocation;
  /**
   * Set on grid positions covered by a merged cell other than its top-left origin: a copy of the
   * origin's text. `row` = continued from above (rowspan/vMerge), `column` = from the left
   * (colspan/gridSpan). Labels may use copies for context; values never come from them.
   */
  mergedFrom?: 'row' | 'column';
  /** PDF: left edge and width of the text in points, for aligning values with header columns. */
  x?: number;
  width?: number;
}

export interface DocLine {
  /** `row`: a table row or a text line split into cells; `paragraph`: running text (one cell). */
  kind: 'row' | 'paragraph';
  cells: DocCell[];
  source: SourceLocation;
}

export interface ReadDocument {
  format: SourceFormat;
  lines: DocLine[];
  /** PDF: number of pages. */
  pageCount?: number;
  /** Things the reader noticed and worked around (e.g. "detected encoding GB18030"). */
  notes: string[];
}

/** Why a file cannot be read at all (findings are for files that can). */
export type ParseErrorCode =
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_TYPE'
  | 'CORRUPT_FILE'
  | 'ENCRYPTED_PDF'
  | 'NO_TEXT_LAYER'
  | 'TOO_LARGE'
  | 'NOT_A_REPORT';

export class ParseError extends Error {
  override name = 'ParseError';

  constructor(
    readonly code: ParseErrorCode,
    /** One line in Chinese, with the reason, for people. */
    readonly messageZh: string,
    /** The same line in English. */
    readonly messageEn: string,
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}

/** Limits that keep hostile or broken files from exhausting memory or time. */
export interface ReadLimits {
  /** Largest input accepted, in bytes. */
  maxInputBytes: number;
  /** Largest total size of the files unpacked from a DOCX/XLSX zip (zip-bomb guard). */
  maxUnpackedBytes: number;
  /** Most PDF pages read. */
  maxPages: number;
}

/** 20 MB, the API's default upload limit (ATLAS_UPLOAD_LIMIT_MB). */
export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxInputBytes: 20 * 1024 * 1024,
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxPages: 200,
};

/** "20 MB", "100 KB": limits as people read them (never rounded down to 0). */
export function formatByteSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1048576).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} B`;
}

/** Builds a paragraph line. */
export function paragraph(text: string, source: SourceLocation): DocLine {
  return { kind: 'paragraph', cells: [{ text, source }], source };
}
