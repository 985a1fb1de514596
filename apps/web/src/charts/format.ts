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

export function isPresent(value: NumberInput): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * `12345.678` → `12,345.68`. Written out rather than with Intl.NumberFormat: the first
 * Intl.NumberFormat of a page load makes the browser load its locale data, about 100 ms of the
 * main thread on a small machine, just when a cold page is drawing. Both locales the app speaks
 * write numbers alike (`1,234.5`); rounding is Intl's (half away from zero, on the number's
 * shortest decimal form), and the spec checks the two agree. Numbers JavaScript writes with an
 * exponent (beyond 1e21 or below 1e-6) still go to Intl.
 */
export function formatNumber(value: NumberInput, options: NumberFormatOptions = {}): string {
  if (!isPresent(value)) return MISSING_VALUE;
  const { maximumFractionDigits = 2, signed = false } = options;
  const minimumFractionDigits = Math.min(options.minimumFractionDigits ?? 0, maximumFractionDigits);
  const decimal = String(Math.abs(value));
  if (decimal.includes('e')) {
    return intlFormatter(options.locale ?? 'zh-CN', {
      maximumFractionDigits,
      minimumFractionDigits,
      signDisplay: signed ? 'exceptZero' : 'auto',
    }).format(value);
  }
  const [integer, fraction] = roundDecimal(decimal, maximumFractionDigits);
  let shownFraction = fraction.replace(/0+$/, '');
  if (shownFraction.length < minimumFractionDigits)
    shownFraction = shownFraction.padEnd(minimumFractionDigits, '0');
  const digits = `${integer.replace(/\B(?=(\d{3})+$)/g, ',')}${shownFraction ? `.${shownFraction}` : ''}`;
  const isZero = /^0*$/.test(integer + fraction);
  // As Intl: "auto" keeps the minus of a negative number shown as 0; "exceptZero" shows no sign on 0.
  const negative = value < 0 || Object.is(value, -0);
  if (signed) return isZero ? digits : `${negative ? '-' : '+'}${digits}`;
  return negative ? `-${digits}` : digits;
}

/** A non-negative decimal string rounded half away from zero: [integer digits, fraction digits]. */
function roundDecimal(decimal: string, fractionDigits: number): [string, string] {
  const [integer = '0', fraction = ''] = decimal.split('.');
  if (fraction.length <= fractionDigits) return [integer, fraction];
  const kept = `${integer}${fraction.slice(0, fractionDigits)}`;
  const roundedUp = (fraction.charCodeAt(fractionDigits) ?? 48) >= 53; // '5'
  const all = roundedUp ? incrementDigits(kept) : kept;
  const integerLength = all.length - fractionDigits;
  return [all.slice(0, integerLength), all.slice(integerLength)];
}

/** `"0999"` → `"1000"`, `"99"` → `"100"`. */
function incrementDigits(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] !== '9') {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
    chars[i] = '0';
  }
  return `1${chars.join('')}`;
}

const intlFormatters = new Map<string, Intl.NumberFormat>();

function intlFormatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = intlFormatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(locale, options);
    intlFormatters.set(key, cached);
  }
  return cached;
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
  // By hand, as formatNumber (no Intl locale data to load); the same as Intl's compact notation.
  const units = locale.startsWith('zh') ? CHINESE_COMPACT_UNITS : LATIN_COMPACT_UNITS;
  let index = units.findLastIndex((unit) => Math.abs(value) >= unit.size);
  for (;;) {
    const unit = units[index];
    if (!unit) return formatNumber(value, { maximumFractionDigits: 0, locale });
    // Compact figures are not grouped: 6361.4万.
    const scaled = formatNumber(Math.abs(value) / unit.size, {
      maximumFractionDigits: 1,
    }).replaceAll(',', '');
    const next = units[index + 1];
    // 9,999.96万 rounds to 10,000万: that is 1亿.
    if (next && Number(scaled) * unit.size >= next.size) {
      index += 1;
      continue;
    }
    return `${value < 0 ? '-' : ''}${scaled}${unit.suffix}`;
  }
}

interface CompactUnit {
  size: number;
  suffix: string;
}
const CHINESE_COMPACT_UNITS: CompactUnit[] = [
  { size: 1e4, suffix: '万' },
  { size: 1e8, suffix: '亿' },
  { size: 1e12, suffix: '万亿' },
];
const LATIN_COMPACT_UNITS: CompactUnit[] = [
  { size: 1e3, suffix: 'K' },
  { size: 1e6, suffix: 'M' },
  { size: 1e9, suffix: 'B' },
  { size: 1e12, suffix: 'T' },
];
