/**
 * PDF reader: the text layer (pdfjs) rebuilt into visual lines and cells. Layout work is in
 * pdf-layout.ts, page numbers and running headers in pdf-furniture.ts.
 */
import path from 'node:path';
import {
  DEFAULT_READ_LIMITS,
  ParseError,
  type DocCell,
  type DocLine,
  type ReadDocument,
  type ReadLimits,
} from '../document';
import { assertInputSize } from './input-guard';
import { dropPageFurniture, type PageLines } from './pdf-furniture';
import { buildLines, isRowLike, layoutLines, type PlacedText } from './pdf-layout';

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

/** Reads a PDF's text layer into lines: paragraphs, and table rows split into cells. */
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
    disableFontFace: true,
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
  const laid: PageLines[] = pages.map((p) => ({ lines: buildLines(p.items), height: p.height }));
  dropPageFurniture(laid);

  // Judged after page numbers are gone: a scan with "— 1 —" footers still has no text layer.
  const perPage = laid.map((page) =>
    countChars(page.lines.flatMap((l) => l.cells.map((c) => c.text))),
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
  const rotated = pages.filter((p) => p.turned).map((_, i) => i + 1);
  if (rotated.length) notes.push(`text read sideways on page(s) ${rotated.join(', ')}`);
  if (indexOf(bytes.subarray(Math.max(0, bytes.length - 1024)), '%%EOF', 1024) < 0) {
    notes.push('the file does not end with %%EOF: it may be truncated');
  }

  const lines: DocLine[] = [];
  pages.forEach((page, index) => {
    const pageNumber = index + 1;
    const pageLines = layoutLines(laid[index].lines, ctx, page.textWidth);
    pageLines.forEach((line, k) => {
      const source = { page: pageNumber, line: k + 1 };
      if (line.verticalLabel) {
        notes.push(
          `page ${pageNumber}: vertical label ${line.cells[0].text} lifted out of the table rows`,
        );
      }
      const cells: DocCell[] = line.cells.map((c) => ({
        text: c.text,
        source: { ...source },
        x: round(c.x),
        width: round(c.right - c.x),
      }));
      lines.push({ kind: isRowLike(line) ? 'row' : 'paragraph', cells, source });
    });
  });
  return { format: 'pdf', lines, pageCount, notes };
}

/** Pages a few at a time: pdfjs's in-process worker interleaves them (less idle time). */
async function readPages(doc: PdfDocument, count: number): Promise<RawPage[]> {
  const pages: RawPage[] = [];
  for (let first = 1; first <= count; first += PAGE_BATCH) {
    const batch = Array.from({ length: Math.min(PAGE_BATCH, count - first + 1) }, (_, i) =>
      doc.getPage(first + i).then(placeTextOf),
    );
    pages.push(...(await Promise.all(batch)));
  }
  return pages;
}

const PAGE_BATCH = 8;

interface RawPage {
  items: PlacedText[];
  height: number;
  /** Horizontal extent of the page's text, for telling running text from narrow cells. */
  textWidth: number;
  /** Read in a turned orientation (the page's text runs sideways). */
  turned: boolean;
}

/** The page's text runs in page points, y from the top, turned so most text reads left to right. */
async function placeTextOf(page: PdfPage): Promise<RawPage> {
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
  const cos = Math.cos(turn);
  const sin = Math.sin(turn);
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

/** m1 × m2 for PDF matrices [a b c d e f] (m2 applied first). */
function multiply(m1: readonly number[], m2: readonly number[]): number[] {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
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
