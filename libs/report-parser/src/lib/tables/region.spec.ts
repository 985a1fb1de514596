import type { DocLine } from '../document';
import { flattenLines } from './flat-text';
import { placeInColumns, readRowValues, type SourcedToken } from './region';

const value = (printed: string, centre?: number): SourcedToken => ({
  kind: 'number',
  value: Number(printed),
  raw: printed,
  provenance: { source: { page: 1, line: 1 }, raw: printed },
  lineIndex: 0,
  ...(centre === undefined ? {} : { centre }),
});

describe('placeInColumns', () => {
  const centres = [100, 150, 200, 250];

  it('puts each value in the column it stands under, blanks where none does', () => {
    const placed = placeInColumns([value('7', 102), value('7', 249)], centres);
    expect(placed?.map((token) => token?.raw ?? null)).toEqual(['7', null, null, '7']);
  });

  it('gives up on a value between two columns, two values in one column, or no position', () => {
    expect(placeInColumns([value('7', 125)], centres)).toBeNull();
    expect(placeInColumns([value('1', 148), value('2', 152)], centres)).toBeNull();
    expect(placeInColumns([value('1')], centres)).toBeNull();
  });
});

describe('readRowValues on a PDF row with nothing printed', () => {
  const row = (x?: number): DocLine => ({
    kind: 'row',
    source: { page: 1, line: 3 },
    cells: [{ text: '1.属于国家秘密', source: { page: 1, line: 3 }, ...(x === undefined ? {} : { x, width: 70 }) }],
  });

  it('reads blanks for zeros, not as printed (the sums decide)', () => {
    const flat = flattenLines([row(100)]);
    const values = readRowValues(flat, flat.text.indexOf('密') + 1, flat.text.length, 3);
    expect(values).toMatchObject({ kind: 'values', values: [0, 0, 0], exact: false, blankRow: true });
  });

  it('reads nothing from a row of text without positions', () => {
    const flat = flattenLines([row()]);
    expect(readRowValues(flat, flat.text.indexOf('密') + 1, flat.text.length, 3)).toMatchObject({ kind: 'short', values: [] });
  });
});

describe('readRowValues on a PDF row placed by position', () => {
  const centres = [105, 155, 205];
  const line = (index: number, cells: readonly (readonly [string, number])[]): DocLine => ({
    kind: 'row',
    source: { page: 1, line: index },
    cells: cells.map(([text, x]) => ({ text, x, width: text.length * 10, source: { page: 1, line: index } })),
  });
  const read = (lines: DocLine[]) => {
    const flat = flattenLines(lines);
    return readRowValues(flat, flat.text.indexOf('密') + 1, flat.text.length, 3, centres);
  };

  it('marks a row printed on one line, each number well inside its column', () => {
    expect(read([line(1, [['1.属于国家秘密', 0], ['4', 100], ['4', 200]])])).toMatchObject({ kind: 'values', values: [4, 0, 4], exact: false, placedOnOneLine: true });
    // Across the middle between two columns: placed, but not as surely.
    expect(read([line(1, [['1.属于国家秘密', 0], ['4', 125], ['4', 200]])])).not.toHaveProperty('placedOnOneLine');
  });

  it('says so when numbers gathered from two lines collide in one column (another row\'s)', () => {
    const values = read([line(1, [['1.属于国家秘密', 0], ['3', 200]]), line(2, [['1', 200]])]);
    expect(values).toMatchObject({ kind: 'short', misplaced: true });
  });
});
