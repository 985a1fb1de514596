import {
  DEFAULT_READ_LIMITS,
  paragraph,
  type DocLine,
  type ReadDocument,
  type ReadLimits,
} from '../document';
import { BLOCK_BOUNDARY, LINE_BREAK, htmlText, stripMarkers } from './block-text';
import { expandSpans, gridToLines, type SpanCell } from './grid';
import { loadHtmlparser2, type Htmlparser2, withDepthLimit } from './htmlparser';
import { assertInputSize } from './input-guard';
import { decodeText } from './text-encoding';

/**
 * Reads an HTML page (a report body, a whole CMS page, or Word's "save as web page") into lines:
 * text blocks become paragraphs and each data table becomes rows on a grid with rowspan/colspan
 * expanded. A table that contains another table is page layout, not data: its cells are read as
 * running text and the tables inside it as tables of their own.
 */
export async function readHtml(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<ReadDocument> {
  assertInputSize(bytes, limits);
  const declared = sniffCharset(bytes);
  const { text, notes } = decodeHtml(bytes, declared);
  const root = buildTree(await loadHtmlparser2(), text);
  const reader = new HtmlLineReader();
  reader.readRoot(root);
  if (reader.layoutTables > 0) {
    notes.push(`${reader.layoutTables} layout table(s) around other tables read as text`);
  }
  return { format: 'html', lines: reader.lines, notes };
}

interface HtmlElement {
  name: string;
  attribs: Record<string, string>;
  children: HtmlNode[];
  /** A table with another table inside: page layout. */
  containsTable?: boolean;
}

type HtmlNode = HtmlElement | string;

/** Elements whose content is never document text. */
const SKIPPED = new Set(
  'script style noscript template svg math iframe object select textarea'.split(' '),
);

/** Elements that start and end a block of text (a paragraph outside tables). */
const BLOCKS = new Set(
  (
    'address article aside blockquote body caption center dd details dialog dir div dl dt ' +
    'fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li ' +
    'main menu nav ol option p pre section summary table tbody td tfoot th thead title tr ul'
  ).split(' '),
);

const GBK_NAMES = /^(gbk|gb2312|gb18030|x-gbk|cp936)$/i;

/**
 * Bytes that are valid UTF-8 are UTF-8 whatever the page declares: CMS migrations leave stale
 * gb2312 declarations on UTF-8 pages, while GBK text is practically never valid UTF-8. A UTF-8
 * page with a few broken sequences stays UTF-8 (read as GB18030 it would be garbage throughout).
 */
function decodeHtml(bytes: Uint8Array, declared: string | undefined): DecodedHtml {
  const decoded = decodeText(bytes);
  if (decoded.encoding === 'utf-8') {
    const stale =
      declared !== undefined && !/^utf-?8$/i.test(declared) && bytes.some((b) => b >= 0x80);
    const notes = stale ? [`declared charset ${declared} ignored: the bytes are valid UTF-8`] : [];
    return { text: decoded.text, notes };
  }
  if (decoded.encoding !== 'gb18030') {
    return {
      text: decoded.text,
      notes: [`encoding ${decoded.encoding.toUpperCase()} (byte order mark)`],
    };
  }
  if (declared !== undefined && GBK_NAMES.test(declared)) {
    return { text: decoded.text, notes: [`encoding GB18030 (declared ${declared})`] };
  }
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const broken = lenient.split('\uFFFD').length - 1;
  const decodedNonAscii = (lenient.match(/[\u0080-\uFFFC\uFFFE\uFFFF]/g) ?? []).length;
  if ((declared !== undefined && /^utf-?8$/i.test(declared)) || broken * 100 <= decodedNonAscii) {
    return {
      text: lenient,
      notes: [`encoding UTF-8 with ${broken} invalid byte sequence(s) replaced`],
    };
  }
  const how = declared === undefined ? 'detected' : `detected; declared ${declared}`;
  return { text: decoded.text, notes: [`encoding GB18030 (${how})`] };
}

interface DecodedHtml {
  text: string;
  notes: string[];
}

/** The charset named by a <meta> in the first bytes (both `charset=` forms), if any. */
export function sniffCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
}

/** A minimal tree (elements and text) built from htmlparser2's events, without skipped content. */
function buildTree(htmlparser2: Htmlparser2, html: string): HtmlElement {
  const root: HtmlElement = { name: '#root', attribs: {}, children: [] };
  const open: HtmlElement[] = [root];
  let skipDepth = 0;
  const parser = new htmlparser2.Parser(
    withDepthLimit({
      onopentag(name: string, attribs: Record<string, string>) {
        if (skipDepth > 0 || SKIPPED.has(name)) {
          skipDepth++;
          return;
        }
        const element: HtmlElement = { name, attribs, children: [] };
        if (name === 'table') {
          for (const ancestor of open) if (ancestor.name === 'table') ancestor.containsTable = true;
        }
        open[open.length - 1].children.push(element);
        open.push(element);
      },
      ontext(text: string) {
        if (skipDepth > 0) return;
        const children = open[open.length - 1].children;
        const last = children.length - 1;
        const clean = stripMarkers(text);
        if (typeof children[last] === 'string') children[last] += clean;
        else children.push(clean);
      },
      onclosetag(name: string) {
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        // Events are balanced (htmlparser2 closes implied tags), but stay safe on odd input.
        for (let i = open.length - 1; i > 0; i--) {
          if (open[i].name === name) {
            open.length = i;
            return;
          }
        }
      },
    }),
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return root;
}

function isHidden(element: HtmlElement): boolean {
  const style = element.attribs['style'];
  // Word's HTML ends tables with a <tr height=0> of empty cells that only fixes column widths.
  if ('hidden' in element.attribs || (element.name === 'tr' && element.attribs['height'] === '0')) {
    return true;
  }
  // The cheap check first: most elements carry a style, few hide anything.
  return (
    style !== undefined &&
    /none|all/i.test(style) &&
    /display\s*:\s*none|mso-hide\s*:\s*all/i.test(style)
  );
}

class HtmlLineReader {
  readonly lines: DocLine[] = [];
  layoutTables = 0;
  private paragraphText: string[] = [];
  private paragraphCount = 0;
  private tableCount = 0;

  readRoot(root: HtmlElement): void {
    for (const node of root.children) this.read(node);
    this.flushParagraph();
  }

  private read(node: HtmlNode): void {
    if (typeof node === 'string') {
      this.paragraphText.push(node);
      return;
    }
    if (isHidden(node)) return;
    if (node.name === 'head') {
      // Only the page title is text; it often is the report's title.
      for (const child of node.children)
        if (typeof child !== 'string' && child.name === 'title') this.read(child);
      return;
    }
    if (node.name === 'br') {
      this.flushParagraph();
      return;
    }
    if (node.name === 'table' && !node.containsTable) {
      this.flushParagraph();
      this.readTable(node);
      return;
    }
    if (node.name === 'table') this.layoutTables++;
    const block = BLOCKS.has(node.name);
    if (block) this.flushParagraph();
    for (const child of node.children) this.read(child);
    if (block) this.flushParagraph();
  }

  private flushParagraph(): void {
    if (this.paragraphText.length === 0) return;
    const text = htmlText(this.paragraphText.join(''));
    this.paragraphText = [];
    if (text === '') return;
    this.lines.push(paragraph(text, { line: ++this.paragraphCount }));
  }

  private readTable(table: HtmlElement): void {
    const rows: SpanCell[][] = [];
    const readRows = (parent: HtmlElement): void => {
      let looseCells: SpanCell[] | undefined;
      for (const child of parent.children) {
        if (typeof child === 'string' || isHidden(child)) continue;
        if (child.name === 'tr') {
          looseCells = undefined;
          rows.push(this.readRow(child));
        } else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
          looseCells = undefined;
          readRows(child);
        } else if (child.name === 'td' || child.name === 'th') {
          // Cells without a <tr> (broken markup) form one row, as browsers show them.
          if (!looseCells) rows.push((looseCells = []));
          looseCells.push(this.readCell(child));
        } else if (child.name !== 'colgroup' && child.name !== 'col') {
          // A caption, or content misplaced between rows: browsers show it before the table.
          this.read(child);
        }
      }
    };
    readRows(table);
    this.flushParagraph();
    if (rows.length === 0) return;
    this.lines.push(...gridToLines(expandSpans(rows), { table: ++this.tableCount }));
  }

  private readRow(row: HtmlElement): SpanCell[] {
    const cells: SpanCell[] = [];
    for (const child of row.children) {
      if (typeof child === 'string' || isHidden(child)) continue;
      if (child.name === 'td' || child.name === 'th') cells.push(this.readCell(child));
    }
    return cells;
  }

  private readCell(cell: HtmlElement): SpanCell {
    const parts: string[] = [];
    collectCellText(cell, parts);
    return {
      text: htmlText(parts.join('')),
      rowSpan: spanAttribute(cell.attribs['rowspan']),
      colSpan: spanAttribute(cell.attribs['colspan']),
    };
  }
}

/** A cell's text: nested blocks joined by boundary markers, <br> as a line break marker. */
function collectCellText(element: HtmlElement, parts: string[]): void {
  for (const child of element.children) {
    if (typeof child === 'string') {
      parts.push(child);
    } else if (child.name === 'br') {
      parts.push(LINE_BREAK);
    } else if (!isHidden(child)) {
      const block = BLOCKS.has(child.name);
      if (block) parts.push(BLOCK_BOUNDARY);
      collectCellText(child, parts);
      if (block) parts.push(BLOCK_BOUNDARY);
    }
  }
}

function spanAttribute(value: string | undefined): number {
  if (value === undefined) return 1;
  const span = parseInt(value, 10);
  return Number.isNaN(span) || span < 0 ? 1 : span;
}
