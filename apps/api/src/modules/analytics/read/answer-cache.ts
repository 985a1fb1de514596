import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '../../../common/runtime';

interface CachedAnswer {
  /** The answer as the response sends it: serialised once, not on every request. */
  readonly json: string;
  /** Its size in UTF-8: what the cache's byte budget counts. */
  readonly bytes: number;
}

type Compute = () => Promise<unknown>;

/**
 * Analytics answers kept in this process (least recently used go first, bounded in bytes), so an
 * answer whose data has not changed costs a lookup instead of its queries. The caller's key
 * holds the revision of the answer's scope read from the database (what the ETag is made of): a
 * write in the scope moves the revision, so the old entry is simply never asked for again, and
 * every API replica keys its own cache by the same shared revision. A revision read before the
 * answer's queries can only label an answer as new as itself or newer, never an older one.
 */
@Injectable()
export class AnalyticsAnswerCache {
  private readonly cache: LRUCache<string, CachedAnswer, Compute> | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cache =
      config.analyticsCacheBytes > 0
        ? new LRUCache<string, CachedAnswer, Compute>({
            maxSize: config.analyticsCacheBytes,
            // One very large answer (a long export-sized page) must not push out all the others.
            maxEntrySize: Math.max(1, Math.floor(config.analyticsCacheBytes / 4)),
            sizeCalculation: (entry) => Math.max(1, entry.bytes),
            // Requests asking the same uncached answer at once wait for one computation.
            fetchMethod: async (_key, _stale, { context }) => {
              const json = serialise(await context());
              return { json, bytes: Buffer.byteLength(json) };
            },
          })
        : undefined;
  }

  /** The answer under `key` as JSON text, computed by `compute` (and kept) when it is not held. */
  async json(key: string, compute: Compute): Promise<string> {
    if (!this.cache) return serialise(await compute());
    const entry = await this.cache.fetch(key, { context: compute });
    // fetch() resolves undefined only when the computation was aborted (the entry evicted mid-way).
    return entry ? entry.json : serialise(await compute());
  }
}

const serialise = (answer: unknown) => JSON.stringify(answer) ?? 'null';
