import type { FlatText, TableBounds } from './flat-text';
import { type ColumnCentres, type SourcedToken, tokensByLine } from './region';

/*
 * Where the value columns of a table sit on a PDF page, so that a row printed without its blank
 * cells (zeros left empty, no rules to count cells by) still puts each value in its column.
 * Only PDF cells carry positions; for every other format there are no column positions.
 */

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
};

/**
 * The centres of a table's `count` value columns: from the rows printed with every value (the
 * median per column), else from the header cells that name the columns (`headers`, left to
 * right, found before `firstRow`). Null when neither gives them all, or they are not in order.
 */
export function columnCentres(
  flat: FlatText,
  bounds: TableBounds,
  count: number,
  headers: readonly string[] = [],
  firstRow = bounds.end,
): ColumnCentres | null {
  // Only PDF cells have positions: for any other document there is nothing to measure.
  const first = flat.originAt(bounds.start);
  if (!first || flat.lines[first.line]?.cells.every((cell) => cell.x === undefined)) return null;
  const lines = tokensByLine(flat, bounds.start, bounds.end);
  if (lines.length === 0 || lines.some((tokens) => tokens.some((token) => token.centre === undefined))) return null;
  const full = lines
    .map((tokens) => tokens.filter((token) => token.kind !== 'blank'))
    .filter((tokens) => tokens.length === count);
  const centres =
    full.length > 0
      ? Array.from({ length: count }, (_, column) => median(full.map((tokens) => tokens[column]?.centre ?? 0)))
      : (valueColumns(flat, lines, count, firstRow) ?? headerCentres(flat, bounds.start, firstRow, headers));
  if (!centres || centres.length !== count) return null;
  return centres.every((centre, index) => index === 0 || centre > (centres[index - 1] ?? 0)) ? centres : null;
}

/** Values whose centres lie closer than this (points) stand in one column (digits of 10.5pt type). */
const SAME_COLUMN = 15;

/**
 * A table none of whose rows is printed in full (blank cells for zeros, no rules): the values
 * of all its rows, gathered by where they stand, make one group per column when every column
 * holds a value somewhere. Only cells that hold nothing but a number count (not the numbering
 * of a label, "1.属于国家秘密"), and only from the first row on (not numbers in the header).
 */
function valueColumns(flat: FlatText, lines: readonly SourcedToken[][], count: number, firstRow: number): number[] | null {
  const firstLine = flat.originAt(firstRow)?.line ?? 0;
  const centres = lines
    .flat()
    .filter((token) => printed(token) && token.centre !== undefined && token.lineIndex >= firstLine && standsAlone(flat, token))
    .map((token) => token.centre ?? 0)
    .sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const centre of centres) {
    const group = groups[groups.length - 1];
    if (group && centre - (group[group.length - 1] ?? 0) < SAME_COLUMN) group.push(centre);
    else groups.push([centre]);
  }
  return groups.length === count ? groups.map(median) : null;
}

/** A number, or a blank cell's mark ("/", "—"): either shows where its column is. */
const printed = (token: SourcedToken): boolean => token.kind !== 'blank' || token.provenance.raw !== '';

/** Whether a token's cell holds nothing but numbers (or blank marks): not a label's numbering. */
export function standsAlone(flat: FlatText, token: SourcedToken): boolean {
  const cell = flat.lines[token.lineIndex]?.cells.find((candidate) => candidate.source === token.provenance.source);
  return cell !== undefined && /^[\s\d.,，%\-/／—–－−]*$/u.test(cell.text);
}

/**
 * Centres of the header cells whose text is a column's label, each label's first match. A label
 * wrapped in its cell ("自然" over "人", "社会 / 公益 / 组织") is its pieces on the lines below
 * one another, each centred on the same column.
 */
function headerCentres(flat: FlatText, start: number, end: number, headers: readonly string[]): number[] | null {
  if (headers.length === 0) return null;
  const origin = flat.originAt(start);
  const last = flat.originAt(Math.max(start, end - 1));
  if (!origin || !last) return null;
  const pieces: HeaderPiece[][] = [];
  for (let line = origin.line; line <= last.line; line++) {
    pieces.push(
      (flat.lines[line]?.cells ?? []).flatMap((cell) =>
        cell.x === undefined || cell.width === undefined || cell.mergedFrom
          ? []
          : [{ text: cell.text.replace(/\s+/g, ''), centre: cell.x + cell.width / 2, half: cell.width / 2 }],
      ),
    );
  }
  // A label printed more than once (table 4's three groups) is each of its columns in turn.
  const centres: number[] = [];
  for (const label of headers) {
    const after = centres[centres.length - 1] ?? -Infinity;
    const next = stackedLabels(pieces, label).filter((centre) => centre > after);
    if (next.length === 0) return null;
    centres.push(Math.min(...next));
  }
  return centres;
}

interface HeaderPiece {
  text: string;
  centre: number;
  half: number;
}

/** Lines a wrapped header label may skip between two of its pieces (other columns' pieces: table 4 printed vertically). */
const STACK_REACH = 12;

/**
 * The centres of every place `label` is printed, whole or wrapped into pieces stacked below one
 * another. A piece may hold more than the label's part (two header cells printed without a gap,
 * "社会公法律服"): the part's place in it is measured by its characters (CJK type is monospaced).
 */
function stackedLabels(lines: readonly HeaderPiece[][], label: string): number[] {
  const found: number[] = [];
  for (let line = 0; line < lines.length; line++) {
    for (const piece of lines[line] ?? []) {
      for (const first of partsOf(piece, label)) {
        let text = first.text;
        let at = line;
        while (text.length < label.length) {
          let next: { part: HeaderPiece; line: number } | null = null;
          for (let below = at + 1; below <= at + STACK_REACH && below < lines.length && !next; below++) {
            const part = (lines[below] ?? [])
              .flatMap((candidate) => partsOf(candidate, label.slice(text.length)))
              .find((candidate) => Math.abs(candidate.centre - first.centre) <= Math.max(candidate.half, first.half));
            if (part) next = { part, line: below };
          }
          if (!next) break;
          text += next.part.text;
          at = next.line;
        }
        if (text === label) found.push(first.centre);
      }
    }
  }
  return found;
}

/** The stretches of `piece` that begin `label` (as long as they match it), placed by character. */
function partsOf(piece: HeaderPiece, label: string): HeaderPiece[] {
  const parts: HeaderPiece[] = [];
  const pitch = (2 * piece.half) / Math.max(piece.text.length, 1);
  const left = piece.centre - piece.half;
  for (let start = piece.text.indexOf(label[0] ?? ''); start >= 0 && label !== ''; start = piece.text.indexOf(label[0] ?? '', start + 1)) {
    let length = 0;
    while (start + length < piece.text.length && length < label.length && piece.text[start + length] === label[length]) length++;
    // Cells printed without a gap share a piece: a part begins or ends it (not 其他 inside 法人或其他组织).
    if (start > 0 && start + length < piece.text.length) continue;
    parts.push({ text: label.slice(0, length), centre: left + pitch * (start + length / 2), half: (pitch * length) / 2 });
  }
  return parts;
}
