import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatNumber,
  formatPercent,
  formatWithUnit,
  MISSING_VALUE,
} from './format';

describe('chart number formatting', () => {
  it('groups thousands and keeps at most two decimals', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(1234.5678)).toBe('1,234.57');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(12.5, { maximumFractionDigits: 0 })).toBe('13');
  });

  it('shows a dash, never 0, for missing values', () => {
    expect(MISSING_VALUE).toBe('—');
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatNumber(value)).toBe('—');
      expect(formatPercent(value)).toBe('—');
      expect(formatWithUnit(value, '件')).toBe('—');
    }
  });

  it('signs changes when asked', () => {
    expect(formatNumber(12, { signed: true })).toBe('+12');
    expect(formatNumber(-3.5, { signed: true })).toBe('-3.5');
    expect(formatNumber(0, { signed: true })).toBe('0');
  });

  it('formats percentages (the catalogue stores ratios ×100) with one decimal', () => {
    expect(formatPercent(85.25)).toBe('85.3%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(0.8525, { fromRatio: true })).toBe('85.3%');
    expect(formatPercent(-4.04, { signed: true })).toBe('-4.0%');
    expect(formatPercent(12.345, { digits: 2 })).toBe('12.35%');
  });

  it('attaches Chinese units and spaces Latin ones', () => {
    expect(formatWithUnit(1234, '件')).toBe('1,234件');
    expect(formatWithUnit(12.5, '万元')).toBe('12.5万元');
    expect(formatWithUnit(85.25, '%')).toBe('85.3%');
    expect(formatWithUnit(3, 'MB')).toBe('3 MB');
    expect(formatWithUnit(3, undefined)).toBe('3');
  });

  it('shortens large axis values the Chinese way', () => {
    expect(formatCompact(9999)).toBe('9,999');
    expect(formatCompact(12000)).toBe('1.2万');
    expect(formatCompact(230000000)).toBe('2.3亿');
    expect(formatCompact(12000, 'en')).toBe('12K');
  });
});

describe('number formatting written out agrees with Intl.NumberFormat', () => {
  // A seeded generator: the same cases every run, many of them at rounding edges (x.xx5, 9.99…).
  function* cases(seed: number, count: number): Generator<number> {
    let state = seed;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < count; i++) {
      const magnitude = 10 ** Math.floor(next() * 16 - 5);
      const sign = next() < 0.3 ? -1 : 1;
      const kind = next();
      if (kind < 0.25) yield sign * Math.round(next() * magnitude);
      else if (kind < 0.5)
        yield sign * (Math.floor(next() * 1000) + 0.005 + Math.floor(next() * 10) / 100);
      else if (kind < 0.6) yield sign * (10 ** Math.floor(next() * 12) - 0.04);
      else yield sign * next() * magnitude;
    }
    yield* [0, -0, 0.5, 1.5, 2.5, -2.5, 1.005, 1.045, 9.995, 99999.95, 0.000001, 123456789.125];
  }

  it('for numbers, signed or not, at every precision the app uses', () => {
    for (const maximumFractionDigits of [0, 1, 2, 3]) {
      for (const minimumFractionDigits of [0, 1, 2]) {
        for (const signed of [false, true]) {
          const intl = new Intl.NumberFormat('zh-CN', {
            maximumFractionDigits,
            minimumFractionDigits: Math.min(minimumFractionDigits, maximumFractionDigits),
            signDisplay: signed ? 'exceptZero' : 'auto',
          });
          const options = { maximumFractionDigits, minimumFractionDigits, signed };
          for (const value of cases(7, 3000)) {
            expect(formatNumber(value, options), `${value} ${JSON.stringify(options)}`).toBe(
              intl.format(value),
            );
          }
        }
      }
    }
  });

  it('for compact axis values in Chinese and English', () => {
    for (const locale of ['zh-CN', 'en']) {
      const intl = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
      for (const value of cases(11, 3000)) {
        if (Math.abs(value) < 10000 || Math.abs(value) >= 1e15) continue;
        expect(formatCompact(value, locale), `${value} ${locale}`).toBe(intl.format(value));
      }
    }
  });
});
