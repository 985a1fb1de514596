import { findingKey } from './finding-identity';

describe('findingKey', () => {
  it('is the rule and the sorted cells, whatever their order or the message', () => {
    expect(findingKey({ rule: 'T3.ROWSUM', cells: ['b.total', 'a.x'] })).toBe(
      'T3.ROWSUM@a.x+b.total',
    );
    expect(findingKey({ rule: 'T3.ROWSUM', cells: ['a.x', 'b.total'] })).toBe(
      findingKey({ rule: 'T3.ROWSUM', cells: ['b.total', 'a.x'] }),
    );
  });

  it('tells apart rules on the same cells and a rule on other cells', () => {
    const cells = ['applications.newReceived.total'];
    expect(findingKey({ rule: 'T3.BALANCE', cells })).not.toBe(
      findingKey({ rule: 'N.APPLICATIONS', cells }),
    );
    expect(findingKey({ rule: 'T3.BALANCE', cells })).not.toBe(
      findingKey({ rule: 'T3.BALANCE', cells: ['applications.carriedOver.total'] }),
    );
  });

  it('names a finding without cells by its rule alone', () => {
    expect(findingKey({ rule: 'F.TEMPLATE', cells: [] })).toBe('F.TEMPLATE@');
  });
});
