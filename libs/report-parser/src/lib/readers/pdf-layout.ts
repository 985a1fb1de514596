/**
 * Rebuilds the visual lines of one PDF page from positioned text runs: groups runs into lines,
 * lines into cells, takes out vertical labels, and re-joins table labels that wrap over several
 * lines. Pure geometry (no pdfjs), in page points with y growing downwards.
 */

/** A run of text as placed on the page. */
export interface PlacedText {
  text: string;
  /** Left edge, points from the page's left. */
  x: number;
  /** Vertical middle of the glyphs, points from the page's top. */
  middle: number;
  width: number;
  fontSize: number;
  /** Written top to bottom (vertical font): pdfjs gives such a column as one run. */
  vertical?: boolean;
}

export interface LayoutCell {
  text: string;
  x: number;
  right: number;
  fontSize: number;
  /** Middle of the cell's first and last visual line (equal unless the cell was re-joined). */
  top: number;
  bottom: number;
  /** A number or a blank marker (/, —, 无): what table values look like. */
  value: boolean;
}

export interface LayoutLine {
  cells: LayoutCell[];
  /** Where the line sits (middle of its text), points from the page's top. */
  middle: number;
  fontSize: number;
  /** A label printed one character per line (or in a vertical font), lifted out of the rows. */
  verticalLabel?: boolean;
  /** Part of a table: a row with values, or a header, caption or label line next to such rows. */
  inTable?: boolean;
}

/** Document-wide facts the page layout needs. */
export interface LayoutContext {
  /** The most common font size (running text); smaller text is likely a table. */
  bodyFontSize: number;
}

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2e80-\u2fdf\u2014-\u201f\u2026\u00b7]/u;
/** Number (half- or full-width), with thousands separators, decimals, percent; or a blank marker. */
const VALUE = /^(?:[-−+]?[\d０-９][\d０-９,，]*(?:[.．][\d０-９]+)?[%％]?|[/／\-—–－−]+|无)$/u;
/** A label that starts a new item (一、 （一） 1. 1、 (1) ①): never the continuation of another. */
const ENUMERATION =
  /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|[①-⑳])/u;

/** A change's sign written as a word: the whole text of a cell before its number. */
const SIGN_WORD = /^(?:增加?|减少?)$/u;

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

const SPACE_BETWEEN_CJK = new RegExp(`(?<=${CJK.source})\\s+(?=${CJK.source})`, 'gu');

/** Whitespace as pdfjs gives it, minus the spaces it puts between spaced-out CJK characters. */
export function normalizeRunText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(SPACE_BETWEEN_CJK, '');
}

/** Joins two pieces of one cell: no space next to CJK, a space between Latin words/numbers. */
export function joinPieces(left: string, right: string, gap: number, fontSize: number): string {
  if (!left) return right;
  if (!right) return left;
  const last = left[left.length - 1];
  const first = right[0];
  if (isCjk(last) || isCjk(first)) return left.trimEnd() + right.trimStart();
  if (gap > 0.15 * fontSize && !/\s$/.test(left) && !/^\s/.test(right)) return `${left} ${right}`;
  return left + right;
}

export function isValueText(text: string): boolean {
  return VALUE.test(text.replace(/\s+/g, ''));
}

/** Groups runs whose middles agree (within a fraction of the smaller font) into lines. */
function clusterLines(items: readonly PlacedText[]): PlacedText[][] {
  const sorted = [...items].sort((a, b) => a.middle - b.middle);
  const lines: PlacedText[][] = [];
  let current: PlacedText[] = [];
  let sum = 0;
  let minFont = Infinity;
  for (const item of sorted) {
    const mean = current.length ? sum / current.length : 0;
    if (current.length && Math.abs(item.middle - mean) <= 0.45 * Math.min(item.fontSize, minFont)) {
      current.push(item);
      sum += item.middle;
      minFont = Math.min(minFont, item.fontSize);
      continue;
    }
    if (current.length) lines.push(current);
    current = [item];
    sum = item.middle;
    minFont = item.fontSize;
  }
  if (current.length) lines.push(current);
  return lines;
}

/**
 * Where numbers of a table's value columns start and end: edges (rounded to a point) at which
 * numbers standing alone begin, or end, on at least three lines.
 */
export interface ValueEdges {
  left: ReadonlySet<number>;
  right: ReadonlySet<number>;
}

/** How many lone numbers begin (left) and end (right) at each rounded x. */
export interface EdgeCounts {
  left: ReadonlyMap<number, number>;
  right: ReadonlyMap<number, number>;
}

const NO_EDGES: ValueEdges = { left: new Set(), right: new Set() };

export function edgeCounts(lines: readonly (readonly PlacedText[])[]): EdgeCounts {
  const left = new Map<number, number>();
  const right = new Map<number, number>();
  for (const runs of lines) {
    runs.forEach((run, index) => {
      const before = runs[index - 1];
      const after = runs[index + 1];
      if (!isValueText(run.text.trim())) return;
      const alone = (!before || run.x - (before.x + before.width) > 0.45 * run.fontSize) && (!after || after.x - (run.x + run.width) > 0.45 * run.fontSize);
      if (!alone) return;
      const l = Math.round(run.x);
      const r = Math.round(run.x + run.width);
      left.set(l, (left.get(l) ?? 0) + 1);
      right.set(r, (right.get(r) ?? 0) + 1);
    });
  }
  return { left, right };
}

/** The edges of value columns in one or more pages' counts (a table may run over pages). */
export function valueEdges(counts: readonly EdgeCounts[]): ValueEdges {
  const frequent = (side: 'left' | 'right') => {
    const total = new Map<number, number>();
    for (const c of counts) for (const [edge, n] of c[side]) total.set(edge, (total.get(edge) ?? 0) + n);
    return new Set([...total].filter(([, count]) => count >= 3).map(([edge]) => edge));
  };
  return { left: frequent('left'), right: frequent('right') };
}

/** A number that begins or ends where a value column's numbers do (within a point). */
function onValueEdge(run: PlacedText, edges: ValueEdges): boolean {
  const near = (set: ReadonlySet<number>, at: number) => set.has(Math.round(at)) || set.has(Math.round(at) - 1) || set.has(Math.round(at) + 1);
  return near(edges.left, run.x) || near(edges.right, run.x + run.width);
}

/**
 * Splits a line's runs (any order) into cells where the horizontal gap is wide. A number right
 * after a label's last character is still a cell of its own when it stands in a value column
 * (`edges`): a table without rules whose label column runs up to its first value.
 */
export function buildCells(runs: readonly PlacedText[], edges: ValueEdges = NO_EDGES): LayoutCell[] {
  const sorted = [...runs].sort((a, b) => a.x - b.x);
  const cells: LayoutCell[] = [];
  let cell: LayoutCell | undefined;
  let previous: PlacedText | undefined;
  sorted.forEach((run, index) => {
    // Simulated bold: the same run drawn twice, a fraction of a point apart.
    if (
      previous &&
      previous.text === run.text &&
      Math.abs(previous.x - run.x) < 0.3 * run.fontSize &&
      Math.abs(previous.middle - run.middle) < 0.3 * run.fontSize
    ) {
      return;
    }
    const right = run.x + Math.max(run.width, 0);
    const gap = cell ? run.x - cell.right : Infinity;
    // (A number inside a sentence, in a font of its own, runs straight on into the next word.)
    const next = sorted[index + 1];
    const clearAfter = !next || next.x - right > 0.45 * Math.max(run.fontSize, next.fontSize);
    // (增/减 before a number is its sign: "减 4" is −4 in 2019's 本年增/减.)
    const valueAfterLabel =
      cell !== undefined &&
      isCjk(cell.text.trimEnd().slice(-1)) &&
      !SIGN_WORD.test(cell.text.trim()) &&
      isValueText(run.text.trim()) &&
      clearAfter &&
      onValueEdge(run, edges);
    if (cell && gap <= 0.45 * Math.max(cell.fontSize, run.fontSize) && !valueAfterLabel) {
      cell.text = joinPieces(cell.text, run.text, gap, run.fontSize);
      cell.right = Math.max(cell.right, right);
      cell.fontSize = Math.max(cell.fontSize, run.fontSize);
      cell.top = Math.min(cell.top, run.middle);
      cell.bottom = Math.max(cell.bottom, run.middle);
    } else {
      cell = {
        text: run.text,
        x: run.x,
        right,
        fontSize: run.fontSize,
        top: run.middle,
        bottom: run.middle,
        value: false,
      };
      cells.push(cell);
    }
    previous = run;
  });
  for (const c of cells) {
    c.text = normalizeRunText(c.text).trim();
    c.value = isValueText(c.text);
  }
  return cells.filter((c) => c.text !== '');
}

function makeLine(runs: readonly PlacedText[], edges: ValueEdges): LayoutLine {
  const cells = buildCells(runs, edges);
  const middle = runs.reduce((s, r) => s + r.middle, 0) / runs.length;
  return { cells, middle, fontSize: dominantFont(cells) };
}

function dominantFont(cells: readonly LayoutCell[]): number {
  let best = 0;
  let bestChars = -1;
  for (const c of cells) {
    if (c.text.length > bestChars) {
      best = c.fontSize;
      bestChars = c.text.length;
    }
  }
  return best;
}

/** Lines of runs, top to bottom, runs sorted by x. */
export function linesOfRuns(items: readonly PlacedText[]): PlacedText[][] {
  return clusterLines(items).map((line) => line.sort((a, b) => a.x - b.x));
}

/**
 * Finds vertical labels: runs in a vertical font, and stacks of single CJK characters (one per
 * line, same narrow x band, regular pitch, nothing close beside them). Returns the labels as
 * lines and the runs that remain.
 */
export function takeVerticalLabels(items: readonly PlacedText[]): {
  labels: LayoutLine[];
  rest: PlacedText[];
} {
  const labels: LayoutLine[] = [];
  const taken = new Set<PlacedText>();
  for (const item of items) {
    if (!item.vertical) continue;
    const text = item.text.replace(/\s+/g, '');
    if (text) labels.push(labelLine(text, [item]));
    taken.add(item);
  }

  // Candidates: one Han character (optionally with its punctuation, 三、), isolated on its line.
  const candidates: PlacedText[] = [];
  for (const line of linesOfRuns(items.filter((i) => !taken.has(i)))) {
    line.forEach((run, k) => {
      const text = run.text.replace(/\s+/g, '');
      if (!/^\p{Script=Han}[\p{P}]?$/u.test(text) || run.width > 2.2 * run.fontSize) return;
      const before = line[k - 1];
      const after = line[k + 1];
      const room = 0.8 * run.fontSize;
      if (before && run.x - (before.x + before.width) < room) return;
      if (after && after.x - (run.x + run.width) < room) return;
      candidates.push(run);
    });
  }

  candidates.sort((a, b) => a.x - b.x);
  const columns: PlacedText[][] = [];
  for (const c of candidates) {
    const column = columns.find(
      (col) =>
        Math.abs(col[0].x - c.x) <= 0.3 * c.fontSize &&
        Math.abs(col[0].fontSize - c.fontSize) <= 0.1 * c.fontSize,
    );
    if (column) column.push(c);
    else columns.push([c]);
  }
  for (const column of columns) {
    if (column.length < 3) continue;
    column.sort((a, b) => a.middle - b.middle);
    let run: PlacedText[] = [column[0]];
    const flush = () => {
      const chars = run.map((r) => r.text.replace(/\s+/g, ''));
      if (run.length >= 3 && new Set(chars.map((t) => t[0])).size > 1) {
        labels.push(labelLine(chars.join(''), run));
        for (const r of run) taken.add(r);
      }
    };
    for (let k = 1; k < column.length; k++) {
      const item = column[k];
      const pitch = item.middle - run[run.length - 1].middle;
      const firstPitch = run.length > 1 ? run[1].middle - run[0].middle : pitch;
      const fits =
        pitch >= 0.8 * item.fontSize &&
        pitch <= 3 * item.fontSize &&
        Math.abs(pitch - firstPitch) <= 0.3 * firstPitch;
      if (fits) {
        run.push(item);
      } else {
        flush();
        run = [item];
      }
    }
    flush();
  }
  return { labels, rest: items.filter((i) => !taken.has(i)) };
}

function labelLine(text: string, runs: readonly PlacedText[]): LayoutLine {
  const first = runs[0];
  const cell: LayoutCell = {
    text,
    x: Math.min(...runs.map((r) => r.x)),
    right: Math.max(...runs.map((r) => r.x + r.width)),
    fontSize: first.fontSize,
    top: first.middle,
    bottom: runs[runs.length - 1].middle,
    value: false,
  };
  // Sorted where the label starts, just before a row it shares a middle with.
  return {
    cells: [cell],
    middle: first.middle - 0.01,
    fontSize: first.fontSize,
    verticalLabel: true,
  };
}

/** One page's runs in lines, its vertical labels lifted out: cells are cut later (`pageLines`). */
export interface PageRuns {
  runLines: PlacedText[][];
  labels: LayoutLine[];
  edges: EdgeCounts;
}

export function pageRuns(items: readonly PlacedText[]): PageRuns {
  const { labels, rest } = takeVerticalLabels(items);
  const runLines = linesOfRuns(rest);
  return { runLines, labels, edges: edgeCounts(runLines) };
}

/** A page's lines, top to bottom, before any re-joining, cut into cells at `edges`. */
export function pageLines(page: PageRuns, edges: ValueEdges): LayoutLine[] {
  const lines = page.runLines.map((runs) => makeLine(runs, edges)).filter((l) => l.cells.length > 0);
  return [...lines, ...page.labels].sort((a, b) => a.middle - b.middle);
}

/** Lines of one page, top to bottom, before any re-joining. */
export function buildLines(items: readonly PlacedText[]): LayoutLine[] {
  const page = pageRuns(items);
  return pageLines(page, valueEdges([page.edges]));
}

const isTableLine = (l: LayoutLine): boolean =>
  !l.verticalLabel && l.cells.length >= 2 && l.cells.some((c) => c.value);

const isFragment = (l: LayoutLine): boolean =>
  !l.verticalLabel && l.cells.length === 1 && !l.cells[0].value;

function aligned(a: LayoutCell, b: LayoutCell): boolean {
  const tol = 0.6 * Math.min(a.fontSize, b.fontSize);
  if (Math.abs(a.x - b.x) <= tol) return true;
  if (Math.abs(a.x + a.right - b.x - b.right) / 2 <= tol) return true;
  const inside = (p: LayoutCell, q: LayoutCell) => p.x >= q.x - tol && p.right <= q.right + tol;
  return inside(a, b) || inside(b, a);
}

const overlaps = (a: LayoutCell, b: LayoutCell): boolean =>
  Math.min(a.right, b.right) - Math.max(a.x, b.x) > 0.5;

const similarFont = (a: LayoutCell, b: LayoutCell): boolean =>
  Math.abs(a.fontSize - b.fontSize) <= 0.15 * Math.max(a.fontSize, b.fontSize);

/** Appends `lower` (the next visual line of the same cell) to `upper`. */
function mergeInto(upper: LayoutCell, lower: LayoutCell): void {
  // A line break: nothing between CJK characters, a space between Latin words.
  upper.text = joinPieces(upper.text, lower.text, Infinity, upper.fontSize);
  upper.x = Math.min(upper.x, lower.x);
  upper.right = Math.max(upper.right, lower.right);
  upper.top = Math.min(upper.top, lower.top);
  upper.bottom = Math.max(upper.bottom, lower.bottom);
  upper.value = false;
}

function cloneCell(c: LayoutCell): LayoutCell {
  return { ...c };
}

/** Marks lines that belong to a table: value rows, what lies between them, headers above. */
function markTables(lines: LayoutLine[], ctx: LayoutContext): void {
  const rows = lines.map((l, i) => (isTableLine(l) ? i : -1)).filter((i) => i >= 0);
  for (const i of rows) lines[i].inTable = true;
  const inLabelColumns = labelColumnTest(rows.map((i) => lines[i]));
  for (let k = 1; k < rows.length; k++) {
    const [a, b] = [rows[k - 1], rows[k]];
    const font = Math.max(lines[a].fontSize, lines[b].fontSize);
    // Far apart, the lines between still belong when they are rows whose values are blank: text
    // in the table's label columns (or bare values), printed at the table's row pitch.
    const between = lines.slice(a + 1, b);
    const rowsBetween = between.every(
      (l, j) => (lines[a + j + 1].middle - lines[a + j].middle <= 3 * font) && (inLabelColumns(l) || l.cells.every((c) => c.value)),
    ) && lines[b].middle - lines[b - 1].middle <= 3 * font;
    if (lines[b].middle - lines[a].middle <= 6 * font || rowsBetween) {
      for (let i = a + 1; i < b; i++) lines[i].inTable = true;
    }
  }
  const small = (l: LayoutLine) => l.fontSize < 0.9 * ctx.bodyFontSize || l.cells.length >= 2;
  for (let i = 0; i < lines.length; i++) {
    if (!isTableLine(lines[i]) || (i > 0 && lines[i - 1].inTable)) continue;
    // Headers sit above the first value row, in table-sized type, a few lines apart at most; a
    // table continued from the previous page starts with rows whose values are blank.
    for (let k = i - 1; k >= 0; k--) {
      const l = lines[k];
      const pitch = lines[k + 1].middle - l.middle;
      const font = Math.max(l.fontSize, lines[k + 1].fontSize);
      const blankRow = inLabelColumns(l) && pitch <= 3 * font;
      if (l.inTable || (!small(l) && !blankRow) || pitch > 5 * font) break;
      l.inTable = true;
    }
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!isTableLine(lines[i]) || (i + 1 < lines.length && lines[i + 1].inTable)) continue;
    for (let k = i + 1; k < lines.length; k++) {
      const l = lines[k];
      // Below the last value row: a caption, a note, or the last rows of the table, blank.
      if (l.inTable || (!small(l) && !inLabelColumns(l)) || l.middle - lines[k - 1].middle > 2.5 * l.fontSize) break;
      l.inTable = true;
    }
  }
}

/**
 * Whether a line is label text of the table's rows: every cell starts where label cells of value
 * rows start, and none is as wide as running text (a paragraph may start at the label column).
 */
function labelColumnTest(rows: readonly LayoutLine[]): (line: LayoutLine) => boolean {
  const starts = rows.flatMap((l) => l.cells.filter((c) => !c.value));
  const widest = Math.max(0, ...starts.map((c) => c.right - c.x));
  return (line) =>
    !line.verticalLabel &&
    line.cells.length > 0 &&
    line.cells.every(
      (c) =>
        !c.value &&
        c.right - c.x <= widest + c.fontSize &&
        starts.some((s) => Math.abs(s.x - c.x) <= 0.6 * Math.min(s.fontSize, c.fontSize) && similarFont(s, c)),
    );
}

/**
 * A row of bare values adopts the label lines just above and below it that lie left of its first
 * value: a two-line label with the values centred between its lines.
 */
function adoptLabels(lines: LayoutLine[]): void {
  for (let i = 0; i < lines.length; i++) {
    const row = lines[i];
    const firstValue = row.cells.findIndex((c) => c.value);
    if (row.verticalLabel || firstValue < 0 || !row.cells.slice(firstValue).every((c) => c.value)) continue;
    // Pieces of a group label stacked in the column left of the row labels ("）不" of
    // "（三）不予公开") may share the values' line: the row's own label is still above/below.
    const lead = row.cells.slice(0, firstValue);
    const leadRight = Math.max(-Infinity, ...lead.map((c) => c.right));
    const firstX = row.cells[firstValue].x;
    const qualifies = (l: LayoutLine | undefined, reach: number): l is LayoutLine =>
      !!l &&
      !l.verticalLabel &&
      l.cells.length > 0 &&
      l.cells.every((c) => !c.value) &&
      l.cells[l.cells.length - 1].right <= firstX + 0.5 &&
      l.cells[0].x > leadRight &&
      Math.abs(l.middle - row.middle) <= reach * l.fontSize;
    const up = lines[i - 1];
    const down = lines[i + 1];
    const adopt = (cells: LayoutCell[]) => {
      row.cells = [...lead, ...cells, ...row.cells.slice(firstValue)];
    };
    if (
      qualifies(up, 1.6) &&
      qualifies(down, 1.6) &&
      up.cells.length === 1 &&
      down.cells.length === 1 &&
      aligned(up.cells[0], down.cells[0]) &&
      similarFont(up.cells[0], down.cells[0]) &&
      !ENUMERATION.test(down.cells[0].text)
    ) {
      const label = cloneCell(up.cells[0]);
      mergeInto(label, down.cells[0]);
      adopt([label]);
      lines.splice(i + 1, 1);
      lines.splice(i - 1, 1);
      i--;
      continue;
    }
    // (With a group label's piece on the line, only a label on both sides tells where it is.)
    if (lead.length) continue;
    const near = [up, down]
      .filter((l): l is LayoutLine => qualifies(l, 1))
      .sort((a, b) => Math.abs(a.middle - row.middle) - Math.abs(b.middle - row.middle))[0];
    if (near) {
      adopt(near.cells);
      lines.splice(lines.indexOf(near), 1);
      if (near === up) i--;
    }
  }
}

/**
 * Text wraps only when its line is full: the upper piece of a wrapped label reaches (nearly) as
 * far right as the longest label starting where it starts.
 */
function fillsLabelColumn(lines: readonly LayoutLine[], upper: LayoutCell): boolean {
  let right = upper.right;
  for (const line of lines) {
    for (const cell of line.cells) {
      if (!cell.value && Math.abs(cell.x - upper.x) <= 0.6 * upper.fontSize) right = Math.max(right, cell.right);
    }
  }
  return upper.right >= right - 1.5 * upper.fontSize;
}

/**
 * One row printed on two lines, each with some of its values: a label wrapped in its cell while
 * the row's cells are aligned differently (总计 at the top, the rest in the middle). The upper
 * label fills its column, the lower one continues it (no new item's number), and their values
 * stand in different columns: one row, its label joined. The same for a label's last piece that
 * shares its line with a group label's ("开 / 规禁止公开" under "不予公 / 2.其他法律行政法").
 */
function joinSplitRows(lines: LayoutLine[]): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    const upper = lines[i];
    const upperLabels = upper.cells.filter((c) => !c.value);
    // Lines holding only pieces of a group label left of the row's label ("他处理" of
    // "（六）其他处理") may stand between the row's two lines.
    const rowLabelX = upperLabels.length ? upperLabels[upperLabels.length - 1].x : Infinity;
    let next = i + 1;
    while (
      next + 1 < lines.length &&
      !lines[next].verticalLabel &&
      lines[next].cells.every((c) => !c.value && c.right < rowLabelX)
    ) {
      next++;
    }
    const lower = lines[next];
    if (!upper.inTable || !lower.inTable || upper.verticalLabel || lower.verticalLabel) continue;
    const lowerLabels = lower.cells.filter((c) => !c.value);
    const upperValues = upper.cells.filter((c) => c.value);
    const lowerValues = lower.cells.filter((c) => c.value);
    const upperLast = upperLabels[upperLabels.length - 1];
    const lowerLast = lowerLabels[lowerLabels.length - 1];
    // (A lower line of label text only, beside a group label's last piece, continues it too.)
    if (!upperLast || !lowerLast || upperValues.length === 0 || (lowerValues.length === 0 && lower.cells.length < 2)) continue;
    if (lower.middle - upper.middle > 2.3 * upper.fontSize || !similarFont(upperLast, lowerLast)) continue;
    const continues = lowerLabels.map((c) => upperLabels.find((u) => Math.abs(u.x - c.x) <= 0.6 * Math.min(u.fontSize, c.fontSize)));
    if (continues.some((u) => !u) || continues[continues.length - 1] !== upperLast) continue;
    if (ENUMERATION.test(lowerLast.text) || !fillsLabelColumn(lines, upperLast)) continue;
    if (lowerValues.some((v) => upperValues.some((u) => overlaps(u, v)))) continue;
    lowerLabels.forEach((c, k) => mergeInto(continues[k] as LayoutCell, c));
    upper.cells = [...upper.cells, ...lowerValues].sort((a, b) => a.x - b.x);
    lines.splice(next, 1);
    i--;
  }
}

/**
 * A number too long for its narrow column wraps inside its cell: "3895" printed as "38" over
 * "95". A line's values continue the numbers just above them when each stands under a number
 * as wide as its column allows (the widest in that column: the line was full), less than a line
 * and a third below it, and nothing says the line is a row of its own: no label of the row-label
 * column between the two, and its own label there, if any, continues a label that filled its
 * column (a new item's number never does).
 */
function joinWrappedValues(lines: LayoutLine[]): void {
  // A table: a run of table lines. Its cells, by table.
  const tableOf = new Map<LayoutCell, number>();
  let run = 0;
  for (const l of lines) {
    if (!l.inTable) run++;
    else if (!l.verticalLabel) for (const c of l.cells) tableOf.set(c, run);
  }
  const cells = [...tableOf.keys()];
  const digits = /^[\d０-９]+$/u;
  // How wide a number's column is, at least: its widest number, and any header or note printed
  // in it alone (not across the next value's column on the number's line, like 申请人情况).
  const columnWidth = (head: LayoutCell, line: LayoutLine): number => {
    const others = line.cells.filter((c) => c.value && c !== head);
    let width = 0;
    for (const c of cells) {
      if (tableOf.get(c) !== tableOf.get(head) || !overlaps(c, head)) continue;
      if (c.value || !others.some((o) => overlaps(c, o))) width = Math.max(width, c.right - c.x);
    }
    return width;
  };
  // A number filled its line: one digit more would not fit in its column.
  const isFull = (head: LayoutCell, line: LayoutLine): boolean => {
    if (!digits.test(head.text) || head.text.length < 2) return false;
    const width = head.right - head.x;
    return width + width / head.text.length > columnWidth(head, line) + 0.25 * head.fontSize;
  };
  // Numbers only, beside pieces of a group label left of the row labels (x < labelX).
  const numbersOf = (l: LayoutLine | undefined, labelX: number): LayoutCell[] | undefined => {
    if (!l || !l.inTable || l.verticalLabel) return undefined;
    const numbers = l.cells.filter((c) => c.value);
    const ok = numbers.length > 0 && numbers.every((c) => digits.test(c.text)) && l.cells.every((c) => c.value || c.right < labelX);
    return ok ? numbers : undefined;
  };
  // Centred in its row, a wrapped number's pieces stand above and below the row's label line,
  // where the numbers that fit are printed: "10 / （七）总计 23 … / 8" is 108 in （七）'s row.
  for (let i = 1; i + 1 < lines.length; i++) {
    const [above, row, below] = [lines[i - 1], lines[i], lines[i + 1]];
    const label = row.cells.filter((c) => !c.value).pop();
    if (!row.inTable || row.verticalLabel || !label) continue;
    const heads = numbersOf(above, label.x);
    const pieces = numbersOf(below, label.x);
    if (!heads || !pieces) continue;
    const font = row.fontSize;
    if (row.middle - above.middle > 1.35 * font || below.middle - row.middle > 1.35 * font) continue;
    const pairs = pieces.map((piece) => heads.find((c) => overlaps(c, piece)));
    if (pairs.some((h) => !h) || new Set(pairs).size !== heads.length) continue;
    if (!heads.every((h) => isFull(h, above)) || heads.some((h) => row.cells.some((c) => overlaps(c, h)))) continue;
    pieces.forEach((piece, k) => {
      const head = pairs[k] as LayoutCell;
      appendDigits(head, piece);
      head.top = row.middle;
    });
    row.cells = [...row.cells, ...heads].sort((a, b) => a.x - b.x);
    above.cells = above.cells.filter((c) => !c.value);
    below.cells = below.cells.filter((c) => !c.value);
    if (below.cells.length === 0) lines.splice(i + 1, 1);
    if (above.cells.length === 0) {
      lines.splice(i - 1, 1);
      i--;
    }
  }
  for (let i = 1; i < lines.length; i++) {
    const lower = lines[i];
    const pieces = lower.cells.filter((c) => c.value);
    if (!lower.inTable || lower.verticalLabel || pieces.length === 0 || !pieces.every((p) => digits.test(p.text))) continue;
    let upperLine: LayoutLine | undefined;
    const heads: LayoutCell[] = [];
    for (const piece of pieces) {
      let head: LayoutCell | undefined;
      let line: LayoutLine | undefined;
      for (let k = i - 1; k >= 0 && !head; k--) {
        if (lower.middle - lines[k].middle > 1.35 * piece.fontSize) break;
        head = lines[k].cells.find((c) => c.value && overlaps(c, piece));
        line = lines[k];
      }
      if (!head || !line || (upperLine && line !== upperLine)) { upperLine = undefined; break; }
      upperLine = line;
      heads.push(head);
    }
    if (!upperLine || heads.length !== pieces.length) continue;
    if (!heads.every((h) => isFull(h, upperLine as LayoutLine) && similarFont(h, pieces[0]))) continue;
    const firstValue = upperLine.cells.find((c) => c.value) as LayoutCell;
    const rowLabel = upperLine.cells.filter((c) => !c.value && c.right <= firstValue.x + 0.5).pop();
    if (rowLabel) {
      const inLabelColumn = (c: LayoutCell) => !c.value && Math.abs(c.x - rowLabel.x) <= 0.6 * Math.min(c.fontSize, rowLabel.fontSize);
      const from = lines.indexOf(upperLine);
      if (lines.slice(from + 1, i).some((l) => l.cells.some(inLabelColumn))) continue;
      const own = lower.cells.find(inLabelColumn);
      if (own && (ENUMERATION.test(own.text) || !fillsLabelColumn(lines, rowLabel))) continue;
    }
    pieces.forEach((piece, k) => appendDigits(heads[k], piece));
    lower.cells = lower.cells.filter((c) => !pieces.includes(c));
    if (lower.cells.length === 0) {
      lines.splice(i, 1);
      i--;
    }
  }
}

/** The next line's piece of a wrapped number, appended to the piece above (no space between). */
function appendDigits(head: LayoutCell, piece: LayoutCell): void {
  head.text += piece.text;
  head.right = Math.max(head.right, piece.right);
  head.bottom = Math.max(head.bottom, piece.bottom);
}

/**
 * A one-cell line of label text continues (or begins) a label cell of a value row just above or
 * below it in the same column: join it into that cell.
 */
function joinWrappedLabels(lines: LayoutLine[], textWidth: number): void {
  // Text wraps only when its line is full: the upper piece of a wrapped label reaches (nearly)
  // as far right as the longest label starting where it starts. A short label above another
  // ("行政处罚" over "行政强制", a row whose value cell is blank) is a row of its own.
  const fillsColumn = (upper: LayoutCell): boolean => fillsLabelColumn(lines, upper);
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      // The fragment: the line's only cell, or its last beside pieces of a group label to its left.
      const f = line.cells[line.cells.length - 1];
      const besideGroup =
        line.cells.length > 1 && !line.verticalLabel && line.cells.every((c) => !c.value) && line.cells.every((c) => c === f || c.right < f.x);
      if ((!isFragment(line) && !besideGroup) || !line.inTable) continue;
      // Running text (a heading, a note) spans most of the page; a label column does not.
      if (f.right - f.x > 0.6 * textWidth) continue;
      const reach = 2.3 * f.fontSize;
      let best: { cell: LayoutCell; above: boolean; distance: number } | undefined;
      for (const step of [-1, 1]) {
        for (let k = i + step; k >= 0 && k < lines.length; k += step) {
          const other = lines[k];
          if (Math.abs(other.middle - f.top) > reach + 2 * f.fontSize) break;
          if (other.verticalLabel) continue;
          const inColumn = other.cells.filter((c) => overlaps(c, f) || aligned(c, f));
          if (inColumn.length === 0) continue;
          if (isTableLine(other)) {
            for (const c of inColumn) {
              if (c.value || !similarFont(c, f) || !aligned(c, f)) continue;
              const above = step < 0;
              // The lower piece must not start a new item (1. 2. （三）…).
              if (ENUMERATION.test(above ? f.text : c.text)) continue;
              const distance = above ? f.top - c.bottom : c.top - f.bottom;
              if (distance <= 0 || distance > reach) continue;
              if (!fillsColumn(above ? c : f)) continue;
              if (!best || distance < best.distance) best = { cell: c, above, distance };
            }
          }
          break; // the nearest line with anything in this column decides
        }
      }
      if (!best) continue;
      if (best.above) {
        mergeInto(best.cell, f);
      } else {
        const merged = cloneCell(f);
        mergeInto(merged, best.cell);
        Object.assign(best.cell, merged);
      }
      line.cells.pop();
      if (line.cells.length === 0) {
        lines.splice(i, 1);
        i--;
      }
      changed = true;
    }
    if (!changed) break;
  }
}

/**
 * In table headers and label columns, text wrapped inside a cell (商业 / 企业, 结果 / 维持,
 * （五）不 / 予处理) becomes one cell; then header lines whose cells do not overlap are combined.
 */
function stackHeaderCells(lines: LayoutLine[], ctx: LayoutContext, textWidth: number): void {
  const stackable = (c: LayoutCell) =>
    c.fontSize < 0.9 * ctx.bodyFontSize || c.right - c.x <= 0.3 * textWidth;
  // Words of two or three characters in tall header cells may sit far apart (结 果 … 维持).
  const short = (c: LayoutCell) => c.right - c.x <= 3.5 * c.fontSize;
  for (let j = 1; j < lines.length; j++) {
    const line = lines[j];
    if (!line.inTable || line.verticalLabel || isTableLine(line)) continue;
    for (const b of [...line.cells]) {
      if (b.value || !stackable(b) || ENUMERATION.test(b.text)) continue;
      for (let i = j - 1; i >= 0; i--) {
        const upper = lines[i];
        const upperBottom = Math.max(...upper.cells.map((c) => c.bottom));
        if (b.top - upperBottom > 3.6 * b.fontSize) break;
        if (upper.verticalLabel) continue;
        const hits = upper.cells.filter((c) => overlaps(c, b));
        if (hits.length === 0) continue;
        const a = hits[0];
        const ok =
          hits.length === 1 &&
          upper.inTable &&
          !isTableLine(upper) &&
          !a.value &&
          stackable(a) &&
          similarFont(a, b) &&
          aligned(a, b) &&
          line.cells.filter((c) => overlaps(c, a)).length === 1 &&
          b.top - a.bottom > 0 &&
          b.top - a.bottom <= (short(a) && short(b) ? 3.6 : 2.3) * b.fontSize;
        if (ok) {
          mergeInto(a, b);
          line.cells.splice(line.cells.indexOf(b), 1);
        }
        break;
      }
    }
    if (line.cells.length === 0) {
      lines.splice(j, 1);
      j--;
    }
  }
  // Combine header lines a little apart whose cells sit side by side.
  for (let j = 1; j < lines.length; j++) {
    const [upper, lower] = [lines[j - 1], lines[j]];
    const plain = (l: LayoutLine) =>
      l.inTable &&
      !l.verticalLabel &&
      !isTableLine(l) &&
      l.cells.every((c) => !c.value && stackable(c));
    if (!plain(upper) || !plain(lower)) continue;
    const font = Math.min(upper.fontSize, lower.fontSize);
    const lowestStart = Math.max(...upper.cells.map((c) => c.top));
    const upperEnd = Math.max(...upper.cells.map((c) => c.bottom));
    const lowerStart = Math.min(...lower.cells.map((c) => c.top));
    // Close below, or beside a cell that was stacked over several lines.
    if (lower.middle - lowestStart > 1.3 * font && lowerStart > upperEnd + 0.2 * font) continue;
    if (lower.cells.some((b) => upper.cells.some((a) => overlaps(a, b)))) continue;
    upper.cells = [...upper.cells, ...lower.cells].sort((a, b) => a.x - b.x);
    lines.splice(j, 1);
    j--;
  }
}

/** Lays out one page: lines with cells, vertical labels lifted out, wrapped labels re-joined. */
export function layoutLines(
  lines: LayoutLine[],
  ctx: LayoutContext,
  textWidth: number,
): LayoutLine[] {
  const out = lines.filter((l) => l.cells.length > 0);
  markTables(out, ctx);
  joinWrappedValues(out);
  adoptLabels(out);
  joinWrappedLabels(out, textWidth);
  joinSplitRows(out);
  stackHeaderCells(out, ctx, textWidth);
  return out;
}

/**
 * A table row may break across pages (word processors allow it by default): the label's last
 * piece opens the next page. It continues the last row of the page before when that row's label
 * filled its column and the piece starts no new item, in the same column and type.
 */
export function joinLabelsAcrossPages(pages: LayoutLine[][]): LayoutLine[][] {
  for (let p = 1; p < pages.length; p++) {
    const before = pages[p - 1];
    const last = before[before.length - 1];
    if (!last || !isTableLine(last)) continue;
    const firstValue = last.cells.findIndex((c) => c.value);
    const label = last.cells.slice(0, firstValue).pop();
    if (!label || !fillsLabelColumn(before, label)) continue;
    // The first of the page's lines with text in the label's column, before any value (pieces
    // of a group label printed a few characters per line may stand left of it).
    for (const line of pages[p]) {
      if (line.verticalLabel) continue;
      if (!line.inTable || line.cells.some((c) => c.value)) break;
      const piece = line.cells[line.cells.length - 1];
      if (piece.right < label.x) continue;
      const besideGroup = line.cells.every((c) => c === piece || c.right < piece.x);
      if (besideGroup && aligned(label, piece) && similarFont(label, piece) && !ENUMERATION.test(piece.text)) {
        label.text = joinPieces(label.text, piece.text, Infinity, label.fontSize);
        line.cells.pop();
        if (line.cells.length === 0) pages[p] = pages[p].filter((l) => l !== line);
      }
      break;
    }
  }
  return pages;
}

/** Whether a one-cell line still reads as part of a table (kind 'row') rather than running text. */
export function isRowLike(line: LayoutLine): boolean {
  if (line.verticalLabel) return false;
  return line.cells.length >= 2 || !!line.inTable;
}
