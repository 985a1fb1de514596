/**
 * Text normalisation shared by the narrative readers. The same sentence arrives with full-width
 * digits (typed with a Chinese input method), spaces around numbers (PDF, Word: "申请 17 件"),
 * line wraps inside words (PDF text), page numbers between lines and thousands separators.
 */

/** Full-width digits ０-９, ％ and ．(U+FF10–FF19, U+FF05, U+FF0E): typed with a Chinese IME. */
const FULL_WIDTH_NUMERIC = /[\uFF10-\uFF19\uFF05\uFF0E]/g;
/** Distance from a full-width ASCII variant (U+FF01–FF5E) to its ASCII character. */
const FULL_WIDTH_OFFSET = 0xfee0;

/** Full-width digits, percent sign and point as ASCII; everything else unchanged. */
export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH_NUMERIC, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET),
  );
}

/** A run of whitespace (ideographic U+3000 and no-break spaces included). */
const WHITESPACE_RUN = /\s+/g;
/** Code points below this are ASCII. */
const ASCII_END = 0x80;

/**
 * Whitespace runs with a non-ASCII character on either side are dropped: line wraps inside a
 * Chinese sentence (PDF text), spaces printed around numbers ("2023 年", "申请 17 件"). Chinese
 * has no spaces between words, so these carry no meaning. A run between two ASCII characters
 * (two numbers, two words) becomes one space.
 */
function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUN, (run: string, offset: number, whole: string) => {
    const before = whole.charCodeAt(offset - 1);
    const after = whole.charCodeAt(offset + run.length);
    return before < ASCII_END && after < ASCII_END ? ' ' : '';
  });
}

/**
 * A thousands separator: "3,119" and "3，119" (full-width comma, typed in Chinese text). Only a
 * comma followed by exactly three digits counts, so "1，2" and list commas stay.
 */
const THOUSANDS_SEPARATOR = /(?<=\d)[,，](?=\d{3}(?!\d))/g;

/**
 * A page number printed as a line of its own: "— 4 —", "-3-", "- 1 -" (footers of PDF pages) or
 * "第 2 页 共 7 页". `[^\S\n]` is whitespace other than a line break.
 */
const PAGE_FOOTER = String.raw`[^\S\n]*(?:[-—–－]+[^\S\n]*\d{1,3}[^\S\n]*[-—–－]+|第[^\S\n]*\d{1,3}[^\S\n]*页(?:[^\S\n]*[,，/]?[^\S\n]*共[^\S\n]*\d{1,3}[^\S\n]*页)?)[^\S\n]*`;
/** Every page-number line of a text (multi-line mode). */
const PAGE_FOOTER_LINE = new RegExp(`^${PAGE_FOOTER}$`, 'gm');
/** A whole paragraph that is a page number. */
const PAGE_FOOTER_PARAGRAPH = new RegExp(`^\\s*${PAGE_FOOTER}\\s*$`);

/** True for a paragraph that is only a page number ("— 4 —"). */
export function isPageFooter(paragraph: string): boolean {
  return PAGE_FOOTER_PARAGRAPH.test(toHalfWidth(paragraph));
}

/** Removes the lines that are only page numbers. */
export function removePageFooters(text: string): string {
  return text.replace(PAGE_FOOTER_LINE, '');
}

/**
 * The form the metric patterns read: half-width digits, no page footers, no whitespace inside
 * Chinese text, no thousands separators. "受理政府\n信息公开申请 3,119 件" → "受理政府信息公开申请3119件".
 */
export function compactText(text: string): string {
  return collapseWhitespace(toHalfWidth(removePageFooters(text)))
    .replace(THOUSANDS_SEPARATOR, '')
    .trim();
}

/**
 * The number in a count: ASCII digits, or a Chinese numeral (两件, 十二件, 一百余条) as written in
 * some reports. Used inside larger patterns, so it has no capture group of its own.
 */
export const COUNT_PATTERN = String.raw`\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+`;

const CHINESE_DIGIT: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const CHINESE_UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

interface ChineseNumberState {
  total: number;
  section: number;
  digit: number;
}

function addChineseUnit(state: ChineseNumberState, unit: number): void {
  if (unit === 10000) {
    state.total += (state.section + state.digit) * unit;
    state.section = 0;
  } else {
    // "十二": a bare 十 means one ten.
    const multiplier = state.digit === 0 && unit === 10 ? 1 : state.digit;
    state.section += multiplier * unit;
  }
  state.digit = 0;
}

/** "十二" → 12, "两" → 2, "一百二十" → 120, "三千零五" → 3005; null if not a Chinese numeral. */
export function parseChineseInteger(text: string): number | null {
  if (text.length === 0) return null;
  const state: ChineseNumberState = { total: 0, section: 0, digit: 0 };
  for (const ch of text) {
    const digit = CHINESE_DIGIT[ch];
    const unit = CHINESE_UNIT[ch];
    if (digit !== undefined) state.digit = digit;
    else if (unit !== undefined) addChineseUnit(state, unit);
    else return null;
  }
  return state.total + state.section + state.digit;
}

/** A count matched by COUNT_PATTERN as a number ("3119" → 3119, "十二" → 12). */
export function parseCount(text: string): number | null {
  if (/^\d/.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? value : null;
  }
  return parseChineseInteger(text);
}
