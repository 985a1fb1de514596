import type { BoilerplateFilter } from './boilerplate';
import { containment } from './fingerprint';
import { piecesOf } from './passages';
import { COPY_THRESHOLD, fingerprintOf } from './reuse-index';

/*
 * Two passages side by side, as a reader checks a finding of copied text (N.COPIED): each cut
 * into its sentences as written, the sentences that stand in the other passage marked, the
 * wording many reports share shown as such (it is not what the two alone have in common).
 */

/** shared: stands in the other passage; boilerplate: common wording; text: the passage's own. */
export type MarkedSpanKind = 'shared' | 'boilerplate' | 'text';

export interface MarkedSpan {
  readonly text: string;
  readonly kind: MarkedSpanKind;
}

export interface MarkedPassages {
  /** The first passage in pieces that, joined, are the passage as written. */
  readonly a: MarkedSpan[];
  readonly b: MarkedSpan[];
}

/** Adjacent pieces of one kind become one span. */
function joined(spans: readonly MarkedSpan[]): MarkedSpan[] {
  const out: MarkedSpan[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    // Sentences stay apart when marked, so that each shared one reads as one mark.
    if (last && last.kind === span.kind && span.kind !== 'shared')
      out[out.length - 1] = { text: last.text + span.text, kind: span.kind };
    else out.push(span);
  }
  return out;
}

function marked(
  text: string,
  other: ReadonlySet<number>,
  boilerplate: BoilerplateFilter,
  share: number,
): MarkedSpan[] {
  return joined(
    piecesOf(text).map(({ text: piece, sentence }): MarkedSpan => {
      if (sentence === null) return { text: piece, kind: 'text' };
      // As fingerprintOf: a sentence of common wording only is boilerplate, whole or in shingles.
      const own = boilerplate.isBoilerplate(sentence) ? null : boilerplate.ownShingles(sentence);
      if (own === null || own.size === 0) return { text: piece, kind: 'boilerplate' };
      return { text: piece, kind: containment(own, other) >= share ? 'shared' : 'text' };
    }),
  );
}

/**
 * Both passages, each sentence marked as shared when most of its own wording (`share`, as
 * sharedSentences) stands in the other passage, or as boilerplate when it has none of its own.
 */
export function markSharedPassages(
  a: string,
  b: string,
  boilerplate: BoilerplateFilter,
  share = COPY_THRESHOLD,
): MarkedPassages {
  const printA = fingerprintOf(a, boilerplate);
  const printB = fingerprintOf(b, boilerplate);
  return {
    a: marked(a, printB.shingles, boilerplate, share),
    b: marked(b, printA.shingles, boilerplate, share),
  };
}
