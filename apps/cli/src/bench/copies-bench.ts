import { performance } from 'node:perf_hooks';
import { narrativeText, SeededRandom } from '@atlas/demo-data';
import {
  BoilerplateFilter,
  fingerprintOf,
  isJudgeable,
  ReuseIndex,
  similarityOf,
  wordingOf,
  type PassageFingerprint,
} from '@atlas/text-reuse';
import { round } from './measure';

/*
 * Copied-content detection (N.COPIED) at the two sizes an office meets: the reports of one
 * county's agencies compared pair by pair, and a national year of reports through the index.
 * Some reports copy another's part 一 with small edits (their name, the numbers, a word); the
 * bench says how many of those were found and how many independent pairs were flagged.
 * Baseline, measured in the same run: reading every text's wording, the least any comparison does.
 */

export interface CopiesBenchOptions {
  /** Reports of one county, compared all pairs (default 100). */
  readonly county: number;
  /** Reports of the national run, through the index (default 100,000). */
  readonly national: number;
  readonly seed: number;
  /** Share of reports that copy another (default 1 %). */
  readonly copyShare?: number;
  readonly log?: (line: string) => void;
}

export interface CopiesRun {
  readonly reports: number;
  /** Copies planted whose source has enough prose of its own to be judged (isJudgeable). */
  readonly plantedCopies: number;
  /** Copies planted of a source too short to judge: not counted either way. */
  readonly unjudgeableCopies: number;
  /** Planted copies whose source was found. */
  readonly foundCopies: number;
  /** Pairs flagged where neither copied the other. */
  readonly flaggedIndependent: number;
  readonly ms: number;
  /** Reading every text's wording once: the baseline. */
  readonly baselineMs: number;
  readonly ratio: number;
}

interface Corpus {
  readonly texts: string[];
  /** Report index → the report it copied. */
  readonly copied: Map<number, number>;
}

const agencyOf = (i: number) => `第${i}号单位`;

/** Reports of one year, a share of them copying an earlier one's part 一 with small edits. */
function corpusOf(size: number, seed: number, copyShare: number): Corpus {
  const random = new SeededRandom(seed);
  const texts: string[] = [];
  const copied = new Map<number, number>();
  for (let i = 0; i < size; i++) {
    const own = narrativeText(new SeededRandom(seed * 7919 + i), agencyOf(i), 2024).overview;
    if (i > 0 && random.chance(copyShare)) {
      const source = random.int(0, i - 1);
      const original = texts[source] ?? own;
      copied.set(i, source);
      texts.push(
        original
          .replaceAll(agencyOf(source), agencyOf(i))
          .replace(/\d+/g, (digits) => String(Number(digits) + 3))
          .replace('持续', '不断'),
      );
    } else texts.push(own);
  }
  return { texts, copied };
}

function learn(texts: readonly string[]): BoilerplateFilter {
  const filter = new BoilerplateFilter();
  for (const text of texts) filter.learn(text);
  return filter;
}

function baseline(texts: readonly string[]): number {
  const start = performance.now();
  let characters = 0;
  for (const text of texts) characters += wordingOf(text).length;
  if (characters < 0) throw new Error('unreachable');
  return performance.now() - start;
}

/** Whether a flagged pair is a planted copy (either way round, or two copies of one source). */
function isPlanted(corpus: Corpus, a: number, b: number): boolean {
  const sourceOf = (i: number) => corpus.copied.get(i) ?? i;
  return corpus.copied.get(a) === b || corpus.copied.get(b) === a || sourceOf(a) === sourceOf(b);
}

function summary(
  corpus: Corpus,
  judgeable: (report: number) => boolean,
  flagged: readonly [number, number][],
  ms: number,
  baselineMs: number,
): CopiesRun {
  const planted = [...corpus.copied.entries()].filter(([, source]) => judgeable(source));
  const found = new Set<number>();
  let independent = 0;
  for (const [a, b] of flagged) {
    if (!isPlanted(corpus, a, b)) independent++;
    if (corpus.copied.get(a) === b) found.add(a);
    if (corpus.copied.get(b) === a) found.add(b);
  }
  return {
    reports: corpus.texts.length,
    plantedCopies: planted.length,
    unjudgeableCopies: corpus.copied.size - planted.length,
    foundCopies: planted.filter(([copy]) => found.has(copy)).length,
    flaggedIndependent: independent,
    ms: round(ms),
    baselineMs: round(baselineMs),
    ratio: round(ms / Math.max(baselineMs, 0.001), 1),
  };
}

/** One county: boilerplate learned from its reports, then every pair measured exactly. */
function countyRun(options: CopiesBenchOptions): CopiesRun {
  const corpus = corpusOf(options.county, options.seed, Math.max(options.copyShare ?? 0.01, 0.05));
  const start = performance.now();
  const filter = learn(corpus.texts);
  const prints = corpus.texts.map((text) => fingerprintOf(text, filter));
  const flagged: [number, number][] = [];
  for (let a = 0; a < prints.length; a++)
    for (let b = a + 1; b < prints.length; b++)
      if (similarityOf(prints[a] as PassageFingerprint, prints[b] as PassageFingerprint) >= 0.6)
        flagged.push([a, b]);
  const ms = performance.now() - start;
  return summary(
    corpus,
    (report) => isJudgeable(prints[report] as PassageFingerprint),
    flagged,
    ms,
    baseline(corpus.texts),
  );
}

/** A national year: boilerplate learned from all, each report asks the index for earlier ones. */
function nationalRun(options: CopiesBenchOptions): CopiesRun {
  const corpus = corpusOf(options.national, options.seed + 1, options.copyShare ?? 0.01);
  options.log?.(`copies: ${corpus.texts.length} reports generated`);
  const start = performance.now();
  const filter = learn(corpus.texts);
  const index = new ReuseIndex<number>();
  const flagged: [number, number][] = [];
  const judgeable = new Set<number>();
  corpus.texts.forEach((text, i) => {
    const print = fingerprintOf(text, filter);
    if (!isJudgeable(print)) return;
    judgeable.add(i);
    for (const match of index.matches(print)) flagged.push([i, match.key]);
    index.add(i, print);
    if ((i + 1) % 20_000 === 0) options.log?.(`copies: ${i + 1}/${corpus.texts.length} indexed`);
  });
  const ms = performance.now() - start;
  return summary(corpus, (report) => judgeable.has(report), flagged, ms, baseline(corpus.texts));
}

export function benchCopies(options: CopiesBenchOptions): {
  county: CopiesRun;
  national: CopiesRun;
} {
  return { county: countyRun(options), national: nationalRun(options) };
}
