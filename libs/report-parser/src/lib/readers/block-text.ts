/**
 * Joins the text of a table cell written as several blocks. Word writes labels split into one
 * paragraph per line or even per character (<p>申</p><p>请</p>, or w:p per line in DOCX), so
 * blocks join without a separator, except between two ASCII letters/digits ("12" and "34" in
 * separate paragraphs must not become 1234). Line breaks become a space.
 */

/** Marks a block (paragraph, div, list item) boundary inside a text buffer. */
export const BLOCK_BOUNDARY = '\uE000';
/** Marks a line break (<br>, w:br, w:cr) inside a text buffer. */
export const LINE_BREAK = '\uE001';

const MARKERS = /[\uE000\uE001]+/g;
const EDGE_MARKERS = /^[\uE000\uE001\t\n\f\r ]+|[\uE000\uE001\t\n\f\r ]+$/g;
const NEEDS_WORK = /[\uE000\uE001\t\n\f\r \u00a0]/;
const ASCII_WORD_CHAR = /[0-9A-Za-z]/;
/** CJK and full-width characters, between which a source line break is not a space. */
const WIDE_CHAR = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/** Removes the marker characters from source text, so only the readers put them in. */
export function stripMarkers(text: string): string {
  return text.includes(BLOCK_BOUNDARY) || text.includes(LINE_BREAK)
    ? text.replace(MARKERS, '')
    : text;
}

/** Replaces markers: a line break is a space, a block boundary is nothing (see above). */
export function joinBlocks(text: string): string {
  if (!text.includes(BLOCK_BOUNDARY) && !text.includes(LINE_BREAK)) return text;
  return text.replace(MARKERS, (markers: string, at: number, whole: string) => {
    const before = whole[at - 1];
    const after = whole[at + markers.length];
    if (before === undefined || after === undefined) return '';
    if (markers.includes(LINE_BREAK)) return ' ';
    return ASCII_WORD_CHAR.test(before) && ASCII_WORD_CHAR.test(after) ? ' ' : '';
  });
}

/**
 * HTML text as a browser shows it: runs of ASCII whitespace are one space (none next to a block
 * boundary or line break, and none where a source line break touches a CJK character, as where
 * Word wraps its HTML inside Chinese text), &nbsp; is a space, and the ends are trimmed.
 * Full-width spaces (U+3000) are kept.
 */
export function htmlText(raw: string): string {
  // Most cells hold one word or number: skip the regular expressions when nothing needs them.
  const bare = raw.replace(EDGE_MARKERS, '');
  if (!NEEDS_WORK.test(bare)) return bare;
  const collapsed = bare
    .replace(/[\t\n\f\r ]*([\uE000\uE001])[\t\n\f\r ]*/g, '$1')
    .replace(/[\t\n\f\r ]+/g, (run: string, at: number, whole: string) =>
      /[\n\r]/.test(run) &&
      (WIDE_CHAR.test(whole[at - 1] ?? '') || WIDE_CHAR.test(whole[at + run.length] ?? ''))
        ? ''
        : ' ',
    );
  return joinBlocks(collapsed)
    .replace(/\u00a0/g, ' ')
    .replace(/^ +| +$/g, '');
}
