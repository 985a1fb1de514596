import { normalizeText } from './flat-text';

/** One value-bearing piece of a table row as printed. */
export type ValueToken =
  | { kind: 'number'; value: number; raw: string }
  /** A blank grid cell: 0 where the grid position is known. */
  | { kind: 'blank'; raw: string }
  /**
   * Digits that may be several cells run together ("801000081"); in running text a 2019 change
   * glued in keeps its sign ("194-525").
   */
  | { kind: 'digits'; digits: string; raw: string };

const ZERO_MARKS = /^(?:\/|-|—|–|－|―|─|无|空|\\)$/;
const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** Cells run together that kept their thousands separators ("1,2340000"): digits to cut. */
const GLUED_WITH_SEPARATORS = /^\d+(?:,\d{3,})+$/;
/** "22（其中修订 16 件）", "55(含自然失效29件)": the leading number is the cell's value. */
const NUMBER_WITH_NOTE = /^([+-]?\d+(?:\.\d+)?)\s*(?:件|条|个|项|次)?\s*[(（[【]/;
/** 2019 format 本年增/减: "减4" → −4, "增3" → 3. */
const SIGNED_CHANGE = /^(增加?|减少?)\s*(\d+(?:\.\d+)?)$/;

/**
 * Reads one cell's text as value tokens: a number, a zero mark, a blank, digits that may have
 * run together, or nothing (text such as a wrapped label — not a value).
 * Whitespace-separated numbers inside one cell ("2 0 0 0 0 0 2") are several tokens.
 */
const tokenCache = new Map<string, ValueToken[]>();
const TOKEN_CACHE_LIMIT = 4096;

/** valueTokens, remembered: tables repeat the same few cell texts ("0", "", "/") many times. */
export function cachedValueTokens(cellText: string, runningText: boolean): ValueToken[] {
  const key = `${runningText ? 1 : 0}${cellText}`;
  let tokens = tokenCache.get(key);
  if (!tokens) {
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
    tokens = valueTokens(cellText, runningText);
    tokenCache.set(key, tokens);
  }
  return tokens;
}

export function valueTokens(cellText: string, runningText = false): ValueToken[] {
  const text = normalizeText(cellText).trim();
  if (text === '') return [{ kind: 'blank', raw: cellText }];
  if (ZERO_MARKS.test(text)) return [{ kind: 'number', value: 0, raw: text }];
  const single = singleValue(text);
  if (single) return [single];
  const parts = text.split(/\s+/);
  if (parts.length > 1 && parts.every((part) => ZERO_MARKS.test(part) || singleValue(part))) {
    return parts.map((part) => (ZERO_MARKS.test(part) ? { kind: 'number', value: 0, raw: part } : (singleValue(part) as ValueToken)));
  }
  if (runningText) {
    // Text copied from a web page runs values into the next heading ("0000000三、本年度办理结果"):
    // every stretch of digits (spaces inside kept, they are cell boundaries) is a value area,
    // except the numbering of a label ("5.要求…").
    // A sign inside a stretch ("194-525", "12减430") is a 2019 本年增/减 cell glued to its
    // neighbours: the stretch is digits to cut, sign kept.
    return [...text.matchAll(DIGIT_STRETCH)].flatMap((match) =>
      match[0]
        .trim()
        .replace(/[−减]/g, '-')
        .replace(/增/g, '')
        .split(/\s+/)
        .flatMap((part): ValueToken[] => (/\d-\d/.test(part) ? [{ kind: 'digits', digits: part, raw: part }] : valueTokens(part))),
    );
  }
  const noted = NUMBER_WITH_NOTE.exec(text);
  if (noted) return [{ kind: 'number', value: Number(noted[1]), raw: text }];
  return [];
}

/**
 * A stretch of digits in running text: spaces inside are cell boundaries, a comma before three
 * digits is a thousands separator, a decimal part and a unit (元, 万元, 件, 条) may follow.
 */
const DIGIT_STRETCH = /\d(?:[\d ]|,(?=\d{3})|[-−减增](?=\d))*(?:\.\d+)?(?:\s*(?:万元|元|件|条))?(?!\s*[.、．,，]\s*[\u4e00-\u9fff])/g;

/**
 * A number written with its unit, as CMS tables print them: "30件", "1,234 条", "12.5万元",
 * "251000元". Counts in 万 are scaled ("1.2万件" = 12000); amounts keep the number as printed,
 * and the column they land in converts 元 to 万元 (see amountInWanYuan).
 */
const NUMBER_WITH_UNIT =
  /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(万元|元|万件|万条|万|件|条|个|项|次|人次|家|份|篇|宗|起|例|人)$/;

function singleValue(text: string): ValueToken | null {
  const withUnit = NUMBER_WITH_UNIT.exec(text);
  if (withUnit) {
    const number = Number((withUnit[1] ?? '').replace(/,/g, ''));
    const unit = withUnit[2] ?? '';
    const scaled = unit.startsWith('万') && unit !== '万元' ? number * 10_000 : number;
    return { kind: 'number', value: scaled, raw: text };
  }
  if (PLAIN_NUMBER.test(text) || GLUED_WITH_SEPARATORS.test(text)) {
    const digits = text.replace(/,/g, '');
    // Several digits without a decimal point may be cells that ran together; the row decides.
    // Thousands separators in their places ("1,234") say the digits are one number.
    if (/^\d{2,}$/.test(digits) && !/^\d{1,3}(?:,\d{3})+$/.test(text)) return { kind: 'digits', digits, raw: text };
    // A leading zero before more digits ("04.23"): a 0 cell glued to the next, not a number.
    if (/^0\d/.test(digits)) return { kind: 'digits', digits, raw: text };
    return { kind: 'number', value: Number(digits), raw: text };
  }
  const change = SIGNED_CHANGE.exec(text);
  if (change) return { kind: 'number', value: (change[1]?.startsWith('减') ? -1 : 1) * Number(change[2]), raw: text };
  return null;
}

/**
 * A table-2 amount in 万元 (行政事业性收费) from its printed text: "251000元" in a 万元 column is
 * 25.1 — the unit printed with the number says what it is.
 */
export function amountInWanYuan(value: number, raw: string): number {
  return /(?<!万)元\s*$/.test(normalizeText(raw).trim()) ? value / 10_000 : value;
}

export function tokenValue(token: ValueToken): number {
  if (token.kind === 'number') return token.value;
  if (token.kind === 'digits') {
    // Digits with a sign inside ("194-525") are a run to cut; as one value, their first number.
    const value = Number(token.digits);
    return Number.isFinite(value) ? value : Number.parseFloat(token.digits) || 0;
  }
  return 0;
}
