import type { SourceLocation } from '../document';
import { CELL_BREAK, type FlatText, LINE_BREAK } from './flat-text';
import { cachedValueTokens, tokenValue, type ValueToken } from './values';

/** Where a value was read from: the cell's location and the text as printed. */
export interface CellProvenance {
  source: SourceLocation;
  raw: string;
}

export type SourcedToken = ValueToken & {
  provenance: CellProvenance;
  lineIndex: number;
  /** PDF: the left edge of the cell it was printed in. */
  x?: number;
  /** PDF: the horizontal centre of that cell. */
  centre?: number;
};

/** A complete row of values that no label claimed (F.UNKNOWN_ROW): kept so it can be reported. */
export interface UnclaimedRow {
  label: string;
  values: number[];
  source: SourceLocation;
}

/** Values of one printed line of a row's value area, in print order. */
export interface ValueLine {
  values: number[];
  provenance: CellProvenance[];
}

/** What a row's value area holds. */
export type RowValues =
  /** One value per column. */
  | {
      kind: 'values';
      values: number[];
      provenance: CellProvenance[];
      unclaimed?: UnclaimedRow[];
      /**
       * True when one printed row held exactly one value per column and nothing else: the
       * reading is certain. False when values were gathered from several lines, surplus
       * values were dropped, or another line of numbers sat in the area.
       */
      exact: boolean;
      /** When values were gathered from several lines: each line's values, as printed. */
      lines?: ValueLine[];
      /** PDF: no number printed anywhere in the row, read as zeros (blanks for zeros). */
      blankRow?: true;
      /**
       * PDF: placed by position from one printed line, each number well inside its column. As
       * printed unless a neighbouring row's line holds some of its numbers: certain for a table
       * of one row (table 4), a guess the sums check for the rest.
       */
      placedOnOneLine?: true;
    }
  /** Digits that ran together (spaces inside are cell boundaries): the table's sums decide. */
  | { kind: 'run'; run: string; provenance: CellProvenance[] }
  /** Fewer values than columns, or none. */
  | {
      kind: 'short';
      values: number[];
      provenance: CellProvenance[];
      /** Each value as printed, digits kept ("04" stays "04": two cells that lost their border). */
      printed: string[];
      /**
       * PDF: gathered from several lines, two of them in one column: some belong to another
       * row (its label was not found). No placement of them is the row's.
       */
      misplaced?: true;
    };

/** The value tokens of flat text [start, end), line by line, each traced to its cell. */
export function tokensByLine(flat: FlatText, start: number, end: number): SourcedToken[][] {
  const masked = maskNotes(flat.text.slice(start, end));
  const lines: SourcedToken[][] = [];
  let current: SourcedToken[] = [];
  let pieceStart = start;
  const flush = (pieceEnd: number) => {
    if (pieceEnd < pieceStart) return;
    const origin = flat.originAt(pieceStart);
    const line = origin ? flat.lines[origin.line] : undefined;
    const cell = origin ? line?.cells[origin.cell] : undefined;
    if (!origin || !cell || cell.mergedFrom) return;
    // An empty piece is an empty cell only when a cell starts right there.
    if (pieceEnd === pieceStart && (flat.cellStarts[origin.line]?.[origin.cell] !== pieceStart || cell.text !== '')) return;
    const text = masked.slice(pieceStart - start, pieceEnd - start);
    const cellStart = flat.cellStarts[origin.line]?.[origin.cell] ?? pieceStart;
    // A piece cut out of a longer cell (the rest of a label's cell) is not a blank value cell.
    const wholeCell = pieceStart === cellStart && pieceEnd - pieceStart === normalizedLength(cell.text);
    for (const token of cachedValueTokens(text, line?.kind === 'paragraph')) {
      if (token.kind === 'blank' && (!wholeCell || !isTabular(line?.source))) continue;
      current.push(
        Object.assign(
          { provenance: { source: cell.source, raw: token.raw.trim() }, lineIndex: origin.line },
          cell.x === undefined ? {} : { x: cell.x },
          cell.x === undefined || cell.width === undefined ? {} : { centre: cell.x + cell.width / 2 },
          token,
        ),
      );
    }
  };
  // Jump from separator to separator rather than walking every character.
  const separators = SEPARATORS;
  separators.lastIndex = start;
  for (let match = separators.exec(flat.text); match && match.index < end; match = separators.exec(flat.text)) {
    flush(match.index);
    pieceStart = match.index + 1;
    if (match[0] === LINE_BREAK) {
      lines.push(current);
      current = [];
    }
  }
  flush(end);
  lines.push(current);
  return lines.filter((tokens) => tokens.length > 0);
}

const SEPARATORS = new RegExp(`[${CELL_BREAK}${LINE_BREAK}]`, 'g');

/**
 * A parenthesised note inside one cell, possibly wrapped over lines ("（其中修 / 订 3 件）"); never
 * across cells, where the values of a row may sit between a wrapped label's two halves.
 */
const NOTE = new RegExp(`[(（][^()（）${CELL_BREAK}]{0,60}[)）]`, 'g');

/**
 * The digits inside notes are not values ("22（其中修订 16 件）" is 22): they are masked, one
 * character for one, so offsets stay those of the flat text.
 */
function maskNotes(text: string): string {
  if (!text.includes('(') && !text.includes('（')) return text;
  return text.replace(NOTE, (note) => note.replace(/\d/g, '·'));
}

function normalizedLength(text: string): number {
  return text.length;
}

/** Grid rows (HTML, DOCX, XLSX) and tab-separated text keep empty cells in their place. */
function isTabular(source: SourceLocation | undefined): boolean {
  return source?.table !== undefined || source?.line !== undefined;
}

const hasValue = (token: SourcedToken) => token.kind !== 'blank';

function unclaimedRow(flat: FlatText, tokens: SourcedToken[], count: number): UnclaimedRow {
  const values = tokens.filter(hasValue).slice(-count);
  const line = flat.lines[tokens[0]?.lineIndex ?? -1];
  const label = (line?.cells ?? [])
    .filter((cell) => !cell.mergedFrom && cachedValueTokens(cell.text, false).every((token) => token.kind === 'blank') && cell.text.trim() !== '')
    .map((cell) => cell.text.trim())
    .join(' ');
  return { label, values: values.map(tokenValue), source: line?.source ?? values[0]?.provenance.source ?? {} };
}

/**
 * The `count` values of a row whose value area is flat text [start, end). Lines without any
 * number (a wrapped label, a repeated header) are skipped; blank cells count as 0 where the
 * row is a grid; trailing empty cells of tab-separated text are dropped.
 */
export function readRowValues(flat: FlatText, start: number, end: number, count: number, centres?: ColumnCentres | null): RowValues {
  const allLines = tokensByLine(flat, start, end);
  let misplaced = false;
  // A PDF row without rules that left its blank cells out, or whose cells sit at different
  // heights: each value goes to the column it stands in.
  // (A grid row keeps its blank cells in place: no need.)
  if (centres && centres.length === count && !allLines.some((tokens) => tokens.length >= count)) {
    const values = allLines.flat().filter(hasValue);
    const spread = allLines.filter((tokens) => tokens.some(hasValue)).length > 1;
    const placed = values.length > 0 && values.length <= count && (spread || values.length < count) ? placeInColumns(values, centres) : null;
    misplaced = spread && values.length > 0 && values.length <= count && !placed && sharesColumn(values, centres);
    if (placed) {
      return {
        kind: 'values',
        values: placed.map((token) => (token ? tokenValue(token) : 0)),
        provenance: placed.map((token) => token?.provenance ?? { source: values[0]?.provenance.source ?? {}, raw: '' }),
        // Placed by position, not by the cells printed: a value may be a neighbouring row's, or
        // one of its own may sit on another line. The sums decide.
        exact: false,
        ...(!spread && values.every((token) => clearlyInColumn(token, centres)) ? { placedOnOneLine: true as const } : {}),
      };
    }
  }
  // Text copied from a web page whose table cells hold paragraphs: one cell per line, blank
  // cells as lines of their own (the empty lines after the table's last row are not its cells).
  // Exactly one line per column is the row, as printed.
  if (count > 1 && allLines.every((tokens) => tokens.length === 1)) {
    const cells = trimBlanks(allLines.flat(), count);
    if (cells.length === count) {
      return { kind: 'values', values: cells.map(tokenValue), provenance: cells.map((token) => token.provenance), exact: true };
    }
  }
  const lines = allLines.filter((tokens) => tokens.some(hasValue));
  if (lines.length === 0 && isPositioned(flat, start)) {
    // A PDF row printed without rules and with nothing in its value cells: blanks for zeros. Not
    // certain (its numbers may have landed on a neighbouring row's line): the sums decide.
    const source = flat.lines[flat.originAt(start)?.line ?? -1]?.source ?? {};
    return {
      kind: 'values',
      values: Array.from({ length: count }, () => 0),
      provenance: Array.from({ length: count }, () => ({ source, raw: '' })),
      exact: false,
      blankRow: true,
    };
  }
  if (lines.length === 0) {
    // A grid row whose value cells are all empty (a blank template, a unit with nothing to
    // report) reads as zeros — but only when the row really has that many empty cells.
    const blankRow = allLines.find((tokens) => tokens.length >= count);
    if (blankRow) {
      const chosen = blankRow.slice(blankRow.length - count);
      return {
        kind: 'values',
        values: chosen.map(() => 0),
        provenance: chosen.map((token) => token.provenance),
        // Blank cells beyond the row's own are the grid's (a value cell spanning columns).
        exact: true,
      };
    }
  }
  // A row printed on one line wins over stray numbers on the lines around it.
  const wholeRow = lines.find((tokens) => tokens.length >= count);
  const tokens = wholeRow ?? inPrintedOrder(lines);
  // Blank cells are positional (总计 may be blank); only surplus ones are layout, e.g. the
  // trailing tab of a text line or the empty column a merged label leaves: drop those, trailing
  // first, then leading.
  const trimmed = trimBlanks(tokens, count);
  const withValues = trimmed.filter(hasValue);

  // "01" is not a count anybody prints: two cells that lost the border between them. The row's
  // numbers are a run for the table's sums to cut.
  if (withValues.some((token) => token.kind === 'digits' && token.digits.startsWith('0'))) {
    return { kind: 'run', run: withValues.map(printedNumber).join(' '), provenance: withValues.map((token) => token.provenance) };
  }

  if (trimmed.length >= count) {
    const chosen = trimmed.slice(trimmed.length - count);
    const unclaimed = wholeRow
      ? lines.filter((other) => other !== wholeRow && other.filter(hasValue).length >= count).map((other) => unclaimedRow(flat, other, count))
      : [];
    const surplus = trimmed.slice(0, trimmed.length - count).some(hasValue);
    // A row that reaches its count only with the empty cell after a line's last tab may have
    // lost a value: not certain.
    const last = chosen[chosen.length - 1];
    const endsOnTrailingBlank = last?.kind === 'blank' && isLineEnd(flat, last);
    // One value per line, as many lines as columns: a row printed cell by cell.
    const cellPerLine = !wholeRow && lines.length === count && lines.every((line) => line.length === 1);
    return {
      kind: 'values',
      values: chosen.map(tokenValue),
      provenance: chosen.map((token) => token.provenance),
      ...(unclaimed.length > 0 ? { unclaimed } : {}),
      exact: (lines.length <= 1 || cellPerLine) && !surplus && !endsOnTrailingBlank,
      ...(!wholeRow && lines.length > 1 ? { lines: lines.map(valueLine) } : {}),
    };
  }
  // Digits are cells run together only when they all stand in one printed cell; values from
  // separate cells ("| 22 | 235 |") are just fewer values than columns.
  const oneCell = new Set(withValues.map((token) => token.provenance.source)).size === 1;
  if (oneCell && withValues.some((token) => token.kind === 'digits')) {
    return { kind: 'run', run: withValues.map(printedNumber).join(' '), provenance: withValues.map((token) => token.provenance) };
  }
  return {
    kind: 'short',
    values: trimmed.map(tokenValue),
    provenance: trimmed.map((token) => token.provenance),
    printed: trimmed.map(printedNumber),
    ...(misplaced ? { misplaced: true as const } : {}),
  };
}

/**
 * A value printed wholly inside its column's band: from halfway to the column on its left to
 * halfway to the one on its right (a left-aligned number under a centred header is inside; one
 * across a midpoint is not clearly either column's).
 */
function clearlyInColumn(token: SourcedToken, centres: ColumnCentres): boolean {
  const at = token.centre;
  if (at === undefined || token.x === undefined) return false;
  const half = at - token.x;
  const nearest = nearestColumn(at, centres);
  const centre = centres[nearest] ?? 0;
  const left = centres[nearest - 1];
  const right = centres[nearest + 1];
  const reachLeft = left === undefined ? (right ?? centre) - centre : centre - left;
  const reachRight = right === undefined ? centre - (left ?? centre) : right - centre;
  const slack = 0.05 * Math.min(reachLeft, reachRight);
  return at - half >= centre - reachLeft / 2 - slack && at + half <= centre + reachRight / 2 + slack;
}

/** Whether two of the values stand nearest to the same column. */
function sharesColumn(tokens: readonly SourcedToken[], centres: ColumnCentres): boolean {
  const nearest = tokens.map((token) => (token.centre === undefined ? -1 : nearestColumn(token.centre, centres)));
  return nearest.some((column, index) => column >= 0 && nearest.indexOf(column) !== index);
}

/** PDF text: its cells carry their place on the page. */
function isPositioned(flat: FlatText, offset: number): boolean {
  const origin = flat.originAt(offset);
  return origin !== undefined && (flat.lines[origin.line]?.cells.some((cell) => cell.x !== undefined) ?? false);
}

function valueLine(tokens: readonly SourcedToken[]): ValueLine {
  const values = tokens.filter(hasValue);
  return { values: values.map(tokenValue), provenance: values.map((token) => token.provenance) };
}

/**
 * The tokens of a row printed over several lines, in column order: by their x on the page when
 * every token has one (a PDF row whose cells are aligned at different heights), else line by
 * line as printed.
 */
function inPrintedOrder(lines: readonly SourcedToken[][]): SourcedToken[] {
  const tokens = lines.flat();
  if (lines.length < 2 || tokens.some((token) => token.x === undefined)) return tokens;
  return [...tokens].sort((a, b) => (a.x ?? 0) - (b.x ?? 0));
}

/** A value as printed, digits kept as digits (a run keeps "04", a number is its value). */
function printedNumber(token: SourcedToken): string {
  return token.kind === 'digits' ? token.digits : String(tokenValue(token));
}

/**
 * Whether a token is the nothing after the last tab of a text line (not a cell that holds a
 * space or a no-break space, which is a blank cell printed as such).
 */
function isLineEnd(flat: FlatText, token: SourcedToken): boolean {
  const line = flat.lines[token.lineIndex];
  const column = token.provenance.source.column;
  return (
    line !== undefined &&
    token.provenance.source.table === undefined &&
    column !== undefined &&
    column === line.cells.length &&
    line.cells[column - 1]?.text === ''
  );
}

/**
 * Drops blank cells that cannot be the row's: trailing ones first, then leading ones, while there
 * are more than `count`; when there are fewer tokens than `count`, trailing blanks too.
 */
function trimBlanks(tokens: readonly SourcedToken[], count: number): SourcedToken[] {
  let begin = 0;
  let end = tokens.length;
  while (end - begin > count && tokens[end - 1]?.kind === 'blank') end--;
  while (end - begin > count && tokens[begin]?.kind === 'blank') begin++;
  if (end - begin < count) {
    while (end > begin && tokens[end - 1]?.kind === 'blank') end--;
  }
  return tokens.slice(begin, end);
}

/** PDF: horizontal centre of each value column of a table, left to right (see columns.ts). */
export type ColumnCentres = readonly number[];

/**
 * A row's values placed in their columns by position: each value goes to the nearest column,
 * blanks (columns no value went to) are null. Null when a value sits between two columns or two
 * values go to one column.
 */
export function placeInColumns(tokens: readonly SourcedToken[], centres: ColumnCentres): (SourcedToken | null)[] | null {
  const gap = Math.min(...centres.slice(1).map((centre, index) => centre - (centres[index] ?? 0)));
  const placed: (SourcedToken | null)[] = centres.map(() => null);
  for (const token of tokens) {
    if (token.centre === undefined) return null;
    const nearest = nearestColumn(token.centre, centres);
    // Each column reaches halfway to its neighbours: a value printed at its cell's left or right
    // edge, under a centred header, is still in it.
    if (Math.abs((centres[nearest] ?? 0) - token.centre) >= 0.5 * gap || placed[nearest]) return null;
    placed[nearest] = token;
  }
  return placed;
}

/** The index of the column whose centre is nearest `at` (the first of two as near). */
function nearestColumn(at: number, centres: ColumnCentres): number {
  let nearest = 0;
  centres.forEach((centre, index) => {
    if (Math.abs(centre - at) < Math.abs((centres[nearest] ?? 0) - at)) nearest = index;
  });
  return nearest;
}
