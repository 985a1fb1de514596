/** A small seeded generator (mulberry32): the same seed gives the same demo, everywhere. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** Roughly Poisson-distributed count with the given mean (counts of applications, cases). */
  count(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.gaussian()));
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = this.next(); p > limit; p *= this.next()) k++;
    return k;
  }

  gaussian(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Splits `total` into parts in proportion to `weights` (a multinomial draw). */
  split(total: number, weights: readonly number[]): number[] {
    const parts = weights.map(() => 0);
    const sum = weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < total; i++) {
      let r = this.next() * sum;
      let index = 0;
      while (index < weights.length - 1 && r >= (weights[index] ?? 0)) {
        r -= weights[index] ?? 0;
        index++;
      }
      parts[index] = (parts[index] ?? 0) + 1;
    }
    return parts;
  }
}
