import { numberArray } from './fact-rows';

describe('numberArray', () => {
  it('writes numbers as PostgreSQL array text, missing ones as NULL', () => {
    expect(numberArray([1, -2.5, null, 0, 1e21, Number.NaN])).toBe('{1,-2.5,NULL,0,1e+21,NaN}');
    expect(numberArray([])).toBe('{}');
  });

  it('writes the holes of a sparse array as NULL', () => {
    const sparse: (number | null)[] = [];
    sparse[2] = 7;
    expect(numberArray(sparse)).toBe('{NULL,NULL,7}');
  });
});
