import { narrativeText, SeededRandom, type NarrativeText } from '@atlas/demo-data';
import { BoilerplateFilter } from './boilerplate';
import { wordingOf } from './passages';
import {
  COPY_THRESHOLD,
  fingerprintOf,
  isJudgeable,
  ReuseIndex,
  sharedSentences,
  similarityOf,
} from './reuse-index';

const YEAR = 2024;
const agencyName = (i: number) => `示例县第${i}局`;

/** Forty agencies of one county writing their own parts 一 and 五. */
function county(seed: number, size = 40): NarrativeText[] {
  return Array.from({ length: size }, (_, i) =>
    narrativeText(new SeededRandom(seed * 1000 + i), agencyName(i), YEAR),
  );
}

function learnedFilter(texts: readonly NarrativeText[]): BoilerplateFilter {
  const filter = new BoilerplateFilter();
  for (const text of texts) {
    filter.learn(text.overview);
    filter.learn(text.problems);
  }
  return filter;
}

/** What a copying agency does: its own name in, other numbers, a word or two changed. */
function copyWithSmallEdits(text: string, from: string, to: string): string {
  let n = 0;
  return text
    .replaceAll(from, to)
    .replace(/\d+/g, (digits) => String(Number(digits) + 7 + n++))
    .replace('持续', '不断')
    .replace('细化', '深化');
}

describe('copied-content detection', () => {
  const texts = county(1);
  const filter = learnedFilter(texts);
  const source = texts[5]?.overview ?? '';

  it('finds a part copied with the name, numbers and a word changed', () => {
    const copy = copyWithSmallEdits(source, agencyName(5), '示例县新来局');
    const a = fingerprintOf(copy, filter);
    const b = fingerprintOf(source, filter);
    expect(isJudgeable(a)).toBe(true);
    expect(similarityOf(a, b)).toBeGreaterThanOrEqual(0.85);
    // Every sentence carried over unchanged is marked as standing in the other report; the
    // sentences the copier edited (its name, a word) may not be.
    const unchanged = a.sentences.filter((sentence) => source.includes(sentence.text));
    expect(unchanged.length).toBeGreaterThan(0);
    expect(sharedSentences(a, b)).toEqual(expect.arrayContaining(unchanged));
  });

  it('finds a copied part inside a longer text of the agency’s own', () => {
    const own = texts[9]?.overview ?? '';
    const a = fingerprintOf(
      `${own}${copyWithSmallEdits(source, agencyName(5), agencyName(9))}`,
      filter,
    );
    expect(similarityOf(a, fingerprintOf(source, filter))).toBeGreaterThanOrEqual(COPY_THRESHOLD);
  });

  it('does not flag agencies that wrote their own texts from the same set phrases', () => {
    let highest = 0;
    const prints = texts.map((text) => fingerprintOf(text.overview, filter));
    for (let i = 0; i < prints.length; i++)
      for (let j = i + 1; j < prints.length; j++) {
        const a = prints[i];
        const b = prints[j];
        if (a && b) highest = Math.max(highest, similarityOf(a, b));
      }
    expect(highest).toBeLessThan(COPY_THRESHOLD);
  });

  it('does not judge a part that is boilerplate only', () => {
    const template =
      '现将本年度政府信息公开工作情况报告如下。本报告中所列数据的统计期限自1月1日起至12月31日止。';
    const a = fingerprintOf(template, filter);
    expect(a.sentences).toEqual([]);
    expect(isJudgeable(a)).toBe(false);
    expect(similarityOf(a, a)).toBe(0);
  });

  it('ignores numbers, dates and punctuation in the wording', () => {
    expect(wordingOf('2024年，全年发布信息 1,234 条（含图解 5 条）。')).toBe(
      '年全年发布信息条含图解条',
    );
  });

  it('finds copies among four hundred passages through the index, and only those', () => {
    const many = [...county(2, 200), ...county(3, 200)];
    const manyFilter = new BoilerplateFilter();
    for (const text of many) manyFilter.learn(text.overview);
    const index = new ReuseIndex<number>();
    many.forEach((text, i) => index.add(i, fingerprintOf(text.overview, manyFilter)));
    // Four sources spread over the set, each with enough prose of its own to be copied.
    const copied = [17, 150, 260, 390].map((start) =>
      many.findIndex(
        (text, i) => i >= start && isJudgeable(fingerprintOf(text.overview, manyFilter)),
      ),
    );
    for (const i of copied) {
      const copy = copyWithSmallEdits(many[i]?.overview ?? '', agencyName(i % 200), '抄写局');
      const matches = index.matches(fingerprintOf(copy, manyFilter));
      expect(matches.map((match) => match.key)).toEqual([i]);
    }
    // An agency's own new text matches nothing.
    const fresh = narrativeText(new SeededRandom(424242), '另一个局', YEAR).overview;
    expect(index.matches(fingerprintOf(fresh, manyFilter))).toEqual([]);
  });
});
