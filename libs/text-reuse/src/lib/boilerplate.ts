import { hash32, shinglesOf } from './fingerprint';
import { sentencesOf, type Sentence } from './passages';

/*
 * Wording every agency uses is not copying: the template's fixed sentences ("本报告根据《条例》
 * … 编制"), slogans and set phrases of the year ("坚持以人民为中心", "重点公开了…"). A sentence,
 * or a shingle (five characters of wording), found in the reports of many agencies is
 * boilerplate and is left out before reports are compared; what two reports alone share stays.
 */

export interface BoilerplateOptions {
  /** Common from this many reports on (default 4): in a county, a phrase four agencies use. */
  readonly minReports?: number;
  /**
   * Or from this share of the reports learned (default 0.2 %): across a country, where a source
   * copied by five agencies must not turn into boilerplate itself.
   */
  readonly commonShare?: number;
}

/** Sentences known to every report of the national format, whatever the corpus says. */
const TEMPLATE_WORDING = [
  '本报告根据中华人民共和国政府信息公开条例编制',
  '本报告中所列数据的统计期限自年月日起至年月日止',
  '如对本报告有任何疑问请与联系',
];

/**
 * Counts per hash in a fixed table (saturating at 255): memory stays the same for a county and
 * for a country; two hashes sharing a slot can only make a phrase look more common, never less.
 */
class HashCounts {
  private readonly table: Uint8Array;
  private readonly mask: number;

  constructor(bits: number) {
    this.table = new Uint8Array(1 << bits);
    this.mask = (1 << bits) - 1;
  }

  add(hash: number): void {
    const slot = hash & this.mask;
    if ((this.table[slot] as number) < 255) this.table[slot] = (this.table[slot] as number) + 1;
  }

  count(hash: number): number {
    return this.table[hash & this.mask] as number;
  }
}

export class BoilerplateFilter {
  private readonly sentences = new HashCounts(22);
  private readonly shingles = new HashCounts(24);
  private readonly minReports: number;
  private readonly commonShare: number;
  private learned = 0;

  constructor(options: BoilerplateOptions = {}) {
    this.minReports = options.minReports ?? 4;
    this.commonShare = options.commonShare ?? 0.002;
  }

  /** How many reports make a phrase common, given how many were learned. */
  private get threshold(): number {
    return Math.min(255, Math.max(this.minReports, Math.ceil(this.learned * this.commonShare)));
  }

  /** Counts one report's sentences and shingles (each once per report). */
  learn(text: string): void {
    this.learned++;
    const shingles = new Set<number>();
    const sentences = new Set<number>();
    for (const sentence of sentencesOf(text)) {
      sentences.add(hash32(sentence.wording));
      shinglesOf(sentence.wording, shingles);
    }
    for (const sentence of sentences) this.sentences.add(sentence);
    for (const shingle of shingles) this.shingles.add(shingle);
  }

  isBoilerplate(sentence: Sentence): boolean {
    if (TEMPLATE_WORDING.some((wording) => sentence.wording.includes(wording))) return true;
    return this.sentences.count(hash32(sentence.wording)) >= this.threshold;
  }

  isCommonShingle(shingle: number): boolean {
    return this.shingles.count(shingle) >= this.threshold;
  }

  /** The sentences of a text that are its own, not boilerplate. */
  ownSentences(text: string): Sentence[] {
    return sentencesOf(text).filter((sentence) => !this.isBoilerplate(sentence));
  }

  /** The shingles of a sentence that are its own wording, common ones left out. */
  ownShingles(sentence: Sentence): Set<number> {
    const own = new Set<number>();
    for (const shingle of shinglesOf(sentence.wording))
      if (!this.isCommonShingle(shingle)) own.add(shingle);
    return own;
  }
}
