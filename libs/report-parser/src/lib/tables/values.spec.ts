import { amountInWanYuan, tokenValue, valueTokens } from './values';

const read = (text: string, runningText = false) =>
  valueTokens(text, runningText).map((token) => (token.kind === 'digits' ? `digits ${token.digits}` : token.kind === 'number' ? token.value : 'blank'));

describe('valueTokens', () => {
  it('reads numbers, zero marks, notes and signed changes', () => {
    expect(read('12')).toEqual(['digits 12']);
    expect(read('7')).toEqual([7]);
    expect(read('—')).toEqual([0]);
    expect(read('')).toEqual(['blank']);
    expect(read('22（其中修订 16 件）')).toEqual([22]);
    expect(read('43件（其中修订 3 件）')).toEqual([43]);
    expect(read('减4')).toEqual([-4]);
  });

  it('reads separators and units', () => {
    expect(read('1,234')).toEqual([1234]);
    expect(read('30件')).toEqual([30]);
    expect(read('1.2万件')).toEqual([12000]);
    expect(read('12.5万元')).toEqual([12.5]);
    expect(read('251000元')).toEqual([251000]);
    expect(amountInWanYuan(251000, '251000元')).toBeCloseTo(25.1, 9);
    expect(amountInWanYuan(12.5, '12.5万元')).toBe(12.5);
  });

  it('keeps digits that may be glued cells as digits', () => {
    expect(read('04.23')).toEqual(['digits 04.23']);
    expect(read('1,2340000')).toEqual(['digits 12340000']);
  });

  it('in running text keeps a glued change with its sign', () => {
    expect(read('行政许可194-525其他对外管理服务事项39015', true)).toEqual(['digits 194-525', 'digits 39015']);
    expect(read('行政许可12减430', true)).toEqual(['digits 12-430']);
    expect(tokenValue({ kind: 'digits', digits: '194-525', raw: '194-525' })).toBe(194);
  });
});
