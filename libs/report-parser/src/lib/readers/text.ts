import { DEFAULT_READ_LIMITS, type DocCell, type DocLine, type ReadDocument, type ReadLimits } from '../document';
import { assertInputSize } from './input-guard';
import { decodeText } from './text-encoding';

/** "|---|:---:|" rows of a Markdown table carry no content. */
const MARKDOWN_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/**
 * Plain text and Markdown: a line with tabs, or a Markdown table line, is a row of cells (empty
 * cells kept in place); any other non-empty line is a paragraph. Space-separated numbers stay
 * inside their cell; the table reader splits them.
 */
export function readText(bytes: Uint8Array, format: 'text' | 'markdown', limits: Partial<ReadLimits> = {}): ReadDocument {
  assertInputSize(bytes, { ...DEFAULT_READ_LIMITS, ...limits });
  const { text, encoding } = decodeText(bytes);
  const lines: DocLine[] = [];
  const emptyCell = (lineNumber: number): DocLine => ({
    kind: 'row',
    cells: [{ text: '', source: { line: lineNumber, column: 1 } }],
    source: { line: lineNumber },
  });
  let emptyLines = 0;
  const sourceLines = text.split(/\r\n|\r|\n/);
  const furniture = format === 'markdown' ? repeatedHeadings(sourceLines) : new Set<string>();
  sourceLines.forEach((content, index) => {
    const lineNumber = index + 1;
    // A line of tabs alone is a row of empty cells (a table row with nothing to report); so is
    // a line of only no-break spaces, which is how a browser copies an empty table cell (&nbsp;)
    // that held a paragraph. A truly empty line separates paragraphs and is nothing by itself.
    if (content === '' || /^[ \r]*$/.test(content)) {
      emptyLines++;
      return;
    }
    // A browser copies a table whose cells hold paragraphs one cell per line, one empty line
    // between cells; an empty cell adds two more. Three empty lines in a row are one empty cell,
    // five are two, and so on.
    for (let blank = 1; blank <= Math.floor((emptyLines - 1) / 2); blank++) lines.push(emptyCell(lineNumber - emptyLines + 2 * blank - 1));
    emptyLines = 0;
    if (MARKDOWN_SEPARATOR.test(content) || furniture.has(content.trim())) return;
    if (/^[\u00a0\u3000 ]+$/.test(content) && /[\u00a0\u3000]/.test(content)) {
      lines.push(emptyCell(lineNumber));
      return;
    }
    const cellTexts = splitCells(content);
    const cells: DocCell[] = cellTexts.map((cellText, column) => ({
      text: cellText,
      source: { line: lineNumber, column: column + 1 },
    }));
    lines.push({ kind: cells.length > 1 ? 'row' : 'paragraph', cells, source: { line: lineNumber } });
  });
  return { format, lines, notes: encoding === 'utf-8' ? [] : [`文本编码 ${encoding.toUpperCase()}`] };
}

/**
 * Markdown headings that occur more than once: a converter's caption repeated over every piece
 * of a table it broke up ("## 表三：收到和处理…"), furniture that may fall inside a row's label.
 */
function repeatedHeadings(lines: readonly string[]): Set<string> {
  const seen = new Map<string, number>();
  for (const line of lines) {
    const heading = line.trim();
    if (/^#{1,6}\s/.test(heading)) seen.set(heading, (seen.get(heading) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, count]) => count > 1).map(([heading]) => heading));
}

function splitCells(line: string): string[] {
  if (line.includes('\t')) return line.split('\t');
  const trimmed = line.trim();
  if (trimmed.startsWith('|') && trimmed.indexOf('|', 1) > 0) {
    return trimmed.replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
  }
  return [line];
}
