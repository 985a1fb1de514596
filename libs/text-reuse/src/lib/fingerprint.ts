/*
 * Shingles: every run of SHINGLE_LENGTH characters of the wording, hashed. Chinese has no
 * spaces between words, so character n-grams stand in for word n-grams; five characters are
 * about two or three words, long enough that unrelated texts share few of them.
 */

export const SHINGLE_LENGTH = 5;

/** FNV-1a, 32 bits: fast, well spread, and the same on every machine. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The hashed shingles of a wording (wordingOf); empty when it is shorter than one shingle. */
export function shinglesOf(wording: string, into: Set<number> = new Set()): Set<number> {
  for (let i = 0; i + SHINGLE_LENGTH <= wording.length; i++) {
    // FNV-1a over the window's code units, without making a string of it.
    let hash = 0x811c9dc5;
    for (let j = i; j < i + SHINGLE_LENGTH; j++) {
      hash ^= wording.charCodeAt(j);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    into.add(hash);
  }
  return into;
}

function sharedCount(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const shingle of small) if (large.has(shingle)) shared++;
  return shared;
}

/**
 * How much of the shorter text stands in the longer one (0–1): a report that copied a part and
 * added a paragraph of its own is still a copy, which Jaccard similarity would hide.
 */
export function containment(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const smaller = Math.min(a.size, b.size);
  return smaller === 0 ? 0 : sharedCount(a, b) / smaller;
}

/** MinHash signature length: 128 values estimate Jaccard similarity within about ±0.09. */
export const SIGNATURE_LENGTH = 128;

/** Seeds of the MinHash functions (hash32 with different seeds), fixed so signatures can be stored. */
const SIGNATURE_SEEDS = Uint32Array.from({ length: SIGNATURE_LENGTH }, (_, i) =>
  hash32(`minhash-${i}`),
);

/**
 * The MinHash signature of a set of shingles: for each of SIGNATURE_LENGTH hash functions, the
 * smallest value over the set. Two signatures agree in a share of places that estimates the
 * sets' Jaccard similarity, so near copies can be found without comparing every pair.
 */
export function signatureOf(shingles: ReadonlySet<number>): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_LENGTH).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < SIGNATURE_LENGTH; i++) {
      // Re-hash the shingle's value with each function's seed (xor-shift mixing of the 32 bits).
      let value = (shingle ^ (SIGNATURE_SEEDS[i] as number)) >>> 0;
      value = Math.imul(value ^ (value >>> 16), 0x45d9f3b) >>> 0;
      value = Math.imul(value ^ (value >>> 16), 0x45d9f3b) >>> 0;
      value = (value ^ (value >>> 16)) >>> 0;
      if (value < (signature[i] as number)) signature[i] = value;
    }
  }
  return signature;
}
