/**
 * Number formatting for tooltips, labels, data tables and CSV. Pure; `—` stands for a missing
 * value (no report, or a ratio with a zero denominator), never 0.
 */

export const MISSING_VALUE = '—';

export type NumberInput = number | null | undefined;

export interface NumberFormatOptions {
  /** Default 2; counts are integers and show none. */
  maximumFractionDigits?: number;
  minimumFractionDigits?: number;
  /** `+12` for increases (year over year). */
  signed?: boolean;
  locale?: string;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

export function isPresent(value: NumberInput): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** `12345.678` → `12,345.68`. */
export function formatNumber(value: NumberInput, options: NumberFormatOptions = {}): string {
  if (!isPresent(value)) return MISSING_VALUE;
  const { maximumFractionDigits = 2, minimumFractionDigits = 0, signed = false } = options;
  return formatter(options.locale ?? 'zh-CN', {
    maximumFractionDigits,
    minimumFractionDigits: Math.min(minimumFractionDigits, maximumFractionDigits),
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(value);
}

export interface PercentFormatOptions extends Omit<NumberFormatOptions, 'maximumFractionDigits'> {
  /** Decimals shown; default 1. */
  digits?: number;
  /** The value is a share (0.853) rather than a percentage (85.3, as the metric catalogue has it). */
  fromRatio?: boolean;
}

/** `85.25` → `85.3%`; with `fromRatio`, `0.8525` → `85.3%`. */
export function formatPercent(value: NumberInput, options: PercentFormatOptions = {}): string {
  if (!isPresent(value)) return MISSING_VALUE;
  const { digits = 1, fromRatio = false, ...rest } = options;
  const percentage = fromRatio ? value * 100 : value;
  return `${formatNumber(percentage, {
    ...rest,
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  })}%`;
}

/**
 * A value with its unit: `1,234件`, `85.3%`, `12.5万元`. Chinese units follow the number
 * directly; `%` values get one decimal.
 */
export function formatWithUnit(
  value: NumberInput,
  unit: string | null | undefined,
  options: NumberFormatOptions = {},
): string {
  if (!isPresent(value)) return MISSING_VALUE;
  if (unit === '%') return formatPercent(value, { ...options, digits: 1 });
  const text = formatNumber(value, options);
  if (!unit) return text;
  // Latin units read better apart ("12 MB"); Chinese ones attach ("12件").
  return /^[A-Za-z]/.test(unit) ? `${text} ${unit}` : `${text}${unit}`;
}

/** Short axis labels: `12000` → `1.2万`, `230000000` → `2.3亿` (`12K`, `230M` in English). */
export function formatCompact(value: NumberInput, locale = 'zh-CN'): string {
  if (!isPresent(value)) return MISSING_VALUE;
  if (Math.abs(value) < 10000) return formatNumber(value, { maximumFractionDigits: 1, locale });
  return formatter(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
