import {
  DEFAULT_READ_LIMITS,
  ParseError,
  paragraph,
  type DocLine,
  type ReadDocument,
  type ReadLimits,
} from '../document';
import { BLOCK_BOUNDARY, LINE_BREAK, joinBlocks, stripMarkers } from './block-text';
import { expandSpans, gridToLines, type SpanCell } from './grid';
import { loadHtmlparser2 } from './htmlparser';
import { assertInputSize } from './input-guard';
import {
  MARKUP_COMPATIBILITY_NS,
  NamespacePrefix,
  WORD_MAIN_NS,
  officeDocumentPart,
  parseXml,
} from './ooxml';
import { ZipArchive, type ZipFormatMessages } from './zip';

const DOCX_MESSAGES: ZipFormatMessages = {
  corruptZh: '文件已损坏或不是有效的 Word 文档（.docx）',
  corruptEn: 'The file is damaged or not a valid Word document (.docx)',
};

/**
 * Reads the body of a Word document (word/document.xml) into lines, in document order: body
 * paragraphs with source {line: n-th body paragraph, counting empty ones} and table rows on a
 * grid with gridSpan/vMerge expanded, source {table, row, column}. Cell text is kept as written
 * (full-width spaces included; an empty cell is ''). Tracked deletions and hidden text are left
 * out, insertions kept; a table inside a cell is a table of its own, after its outer table.
 */
export async function readDocx(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<ReadDocument> {
  assertInputSize(bytes, limits);
  const zip = ZipArchive.open(bytes, limits, DOCX_MESSAGES);
  const htmlparser2 = await loadHtmlparser2();
  const mainPart = officeDocumentPart(htmlparser2, zip, 'word/document.xml');
  const xml = zip.readText(mainPart);
  if (xml === undefined) {
    throw new ParseError(
      'CORRUPT_FILE',
      DOCX_MESSAGES.corruptZh,
      `${DOCX_MESSAGES.corruptEn} (no ${mainPart})`,
    );
  }
  const body = new DocxBodyReader();
  parseXml(htmlparser2, xml, body);
  if (body.rootName !== 'document') {
    throw new ParseError(
      'CORRUPT_FILE',
      DOCX_MESSAGES.corruptZh,
      `${DOCX_MESSAGES.corruptEn} (${mainPart} is no document)`,
    );
  }
  return { format: 'docx', lines: body.lines(), notes: body.notes() };
}

interface CellBuild {
  parts: string[];
  gridSpan: number;
  vMerge?: 'restart' | 'continue';
  hMerge?: 'restart' | 'continue';
}

interface RowBuild {
  cells: CellBuild[];
  gridBefore: number;
}

interface TableBuild {
  number: number;
  rows: RowBuild[];
  /** Where this table's lines go in the output, reserved when the table starts. */
  slot: DocLine[];
}

/** Text containers open at a point: paragraphs (w:p) and cells (w:tc), innermost last. */
type Container = { kind: 'paragraph'; parts: string[] } | { kind: 'cell'; cell: CellBuild };

/** Streams word/document.xml (htmlparser2 handler callbacks). */
class DocxBodyReader {
  /** Local name of the root element: `document` for a Word body. */
  rootName: string | undefined;
  private w = NamespacePrefix.fromRoot({}, WORD_MAIN_NS, 'w');
  private mc = NamespacePrefix.fromRoot({}, MARKUP_COMPATIBILITY_NS, 'mc');
  private readonly output: (DocLine | DocLine[])[] = [];
  private readonly containers: Container[] = [];
  private readonly tables: TableBuild[] = [];
  private tableCount = 0;
  private bodyParagraphs = 0;
  /** Depth inside content that is not document text (deletions, compatibility fallbacks). */
  private skipDepth = 0;
  private runDepth = 0;
  private runHidden = false;
  private inText = false;
  private deletions = 0;
  private inDeletion = false;
  private hiddenRuns = 0;
  private altChunks = 0;

  lines(): DocLine[] {
    return this.output.flat();
  }

  notes(): string[] {
    const notes: string[] = [];
    if (this.deletions > 0) {
      notes.push(`tracked changes: ${this.deletions} deletion(s) left out, insertions kept`);
    }
    if (this.hiddenRuns > 0) notes.push(`${this.hiddenRuns} run(s) of hidden text left out`);
    if (this.altChunks > 0) {
      // Some systems paste HTML or RTF into a DOCX this way; Word renders it, this reader does not.
      notes.push(`${this.altChunks} embedded HTML/RTF chunk(s) (w:altChunk) not read`);
    }
    return notes;
  }

  onopentag = (name: string, attribs: Record<string, string>): void => {
    if (this.rootName === undefined) {
      this.w = NamespacePrefix.fromRoot(attribs, WORD_MAIN_NS, 'w');
      this.mc = NamespacePrefix.fromRoot(attribs, MARKUP_COMPATIBILITY_NS, 'mc');
      this.rootName = this.w.local(name) ?? name;
    }
    if (this.skipDepth > 0) {
      this.skipDepth++;
      if (this.inDeletion && this.w.local(name) === 'delText') {
        this.deletions++;
        this.inDeletion = false;
      }
      return;
    }
    const local = this.w.local(name);
    if (local === undefined) {
      // The VML copy of a text box repeats the DrawingML one in mc:Choice.
      if (this.mc.local(name) === 'Fallback') this.skipDepth = 1;
      return;
    }
    switch (local) {
      case 'del':
      case 'moveFrom':
        this.skipDepth = 1;
        // Counted once it holds text: an empty w:del in w:rPr only marks a deleted paragraph mark.
        this.inDeletion = true;
        return;
      case 'p':
        this.containers.push({ kind: 'paragraph', parts: [] });
        return;
      case 'r':
        this.runDepth++;
        this.runHidden = false;
        return;
      case 'vanish':
      case 'webHidden':
        if (this.runDepth > 0 && !isOff(this.w.attribute(attribs, 'val'))) {
          if (!this.runHidden) this.hiddenRuns++;
          this.runHidden = true;
        }
        return;
      case 't':
        this.inText = this.runDepth > 0;
        return;
      case 'tab':
        // w:tab also defines tab stops in w:pPr; only a w:tab in a run is a character.
        if (this.runDepth > 0) this.append('\t');
        return;
      case 'br':
      case 'cr':
        if (this.runDepth > 0) this.append(LINE_BREAK);
        return;
      case 'noBreakHyphen':
        if (this.runDepth > 0) this.append('-');
        return;
      case 'tbl':
        this.startTable();
        return;
      case 'altChunk':
        this.altChunks++;
        return;
      case 'tr':
        this.tables.at(-1)?.rows.push({ cells: [], gridBefore: 0 });
        return;
      case 'gridBefore': {
        const row = this.tables.at(-1)?.rows.at(-1);
        if (row) row.gridBefore = positiveInt(this.w.attribute(attribs, 'val'), 0);
        return;
      }
      case 'tc': {
        const cell: CellBuild = { parts: [], gridSpan: 1 };
        this.tables.at(-1)?.rows.at(-1)?.cells.push(cell);
        this.containers.push({ kind: 'cell', cell });
        return;
      }
      case 'gridSpan':
      case 'vMerge':
      case 'hMerge': {
        const cell = this.openCell();
        if (!cell) return;
        const val = this.w.attribute(attribs, 'val');
        if (local === 'gridSpan') cell.gridSpan = positiveInt(val, 1);
        else cell[local] = val === 'restart' ? 'restart' : 'continue';
        return;
      }
    }
  };

  ontext = (text: string): void => {
    if (this.inText && this.skipDepth === 0 && !this.runHidden) {
      this.append(stripMarkers(text).replace(/\r\n?|\n/g, ' '));
    }
  };

  onclosetag = (name: string): void => {
    if (this.skipDepth > 0) {
      this.skipDepth--;
      if (this.skipDepth === 0) this.inDeletion = false;
      return;
    }
    switch (this.w.local(name)) {
      case 't':
        this.inText = false;
        return;
      case 'r':
        this.runDepth = Math.max(0, this.runDepth - 1);
        this.runHidden = false;
        return;
      case 'p':
        this.endParagraph();
        return;
      case 'tc':
        if (this.containers.at(-1)?.kind === 'cell') this.containers.pop();
        return;
      case 'tbl':
        this.endTable();
        return;
    }
  };

  private append(text: string): void {
    const container = this.containers.at(-1);
    if (container?.kind === 'paragraph') container.parts.push(text);
  }

  private openCell(): CellBuild | undefined {
    const container = this.containers.at(-1);
    return container?.kind === 'cell' ? container.cell : undefined;
  }

  private endParagraph(): void {
    const container = this.containers.at(-1);
    if (container?.kind !== 'paragraph') return;
    this.containers.pop();
    const text = joinBlocks(container.parts.join(''));
    const parent = this.containers.at(-1);
    if (parent?.kind === 'cell') {
      parent.cell.parts.push(BLOCK_BOUNDARY, text, BLOCK_BOUNDARY);
    } else if (parent?.kind === 'paragraph') {
      // A text box's paragraphs inside a paragraph: part of it, as a block.
      parent.parts.push(BLOCK_BOUNDARY, text, BLOCK_BOUNDARY);
    } else {
      this.bodyParagraphs++;
      if (text.trim() !== '') this.output.push(paragraph(text, { line: this.bodyParagraphs }));
    }
  }

  private startTable(): void {
    const slot: DocLine[] = [];
    this.output.push(slot);
    this.tables.push({ number: ++this.tableCount, rows: [], slot });
  }

  private endTable(): void {
    const table = this.tables.pop();
    if (!table) return;
    // Rows whose w:tr was not closed properly still count; empty tables leave no lines.
    const spanRows = mergeVertically(table.rows);
    if (spanRows.length > 0)
      table.slot.push(...gridToLines(expandSpans(spanRows), { table: table.number }));
  }
}

/**
 * Turns Word's per-row merge marks into HTML-style spans: a `continue` cell (w:vMerge without
 * "restart") adds a row to the cell starting at the same grid column in the row above and
 * disappears; a legacy w:hMerge `continue` widens the cell to its left; w:gridBefore becomes
 * empty cells.
 */
function mergeVertically(rows: RowBuild[]): SpanCell[][] {
  let above = new Map<number, SpanCell>();
  return rows.map((row) => {
    const spans: SpanCell[] = [];
    const here = new Map<number, SpanCell>();
    let column = 0;
    for (; column < row.gridBefore; column++) spans.push({ text: '' });
    for (const cell of row.cells) {
      const origin = above.get(column);
      const previous = spans.at(-1);
      if (cell.hMerge === 'continue' && previous) {
        previous.colSpan = (previous.colSpan ?? 1) + cell.gridSpan;
      } else if (cell.vMerge === 'continue' && origin) {
        origin.rowSpan = (origin.rowSpan ?? 1) + 1;
        here.set(column, origin);
      } else {
        const span: SpanCell = {
          text: joinBlocks(cell.parts.join('')),
          rowSpan: 1,
          colSpan: cell.gridSpan,
        };
        spans.push(span);
        // A `continue` with nothing above starts a merge, as Word shows it.
        if (cell.vMerge) here.set(column, span);
      }
      column += cell.gridSpan;
    }
    above = here;
    return spans;
  });
}

function isOff(value: string | undefined): boolean {
  return value === '0' || value === 'false' || value === 'off';
}

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed > 0 ? Math.min(parsed, 1000) : fallback;
}
