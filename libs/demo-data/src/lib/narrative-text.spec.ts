import { narrativeText } from './narrative-text';
import { SeededRandom } from './random';

describe('narrativeText', () => {
  it('writes parts 一 and 五 for an agency, the same for the same seed', () => {
    const text = narrativeText(new SeededRandom(7), '示例县教育局', 2024);
    expect(narrativeText(new SeededRandom(7), '示例县教育局', 2024)).toEqual(text);
    expect(text.overview).toContain('现将本年度政府信息公开工作情况报告如下');
    expect(text.overview.split('。').length).toBeGreaterThan(6);
    expect(text.problems).toMatch(/^一是.+下一步，示例县教育局将/u);
  });

  it('gives different agencies different texts', () => {
    const a = narrativeText(new SeededRandom(1), '甲局', 2024).overview;
    const b = narrativeText(new SeededRandom(2), '乙局', 2024).overview;
    expect(a).not.toEqual(b);
  });
});
