/**
 * PDF reader: the text layer (pdfjs) rebuilt into visual lines and cells. Tables drawn with
 * rules are read cell by cell from their rules (rules from the operator list in pdf-rules.ts,
 * cells and text placement in pdf-grid.ts); everything else is laid out from text positions
 * (pdf-layout.ts). Page numbers and running headers are dropped in pdf-furniture.ts.
 */
import path from 'node:path';
import {
  DEFAULT_READ_LIMITS,
  ParseError,
  type DocCell,
  type DocLine,
  type ReadDocument,
  type ReadLimits,
  type SourceLocation,
} from '../document';
import { assertInputSize } from './input-guard';
import { dropPageFurniture, type PageLines } from './pdf-furniture';
import { readRuledTables, type RuledSlot, type RuledTable } from './pdf-grid';
import {
  isRowLike,
  joinLabelsAcrossPages,
  layoutLines,
  pageLines,
  pageRuns,
  valueEdges,
  type LayoutLine,
  type PageRuns,
  type PlacedText,
} from './pdf-layout';
import { extractRules, multiply, type Matrix, type OperatorList } from './pdf-rules';

// The parts of pdfjs this reader uses, typed here: pdfjs's own d.ts types transforms as any[].
interface PdfTextItem {
  str: string;
  dir: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}
interface PdfTextStyle {
  ascent?: number;
  descent?: number;
}
interface PdfTextContent {
  items: ReadonlyArray<PdfTextItem | { type: string }>;
  styles: Record<string, PdfTextStyle>;
}
interface PdfViewport {
  width: number;
  height: number;
  transform: number[];
}
interface PdfPage {
  getViewport(params: { scale: number }): PdfViewport;
  getTextContent(): Promise<PdfTextContent>;
  getOperatorList(params?: { annotationMode?: number }): Promise<OperatorList>;
  cleanup(): boolean;
}
interface PdfDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfPage>;
}
interface PdfLoadingTask {
  promise: Promise<PdfDocument>;
  destroy(): Promise<void>;
}
interface PdfDocumentParams {
  data: Uint8Array;
  cMapUrl: string;
  cMapPacked: boolean;
  standardFontDataUrl: string;
  isEvalSupported: boolean;
  disableFontFace: boolean;
  ownerDocument?: unknown;
  maxImageSize: number;
  useSystemFonts: boolean;
  isOffscreenCanvasSupported: boolean;
  verbosity: number;
}
interface PdfJs {
  getDocument(params: PdfDocumentParams): PdfLoadingTask;
}

let pdfjsModule: Promise<PdfJs> | undefined;

/**
 * pdfjs-dist is ES-module only. This file compiles to CommonJS under `module: nodenext`, where
 * TypeScript keeps `import()` as a real dynamic import instead of rewriting it to `require()`.
 * The legacy build is the one meant for Node (it polyfills what Node 20 lacks); in Node it runs
 * its worker in-process, so no worker file or thread is set up here.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs').then(
    (mod): PdfJs => mod,
    (error: unknown) => {
      pdfjsModule = undefined; // let a later call retry
      throw error;
    },
  );
  return pdfjsModule;
}

/**
 * Operator lists (read for ruled tables) send every font a page uses to this side, where pdfjs
 * installs it for drawing: with font faces disabled, the worker first compiles an outline for
 * every glyph drawn; with them enabled, the font becomes an @font-face rule, the whole font file
 * base64-encoded by a slow polyfill. This reader never draws. Font faces stay enabled (no
 * outlines) and `skipFontInstall` makes the document's font loader do nothing; should that
 * pdfjs internal move, the rules go to FONT_SINK, the little of a DOM document the loader
 * touches, which drops them: slower, still correct.
 */
const FONT_SINK = {
  createElement: () => ({ sheet: { cssRules: [], insertRule: () => 0 }, remove: () => undefined }),
  documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
};

/** Turns off font installation for one document (see FONT_SINK); whether it could. */
export function skipFontInstall(doc: unknown): boolean {
  const transport = (doc as { _transport?: { fontLoader?: { bind?: unknown } } })._transport;
  const loader = transport?.fontLoader;
  if (!loader || typeof loader.bind !== 'function') return false;
  loader.bind = () => Promise.resolve();
  return true;
}

let assetDirs: { cMaps: string; standardFonts: string } | undefined;

/** CMaps (needed for CJK fonts without a ToUnicode map) and the 14 standard fonts, from disk. */
function pdfjsAssets(): { cMaps: string; standardFonts: string } {
  if (!assetDirs) {
    const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
    assetDirs = {
      cMaps: path.join(root, 'cmaps') + path.sep,
      standardFonts: path.join(root, 'standard_fonts') + path.sep,
    };
  }
  return assetDirs;
}

const corrupt = () =>
  new ParseError(
    'CORRUPT_FILE',
    'PDF 文件已损坏或不完整，无法读取',
    'the PDF is damaged or incomplete and cannot be read',
  );

/** Fewer visible characters than this in the whole document: no usable text layer. */
const MIN_TEXT_CHARS = 20;

/**
 * Reads a PDF's text layer into lines: paragraphs, and table rows split into cells. A ruled
 * table's rows are grid rows ({page, table, row, column}, merged cells as copies, like DOCX);
 * other lines are {page, line}.
 */
export async function readPdf(
  bytes: Uint8Array,
  limits?: Partial<ReadLimits>,
): Promise<ReadDocument> {
  const resolved: ReadLimits = { ...DEFAULT_READ_LIMITS, ...limits };
  assertInputSize(bytes, resolved);
  const { maxPages } = resolved;
  // pdfjs accepts junk before the header only within the first 1024 bytes; so do we.
  if (indexOf(bytes, '%PDF-', 1024) < 0) throw corrupt();

  const pdfjs = await loadPdfJs();
  const assets = pdfjsAssets();
  const notes: string[] = [];
  const task = pdfjs.getDocument({
    // A plain Uint8Array copy: pdfjs transfers (detaches) the buffer and refuses Node Buffers.
    data: Uint8Array.prototype.slice.call(bytes),
    cMapUrl: assets.cMaps,
    cMapPacked: true,
    standardFontDataUrl: assets.standardFonts,
    isEvalSupported: false,
    // Fonts are never drawn (see FONT_SINK); neither setting affects the text layer.
    disableFontFace: false,
    ownerDocument: FONT_SINK,
    // Images are never read; 0 keeps operator lists from decoding them (seals, photos).
    maxImageSize: 0,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    verbosity: 0, // errors only; pdfjs warns about many harmless font quirks
  });
  let pages: RawPage[];
  let pageCount: number;
  try {
    let doc: PdfDocument;
    try {
      doc = await task.promise;
    } catch (error) {
      if (error instanceof Error && error.name === 'PasswordException') {
        throw new ParseError('ENCRYPTED_PDF', 'PDF 已加密，无法读取', 'the PDF is encrypted');
      }
      throw corrupt();
    }
    skipFontInstall(doc);
    pageCount = doc.numPages;
    const wanted = Math.min(pageCount, Math.max(0, maxPages));
    if (wanted < pageCount) {
      notes.push(`read the first ${wanted} of ${pageCount} pages (page limit)`);
    }
    try {
      pages = await readPages(doc, wanted);
    } catch {
      throw corrupt();
    }
  } finally {
    await task.destroy().catch(() => undefined);
  }

  const all = pages.flatMap((p) => p.items);
  const ctx = { bodyFontSize: bodyFontSize(all) };
  // Text inside ruled tables is read by the rules; the rest is laid out from its positions.
  const laid: PageLines[] = withDocumentEdges(pages).map((lines, i) => ({ lines, height: pages[i].height }));
  dropPageFurniture(laid);

  // Judged after page numbers are gone: a scan with "— 1 —" footers still has no text layer.
  const perPage = laid.map((page, index) =>
    countChars([
      ...page.lines.flatMap((l) => l.cells.map((c) => c.text)),
      ...pages[index].tables.flatMap((t) =>
        t.rows.flatMap((r) => r.slots.filter((s) => !s.mergedFrom).map((s) => s.text)),
      ),
    ]),
  );
  const visible = perPage.reduce((sum, c) => sum + c.visible, 0);
  if (visible < MIN_TEXT_CHARS) {
    throw new ParseError(
      'NO_TEXT_LAYER',
      'PDF 没有文字层（可能是扫描件），请上传含文字的 PDF 或 Word 文件',
      'the PDF has no text layer (scanned?)',
    );
  }
  if (perPage.reduce((sum, c) => sum + c.unreadable, 0) > 0.2 * visible) {
    notes.push('much of the text layer is unreadable (fonts without a Unicode mapping)');
  }
  perPage.forEach((c, index) => {
    if (c.visible < 5) notes.push(`page ${index + 1} has no text layer (scanned?)`);
  });
  const rotated = pages.flatMap((p, i) => (p.turned ? [i + 1] : []));
  if (rotated.length) notes.push(`text read sideways on page(s) ${rotated.join(', ')}`);
  if (indexOf(bytes.subarray(Math.max(0, bytes.length - 1024)), '%%EOF', 1024) < 0) {
    notes.push('the file does not end with %%EOF: it may be truncated');
  }

  const lines: DocLine[] = [];
  let tableNumber = 0;
  const pageLayouts = joinLabelsAcrossPages(pages.map((page, index) => layoutLines(laid[index].lines, ctx, page.textWidth)));
  pages.forEach((page, index) => {
    const pageNumber = index + 1;
    const entries: PageEntry[] = [
      ...pageLayouts[index].map((line): PageEntry => ({
        middle: line.middle,
        line,
      })),
      ...page.tables.flatMap((table) => {
        const number = ++tableNumber;
        return table.rows.map((row, r): PageEntry => ({
          middle: (row.top + row.bottom) / 2,
          row: { table: number, row: r + 1, slots: row.slots },
        }));
      }),
    ];
    // Stable: rows of one table keep their order, lines keep theirs.
    entries.sort((a, b) => a.middle - b.middle);
    entries.forEach((entry, k) => {
      if (entry.line) lines.push(docLineOf(entry.line, { page: pageNumber, line: k + 1 }, notes));
      else if (entry.row) lines.push(tableRowOf(entry.row, pageNumber));
    });
  });
  return { format: 'pdf', lines, pageCount, notes };
}

/** A line of the page in reading order: laid out from text positions, or a ruled table's row. */
interface PageEntry {
  middle: number;
  line?: LayoutLine;
  row?: { table: number; row: number; slots: RuledSlot[] };
}

function docLineOf(line: LayoutLine, source: SourceLocation, notes: string[]): DocLine {
  if (line.verticalLabel) {
    notes.push(
      `page ${source.page}: vertical label ${line.cells[0].text} lifted out of the table rows`,
    );
  }
  const cells: DocCell[] = line.cells.map((c) => ({
    text: c.text,
    source: { ...source },
    x: round(c.x),
    width: round(c.right - c.x),
  }));
  return { kind: isRowLike(line) ? 'row' : 'paragraph', cells, source };
}

/** A ruled table's row as a grid row: one cell per grid column, merged cells as copies. */
function tableRowOf(entry: NonNullable<PageEntry['row']>, page: number): DocLine {
  const source: SourceLocation = { page, table: entry.table, row: entry.row };
  const cells = entry.slots.map((slot, c): DocCell => {
    const cell: DocCell = {
      text: slot.text,
      source: { ...source, column: c + 1 },
      x: round(slot.x),
      width: round(slot.right - slot.x),
    };
    if (slot.mergedFrom) cell.mergedFrom = slot.mergedFrom;
    return cell;
  });
  return { kind: 'row', cells, source };
}

/** Pages a few at a time: pdfjs's in-process worker interleaves them (less idle time). */
async function readPages(doc: PdfDocument, count: number): Promise<RawPage[]> {
  const pages: RawPage[] = [];
  for (let first = 1; first <= count; first += PAGE_BATCH) {
    const batch = Array.from({ length: Math.min(PAGE_BATCH, count - first + 1) }, (_, i) =>
      doc.getPage(first + i).then(readPage),
    );
    pages.push(...(await Promise.all(batch)));
  }
  return pages;
}

const PAGE_BATCH = 8;

/** pdfjs `AnnotationMode.DISABLE`: annotation appearances (form fields, stamps) are no rules. */
const ANNOTATIONS_DISABLED = 0;

/**
 * One page's text, and its ruled tables when the text looks like a table: the operator list
 * (which costs about as much as the text) is only asked for then.
 */
async function readPage(page: PdfPage): Promise<RawPage> {
  const placed = await placeTextOf(page);
  const runs = pageRuns(placed.items);
  const lines = pageLines(runs, valueEdges([runs.edges]));
  const textOnly: RawPage = { ...placed, tables: [], lines, runs };
  if (!looksTabular(lines)) return textOnly;
  let list: OperatorList;
  try {
    list = await page.getOperatorList({ annotationMode: ANNOTATIONS_DISABLED });
  } catch {
    // Drawing instructions pdfjs cannot build: the text alone still reads.
    return textOnly;
  }
  const rules = extractRules(list, placed.frame);
  // The page keeps its operator list (glyphs and all) until told otherwise: let it go now.
  page.cleanup();
  const { tables, rest } = readRuledTables(rules, placed.items);
  if (!tables.length) return textOnly;
  const restRuns = pageRuns(rest);
  return { ...placed, tables, lines: pageLines(restRuns, valueEdges([restRuns.edges])), runs: restRuns };
}

/**
 * Each page's lines cut at the value columns of the whole document: a page holding only a table's
 * last rows has too few lone numbers of its own to show where a column starts, so a value printed
 * right after a label's last character there would stay glued to the label.
 */
function withDocumentEdges(pages: readonly RawPage[]): LayoutLine[][] {
  const edges = valueEdges(pages.map((p) => p.runs.edges));
  return pages.map((p) => {
    const own = valueEdges([p.runs.edges]);
    const more = own.left.size < edges.left.size || own.right.size < edges.right.size;
    return more ? pageLines(p.runs, edges) : p.lines;
  });
}

/** Table-like lines it takes for a page to be read for rules as well. */
const MIN_TABLE_LINES = 2;

/**
 * Whether a page's text looks like a table: lines split into cells with a value among them, or
 * into three cells or more (a header, a row of blank cells with its label). Only such pages are
 * read for rules: the operator list costs about as much as the text.
 */
function looksTabular(lines: readonly LayoutLine[]): boolean {
  let count = 0;
  for (const line of lines) {
    if (line.verticalLabel || line.cells.length < 2) continue;
    if (line.cells.length >= 3 || line.cells.some((c) => c.value)) count++;
    if (count >= MIN_TABLE_LINES) return true;
  }
  return false;
}

interface PlacedPage {
  items: PlacedText[];
  height: number;
  /** Horizontal extent of the page's text, for telling running text from narrow cells. */
  textWidth: number;
  /** Read in a turned orientation (the page's text runs sideways). */
  turned: boolean;
  /** User space → page points (y down, turned like the text): for the page's drawings. */
  frame: Matrix;
}

interface RawPage extends PlacedPage {
  /** Ruled tables read from the page's rules, with their text. */
  tables: RuledTable[];
  /** The runs outside those tables as lines (cut at the page's value edges), to be laid out by position. */
  lines: LayoutLine[];
  /** Those runs before cutting: cut again at the document's value edges (`withDocumentEdges`). */
  runs: PageRuns;
}

/** The page's text runs in page points, y from the top, turned so most text reads left to right. */
async function placeTextOf(page: PdfPage): Promise<PlacedPage> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const runs: { item: PdfTextItem; m: number[] }[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    runs.push({ item, m: multiply(viewport.transform, item.transform) });
  }
  // A page printed sideways (content rotated, no /Rotate to undo it): turn the page so its
  // dominant text direction becomes left-to-right; other directions (stamps) are left out.
  const turn = dominantTurn(runs);
  const cos = Math.round(Math.cos(turn));
  const sin = Math.round(Math.sin(turn));
  const rotate = (x: number, y: number): [number, number] => [
    cos * x + sin * y,
    -sin * x + cos * y,
  ];
  const corners = [
    rotate(0, 0),
    rotate(viewport.width, 0),
    rotate(0, viewport.height),
    rotate(viewport.width, viewport.height),
  ];
  const left = Math.min(...corners.map((c) => c[0]));
  const top = Math.min(...corners.map((c) => c[1]));
  const width = Math.max(...corners.map((c) => c[0])) - left;
  const height = Math.max(...corners.map((c) => c[1])) - top;
  // Viewport → turned → shifted so the page's top-left corner is (0, 0).
  const frame = multiply([cos, -sin, sin, cos, -left, -top], viewport.transform);

  const items: PlacedText[] = [];
  let minX = Infinity;
  let maxX = -Infinity;
  for (const { item, m } of runs) {
    const [a, b] = rotate(m[0], m[1]);
    const [c, d] = rotate(m[2], m[3]);
    const fontSize = Math.hypot(c, d);
    if (!(fontSize >= 1 && fontSize <= 300)) continue;
    if (!(a > 0) || Math.abs(b) > 0.05 * a) continue; // not along the reading direction
    const [px, py] = rotate(m[4], m[5]);
    const x = px - left;
    const baseline = py - top;
    const runWidth = Math.max(0, item.width);
    if (x > width || x + runWidth < 0 || baseline < 0 || baseline > height + fontSize) continue;
    const style = content.styles[item.fontName];
    const ascent = sane(style?.ascent, 0.3, 1.5, 0.86);
    const descent = sane(style?.descent, -0.6, 0, -0.14);
    items.push({
      text: item.str,
      x,
      middle: baseline - (fontSize * (ascent + descent)) / 2,
      width: runWidth,
      fontSize,
      vertical: item.dir === 'ttb',
    });
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x + runWidth);
  }
  return {
    items,
    height,
    textWidth: maxX > minX ? maxX - minX : width,
    turned: turn !== 0,
    frame,
  };
}

/** The quarter turn (radians) that brings the most characters' baseline to left-to-right. */
function dominantTurn(runs: readonly { item: PdfTextItem; m: number[] }[]): number {
  const weight = [0, 0, 0, 0];
  for (const { item, m } of runs) {
    const quarter = Math.round(Math.atan2(m[1], m[0]) / (Math.PI / 2));
    weight[((quarter % 4) + 4) % 4] += item.str.length;
  }
  const best = weight.indexOf(Math.max(...weight));
  return weight[best] > weight[0] ? (best * Math.PI) / 2 : 0;
}

function sane(value: number | undefined, min: number, max: number, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= min && value <= max
    ? value
    : fallback;
}

function countChars(texts: readonly string[]): { visible: number; unreadable: number } {
  let visible = 0;
  let unreadable = 0;
  for (const text of texts) {
    for (const ch of text) {
      if (/\s/.test(ch)) continue;
      visible++;
      // Private-use code points and U+FFFD: glyphs the font gives no Unicode for.
      if (/[\ue000-\uf8ff\ufffd]/.test(ch)) unreadable++;
    }
  }
  return { visible, unreadable };
}

/** The font size carrying the most characters: running text. */
function bodyFontSize(items: readonly PlacedText[]): number {
  const weight = new Map<number, number>();
  for (const item of items) {
    const size = Math.round(item.fontSize * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + item.text.length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) {
    if (w > bestWeight) [best, bestWeight] = [size, w];
  }
  return best;
}

/** Position of an ASCII marker in the first `within` bytes, or -1. */
function indexOf(bytes: Uint8Array, marker: string, within: number): number {
  const end = Math.min(bytes.length, within) - marker.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let k = 0; k < marker.length; k++) {
      if (bytes[i + k] !== marker.charCodeAt(k)) continue outer;
    }
    return i;
  }
  return -1;
}

const round = (n: number) => Math.round(n * 100) / 100;
