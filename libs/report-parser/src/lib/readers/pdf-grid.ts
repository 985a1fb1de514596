/**
 * Ruled tables: cells rebuilt from the rules a page draws (what lattice-mode table extractors
 * do), and the page's text runs placed in those cells. A label wrapped over three lines, or
 * values set at different heights in one row, still land in the right cell, because the cell is
 * where the rules say it is. Pure geometry (no pdfjs), page points with y growing downwards.
 */
import {
  buildCells,
  isCjk,
  joinPieces,
  linesOfRuns,
  type LayoutCell,
  type PlacedText,
} from './pdf-layout';

/** A drawn horizontal or vertical line. */
export interface Rule {
  horizontal: boolean;
  /** y of a horizontal rule, x of a vertical one. */
  at: number;
  /** Extent along the rule: x for a horizontal rule, y for a vertical one; from <= to. */
  from: number;
  to: number;
}

/** One cell of a ruled grid: where it starts and how many grid rows/columns it covers. */
export interface GridCell {
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
}

/**
 * A table as its rules draw it: the grid lines every rule lies on, and the cells (merged cells
 * simply lack the inner rules). `owner[r][c]` is the index in `cells` of the cell covering grid
 * row r, column c.
 */
export interface RuledGrid {
  /** Column boundaries, left to right (columns = xs.length - 1). */
  xs: number[];
  /** Row boundaries, top to bottom (rows = ys.length - 1). */
  ys: number[];
  cells: GridCell[];
  owner: number[][];
}

/** One position of a ruled table's row, as read: the owning cell's text and box. */
export interface RuledSlot {
  text: string;
  /** Left and right rule of the cell covering this position. */
  x: number;
  right: number;
  /** Set on positions covered by a merged cell other than its origin (as DocCell.mergedFrom). */
  mergedFrom?: 'row' | 'column';
}

export interface RuledRow {
  /** Top and bottom rule of the grid row. */
  top: number;
  bottom: number;
  slots: RuledSlot[];
}

/** A ruled table with its text: one row per grid row, one slot per grid column. */
export interface RuledTable {
  rows: RuledRow[];
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Parallel rules closer than this are one rule (a double border, a border drawn twice). */
const SAME_LINE = 2;
/** Collinear pieces of a rule with gaps up to this are one rule (cells draw their own sides). */
const JOIN_GAP = 3;
/** A rule that stops this short of another still meets it (line caps, rounding). */
const REACH = 3;
/** Grid lines closer than this are one (no real column or row is this narrow). */
const SAME_GRID_LINE = 3;
/** A boundary counts as drawn when a rule covers this share of it. */
const DRAWN_SHARE = 0.5;
/** More merged rules than this on one page: a drawing, not tables (keeps the work bounded). */
const MAX_RULES = 3000;
/** More grid positions than this in one group of rules: graph paper, not a table. */
const MAX_POSITIONS = 20_000;

// ---------------------------------------------------------------------------------------------
// Rules → grids

/** Joins rules that lie on one line (double borders, per-cell pieces) into whole rules. */
export function mergeRules(rules: readonly Rule[]): Rule[] {
  const merged: Rule[] = [];
  /** One rule from collinear pieces: their extent, at their length-weighted position. */
  const join = (horizontal: boolean, pieces: readonly Rule[]) => {
    let weight = 0;
    let sum = 0;
    let to = -Infinity;
    for (const p of pieces) {
      const w = Math.max(p.to - p.from, 0.01);
      weight += w;
      sum += w * p.at;
      to = Math.max(to, p.to);
    }
    merged.push({ horizontal, at: sum / weight, from: pieces[0].from, to });
  };
  /** Rules on (about) one line: pieces that touch or nearly touch are one rule. */
  const splitIntoRules = (horizontal: boolean, line: Rule[]) => {
    line.sort((a, b) => a.from - b.from);
    let pieces: Rule[] = [];
    let to = -Infinity;
    for (const rule of line) {
      if (pieces.length > 0 && rule.from > to + JOIN_GAP) {
        join(horizontal, pieces);
        pieces = [];
      }
      pieces.push(rule);
      to = pieces.length === 1 ? rule.to : Math.max(to, rule.to);
    }
    if (pieces.length > 0) join(horizontal, pieces);
  };
  for (const horizontal of [true, false]) {
    const sorted = rules
      .filter((r) => r.horizontal === horizontal && r.to > r.from)
      .sort((a, b) => a.at - b.at);
    let line: Rule[] = [];
    for (const rule of sorted) {
      if (line.length > 0 && rule.at - line[line.length - 1].at > SAME_LINE) {
        splitIntoRules(horizontal, line);
        line = [];
      }
      line.push(rule);
    }
    if (line.length > 0) splitIntoRules(horizontal, line);
  }
  return merged;
}

const meets = (h: Rule, v: Rule): boolean =>
  v.at >= h.from - REACH && v.at <= h.to + REACH && h.at >= v.from - REACH && h.at <= v.to + REACH;

/** Positions within SAME_GRID_LINE of each other become one (their mean). */
function gridLines(positions: readonly number[]): number[] {
  const sorted = [...positions].sort((a, b) => a - b);
  const lines: number[] = [];
  let group: number[] = [];
  const flush = () => {
    if (group.length) lines.push(group.reduce((s, p) => s + p, 0) / group.length);
    group = [];
  };
  for (const p of sorted) {
    if (group.length && p - group[group.length - 1] > SAME_GRID_LINE) flush();
    group.push(p);
  }
  flush();
  return lines;
}

/**
 * Where the table's outer edge lies on one side when the outermost crossing rules leave it open
 * (rules running on past the last drawn line): the typical end of those rules, if most do.
 */
function openEdge(ends: readonly number[], last: number, beyond: (end: number) => boolean) {
  const past = ends.filter(beyond);
  if (past.length < 2 || past.length < ends.length / 2) return undefined;
  const sorted = [...past].sort((a, b) => a - b);
  const edge = sorted[sorted.length >> 1];
  return Math.abs(edge - last) > SAME_GRID_LINE ? edge : undefined;
}

/** For each grid line, the rules lying on it. */
function rulesOn(lines: readonly number[], rules: readonly Rule[]): Rule[][] {
  return lines.map((at) => rules.filter((r) => Math.abs(r.at - at) <= SAME_GRID_LINE));
}

/** Whether the rules of one grid line cover most of [from, to]. */
function drawn(rules: readonly Rule[], from: number, to: number): boolean {
  let covered = 0;
  for (const r of rules) covered += Math.max(0, Math.min(r.to, to) - Math.max(r.from, from));
  return covered >= DRAWN_SHARE * (to - from);
}

class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** The grid one connected group of rules draws, or undefined when it has no inner structure. */
function gridOf(hs: readonly Rule[], vs: readonly Rule[]): RuledGrid | undefined {
  let xs = gridLines(vs.map((v) => v.at));
  let ys = gridLines(hs.map((h) => h.at));
  // Rules running past the outermost crossing rule on most rows: an open side of the table.
  const left = openEdge(
    hs.map((h) => h.from),
    xs[0],
    (end) => end < xs[0] - REACH,
  );
  const right = openEdge(
    hs.map((h) => h.to),
    xs[xs.length - 1],
    (end) => end > xs[xs.length - 1] + REACH,
  );
  const top = openEdge(
    vs.map((v) => v.from),
    ys[0],
    (end) => end < ys[0] - REACH,
  );
  const bottom = openEdge(
    vs.map((v) => v.to),
    ys[ys.length - 1],
    (end) => end > ys[ys.length - 1] + REACH,
  );
  if (left !== undefined) xs = [left, ...xs];
  if (right !== undefined) xs = [...xs, right];
  if (top !== undefined) ys = [top, ...ys];
  if (bottom !== undefined) ys = [...ys, bottom];
  const columns = xs.length - 1;
  const rows = ys.length - 1;
  if (columns < 1 || rows < 1 || rows * columns > MAX_POSITIONS) return undefined;

  // Neighbouring grid positions not separated by a drawn rule belong to one cell.
  const sets = new UnionFind(rows * columns);
  const at = (r: number, c: number) => r * columns + c;
  const onColumnLine = rulesOn(xs, vs);
  const onRowLine = rulesOn(ys, hs);
  for (let r = 0; r < rows; r++) {
    for (let c = 1; c < columns; c++) {
      if (!drawn(onColumnLine[c], ys[r], ys[r + 1])) sets.union(at(r, c - 1), at(r, c));
    }
  }
  for (let r = 1; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (!drawn(onRowLine[r], xs[c], xs[c + 1])) sets.union(at(r - 1, c), at(r, c));
    }
  }
  // A region that is not a rectangle (a rule missing on one side only) becomes its bounding box,
  // taking in whatever it overlaps, until every region is a rectangle.
  for (let changed = true; changed;) {
    changed = false;
    const boxes = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const root = sets.find(at(r, c));
        const box = boxes.get(root);
        if (!box) boxes.set(root, { r0: r, r1: r, c0: c, c1: c });
        else {
          box.r0 = Math.min(box.r0, r);
          box.r1 = Math.max(box.r1, r);
          box.c0 = Math.min(box.c0, c);
          box.c1 = Math.max(box.c1, c);
        }
      }
    }
    for (const [root, box] of boxes) {
      for (let r = box.r0; r <= box.r1; r++) {
        for (let c = box.c0; c <= box.c1; c++) {
          if (sets.find(at(r, c)) !== sets.find(root)) {
            sets.union(at(r, c), root);
            changed = true;
          }
        }
      }
    }
  }

  // Grid rows (columns) where no cell starts add nothing: fold them into the one before.
  const rootAt = (r: number, c: number) => sets.find(at(r, c));
  const keptRows = [0];
  for (let r = 1; r < rows; r++) {
    let starts = false;
    for (let c = 0; c < columns && !starts; c++) starts = rootAt(r, c) !== rootAt(r - 1, c);
    if (starts) keptRows.push(r);
  }
  const keptColumns = [0];
  for (let c = 1; c < columns; c++) {
    let starts = false;
    for (let r = 0; r < rows && !starts; r++) starts = rootAt(r, c) !== rootAt(r, c - 1);
    if (starts) keptColumns.push(c);
  }
  if (keptRows.length < 2 || keptColumns.length < 2) return undefined;

  const cellOf = new Map<number, number>();
  const cells: GridCell[] = [];
  const owner = keptRows.map((r, ri) =>
    keptColumns.map((c, ci) => {
      const root = rootAt(r, c);
      let index = cellOf.get(root);
      if (index === undefined) {
        index = cells.length;
        cellOf.set(root, index);
        cells.push({ row: ri, column: ci, rowSpan: 0, colSpan: 0 });
      }
      const cell = cells[index];
      cell.rowSpan = Math.max(cell.rowSpan, ri - cell.row + 1);
      cell.colSpan = Math.max(cell.colSpan, ci - cell.column + 1);
      return index;
    }),
  );
  return {
    xs: [...keptColumns.map((c) => xs[c]), xs[columns]],
    ys: [...keptRows.map((r) => ys[r]), ys[rows]],
    cells,
    owner,
  };
}

/**
 * The grids drawn by a page's rules: rules are merged, rules that do not cross at least two
 * others are dropped (underlines, strike-throughs, a lone separator), crossing rules are grouped,
 * and each group with at least two rows and two columns of cells is a grid.
 */
export function findGrids(rules: readonly Rule[]): RuledGrid[] {
  const lines = mergeRules(rules);
  if (lines.length > MAX_RULES) return [];
  // Which rules cross which: computed once, for the pruning and the grouping.
  const crossing: number[][] = lines.map(() => []);
  lines.forEach((h, i) => {
    if (!h.horizontal) return;
    lines.forEach((v, j) => {
      if (!v.horizontal && meets(h, v)) {
        crossing[i].push(j);
        crossing[j].push(i);
      }
    });
  });
  // Drop rules crossing fewer than two others, and what that leaves crossing fewer than two.
  const alive = lines.map(() => true);
  const degree = crossing.map((c) => c.length);
  const dropping = lines.map((_, i) => i).filter((i) => degree[i] < 2);
  while (dropping.length > 0) {
    const i = dropping.pop() as number;
    if (!alive[i]) continue;
    alive[i] = false;
    for (const j of crossing[i]) {
      if (alive[j] && --degree[j] < 2) dropping.push(j);
    }
  }
  const sets = new UnionFind(lines.length);
  crossing.forEach((others, i) => {
    if (!alive[i]) return;
    for (const j of others) if (alive[j]) sets.union(i, j);
  });
  const groups = new Map<number, Rule[]>();
  lines.forEach((line, i) => {
    if (!alive[i]) return;
    const root = sets.find(i);
    const group = groups.get(root);
    if (group) group.push(line);
    else groups.set(root, [line]);
  });
  const grids: RuledGrid[] = [];
  for (const group of groups.values()) {
    const grid = gridOf(
      group.filter((l) => l.horizontal),
      group.filter((l) => !l.horizontal),
    );
    if (grid) grids.push(grid);
  }
  return grids.sort((a, b) => a.ys[0] - b.ys[0] || a.xs[0] - b.xs[0]);
}

// ---------------------------------------------------------------------------------------------
// Text → cells

/** Index i with edges[i] <= value < edges[i + 1], or -1 outside. */
function bandOf(edges: readonly number[], value: number): number {
  if (value < edges[0] || value > edges[edges.length - 1]) return -1;
  let low = 0;
  let high = edges.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (edges[middle] <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Advance of each character relative to the others: CJK full width, Latin and digits half. */
function advances(text: string): number[] {
  return [...text].map((ch) => (isCjk(ch) ? 1 : /\s/.test(ch) ? 0.3 : 0.55));
}

/**
 * Cuts a run at the given x positions, by estimated character widths: each character goes to
 * the side its middle falls on. Empty pieces are left out.
 */
export function splitRun(run: PlacedText, cuts: readonly number[]): PlacedText[] {
  const chars = [...run.text];
  const weights = advances(run.text);
  const total = weights.reduce((s, w) => s + w, 0) || 1;
  const scale = run.width / total;
  const pieces: PlacedText[] = [];
  let x = run.x;
  let piece: { text: string; x: number; right: number } | undefined;
  let cut = 0;
  const sortedCuts = [...cuts].sort((a, b) => a - b);
  chars.forEach((ch, i) => {
    const width = weights[i] * scale;
    const middle = x + width / 2;
    let crossed = false;
    while (cut < sortedCuts.length && middle > sortedCuts[cut]) {
      cut++;
      crossed = true;
    }
    if (crossed && piece) {
      pieces.push({ ...run, text: piece.text, x: piece.x, width: piece.right - piece.x });
      piece = undefined;
    }
    if (piece) {
      piece.text += ch;
      piece.right = x + width;
    } else {
      piece = { text: ch, x, right: x + width };
    }
    x += width;
  });
  if (piece) pieces.push({ ...run, text: piece.text, x: piece.x, width: piece.right - piece.x });
  return pieces.filter((p) => p.text.trim() !== '');
}

/** A cell's runs as visual lines of pieces (runs joined where their gaps are narrow). */
function pieceLines(runs: readonly PlacedText[]): LayoutCell[][] {
  return runs.length ? linesOfRuns(runs).map((line) => buildCells(line)) : [];
}

/** A cell's text: pieces of a line joined by their gaps, lines with no space in CJK or digits. */
function textOfPieces(lines: readonly LayoutCell[][]): string {
  let text = '';
  let fontSize = 0;
  for (const pieces of lines) {
    let lineText = '';
    let previous: LayoutCell | undefined;
    for (const piece of pieces) {
      lineText = previous
        ? joinPieces(lineText, piece.text, piece.x - previous.right, piece.fontSize)
        : piece.text;
      previous = piece;
      fontSize = Math.max(fontSize, piece.fontSize);
    }
    // A number too wide for its cell wraps (10 / 2 is 102): one cell holds one value.
    text = /[\d,.]$/.test(text) && /^[\d,.]/.test(lineText) ? text + lineText : joinPieces(text, lineText, Infinity, fontSize);
  }
  return text.trim();
}

/** A cell's runs as text (see textOfPieces). */
export function cellText(runs: readonly PlacedText[]): string {
  return textOfPieces(pieceLines(runs));
}

/**
 * Whether a cell still holds several values side by side on one line: the rules do not
 * separate the values (columns drawn only around the table, not between its values).
 */
function crowded(lines: readonly LayoutCell[][]): boolean {
  return lines.some((pieces) => pieces.filter((piece) => piece.value).length >= 2);
}

/** Places runs into the grid's cells; returns the runs that fall outside the grid. */
function placeRuns(grid: RuledGrid, runs: readonly PlacedText[], cellRuns: PlacedText[][]) {
  const { xs, ys, owner } = grid;
  const outside: PlacedText[] = [];
  for (const run of runs) {
    const row = bandOf(ys, run.middle);
    const centre = run.x + run.width / 2;
    if (row < 0 || bandOf(xs, centre) < 0) {
      outside.push(run);
      continue;
    }
    // The cells the run's extent reaches into (more than a sliver) on its grid row.
    const sliver = 0.3 * run.fontSize;
    const cuts: number[] = [];
    let lastCell = -1;
    for (let c = 0; c < xs.length - 1; c++) {
      const overlap = Math.min(run.x + run.width, xs[c + 1]) - Math.max(run.x, xs[c]);
      if (overlap <= sliver) continue;
      const cell = owner[row][c];
      if (lastCell >= 0 && cell !== lastCell) cuts.push(xs[c]);
      lastCell = cell;
    }
    const pieces = cuts.length ? splitRun(run, cuts) : [run];
    for (const piece of pieces) {
      const column = bandOf(xs, piece.x + piece.width / 2);
      if (column < 0) outside.push(piece);
      else cellRuns[owner[row][column]].push(piece);
    }
  }
  return outside;
}

/** The rows of a grid whose cells hold these texts: one slot per grid column. */
function rowsOf(grid: RuledGrid, texts: readonly string[]): RuledRow[] {
  const { xs, ys, cells, owner } = grid;
  return owner.map((columns, r) => ({
    top: ys[r],
    bottom: ys[r + 1],
    slots: columns.map((index, c): RuledSlot => {
      const cell = cells[index];
      const slot: RuledSlot = {
        text: texts[index],
        x: xs[cell.column],
        right: xs[cell.column + cell.colSpan],
      };
      if (cell.row !== r) slot.mergedFrom = 'row';
      else if (cell.column !== c) slot.mergedFrom = 'column';
      return slot;
    }),
  }));
}

/**
 * Reads the ruled tables of a page: each grid's cells get the runs inside them, and the grid is
 * kept only when it reads as a table (text in at least two cells, values not left side by side
 * in one cell). Every run ends up either in a kept table or in `rest`.
 */
export function readRuledTables(
  rules: readonly Rule[],
  runs: readonly PlacedText[],
): { tables: RuledTable[]; rest: PlacedText[] } {
  const grids = rules.length ? findGrids(rules) : [];
  if (grids.length === 0) return { tables: [], rest: [...runs] };
  // Innermost first, so a table drawn inside another's cell keeps its text.
  const area = (g: RuledGrid) =>
    (g.xs[g.xs.length - 1] - g.xs[0]) * (g.ys[g.ys.length - 1] - g.ys[0]);
  const ordered = [...grids].sort((a, b) => area(a) - area(b));
  let rest: PlacedText[] = [...runs];
  const read: { grid: RuledGrid; rows: RuledRow[] }[] = [];
  for (const grid of ordered) {
    const cellRuns: PlacedText[][] = grid.cells.map(() => []);
    const outside = placeRuns(grid, rest, cellRuns);
    const pieces = cellRuns.map(pieceLines);
    const withText = cellRuns.filter((r) => r.length > 0);
    const crowdedRows = new Set(
      grid.cells.filter((_, i) => crowded(pieces[i])).map((cell) => cell.row),
    );
    if (withText.length < 2 || crowdedRows.size >= 2) continue;
    rest = outside;
    read.push({ grid, rows: rowsOf(grid, pieces.map(textOfPieces)) });
  }
  const tables = read
    .sort((a, b) => a.grid.ys[0] - b.grid.ys[0] || a.grid.xs[0] - b.grid.xs[0])
    .map(({ grid, rows }) => ({
      rows,
      left: grid.xs[0],
      right: grid.xs[grid.xs.length - 1],
      top: grid.ys[0],
      bottom: grid.ys[grid.ys.length - 1],
    }));
  return { tables, rest };
}
