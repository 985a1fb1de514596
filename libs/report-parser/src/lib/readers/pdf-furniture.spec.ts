import { dropPageFurniture, type PageLines } from './pdf-furniture';
import type { LayoutLine } from './pdf-layout';

function line(middle: number, ...texts: string[]): LayoutLine {
  return {
    middle,
    fontSize: 10,
    cells: texts.map((text, i) => ({ text, x: 50 + i * 40, right: 80 + i * 40, fontSize: 10, top: middle, bottom: middle, value: /^[\d—/]+$/.test(text) })),
  };
}

const texts = (page: PageLines) => page.lines.map((l) => l.cells.map((c) => c.text).join(' '));

describe('dropPageFurniture', () => {
  it('drops a page number printed between dashes', () => {
    const page: PageLines = { height: 800, lines: [line(100, '正文'), line(780, '— 3 —')] };
    dropPageFurniture([page]);
    expect(texts(page)).toEqual(['正文']);
  });

  it('keeps a table row of blank marks around one number, anywhere on the page', () => {
    // "— 9 — — — —": blanks printed as dashes, one value. Not "— 9 —".
    const page: PageLines = { height: 800, lines: [line(400, '1.属于国家秘密', '1', '2'), line(420, '—', '9', '—', '—', '—', '—')] };
    dropPageFurniture([page]);
    expect(texts(page)).toEqual(['1.属于国家秘密 1 2', '— 9 — — — —']);
  });
});
