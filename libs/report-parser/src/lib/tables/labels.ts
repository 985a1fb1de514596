import { CELL_BREAK, LINE_BREAK, normalizeText } from './flat-text';

/** Regex source for one (normalised) character of a label. */
function charSource(char: string): string {
  if (char === '"' || char === "'") return `["']?`; // quotes around 三安全一稳定 come and go
  if (char === '(') return '[(（]';
  if (char === ')') return '[)）]';
  if (char === '、' || char === '.' || char === ',' || char === '，') return '[、.,，．]?';
  return char.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * Between two characters of a label: whitespace, a line break or a cell break — text copied
 * from a web page puts a table cell's wrapped lines (行政规范 / 性文件) on lines of their own, and
 * conversions split a long label over two cells (缴纳费用、 | 行政机关不再处理其政…).
 */
const LABEL_GAP = `[\\s${CELL_BREAK}${LINE_BREAK}]*`;

/** A label matched with any whitespace between its characters and punctuation variants. */
export function looseLabelSource(label: string): string {
  return [...normalizeText(label)]
    .filter((char) => !/\s/.test(char))
    .map(charSource)
    .join(LABEL_GAP);
}

const CHINESE_NUMERAL = '[一二三四五六七八九十]+';

/** Splits "（三）不予公开" / "1.属于国家秘密" / "一、本年新收…" into numbering and body. */
export function splitNumbering(label: string): { numbering: string | null; body: string } {
  const text = normalizeText(label).trim();
  const match =
    new RegExp(`^(${CHINESE_NUMERAL}\\s*[、.,])`).exec(text) ??
    new RegExp(`^(\\(\\s*${CHINESE_NUMERAL}\\s*\\))`).exec(text) ??
    /^(\d{1,2}\s*[.、,，．])/.exec(text);
  return match ? { numbering: match[1] ?? null, body: text.slice(match[0].length).trim() } : { numbering: null, body: text };
}

/** Regex source for a numbering prefix, accepting "1." / "1、" / "1," and "一、" / "一." alike. */
export function numberingSource(numbering: string): string {
  const chinese = new RegExp(`^(${CHINESE_NUMERAL})\\s*[、.,]$`).exec(numbering);
  if (chinese) return `${chinese[1]}\\s*[、.,，．]?`;
  const bracketed = new RegExp(`^\\(\\s*(${CHINESE_NUMERAL})\\s*\\)$`).exec(numbering);
  if (bracketed) return `[(（]\\s*${bracketed[1]}\\s*[)）]`;
  const arabic = /^(\d{1,2})/.exec(numbering);
  // An Arabic numbering must keep its separator: "00000002.其他" ends a run of values with the
  // next row's "2." and the digit must not be read as a value.
  return arabic ? `${arabic[1]}\\s*[.、,，．]` : looseLabelSource(numbering);
}

/**
 * Regex source for a row label: optional numbering, then the label's core — its text before a
 * parenthetical note, which documents wrap or abbreviate ("（二）部分公开（区分处理的…）").
 */
export function rowLabelSource(label: string): string {
  const { numbering, body } = splitNumbering(label);
  const core = coreOf(body);
  return numbering ? `(?:${numberingSource(numbering)}${LABEL_GAP})?${looseLabelSource(core)}` : looseLabelSource(core);
}

/** The label text that identifies a row: before any parenthetical note. */
export function coreOf(body: string): string {
  const cut = body.search(/[(（]/);
  return cut > 1 ? body.slice(0, cut) : body;
}

/**
 * Finds `core` approximately (labels with typos such as 其他法律行政止公开) in text[from, to):
 * the stretch with the smallest edit distance, accepted when at most a quarter of the label
 * differs. Whitespace, line and cell breaks inside the stretch are not counted (a label wrapped
 * over lines, spaced out by a web page). Returns [start, end) or null. Only used where the exact
 * search failed.
 */
export function findApproximately(text: string, core: string, from: number, to: number): [number, number] | null {
  const target = [...normalizeText(core)].filter((c) => !/\s/.test(c)).join('');
  const allowed = Math.max(1, Math.floor(target.length / 4));
  const longest = target.length + allowed;
  let best: { start: number; end: number; distance: number } | null = null;
  for (let start = from; start < to; start++) {
    const head = text[start] ?? '';
    // Must start near the label's head: its first or second character.
    if (head !== target[0] && text[start + 1] !== target[1] && (!GAP.test(text[start + 1] ?? '') || nextLetter(text, start, to) !== target[1])) continue;
    if (GAP.test(head)) continue;
    let compact = '';
    for (let end = start; end < to && compact.length < longest; end++) {
      const char = text[end] ?? '';
      if (/\d/.test(char)) break; // a label never holds a value
      if (GAP.test(char)) continue;
      compact += char;
      if (compact.length < target.length - allowed) continue;
      const distance = editDistance(compact, target, allowed);
      if (distance <= allowed && (!best || distance < best.distance)) best = { start, end: end + 1, distance };
    }
  }
  return best ? [best.start, best.end] : null;
}

/** What may separate the characters of a label: whitespace, a line break, a cell break. */
const GAP_CHARS = new Set([' ', '\t', '\n', '\r', '\u00a0', '\u3000', String.fromCharCode(1), String.fromCharCode(2)]);
const GAP = { test: (char: string): boolean => GAP_CHARS.has(char) };

/** The first character after `at` that is not a gap (within a few). */
function nextLetter(text: string, at: number, to: number): string | undefined {
  for (let i = at + 1; i < Math.min(to, at + 6); i++) {
    const char = text[i] ?? '';
    if (!GAP.test(char)) return char;
  }
  return undefined;
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
