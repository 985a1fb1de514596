import type { BoilerplateFilter } from './boilerplate';
import { containment, signatureOf, SIGNATURE_LENGTH } from './fingerprint';
import type { Sentence } from './passages';

/*
 * Finding copied passages among many reports without comparing every pair: each passage's
 * MinHash signature is cut into bands, and passages that agree on a whole band are candidates
 * (locality-sensitive hashing). Candidates are then measured exactly (containment of shingles).
 */

/** A passage this share or more of whose own wording stands in another is a copy (N.COPIED). */
export const COPY_THRESHOLD = 0.6;
/**
 * Passages with fewer own shingles (about 30 characters of prose not common to many reports)
 * are too short to judge: sibling agencies may well name the same county project or document.
 */
export const MIN_SHINGLES = 24;

/** What is compared of one passage: its own sentences (set phrases left out) and their shingles. */
export interface PassageFingerprint {
  readonly sentences: readonly Sentence[];
  /** Per sentence, the shingles of its own clauses. */
  readonly sentenceShingles: readonly ReadonlySet<number>[];
  readonly shingles: ReadonlySet<number>;
  readonly signature: Uint32Array;
}

export function fingerprintOf(text: string, boilerplate: BoilerplateFilter): PassageFingerprint {
  const sentences: Sentence[] = [];
  const sentenceShingles: Set<number>[] = [];
  // Sentence by sentence, common shingles left out: what this report alone (or its source) says.
  const shingles = new Set<number>();
  for (const sentence of boilerplate.ownSentences(text)) {
    const own = boilerplate.ownShingles(sentence);
    if (own.size === 0) continue;
    sentences.push(sentence);
    sentenceShingles.push(own);
    for (const shingle of own) shingles.add(shingle);
  }
  return { sentences, sentenceShingles, shingles, signature: signatureOf(shingles) };
}

/** Whether a passage has enough prose of its own to be judged at all. */
export function isJudgeable(fingerprint: PassageFingerprint): boolean {
  return fingerprint.shingles.size >= MIN_SHINGLES;
}

/** How much of the shorter passage stands in the longer (0–1); 0 when either is too short. */
export function similarityOf(a: PassageFingerprint, b: PassageFingerprint): number {
  return isJudgeable(a) && isJudgeable(b) ? containment(a.shingles, b.shingles) : 0;
}

/**
 * The sentences of `a` that stand in `b` (most of their shingles there): what a reader sees
 * marked when the two passages are shown side by side.
 */
export function sharedSentences(
  a: PassageFingerprint,
  b: PassageFingerprint,
  share = COPY_THRESHOLD,
): Sentence[] {
  return a.sentences.filter(
    (_sentence, index) => containment(a.sentenceShingles[index] ?? new Set(), b.shingles) >= share,
  );
}

export interface ReuseMatch<K> {
  readonly key: K;
  readonly similarity: number;
}

export interface ReuseIndexOptions {
  /** Signature rows per band (default 4: 32 bands; passages with Jaccard ≥ 0.5 meet ~87 %). */
  readonly rowsPerBand?: number;
}

/** Passages of many reports, to ask which earlier-added passages a new one copies. */
export class ReuseIndex<K> {
  private readonly rows: number;
  private readonly buckets = new Map<number, number[]>();
  private readonly entries: { key: K; fingerprint: PassageFingerprint }[] = [];

  constructor(options: ReuseIndexOptions = {}) {
    this.rows = options.rowsPerBand ?? 4;
  }

  get size(): number {
    return this.entries.length;
  }

  /** One number per band: the band's index and values hashed (FNV-1a over 32-bit words). */
  private bandKeys(signature: Uint32Array): number[] {
    const keys: number[] = [];
    for (let band = 0; band * this.rows < SIGNATURE_LENGTH; band++) {
      let hash = Math.imul(0x811c9dc5 ^ band, 0x01000193) >>> 0;
      for (let i = band * this.rows; i < Math.min(SIGNATURE_LENGTH, (band + 1) * this.rows); i++) {
        hash = Math.imul(hash ^ (signature[i] as number), 0x01000193) >>> 0;
      }
      keys.push(hash);
    }
    return keys;
  }

  add(key: K, fingerprint: PassageFingerprint): void {
    if (!isJudgeable(fingerprint)) return;
    const index = this.entries.push({ key, fingerprint }) - 1;
    for (const bucket of this.bandKeys(fingerprint.signature)) {
      const members = this.buckets.get(bucket);
      if (members) members.push(index);
      else this.buckets.set(bucket, [index]);
    }
  }

  /** Passages added before that this one copies or is copied by (similarity ≥ threshold), best first. */
  matches(
    fingerprint: PassageFingerprint,
    accept: (key: K) => boolean = () => true,
    threshold = COPY_THRESHOLD,
  ): ReuseMatch<K>[] {
    if (!isJudgeable(fingerprint)) return [];
    const seen = new Set<number>();
    const found: ReuseMatch<K>[] = [];
    for (const bucket of this.bandKeys(fingerprint.signature)) {
      for (const index of this.buckets.get(bucket) ?? []) {
        if (seen.has(index)) continue;
        seen.add(index);
        const entry = this.entries[index];
        if (!entry || !accept(entry.key)) continue;
        const similarity = similarityOf(fingerprint, entry.fingerprint);
        if (similarity >= threshold) found.push({ key: entry.key, similarity });
      }
    }
    return found.sort((a, b) => b.similarity - a.similarity);
  }
}
