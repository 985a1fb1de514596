/*
 * Narrative text reduced to what copying keeps: the wording. Numbers, dates, punctuation,
 * spaces and Latin letters change from one year or agency to the next and say nothing about
 * whether the words were written anew, so they are dropped before anything is compared.
 */

/** Sentence ends in Chinese prose (and line breaks, which end a paragraph). */
const SENTENCE_END = /[。！？；!?;\n]+/u;
/** What is not part of the wording: digits, Latin letters, punctuation, symbols, spaces. */
const NOT_WORDING = /[\p{N}\p{P}\p{S}\p{Z}\s\p{Script=Latin}]+/gu;

/** The wording of a text: Han characters (and other scripts) only, NFKC-folded. */
export function wordingOf(text: string): string {
  return text.normalize('NFKC').replace(NOT_WORDING, '');
}

export interface Sentence {
  /** As written. */
  readonly text: string;
  /** Its wording (wordingOf). */
  readonly wording: string;
}

/** Sentences shorter than this in wording are headings or fragments ("无。"), not prose. */
export const MIN_SENTENCE_WORDING = 6;

/** A piece of a text as written: a sentence with the marks that end it, or what lies between. */
export interface TextPiece {
  /** The piece as written; the pieces of a text, joined, are the text. */
  readonly text: string;
  /** The sentence the piece holds (sentencesOf would give it); null for a heading or fragment. */
  readonly sentence: Sentence | null;
}

/** Each sentence with the marks that end it, up to the next. */
const PIECE = /[^。！？；!?;\n]+[。！？；!?;\n]*|[。！？；!?;\n]+/gu;

/** The text cut into pieces, in order and without a character lost (to show it marked up). */
export function piecesOf(text: string): TextPiece[] {
  return Array.from(text.matchAll(PIECE), ([piece]) => {
    const body = piece.replace(/[。！？；!?;\n]+$/u, '').trim();
    const wording = wordingOf(body);
    return {
      text: piece,
      sentence: wording.length >= MIN_SENTENCE_WORDING ? { text: body, wording } : null,
    };
  });
}

/** The sentences of a text, each with its wording; headings and fragments left out. */
export function sentencesOf(text: string): Sentence[] {
  return text
    .split(SENTENCE_END)
    .map((part) => part.trim())
    .map((part) => ({ text: part, wording: wordingOf(part) }))
    .filter((sentence) => sentence.wording.length >= MIN_SENTENCE_WORDING);
}
