import {
  DEFAULT_READ_LIMITS,
  ParseError,
  type DocLine,
  type ReadDocument,
  type ReadLimits,
} from '../document';
import { MAX_GRID_CELLS, gridToLines, padToRectangle, type GridSlot } from './grid';
import { loadHtmlparser2, type Htmlparser2 } from './htmlparser';
import { assertInputSize } from './input-guard';
import {
  NamespacePrefix,
  SHEET_MAIN_NS,
  officeDocumentPart,
  parseXml,
  readRelationships,
} from './ooxml';
import { ZipArchive, type ZipFormatMessages } from './zip';

const XLSX_MESSAGES: ZipFormatMessages = {
  corruptZh: '文件已损坏或不是有效的 Excel 工作簿（.xlsx）',
  corruptEn: 'The file is damaged or not a valid Excel workbook (.xlsx)',
};

/**
 * Reads every worksheet, in workbook order, as one table (table = the sheet's position, source
 * {sheet, table, row, column} with the sheet's own row and column numbers). Cells read as shown:
 * strings (rich text joined), numbers as their shortest string, formulas by their stored result,
 * dates as ISO dates, percentages with %. Merged ranges are expanded with `mergedFrom` copies.
 * Rows without any text are left out, and so are columns left of the first used one.
 *
 * The OOXML is read here with fflate + htmlparser2 (not exceljs) so that the zip-bomb guard
 * covers every byte unpacked and nothing else of the workbook is loaded.
 */
export async function readXlsx(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<ReadDocument> {
  assertInputSize(bytes, limits);
  const zip = ZipArchive.open(bytes, limits, XLSX_MESSAGES);
  const htmlparser2 = await loadHtmlparser2();
  const workbookPart = officeDocumentPart(htmlparser2, zip, 'xl/workbook.xml');
  const workbookXml = zip.readText(workbookPart);
  if (workbookXml === undefined) {
    throw new ParseError(
      'CORRUPT_FILE',
      XLSX_MESSAGES.corruptZh,
      `${XLSX_MESSAGES.corruptEn} (no ${workbookPart})`,
    );
  }
  const workbook = readWorkbook(htmlparser2, workbookXml);
  if (!workbook.isWorkbook) {
    throw new ParseError(
      'CORRUPT_FILE',
      XLSX_MESSAGES.corruptZh,
      `${XLSX_MESSAGES.corruptEn} (${workbookPart} is no workbook)`,
    );
  }
  const relationships = readRelationships(htmlparser2, zip, workbookPart);
  const partOfType = (type: string): string | undefined =>
    [...relationships.values()].find((relationship) => relationship.type.endsWith(`/${type}`))
      ?.target;

  const sharedStringsXml = zip.readText(partOfType('sharedStrings') ?? 'xl/sharedStrings.xml');
  const sharedStrings = sharedStringsXml ? readSharedStrings(htmlparser2, sharedStringsXml) : [];
  const stylesXml = zip.readText(partOfType('styles') ?? 'xl/styles.xml');
  const styleKinds = stylesXml ? readStyleKinds(htmlparser2, stylesXml) : [];

  const notes: string[] = [];
  const lines: DocLine[] = [];
  const context: SheetContext = {
    sharedStrings,
    styleKinds,
    date1904: workbook.date1904,
    uncachedFormulas: 0,
  };
  workbook.sheets.forEach((sheet, index) => {
    const relationship = relationships.get(sheet.relationshipId);
    if (!relationship || !relationship.type.endsWith('/worksheet')) return; // chart sheets hold no cells
    const xml = zip.readText(relationship.target);
    if (xml === undefined) {
      notes.push(`sheet "${sheet.name}": part ${relationship.target} is missing`);
      return;
    }
    if (sheet.hidden) notes.push(`sheet "${sheet.name}" is hidden; read anyway`);
    const cells = readSheetCells(htmlparser2, xml, context);
    lines.push(...sheetLines(cells, { table: index + 1, sheet: sheet.name }));
  });
  if (context.uncachedFormulas > 0) {
    notes.push(
      `${context.uncachedFormulas} formula cell(s) have no stored result (never calculated); read as empty`,
    );
  }
  return { format: 'xlsx', lines, notes };
}

interface SheetEntry {
  name: string;
  relationshipId: string;
  hidden: boolean;
}

function readWorkbook(
  htmlparser2: Htmlparser2,
  xml: string,
): { isWorkbook: boolean; sheets: SheetEntry[]; date1904: boolean } {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  let isWorkbook = false;
  let ns: NamespacePrefix | undefined;
  parseXml(htmlparser2, xml, {
    onopentag(name, attribs) {
      if (!ns) {
        ns = NamespacePrefix.fromRoot(attribs, SHEET_MAIN_NS, '');
        isWorkbook = ns.local(name) === 'workbook';
      }
      const local = ns.local(name);
      if (local === 'workbookPr') {
        date1904 = attribs['date1904'] === '1' || attribs['date1904'] === 'true';
      } else if (local === 'sheet') {
        const relationshipId =
          Object.entries(attribs).find(([key]) => /(^|:)id$/.test(key))?.[1] ?? '';
        sheets.push({
          name: attribs['name'] ?? '',
          relationshipId,
          hidden: (attribs['state'] ?? 'visible') !== 'visible',
        });
      }
    },
  });
  return { isWorkbook, sheets, date1904 };
}

/** Shared strings by index: plain or rich text (runs joined), without phonetic guides. */
function readSharedStrings(htmlparser2: Htmlparser2, xml: string): string[] {
  const strings: string[] = [];
  let ns: NamespacePrefix | undefined;
  let parts: string[] | undefined;
  let inText = false;
  let phoneticDepth = 0;
  parseXml(htmlparser2, xml, {
    onopentag(name, attribs) {
      ns ??= NamespacePrefix.fromRoot(attribs, SHEET_MAIN_NS, '');
      const local = ns.local(name);
      if (local === 'si') parts = [];
      else if (local === 'rPh') phoneticDepth++;
      else if (local === 't') inText = phoneticDepth === 0 && parts !== undefined;
    },
    ontext(text) {
      if (inText) parts?.push(text);
    },
    onclosetag(name) {
      const local = ns?.local(name);
      if (local === 'si') {
        strings.push(excelText((parts ?? []).join('')));
        parts = undefined;
      } else if (local === 'rPh') phoneticDepth--;
      else if (local === 't') inText = false;
    },
  });
  return strings;
}

type StyleKind = 'date' | 'percent' | 'general';

/** What each cell style (index of cellXfs/xf) shows a number as. */
function readStyleKinds(htmlparser2: Htmlparser2, xml: string): StyleKind[] {
  const customFormats = new Map<string, string>();
  const kinds: StyleKind[] = [];
  let ns: NamespacePrefix | undefined;
  let inCellXfs = false;
  parseXml(htmlparser2, xml, {
    onopentag(name, attribs) {
      ns ??= NamespacePrefix.fromRoot(attribs, SHEET_MAIN_NS, '');
      const local = ns.local(name);
      if (local === 'numFmt')
        customFormats.set(attribs['numFmtId'] ?? '', attribs['formatCode'] ?? '');
      else if (local === 'cellXfs') inCellXfs = true;
      else if (local === 'xf' && inCellXfs)
        kinds.push(numberFormatKind(attribs['numFmtId'] ?? '0', customFormats));
    },
    onclosetag(name) {
      if (ns?.local(name) === 'cellXfs') inCellXfs = false;
    },
  });
  return kinds;
}

/** Built-in format ids that show dates/times, including the zh-CN ones (27–36, 50–58). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);
const BUILT_IN_PERCENT_FORMATS = new Set([9, 10]);

function numberFormatKind(id: string, customFormats: Map<string, string>): StyleKind {
  const custom = customFormats.get(id);
  if (custom === undefined) {
    const builtIn = Number(id);
    if (BUILT_IN_DATE_FORMATS.has(builtIn)) return 'date';
    return BUILT_IN_PERCENT_FORMATS.has(builtIn) ? 'percent' : 'general';
  }
  // Only the first section (positive numbers) counts; literals and [colors] say nothing.
  const section = (custom.split(';')[0] ?? '').replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  if (/[ymdhs]/i.test(section) && !/general/i.test(section)) return 'date';
  return section.includes('%') ? 'percent' : 'general';
}

interface SheetContext {
  sharedStrings: string[];
  styleKinds: StyleKind[];
  date1904: boolean;
  uncachedFormulas: number;
}

interface SheetCells {
  /** Text by row, then column (1-based, as in the sheet); only cells with text. */
  rows: Map<number, Map<number, string>>;
  merges: CellRange[];
}

interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function readSheetCells(htmlparser2: Htmlparser2, xml: string, context: SheetContext): SheetCells {
  const rows = new Map<number, Map<number, string>>();
  const merges: CellRange[] = [];
  let ns: NamespacePrefix | undefined;
  let rowNumber = 0;
  let columnNumber = 0;
  let cell:
    | { type: string; style: number; value: string[]; inline: string[]; formula: boolean }
    | undefined;
  let capture: string[] | undefined;
  let phoneticDepth = 0;
  parseXml(htmlparser2, xml, {
    onopentag(name, attribs) {
      ns ??= NamespacePrefix.fromRoot(attribs, SHEET_MAIN_NS, '');
      switch (ns.local(name)) {
        case 'row':
          // `r` may be left out: then rows and cells simply follow each other.
          rowNumber = positiveInt(attribs['r']) ?? rowNumber + 1;
          columnNumber = 0;
          return;
        case 'c': {
          const reference = attribs['r'] ? parseCellReference(attribs['r']) : undefined;
          columnNumber = reference?.column ?? columnNumber + 1;
          if (reference) rowNumber = reference.row;
          cell = {
            type: attribs['t'] ?? 'n',
            style: Number(attribs['s'] ?? 0),
            value: [],
            inline: [],
            formula: false,
          };
          return;
        }
        case 'v':
          capture = cell?.value;
          return;
        case 'f':
          if (cell) cell.formula = true;
          return;
        case 'rPh':
          phoneticDepth++;
          return;
        case 't':
          if (cell && phoneticDepth === 0) capture = cell.inline;
          return;
        case 'mergeCell': {
          const range = parseRange(attribs['ref'] ?? '');
          if (range) merges.push(range);
          return;
        }
      }
    },
    ontext(text) {
      capture?.push(text);
    },
    onclosetag(name) {
      switch (ns?.local(name)) {
        case 'v':
        case 't':
          capture = undefined;
          return;
        case 'rPh':
          phoneticDepth--;
          return;
        case 'c': {
          if (!cell) return;
          const text = cellText(
            cell.type,
            cell.style,
            cell.value.join(''),
            cell.inline.join(''),
            context,
          );
          if (cell.formula && cell.value.length === 0) context.uncachedFormulas++;
          if (text !== '') {
            let row = rows.get(rowNumber);
            if (!row) rows.set(rowNumber, (row = new Map()));
            row.set(columnNumber, text);
          }
          cell = undefined;
          return;
        }
      }
    },
  });
  return { rows, merges };
}

function cellText(
  type: string,
  style: number,
  value: string,
  inline: string,
  context: SheetContext,
): string {
  switch (type) {
    case 's':
      return context.sharedStrings[Number(value)] ?? '';
    case 'inlineStr':
      return excelText(inline);
    case 'str':
    case 'e':
    case 'd':
      return excelText(value);
    case 'b':
      return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
  }
  if (value.trim() === '') return '';
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  const kind = context.styleKinds[style] ?? 'general';
  if (kind === 'date') return serialToIsoDate(number, context.date1904) ?? shortestNumber(number);
  if (kind === 'percent') return `${shortestNumber(number * 100)}%`;
  return shortestNumber(number);
}

/** Excel shows at most 15 significant digits; this also drops binary noise (0.30000000000000004). */
function shortestNumber(value: number): string {
  return String(Number(value.toPrecision(15)));
}

function serialToIsoDate(serial: number, date1904: boolean): string | undefined {
  // Serial 0 = 1899-12-30 in the 1900 system (Excel's leap-year bug folded in); 1904 system from 1904-01-01.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + Math.round(serial * 86_400_000));
  if (Number.isNaN(date.getTime()) || serial < 0) return undefined;
  const iso = date.toISOString();
  return serial % 1 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Undoes Excel's _xHHHH_ escapes; line breaks in a cell become spaces. */
function excelText(text: string): string {
  return text
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_escape: string, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    )
    .replace(/\r\n?|\n/g, ' ');
}

function positiveInt(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

function parseCellReference(reference: string): { row: number; column: number } | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(reference.trim());
  if (!match) return undefined;
  let column = 0;
  for (const letter of match[1].toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]), column };
}

function parseRange(reference: string): CellRange | undefined {
  const [from, to = from] = reference.split(':');
  const start = parseCellReference(from ?? '');
  const end = parseCellReference(to ?? '');
  if (!start || !end) return undefined;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}

/**
 * The sheet's grid: merged ranges filled with copies of their origin, rows without text left
 * out, columns from the first to the last one used.
 */
function sheetLines(cells: SheetCells, placement: { table: number; sheet: string }): DocLine[] {
  const slots = new Map<number, Map<number, GridSlot>>();
  for (const [row, columns] of cells.rows) {
    const rowSlots = new Map<number, GridSlot>();
    for (const [column, text] of columns) rowSlots.set(column, { text });
    slots.set(row, rowSlots);
  }
  let copies = 0;
  for (const range of cells.merges) {
    const origin = cells.rows.get(range.top)?.get(range.left);
    // A merge over empty cells adds nothing; a huge one with text is refused, not expanded.
    if (origin === undefined) continue;
    copies += (range.bottom - range.top + 1) * (range.right - range.left + 1) - 1;
    if (copies > MAX_GRID_CELLS) {
      throw new ParseError(
        'TOO_LARGE',
        `工作表 ${placement.sheet} 的合并单元格过大，已拒绝读取`,
        `Merged cells on sheet ${placement.sheet} are too large; not read`,
      );
    }
    for (let row = range.top; row <= range.bottom; row++) {
      let rowSlots = slots.get(row);
      if (!rowSlots) slots.set(row, (rowSlots = new Map()));
      for (let column = range.left; column <= range.right; column++) {
        if (row === range.top && column === range.left) continue;
        rowSlots.set(column, { text: origin, mergedFrom: row > range.top ? 'row' : 'column' });
      }
    }
  }
  const rowNumbers = [...slots.keys()]
    .filter((row) =>
      [...(slots.get(row)?.values() ?? [])].some(
        (slot) => !slot.mergedFrom && slot.text.trim() !== '',
      ),
    )
    .sort((a, b) => a - b);
  if (rowNumbers.length === 0) return [];
  let firstColumn = Infinity;
  for (const row of rowNumbers)
    for (const column of slots.get(row)?.keys() ?? []) firstColumn = Math.min(firstColumn, column);
  const grid: GridSlot[][] = rowNumbers.map((row) => {
    const line: GridSlot[] = [];
    for (const [column, slot] of slots.get(row) ?? []) line[column - firstColumn] = slot;
    return line;
  });
  return gridToLines(padToRectangle(grid), { ...placement, rowNumbers, firstColumn });
}
