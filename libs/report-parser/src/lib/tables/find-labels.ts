import { coreOf, findApproximately, rowLabelSource, splitNumbering } from './labels';

export interface LabelHit {
  start: number;
  end: number;
  /** Found only approximately (a typo in the document). */
  approximate: boolean;
}

const labelPatterns = new Map<string, RegExp>();

/** Label patterns are built once per label (they are the same for every document). */
function labelPattern(label: string): RegExp {
  let pattern = labelPatterns.get(label);
  if (!pattern) {
    pattern = new RegExp(rowLabelSource(label), 'g');
    labelPatterns.set(label, pattern);
  }
  return pattern;
}

/**
 * Finds row labels in document order within text[from, to): each label is searched after the
 * previous one. A label missing exactly is looked for approximately between its neighbours.
 */
export function findLabelsInOrder(text: string, labels: readonly string[], from: number, to: number): (LabelHit | null)[] {
  const hits: (LabelHit | null)[] = [];
  let position = from;
  for (const label of labels) {
    const pattern = labelPattern(label);
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (match && match.index < to) {
      hits.push({ start: match.index, end: match.index + match[0].length, approximate: false });
      position = match.index + match[0].length;
    } else {
      hits.push(null);
    }
  }
  // Second pass: typos. Search between the neighbours that were found.
  hits.forEach((hit, index) => {
    if (hit) return;
    const previousEnd = hits.slice(0, index).reverse().find((h) => h)?.end ?? from;
    const nextStart = hits.slice(index + 1).find((h) => h)?.start ?? to;
    const { body } = splitNumbering(labels[index] ?? '');
    const found = findApproximately(text, coreOf(body), previousEnd, nextStart);
    if (found) hits[index] = { start: withNumbering(text, found[0], previousEnd), end: found[1], approximate: true };
  });
  return hits;
}

/**
 * The numbering printed before a label — 2、 / 一、 (with their mark: a bare digit before a label is
 * a value) or （三） — whitespace and breaks between.
 */
const GAP = `[\\s${String.fromCharCode(1, 2)}]*`;
const NUMBERING_BEFORE = new RegExp(
  `(?:\\d{1,2}${GAP}[.、,，．]|[一二三四五六七八九十]+${GAP}[、.,，．]|[(（]${GAP}[一二三四五六七八九十\\d]{1,2}${GAP}[)）])${GAP}$`,
);

/** A label found approximately starts at its numbering, so that "2、" is not read as a value. */
function withNumbering(text: string, start: number, floor: number): number {
  const before = text.slice(Math.max(floor, start - 12), start);
  const numbering = NUMBERING_BEFORE.exec(before);
  return numbering ? start - (before.length - numbering.index) : start;
}

/** First match of any of the patterns at or after `from`, before `to`. */
export function findFirst(text: string, patterns: readonly RegExp[], from = 0, to = text.length): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  for (const source of patterns) {
    const pattern = new RegExp(source.source, source.flags.includes('g') ? source.flags : `${source.flags}g`);
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (match && match.index < to && (!best || match.index < best.start)) {
      best = { start: match.index, end: match.index + match[0].length };
    }
  }
  return best;
}
