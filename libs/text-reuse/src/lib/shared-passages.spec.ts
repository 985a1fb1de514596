import { narrativeText, SeededRandom } from '@atlas/demo-data';
import { BoilerplateFilter } from './boilerplate';
import { piecesOf, sentencesOf } from './passages';
import { markSharedPassages, type MarkedSpan } from './shared-passages';

const YEAR = 2024;
const TEMPLATE = '本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。';

/** Thirty agencies' parts 一, to learn the common wording from. */
const texts = Array.from(
  { length: 30 },
  (_, i) => narrativeText(new SeededRandom(700 + i), `示例县第${i}局`, YEAR).overview,
);
const filter = new BoilerplateFilter();
for (const text of texts) filter.learn(text);

const joinedText = (spans: readonly MarkedSpan[]) => spans.map((span) => span.text).join('');
const ofKind = (spans: readonly MarkedSpan[], kind: MarkedSpan['kind']) =>
  spans.filter((span) => span.kind === kind).map((span) => span.text);

describe('piecesOf', () => {
  it('keeps every character, and names the sentences sentencesOf names', () => {
    const text = '一、总体情况\n现将本年度工作报告如下。全年发布信息 12 条！\n\n无。其后';
    const pieces = piecesOf(text);
    expect(pieces.map((piece) => piece.text).join('')).toBe(text);
    expect(pieces.flatMap((piece) => (piece.sentence ? [piece.sentence] : []))).toEqual(
      sentencesOf(text),
    );
  });
});

describe('markSharedPassages', () => {
  const source = texts[3] ?? '';
  // A copy: the other agency's name in, its numbers, one sentence of its own added.
  const copy = `${source.replaceAll('示例县第3局', '示例县抄写局').replace(/\d+/g, '8')}另外，我局在新城片区组织开展了一次面向外卖骑手的条例宣讲活动。`;

  it('marks the sentences each passage shares with the other, and keeps the text as written', () => {
    const { a, b } = markSharedPassages(copy, source, filter);
    expect(joinedText(a)).toBe(copy);
    expect(joinedText(b)).toBe(source);
    const sharedInCopy = ofKind(a, 'shared');
    const sharedInSource = ofKind(b, 'shared');
    expect(sharedInCopy.length).toBeGreaterThanOrEqual(3);
    expect(sharedInSource.length).toBeGreaterThanOrEqual(3);
    // Each mark is one sentence; the copier's added sentence is its own.
    for (const sentence of [...sharedInCopy, ...sharedInSource])
      expect(sentencesOf(sentence)).toHaveLength(1);
    expect(sharedInCopy.join('')).not.toContain('外卖骑手');
    expect(joinedText(a.filter((span) => span.kind !== 'shared'))).toContain('外卖骑手');
  });

  it('shows the template’s wording and set phrases as boilerplate, never as shared', () => {
    const { a, b } = markSharedPassages(`${TEMPLATE}${copy}`, `${TEMPLATE}${source}`, filter);
    expect(ofKind(a, 'boilerplate').join('')).toContain('统计期限');
    expect(ofKind(b, 'boilerplate').join('')).toContain('统计期限');
    // The set phrase every generated part 一 opens with is common among the thirty.
    const opening = sentencesOf(source)[0]?.text ?? '';
    expect(ofKind(b, 'boilerplate').join('')).toContain(opening);
    expect(ofKind(a, 'shared').join('')).not.toContain('统计期限');
  });

  it('marks nothing shared between agencies that wrote their own texts', () => {
    const { a, b } = markSharedPassages(texts[5] ?? '', texts[6] ?? '', filter);
    expect(ofKind(a, 'shared')).toEqual([]);
    expect(ofKind(b, 'shared')).toEqual([]);
  });

  it('shows an empty passage as no spans', () => {
    expect(markSharedPassages('', source, filter).a).toEqual([]);
  });
});
