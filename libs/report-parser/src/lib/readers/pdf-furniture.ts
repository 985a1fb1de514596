/**
 * Page furniture: page numbers and running headers/footers that would otherwise land inside the
 * text (or inside a table that continues on the next page).
 */
import type { LayoutLine } from './pdf-layout';

/** Page numbers no table value looks like: — 4 —, -3-, - 12 -, 第 3 页, 第3页 共6页. */
const PAGE_NUMBER = [
  /^[-—–－~～_]{1,2}\d{1,4}[-—–－~～_]{1,2}$/u,
  /^第\d{1,4}页(?:[,，/]?共\d{1,4}页)?$/u,
  /^共\d{1,4}页[,，]?第\d{1,4}页$/u,
];
/** Page numbers that could also be a value (3, 3/6, Page 3 of 6): only trusted in the margins. */
const MARGIN_PAGE_NUMBER = /^(?:page)?\d{1,4}(?:(?:\/|of)\d{1,4})?$/iu;

/** Top and bottom bands (fraction of the page height) where headers and footers live. */
const MARGIN = 0.08;

export interface PageLines {
  lines: LayoutLine[];
  height: number;
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

function inMargin(line: LayoutLine, height: number): boolean {
  return line.middle < MARGIN * height || line.middle > (1 - MARGIN) * height;
}

/** Removes page numbers; returns how many it removed. */
function dropPageNumbers(page: PageLines): number {
  let removed = 0;
  const kept: LayoutLine[] = [];
  for (const line of page.lines) {
    const whole = squeeze(line.cells.map((c) => c.text).join(''));
    // (Not a table row of blank marks around one number: "— 9 — — — —" has cells of its own.)
    if (line.cells.length <= 3 && PAGE_NUMBER.some((re) => re.test(whole))) {
      removed++;
      continue;
    }
    if (!line.verticalLabel && MARGIN_PAGE_NUMBER.test(whole) && inMargin(line, page.height)) {
      const index = page.lines.indexOf(line);
      // Only the page's outermost lines: a lone number further in may be a table value.
      if (index === 0 || index === page.lines.length - 1) {
        removed++;
        continue;
      }
    }
    const cells = line.cells.filter((c) => !PAGE_NUMBER.some((re) => re.test(squeeze(c.text))));
    if (cells.length !== line.cells.length) removed++;
    if (cells.length > 0) kept.push({ ...line, cells });
  }
  page.lines = kept;
  return removed;
}

/**
 * Removes running headers and footers: the outermost lines of a page, in its margin bands, whose
 * text (digits ignored) recurs on at least half of the pages (and at least two).
 */
function dropRunningLines(pages: PageLines[]): number {
  const key = (line: LayoutLine) =>
    squeeze(line.cells.map((c) => c.text).join('')).replace(/\d+/g, '#');
  const edges = (page: PageLines): LayoutLine[] => {
    const { lines } = page;
    const picked = new Set<LayoutLine>();
    for (const line of [...lines.slice(0, 2), ...lines.slice(-2)]) {
      // A header row of a table continued at the very top of the next pages is not furniture.
      const tableLike = line.cells.length > 2 || line.cells.some((c) => c.value);
      if (!line.verticalLabel && !tableLike && inMargin(line, page.height)) picked.add(line);
    }
    return [...picked];
  };
  const counts = new Map<string, number>();
  for (const page of pages) {
    for (const k of new Set(edges(page).map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  let removed = 0;
  for (const page of pages) {
    const drop = new Set(edges(page).filter((l) => (counts.get(key(l)) ?? 0) >= needed));
    removed += drop.size;
    page.lines = page.lines.filter((l) => !drop.has(l));
  }
  return removed;
}

/** Drops page numbers and running headers/footers from every page; returns how many lines. */
export function dropPageFurniture(pages: PageLines[]): number {
  let removed = 0;
  for (const page of pages) removed += dropPageNumbers(page);
  return removed + dropRunningLines(pages);
}
