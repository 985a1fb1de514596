import { unzipSync, zipSync } from 'fflate';

/**
 * A DOCX whose tables are printed with fewer rules, as many agencies print them: no rules at
 * all, or horizontal rules only (the "三线表" look, no column rules). The PDF made from it has no
 * grid to read the cells from, so its tables are read from the text positions alone.
 */
export type TableRules = 'none' | 'horizontal';

const VERTICAL = ['left', 'right', 'start', 'end', 'insideV'];
const ALL = ['top', 'bottom', 'insideH', ...VERTICAL];

/** Sets the named border sides of every table and cell (and table style) to no line. */
export function withTableRules(docx: Uint8Array, rules: TableRules): Uint8Array {
  const sides = rules === 'none' ? ALL : VERTICAL;
  const pattern = new RegExp(`<w:(${sides.join('|')})\\b[^>]*?/>`, 'g');
  const parts = unzipSync(docx);
  for (const name of ['word/document.xml', 'word/styles.xml']) {
    const part = parts[name];
    if (!part) continue;
    const xml = new TextDecoder().decode(part);
    parts[name] = new TextEncoder().encode(xml.replace(pattern, (_element, side: string) => `<w:${side} w:val="nil"/>`));
  }
  return zipSync(parts);
}
