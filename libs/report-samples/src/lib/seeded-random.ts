/** Deterministic pseudo-random numbers (xorshift32): the same seed gives the same report. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A generator for one purpose (e.g. one rendering path), independent of this one's draws. */
  static derived(seed: number, purpose: string): SeededRandom {
    let hash = seed >>> 0;
    for (const char of purpose) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    const random = new SeededRandom(hash);
    // The first draws of nearby seeds are close: let the state mix first.
    for (let i = 0; i < 4; i++) random.next();
    return random;
  }

  /** A 32-bit unsigned integer. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }

  /** An integer in [low, high]. */
  int(low: number, high: number): number {
    return low + (this.next() % (high - low + 1));
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() / 0x1_0000_0000 < probability;
  }

  /** One of the items. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('nothing to pick from');
    return items[this.next() % items.length] as T;
  }

  /** One of the items, each with its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = (this.next() / 0x1_0000_0000) * total;
    for (const [item, weight] of items) {
      draw -= weight;
      if (draw < 0) return item;
    }
    return (items.at(-1) as readonly [T, number])[0];
  }

  /** `length` bytes. */
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.next() & 0xff;
    return out;
  }
}
