import { createFinding, RULE, RULES } from './rules';

describe('rules', () => {
  it('lists the twelve rules of the spec, F.LAYOUT and F.TEMPLATE once each', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([
      'T3.BALANCE',
      'T3.OUTCOMES',
      'T3.ROWSUM',
      'T4.TOTAL',
      'T2.STOCK',
      'X.CARRY',
      'N.APPLICATIONS',
      'N.REVIEW',
      'N.LITIGATION',
      'F.MISSING_TABLE',
      'F.TEMPLATE',
      'F.UNKNOWN_ROW',
      'F.LAYOUT',
      'F.AMBIGUOUS',
    ]);
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
