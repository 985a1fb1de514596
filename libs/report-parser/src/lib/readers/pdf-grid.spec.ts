import {
  cellText,
  findGrids,
  mergeRules,
  readRuledTables,
  splitRun,
  type Rule,
  type RuledTable,
} from './pdf-grid';
import type { PlacedText } from './pdf-layout';

const h = (y: number, x0: number, x1: number): Rule => ({
  horizontal: true,
  at: y,
  from: x0,
  to: x1,
});
const v = (x: number, y0: number, y1: number): Rule => ({
  horizontal: false,
  at: x,
  from: y0,
  to: y1,
});

/** Every rule of a full grid with these column and row boundaries. */
function fullGrid(xs: number[], ys: number[]): Rule[] {
  return [
    ...ys.map((y) => h(y, xs[0], xs[xs.length - 1])),
    ...xs.map((x) => v(x, ys[0], ys[ys.length - 1])),
  ];
}

/** A run of text; CJK characters 10 wide, others 5, unless a width is given. */
const run = (text: string, x: number, middle: number, width?: number): PlacedText => ({
  text,
  x,
  middle,
  width: width ?? [...text].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 5 : 10), 0),
  fontSize: 10,
});

/** The table as text, merged positions shown as ^r (from above) or ^c (from the left). */
const show = (table: RuledTable) =>
  table.rows.map((row) =>
    row.slots.map((slot) => (slot.mergedFrom ? `^${slot.mergedFrom[0]}` : slot.text)),
  );

describe('mergeRules', () => {
  it('joins pieces drawn cell by cell and double borders into one rule', () => {
    const merged = mergeRules([
      h(100, 0, 50),
      h(100.4, 49, 120), // the next cell's piece, overlapping by a line width
      h(101, 0, 120), // the second line of a double border
      h(100, 200, 300), // another table on the same line, far to the right
      v(0, 100, 200),
    ]);
    expect(merged.map((r) => [r.horizontal, r.from, r.to])).toEqual([
      [true, 0, 120],
      [true, 200, 300],
      [false, 100, 200],
    ]);
    // The merged rule lies between its pieces, weighted by their lengths.
    expect(merged[0].at).toBeGreaterThan(100);
    expect(merged[0].at).toBeLessThan(101);
  });
});

describe('findGrids', () => {
  it('builds the cells of a full grid', () => {
    const [grid] = findGrids(fullGrid([0, 100, 150, 200], [0, 20, 40]));
    expect(grid.xs).toEqual([0, 100, 150, 200]);
    expect(grid.ys).toEqual([0, 20, 40]);
    expect(grid.cells).toHaveLength(6);
    expect(grid.owner).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it('merged cells are those whose inner rules are missing', () => {
    // Columns 0 | 100 | 150 | 200, rows 0 / 20 / 40 / 60. The label column's cell spans rows 2-3
    // (no rule at y=40 left of x=100); the header spans the two value columns (no rule at x=150
    // above y=20).
    const rules = [
      h(0, 0, 200),
      h(20, 0, 200),
      h(40, 100, 200),
      h(60, 0, 200),
      v(0, 0, 60),
      v(100, 0, 60),
      v(150, 20, 60),
      v(200, 0, 60),
    ];
    const [grid] = findGrids(rules);
    expect(grid.cells).toEqual([
      { row: 0, column: 0, rowSpan: 1, colSpan: 1 },
      { row: 0, column: 1, rowSpan: 1, colSpan: 2 },
      { row: 1, column: 0, rowSpan: 2, colSpan: 1 },
      { row: 1, column: 1, rowSpan: 1, colSpan: 1 },
      { row: 1, column: 2, rowSpan: 1, colSpan: 1 },
      { row: 2, column: 1, rowSpan: 1, colSpan: 1 },
      { row: 2, column: 2, rowSpan: 1, colSpan: 1 },
    ]);
  });

  it('tolerates rules that stop short of or run past the rules they meet', () => {
    const rules = [
      h(0.5, 1, 199),
      h(20, -1.5, 201),
      h(40.4, 0.8, 200.5),
      v(0, 1.5, 39),
      v(100.5, -1, 41),
      v(199.6, 0, 40),
    ];
    const [grid] = findGrids(rules);
    expect(grid.owner).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('finds no grid in a frame, a three-line table, underlines or a lone cross', () => {
    expect(findGrids(fullGrid([0, 200], [0, 100]))).toEqual([]); // a frame: one cell
    expect(findGrids([h(0, 0, 200), h(20, 0, 200), h(100, 0, 200)])).toEqual([]); // no verticals
    expect(findGrids([h(0, 0, 200), v(100, -50, 50)])).toEqual([]);
    // A frame with horizontal rules only inside: one column.
    expect(findGrids([...fullGrid([0, 200], [0, 100]), h(50, 0, 200)])).toEqual([]);
  });

  it('separates tables that do not touch, and drops an underline inside a cell', () => {
    const grids = findGrids([
      ...fullGrid([0, 100, 200], [0, 20, 40]),
      h(35, 10, 60), // an underline inside a cell: meets no vertical rule
      ...fullGrid([0, 50, 200], [300, 320, 340]),
    ]);
    expect(grids.map((g) => [g.xs, g.ys])).toEqual([
      [
        [0, 100, 200],
        [0, 20, 40],
      ],
      [
        [0, 50, 200],
        [300, 320, 340],
      ],
    ]);
  });

  it('closes a table whose outer sides are open (rules run past the last vertical)', () => {
    const rules = [h(0, 0, 200), h(20, 0, 200), h(40, 0, 200), v(100, 0, 40), v(150, 0, 40)];
    const [grid] = findGrids(rules);
    expect(grid.xs).toEqual([0, 100, 150, 200]);
  });
});

describe('text in cells', () => {
  it('joins a cell’s lines: CJK and a wrapped number without a space, Latin words with one', () => {
    expect(
      cellText([
        run('（二）部分公开（区分处理的，只计这一', 0, 10),
        run('情形，不计其他情形）', 0, 22),
      ]),
    ).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(cellText([run('Total of', 0, 10), run('year 2023', 0, 22)])).toBe('Total of year 2023');
    expect(cellText([run('总', 0, 10), run('计', 40, 10)])).toBe('总计');
    expect(cellText([])).toBe('');
    // A number too wide for its narrow cell wraps: 10 / 2 is 102, 14 / 6 is 146.
    expect(cellText([run('10', 0, 10), run('2', 0, 22)])).toBe('102');
    expect(cellText([run('1,2', 0, 10), run('34.5', 0, 22)])).toBe('1,234.5');
  });

  it('splits a run at given positions by character width', () => {
    const pieces = splitRun(run('标签标签', 0, 10), [20]);
    expect(pieces.map((p) => [p.text, p.x, p.width])).toEqual([
      ['标签', 0, 20],
      ['标签', 20, 20],
    ]);
    // Digits are narrower than CJK characters: the cut falls after the label, not inside it.
    expect(splitRun(run('合计12', 0, 10, 31), [21]).map((p) => p.text)).toEqual(['合计', '12']);
  });
});

describe('readRuledTables', () => {
  // A table-3-like grid: label column 0-200, seven value columns of 30 from 200 to 410.
  const xs = [0, 200, 230, 260, 290, 320, 350, 380, 410];

  it('reads rows whose label wraps and whose values sit at different heights', () => {
    const rules = fullGrid(xs, [0, 40, 60]);
    const values = ['0', '36', '2', '0', '10', '0'];
    const runs = [
      // Wrapped over two lines, values of the first six columns on the top line, the total centred.
      run('（二）部分公开（区分处理的，只', 2, 10),
      run('计这一情形，不计其他情形）', 2, 30),
      ...values.map((text, i) => run(text, xs[i + 1] + 2, 10)),
      run('48', xs[7] + 2, 20),
      run('1.属于国家秘密', 2, 50),
      ...['318', '14', '0', '0', '0', '0', '332'].map((text, i) => run(text, xs[i + 1] + 2, 50)),
    ];
    const { tables, rest } = readRuledTables(rules, runs);
    expect(rest).toEqual([]);
    expect(tables.map(show)).toEqual([
      [
        ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ...values, '48'],
        ['1.属于国家秘密', '318', '14', '0', '0', '0', '0', '332'],
      ],
    ]);
    expect(tables[0].rows[0]).toMatchObject({ top: 0, bottom: 40 });
    expect(tables[0].rows[0].slots[1]).toMatchObject({ x: 200, right: 230 });
  });

  it('gives merged cells copies, and keeps blank cells in place', () => {
    // Rows: header spanning the value columns; then a row label spanning two rows.
    const rules = [
      h(0, 0, 410),
      h(20, 0, 410),
      h(40, 100, 410),
      h(60, 0, 410),
      v(0, 0, 60),
      v(100, 20, 60),
      ...xs.slice(1, -1).map((x) => v(x, x === 200 ? 0 : 20, 60)),
      v(410, 0, 60),
    ];
    const runs = [
      run('说明', 2, 10),
      run('申请人情况', 250, 10),
      run('（三）不予公开', 2, 40),
      run('1.属于国家秘密', 102, 30),
      run('5', 202, 30),
      run('5', 382, 30),
      run('2.其他', 102, 50),
    ];
    const { tables } = readRuledTables(rules, runs);
    expect(tables.map(show)).toEqual([
      [
        ['说明', '^c', '申请人情况', '^c', '^c', '^c', '^c', '^c', '^c'],
        ['（三）不予公开', '1.属于国家秘密', '5', '', '', '', '', '', '5'],
        ['^r', '2.其他', '', '', '', '', '', '', ''],
      ],
    ]);
    expect(tables[0].rows[2].slots[0]).toMatchObject({ text: '（三）不予公开', mergedFrom: 'row' });
  });

  it('splits a run that crosses a cell’s side', () => {
    const rules = fullGrid([0, 100, 150], [0, 20, 40]);
    // "合计" and "12" came as one run reaching over the rule at x=100.
    const runs = [run('合计合计合计合计合计12', 0, 10, 110), run('a', 2, 30), run('b', 102, 30)];
    const { tables } = readRuledTables(rules, runs);
    expect(tables.map(show)).toEqual([
      [
        ['合计合计合计合计合计', '12'],
        ['a', 'b'],
      ],
    ]);
  });

  it('leaves text outside the tables, and all text of a page without rules, to the caller', () => {
    const rules = fullGrid([0, 100, 150], [100, 120, 140]);
    const outside = [run('一、总体情况', 0, 50), run('五、存在的主要问题', 0, 200)];
    const inside = [
      run('规章', 2, 110),
      run('3', 102, 110),
      run('规范性文件', 2, 130),
      run('7', 102, 130),
    ];
    const { tables, rest } = readRuledTables(rules, [...outside, ...inside]);
    expect(tables).toHaveLength(1);
    expect(rest).toEqual(outside);
    expect(readRuledTables([], [...outside, ...inside])).toEqual({
      tables: [],
      rest: [...outside, ...inside],
    });
  });

  it('falls back when the rules do not separate the values (no inner vertical rules)', () => {
    // Rows ruled, but only the label column separated from the values.
    const rules = [
      ...[0, 20, 40, 60].map((y) => h(y, 0, 410)),
      v(0, 0, 60),
      v(200, 0, 60),
      v(410, 0, 60),
    ];
    const runs = [0, 1, 2].flatMap((r) => [
      run(`第${r}行`, 2, 10 + 20 * r),
      ...[0, 1, 2, 3].map((k) => run(String(k), 210 + 40 * k, 10 + 20 * r)),
    ]);
    const { tables, rest } = readRuledTables(rules, runs);
    expect(tables).toEqual([]);
    expect(rest).toEqual(runs);
  });

  it('falls back when a grid holds text in fewer than two cells (a box around a paragraph)', () => {
    const rules = fullGrid([0, 300, 310], [0, 50, 60]);
    const runs = [run('本报告根据条例编制。', 5, 20)];
    expect(readRuledTables(rules, runs)).toEqual({ tables: [], rest: runs });
  });
});
