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
