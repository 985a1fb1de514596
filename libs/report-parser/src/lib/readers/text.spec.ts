import { readText } from './text';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const cellsOf = (text: string) =>
  readText(bytesOf(text), 'text').lines.map((line) => line.cells.map((cell) => cell.text));

describe('readText', () => {
  it('splits tab and Markdown rows into cells, keeps other lines as paragraphs', () => {
    expect(cellsOf('标题\n规章\t0\t\t36\n| 行政许可 | 180 |\n|---|---|')).toEqual([
      ['标题'],
      ['规章', '0', '', '36'],
      ['行政许可', '180'],
    ]);
  });

  it('skips empty lines but keeps a line of no-break spaces as an empty cell (a copied &nbsp; cell)', () => {
    const document = readText(bytesOf('0\n\n\u00a0\n   \n36'), 'text');
    expect(document.lines.map((line) => line.cells.map((cell) => cell.text))).toEqual([['0'], [''], ['36']]);
    expect(document.lines[1]?.source).toEqual({ line: 3 });
  });

  it('keeps a line of tabs alone as a row of empty cells', () => {
    expect(cellsOf('\t\t')).toEqual([['', '', '']]);
  });

  it('reads three empty lines in a row as one empty cell, five as two (a browser copying empty cells)', () => {
    expect(cellsOf('151\n\n\n\n\n\n\n\n37\n\n\n\n188\n\n下一段')).toEqual([
      ['151'],
      [''],
      [''],
      [''],
      ['37'],
      [''],
      ['188'],
      ['下一段'],
    ]);
  });

  it('leaves out a Markdown heading a converter repeated over the pieces of a table', () => {
    const markdown = '## 表三：收到和处理政府信息公开申请情况\n| a | 1 |\n5.要求行政机\n## 表三：收到和处理政府信息公开申请情况\n| 关确认 | 2 |\n## 五、其他';
    const lines = readText(bytesOf(markdown), 'markdown').lines.map((line) => line.cells.map((cell) => cell.text));
    expect(lines).toEqual([['a', '1'], ['5.要求行政机'], ['关确认', '2'], ['## 五、其他']]);
    // In plain text a line starting with # is text.
    expect(readText(bytesOf(markdown), 'text').lines).toHaveLength(6);
  });
});
