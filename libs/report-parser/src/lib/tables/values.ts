import { normalizeText } from './flat-text';

/** One value-bearing piece of a table row as printed. */
export type ValueToken =
  | { kind: 'number'; value: number; raw: string }
  /** A blank grid cell: 0 where the grid position is known. */
  | { kind: 'blank'; raw: string }
  /** Digits that may be several cells run together ("801000081"). */
  | { kind: 'digits'; digits: string; raw: string };

const ZERO_MARKS = /^(?:\/|-|—|–|－|―|─|无|空|\\)$/;
const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** "22（其中修订 16 件）", "55(含自然失效29件)": the leading number is the cell's value. */
const NUMBER_WITH_NOTE = /^([+-]?\d+(?:\.\d+)?)\s*[(（[【]/;
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
    return [...text.matchAll(DIGIT_STRETCH)].flatMap((match) => valueTokens(match[0].trim()));
  }
  const noted = NUMBER_WITH_NOTE.exec(text);
  if (noted) return [{ kind: 'number', value: Number(noted[1]), raw: text }];
  return [];
}

const DIGIT_STRETCH = /\d[\d ]*(?:\.\d+)?(?!\s*[.、．,，]\s*[\u4e00-\u9fff])/g;

function singleValue(text: string): ValueToken | null {
  if (PLAIN_NUMBER.test(text)) {
    const digits = text.replace(/,/g, '');
    // Several digits without a decimal point may be cells that ran together; the row decides.
    if (/^\d{2,}$/.test(digits)) return { kind: 'digits', digits, raw: text };
    return { kind: 'number', value: Number(digits), raw: text };
  }
  const change = SIGNED_CHANGE.exec(text);
  if (change) return { kind: 'number', value: (change[1]?.startsWith('减') ? -1 : 1) * Number(change[2]), raw: text };
  return null;
}

export function tokenValue(token: ValueToken): number {
  if (token.kind === 'number') return token.value;
  if (token.kind === 'digits') return Number(token.digits);
  return 0;
}
