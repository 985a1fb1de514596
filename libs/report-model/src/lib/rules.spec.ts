import { createFinding, RULE, RULES } from './rules';

describe('rules', () => {
  it('lists the twelve rules of the spec, the oversight rules of issue 17, F.LAYOUT and F.TEMPLATE once each', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([
      'T3.BALANCE',
      'T3.OUTCOMES',
      'T3.ROWSUM',
      'T4.TOTAL',
      'T2.STOCK',
      'T2.REPEAL',
      'X.CARRY',
      'N.APPLICATIONS',
      'N.REVIEW',
      'N.LITIGATION',
      'N.COPIED',
      'S.PARTS',
      'S.PERIOD',
      'N.FEE',
      'N.COMPLETION',
      'N.PUBLISHED',
      'N.PASS_RATE',
      'D.LATE',
      'H.COVERAGE',
      'F.MISSING_TABLE',
      'F.TEMPLATE',
      'F.UNKNOWN_ROW',
      'F.LAYOUT',
      'F.AMBIGUOUS',
    ]);
  });

  it('says for every rule what it reads and where it comes from', () => {
    for (const rule of RULES) {
      expect(rule.looksAt).toMatch(/\p{Script=Han}/u);
      expect(['regulation', 'notice', 'template', 'practice']).toContain(rule.source.kind);
      expect(rule.source.cite).toMatch(/\p{Script=Han}/u);
    }
    expect(RULE['T3.BALANCE'].source.cite).toContain('第一项加第二项之和，等于第三项加第四项之和');
  });

  it('gives a finding the severity of its rule', () => {
    expect(createFinding('T2.STOCK', [], '…').severity).toBe('warning');
    expect(createFinding('F.AMBIGUOUS', [], '…', { candidates: [[1]] })).toEqual({
      rule: 'F.AMBIGUOUS',
      severity: 'error',
      cells: [],
      message: '…',
      candidates: [[1]],
    });
    expect(RULE['X.CARRY'].scope).toBe('crossReport');
  });
});
