import { ParseError } from '../document';
import { expandSpans, gridToLines } from './grid';

const texts = (grid: { text: string; mergedFrom?: string }[][]): string[][] =>
  grid.map((row) =>
    row.map((slot) => (slot.mergedFrom ? `${slot.text}<${slot.mergedFrom}` : slot.text)),
  );

describe('expandSpans', () => {
  it('copies rowspan and colspan origins into the positions they cover', () => {
    const grid = expandSpans([
      [{ text: 'A', rowSpan: 2, colSpan: 2 }, { text: 'B' }],
      [{ text: 'C' }],
      [{ text: 'D' }, { text: 'E' }, { text: 'F' }],
    ]);
    expect(texts(grid)).toEqual([
      ['A', 'A<column', 'B'],
      ['A<row', 'A<row', 'C'],
      ['D', 'E', 'F'],
    ]);
  });

  it('cuts rowspans at the last row, treats rowspan=0 as "to the end" and pads short rows', () => {
    const grid = expandSpans([
      [
        { text: 'A', rowSpan: 9 },
        { text: 'B', colSpan: 0 },
      ],
      [{ text: 'C', rowSpan: 0 }],
      [],
      [{ text: 'D' }],
    ]);
    expect(texts(grid)).toEqual([
      ['A', 'B', ''],
      ['A<row', 'C', ''],
      ['A<row', 'C<row', ''],
      ['A<row', 'C<row', 'D'],
    ]);
  });

  it('keeps the first cell where broken spans overlap', () => {
    const grid = expandSpans([
      [{ text: 'A', rowSpan: 2 }, { text: 'B' }],
      [{ text: 'C', colSpan: 2 }],
    ]);
    expect(texts(grid)).toEqual([
      ['A', 'B', ''],
      ['A<row', 'C', 'C<column'],
    ]);
  });

  it('refuses grids that spans would blow up', () => {
    const rows = Array.from({ length: 50 }, () => [{ text: 'x', colSpan: 1000 }]);
    expect(() => expandSpans(rows, 10_000)).toThrow(ParseError);
    expect(() => expandSpans(rows, 10_000)).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });
});

describe('gridToLines', () => {
  it('gives every cell its grid position, copies their own position too', () => {
    const [line] = gridToLines(expandSpans([[{ text: 'A', colSpan: 2 }]]), { table: 3 });
    expect(line).toEqual({
      kind: 'row',
      source: { table: 3, row: 1 },
      cells: [
        { text: 'A', source: { table: 3, row: 1, column: 1 } },
        { text: 'A', mergedFrom: 'column', source: { table: 3, row: 1, column: 2 } },
      ],
    });
  });

  it('uses sheet row numbers and the first column when given', () => {
    const [line] = gridToLines([[{ text: 'x' }]], {
      table: 2,
      sheet: 'S',
      rowNumbers: [7],
      firstColumn: 3,
    });
    expect(line.cells[0].source).toEqual({ sheet: 'S', table: 2, row: 7, column: 3 });
  });
});
