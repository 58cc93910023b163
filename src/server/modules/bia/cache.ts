import { LRUCache } from 'lru-cache';

/**
 * A small per-organization cache of values derived from the database, each stored under the
 * revision the database reported when it was built. A value is served only for the very revision
 * it was built at, so it is never stale: the caller reads the current revision first (one cheap
 * query) and any write, by this process or another one, or a restore, changes it.
 *
 * Memory is bounded: least recently used organizations go first once there are more than
 * `maxEntries` or their total `weight` passes `maxWeight` (lru-cache's `max` and `maxSize`). One
 * organization larger than the budget counts as the whole budget, so it is still cached, alone.
 * Entries never cross organizations.
 */
export interface RevisionCacheOptions {
  maxEntries: number;
  maxWeight: number;
}

export interface Built<T> {
  value: T;
  /** Roughly proportional to the memory the value holds (e.g. nodes + edges). */
  weight: number;
  /** False when the revision moved while building: the value is used once, not kept. */
  cacheable: boolean;
}

interface Entry<T> {
  revision: string;
  value: T;
}

export class RevisionCache<T> {
  private readonly entries: LRUCache<string, Entry<T>>;
  private readonly building = new Map<string, { revision: string; promise: Promise<T> }>();

  constructor(options: RevisionCacheOptions) {
    this.entries = new LRUCache<string, Entry<T>>({ max: options.maxEntries, maxSize: options.maxWeight });
  }

  /**
   * The value of `orgId` at `revision`: from the cache, from a build already running for the same
   * revision (concurrent requests share it), or built now.
   */
  async get(orgId: string, revision: string, build: () => Promise<Built<T>>): Promise<T> {
    const hit = this.entries.get(orgId);
    if (hit && hit.revision === revision) return hit.value;
    const running = this.building.get(orgId);
    if (running && running.revision === revision) return running.promise;
    const promise = build().then((b) => {
      if (b.cacheable)
        this.entries.set(
          orgId,
          { revision, value: b.value },
          // lru-cache refuses an entry larger than maxSize: count it as the whole budget instead.
          { size: Math.min(Math.max(1, Math.ceil(b.weight)), this.entries.maxSize) },
        );
      return b.value;
    });
    this.building.set(orgId, { revision, promise });
    try {
      return await promise;
    } finally {
      if (this.building.get(orgId)?.promise === promise) this.building.delete(orgId);
    }
  }

  /** How many organizations are cached and their total weight (for tests and benchmarks). */
  stats(): { entries: number; weight: number } {
    return { entries: this.entries.size, weight: this.entries.calculatedSize };
  }
}
