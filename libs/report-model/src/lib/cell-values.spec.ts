import { cellValueKind, cellValueProblem } from './cell-values';
import { parseCellAddress, type CellLocation } from './cells';

const at = (address: string): CellLocation => {
  const location = parseCellAddress(address);
  if (location === null) throw new Error(`no cell ${address}`);
  return location;
};

describe('cell values', () => {
  it('knows counts, signed changes and amounts from the template', () => {
    expect(cellValueKind(at('applications.newReceived.total'))).toBe('count');
    expect(cellValueKind(at('reviewLitigation.review.total'))).toBe('count');
    expect(cellValueKind(at('proactive.licensing.change'))).toBe('signedCount');
    expect(cellValueKind(at('proactive.fees.amountWanYuan'))).toBe('amount');
    expect(cellValueKind(at('proactive.procurement.amount'))).toBe('amount');
  });

  it('refuses counts below 0 or with a fraction, with the reason', () => {
    expect(cellValueProblem(at('applications.newReceived.total'), -5)).toBe('是件数，不能小于 0');
    expect(cellValueProblem(at('applications.newReceived.total'), 2.5)).toBe('是件数，必须是整数');
    expect(cellValueProblem(at('applications.newReceived.total'), 0)).toBeNull();
    expect(cellValueProblem(at('proactive.licensing.change'), -4)).toBeNull();
    expect(cellValueProblem(at('proactive.licensing.change'), 1.5)).toMatch(/整数/);
  });

  it('takes amounts with up to two decimals', () => {
    expect(cellValueProblem(at('proactive.fees.amountWanYuan'), 0.29)).toBeNull();
    expect(cellValueProblem(at('proactive.fees.amountWanYuan'), 12.345)).toBe('是金额，最多保留两位小数');
    expect(cellValueProblem(at('proactive.fees.amountWanYuan'), -1)).toBe('是金额，不能小于 0');
  });
});
