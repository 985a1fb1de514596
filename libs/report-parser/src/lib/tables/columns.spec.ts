import type { DocLine } from '../document';
import { columnCentres } from './columns';
import { flattenLines } from './flat-text';

/** A PDF line: cells of [text, x] at 10pt, one character 10pt wide (digits 5pt). */
function line(index: number, cells: readonly (readonly [string, number])[]): DocLine {
  return {
    kind: 'row',
    source: { page: 1, line: index },
    cells: cells.map(([text, x]) => ({
      text,
      x,
      width: [...text].reduce((width, char) => width + (/\d/.test(char) ? 5 : 10), 0),
      source: { page: 1, line: index },
    })),
  };
}

function centresOf(lines: DocLine[], count: number, headers: readonly string[] = []) {
  const flat = flattenLines(lines);
  const first = flat.text.indexOf('一、');
  return columnCentres(flat, { start: 0, end: flat.text.length }, count, headers, first < 0 ? flat.text.length : first);
}

describe('columnCentres', () => {
  const HEADERS = ['自然人', '商业企业', '社会公益组织', '总计'];

  it('finds header labels wrapped over lines, and two cells printed as one piece', () => {
    const lines = [
      line(0, [['商业', 150], ['社会公', 185]]),
      line(1, [['自然', 100], ['总计', 250]]),
      // 人 under 自然; 益组织 under 社会公; 企业 under 商业, two lines below
      line(2, [['人', 105], ['益组织', 185]]),
      line(3, [['企业', 150]]),
      line(4, [['一、新收', 0], ['4', 108], ['4', 258]]),
    ];
    expect(centresOf(lines, 4, HEADERS)).toEqual([110, 160, 200, 260]);
    // 社会公 and the next header printed without a gap: the part is placed by its characters.
    const merged = [line(0, [['自然人', 100], ['商业企业', 140], ['社会公法律服', 190]]), line(1, [['益组织务机构', 190]]), line(2, [['一、', 0], ['4', 112]])];
    expect(centresOf(merged, 4, [...HEADERS.slice(0, 3), '法律服务机构'])).toEqual([115, 160, 205, 235]);
  });

  it('takes a label printed in several groups (table 4) for each of its columns in turn', () => {
    const lines = [line(0, [['结果维持', 100], ['总计', 150], ['结果维持', 200], ['总计', 250]]), line(1, [['一、', 0], ['4', 118]])];
    expect(centresOf(lines, 4, ['结果维持', '总计', '结果维持', '总计'])).toEqual([120, 160, 220, 260]);
  });

  it('groups the values of rows none of which is printed in full, and ignores label numbering', () => {
    const lines = [
      line(0, [['一、新收', 0], ['4', 100], ['12', 200]]),
      line(1, [['1.属于国家秘密', 20], ['7', 152]]),
      line(2, [['2.其他', 20], ['3', 101], ['9', 151]]),
    ];
    expect(centresOf(lines, 3)).toEqual([103.5, 154.5, 205]);
    // Two columns never hold a value: not enough to place them.
    expect(centresOf(lines, 5)).toBeNull();
  });

  it('counts a blank cell\'s mark ("/", "—") as showing where its column is', () => {
    const lines = [
      line(0, [['一、新收', 0], ['4', 100], ['/', 150], ['12', 200]]),
      line(1, [['二、结转', 0], ['7', 101], ['9', 201]]),
    ];
    const centres = centresOf(lines, 3);
    expect(centres).toHaveLength(3);
    expect(centres?.[1]).toBe(155);
    expect(centresOf(lines.map((l) => ({ ...l, cells: l.cells.filter((c) => c.text !== '/') })), 3)).toBeNull();
  });

  it('follows a header printed one character per line past the other columns\' pieces', () => {
    // 总计 of table 4's first group: 总 at the top of its cell, 计 at the bottom, ten lines apart.
    const lines = [
      line(0, [['结果维持', 100], ['总', 150]]),
      ...Array.from({ length: 10 }, (_, i) => line(i + 1, [['其他', 300 + i * 30]])),
      line(11, [['计', 150], ['总计', 400]]),
      line(12, [['一、', 0], ['4', 118]]),
    ];
    expect(centresOf(lines, 2, ['结果维持', '总计'])).toEqual([120, 155]);
  });

  it('measures nothing in a document without positions', () => {
    const flat = flattenLines([{ kind: 'row', source: { line: 1 }, cells: [{ text: '一、新收', source: { line: 1 } }, { text: '4', source: { line: 1 } }] }]);
    expect(columnCentres(flat, { start: 0, end: flat.text.length }, 1, ['自然人'])).toBeNull();
  });
});
