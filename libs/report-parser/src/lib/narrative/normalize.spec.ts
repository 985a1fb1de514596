import {
  compactText,
  isPageFooter,
  parseChineseInteger,
  parseCount,
  removePageFooters,
  toHalfWidth,
} from './normalize';

describe('toHalfWidth', () => {
  it('turns full-width digits, ％ and ． into ASCII and leaves Chinese punctuation', () => {
    expect(toHalfWidth('２０２３年，办结率１００％，３．５万元')).toBe(
      '2023年，办结率100%，3.5万元',
    );
  });
});

describe('compactText', () => {
  it('drops line wraps and spaces inside Chinese text', () => {
    expect(compactText('区政府办代表区政府受理政府\n信息公开申请 17 件，均已')).toBe(
      '区政府办代表区政府受理政府信息公开申请17件，均已',
    );
  });

  it('drops ideographic and no-break spaces', () => {
    expect(compactText('共收到　申请\u00a02　件')).toBe('共收到申请2件');
  });

  it('keeps one space between two numbers', () => {
    expect(compactText('0 1  1\t0')).toBe('0 1 1 0');
  });

  it('removes thousands separators (ASCII and full-width commas) but not list commas', () => {
    expect(compactText('受理申请 3,119 件，答复3，050件')).toBe('受理申请3119件，答复3050件');
    expect(compactText('自然人72件，商业企业3件')).toBe('自然人72件，商业企业3件');
  });

  it('removes page-number lines', () => {
    expect(compactText('全年完成审查 166 件、\n— 2 —\n发布审查 330 件')).toBe(
      '全年完成审查166件、发布审查330件',
    );
  });
});

describe('page footers', () => {
  it.each(['— 4 —', '-3-', '- 1 -', '第 2 页 共 7 页', '－５－'])('%s is a page number', (line) => {
    expect(isPageFooter(line)).toBe(true);
  });

  it.each(['2023 年', '一、总体情况', '— 4 — 行政许可'])('%s is not', (line) => {
    expect(isPageFooter(line)).toBe(false);
  });

  it('removes only whole lines', () => {
    expect(removePageFooters('a\n- 3 -\nb - 3 - c')).toBe('a\n\nb - 3 - c');
  });
});

describe('numbers', () => {
  it.each([
    ['十二', 12],
    ['两', 2],
    ['十', 10],
    ['一百二十', 120],
    ['三千零五', 3005],
    ['两万', 20000],
  ])('%s is %d', (text, value) => {
    expect(parseChineseInteger(text)).toBe(value);
  });

  it('reads digits and rejects non-numerals', () => {
    expect(parseCount('3119')).toBe(3119);
    expect(parseCount('12.5')).toBe(12.5);
    expect(parseCount('十二')).toBe(12);
    expect(parseChineseInteger('申请')).toBeNull();
    expect(parseChineseInteger('')).toBeNull();
  });
});
