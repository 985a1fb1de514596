import type { DocCell, DocLine, SourceLocation } from '../document';

/** Separates cells in the flat text (never occurs in documents). */
export const CELL_BREAK = '\u0001';
/** Separates lines in the flat text. */
export const LINE_BREAK = '\u0002';

/** A stretch of the flat text, [start, end): where a table is. */
export interface TableBounds {
  start: number;
  end: number;
}

/** Where one character of the flat text came from. */
export interface CharOrigin {
  readonly line: number;
  readonly cell: number;
}

/**
 * The whole document as one string, so labels can be found with regular expressions even when
 * a web page put the whole report on one line; cells and lines are kept apart by separator
 * characters, and every character can be traced back to its cell. Characters are normalised
 * one-for-one (full-width ASCII to ASCII, odd spaces to ' ', curly quotes to '"'), so offsets in
 * the flat text are offsets in the cell texts.
 */
export interface FlatText {
  readonly text: string;
  readonly lines: readonly DocLine[];
  /** For each cell (by line, then cell index), the offset of its first character in `text`. */
  readonly cellStarts: readonly (readonly number[])[];
  originAt(offset: number): CharOrigin | undefined;
}

/** Page furniture that survives some conversions: "— 4 —", "-3-", "第 3 页", "3/6". */
const PAGE_FOOTER = /^\s*(?:[-—–－‒]+\s*\d{1,3}\s*[-—–－‒]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})\s*$/;

export function isPageFooter(text: string): boolean {
  return PAGE_FOOTER.test(text);
}

export function normalizeChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000 || code === 0xa0 || code === 0x2002 || code === 0x2003 || code === 0x2009 || code === 0x200b || code === 0x9) return ' ';
  if (char === '“' || char === '”' || char === '„' || char === '「' || char === '」') return '"';
  if (char === '‘' || char === '’') return "'";
  return char;
}

const NEEDS_NORMALISING = /[\uff01-\uff5e\u3000\u00a0\u2002\u2003\u2009\u200b\t“”„「」‘’]/g;

export function normalizeText(text: string): string {
  return text.replace(NEEDS_NORMALISING, normalizeChar);
}

/** Lines whose only content is a page footer are left out; merged-cell copies are left out. */
export function flattenLines(lines: readonly DocLine[]): FlatText {
  const kept = lines.filter((line) => !isPageFooter(line.cells.map((cell) => cell.text).join(' ')));
  let text = '';
  const cellStarts: number[][] = [];
  // Offsets where each (line, cell) starts, for binary search in originAt.
  const starts: number[] = [];
  const origins: CharOrigin[] = [];
  kept.forEach((line, lineIndex) => {
    const lineStarts: number[] = [];
    line.cells.forEach((cell, cellIndex) => {
      if (cellIndex > 0) text += CELL_BREAK;
      lineStarts.push(text.length);
      starts.push(text.length);
      origins.push({ line: lineIndex, cell: cellIndex });
      if (!cell.mergedFrom) text += normalizeText(cell.text);
    });
    cellStarts.push(lineStarts);
    text += LINE_BREAK;
  });
  return {
    text,
    lines: kept,
    cellStarts,
    originAt(offset: number) {
      let low = 0;
      let high = starts.length - 1;
      if (high < 0 || offset < (starts[0] ?? 0)) return undefined;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((starts[middle] ?? 0) <= offset) low = middle;
        else high = middle - 1;
      }
      return origins[low];
    },
  };
}

/** The cell a flat-text offset falls in. */
export function cellAt(flat: FlatText, offset: number): { cell: DocCell; source: SourceLocation } | undefined {
  const origin = flat.originAt(offset);
  if (!origin) return undefined;
  const cell = flat.lines[origin.line]?.cells[origin.cell];
  return cell ? { cell, source: cell.source } : undefined;
}
