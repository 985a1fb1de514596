/**
 * Recently read values by key, for at most `ttlMs` each: every authenticated request used to read
 * its user (and scopes) from the database, the largest cost of an analytics answer served from
 * the cache. A change made here forgets the key at once; one made through another API replica
 * is seen within `ttlMs`. A read that began before the key was forgotten is not kept, so a
 * request racing a change cannot put the old value back.
 */
export class SessionCache<V> {
  private readonly entries = new Map<string, { value: V; readAt: number }>();
  private readonly forgotten = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async get(key: string, read: () => Promise<V>): Promise<V> {
    const started = this.now();
    const entry = this.entries.get(key);
    if (entry && started - entry.readAt < this.ttlMs) return entry.value;
    const value = await read();
    if ((this.forgotten.get(key) ?? -Infinity) < started) {
      this.entries.delete(key);
      if (this.entries.size >= this.maxEntries) this.dropOldest();
      this.entries.set(key, { value, readAt: started });
    }
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
    const now = this.now();
    this.forgotten.delete(key); // re-inserted last: the marks stay in time order
    this.forgotten.set(key, now);
    // A mark only matters to reads still under way: those are younger than the TTL.
    for (const [other, at] of this.forgotten) {
      if (now - at <= this.ttlMs) break;
      this.forgotten.delete(other);
    }
  }

  private dropOldest(): void {
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.entries.delete(oldest.value);
  }
}
