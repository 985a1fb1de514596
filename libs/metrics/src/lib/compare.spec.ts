import { percentileRank, yearOverYearChange } from './compare';

describe('yearOverYearChange', () => {
  it('gives the absolute and percent change', () => {
    expect(yearOverYearChange(120, 100)).toEqual({ absolute: 20, percent: 20 });
    expect(yearOverYearChange(50, 100)).toEqual({ absolute: -50, percent: -50 });
  });

  it('has no percent from a zero base, and no change without both years', () => {
    expect(yearOverYearChange(5, 0)).toEqual({ absolute: 5, percent: null });
    expect(yearOverYearChange(null, 3)).toBeNull();
    expect(yearOverYearChange(3, null)).toBeNull();
  });
});

describe('percentileRank', () => {
  it('ranks with ties counted half', () => {
    expect(percentileRank([1, 2, 3, 4], 3)).toBe(62.5);
    expect(percentileRank([1, 2, 3, 4], 0)).toBe(0);
    expect(percentileRank([1, 2, 3, 4], 9)).toBe(100);
    expect(percentileRank([5, 5, 5], 5)).toBe(50);
  });

  it('is null for no values', () => {
    expect(percentileRank([], 1)).toBeNull();
  });
});
