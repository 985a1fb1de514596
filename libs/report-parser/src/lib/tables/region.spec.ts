import { placeInColumns, type SourcedToken } from './region';

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
