import { describe, expect, it } from 'vitest';
import { type Built, RevisionCache } from './cache.js';

/** A build that counts its calls and gives `${org}@${revision}#${call}`. */
function counter(weight = 1, cacheable = true) {
  let calls = 0;
  return {
    calls: () => calls,
    build: (org: string, revision: string) => async (): Promise<Built<string>> => {
      calls++;
      return { value: `${org}@${revision}#${calls}`, weight, cacheable };
    },
  };
}

describe('RevisionCache', () => {
  it('serves a value only for the revision it was built at', async () => {
    const cache = new RevisionCache<string>({ maxEntries: 4, maxWeight: 100 });
    const c = counter();
    expect(await cache.get('a', 'r1', c.build('a', 'r1'))).toBe('a@r1#1');
    expect(await cache.get('a', 'r1', c.build('a', 'r1'))).toBe('a@r1#1');
    expect(await cache.get('a', 'r2', c.build('a', 'r2'))).toBe('a@r2#2');
    // Going back to an earlier revision (a restore) builds again: only the latest is kept.
    expect(await cache.get('a', 'r1', c.build('a', 'r1'))).toBe('a@r1#3');
    expect(cache.stats()).toEqual({ entries: 1, weight: 1 });
  });

  it('keeps organizations apart, even at the same revision', async () => {
    const cache = new RevisionCache<string>({ maxEntries: 4, maxWeight: 100 });
    const c = counter();
    expect(await cache.get('a', '0', c.build('a', '0'))).toBe('a@0#1');
    expect(await cache.get('b', '0', c.build('b', '0'))).toBe('b@0#2');
    expect(await cache.get('a', '0', c.build('a', '0'))).toBe('a@0#1');
  });

  it('shares one build between concurrent requests for the same revision', async () => {
    const cache = new RevisionCache<string>({ maxEntries: 4, maxWeight: 100 });
    const c = counter();
    const all = await Promise.all([1, 2, 3].map(() => cache.get('a', 'r1', c.build('a', 'r1'))));
    expect(all).toEqual(['a@r1#1', 'a@r1#1', 'a@r1#1']);
    expect(c.calls()).toBe(1);
  });

  it('does not keep a value built while the revision moved, nor a failed build', async () => {
    const cache = new RevisionCache<string>({ maxEntries: 4, maxWeight: 100 });
    const moving = counter(1, false);
    await cache.get('a', 'r1', moving.build('a', 'r1'));
    await cache.get('a', 'r1', moving.build('a', 'r1'));
    expect(moving.calls()).toBe(2);
    expect(cache.stats().entries).toBe(0);

    await expect(
      cache.get('b', 'r1', async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');
    const c = counter();
    expect(await cache.get('b', 'r1', c.build('b', 'r1'))).toBe('b@r1#1');
  });

  it('drops the least recently used organizations past its entry and weight limits', async () => {
    const cache = new RevisionCache<string>({ maxEntries: 2, maxWeight: 10 });
    const c = counter(4);
    await cache.get('a', 'r', c.build('a', 'r'));
    await cache.get('b', 'r', c.build('b', 'r'));
    await cache.get('a', 'r', c.build('a', 'r')); // a is now the most recently used
    await cache.get('c', 'r', c.build('c', 'r')); // over two entries: b goes
    expect(c.calls()).toBe(3);
    expect(await cache.get('a', 'r', c.build('a', 'r'))).toBe('a@r#1');
    expect(await cache.get('b', 'r', c.build('b', 'r'))).toBe('b@r#4');
    expect(cache.stats()).toEqual({ entries: 2, weight: 8 });

    // One organization heavier than the whole budget is still kept, alone (counted as the budget).
    const heavy = counter(50);
    await cache.get('h', 'r', heavy.build('h', 'r'));
    expect(cache.stats()).toEqual({ entries: 1, weight: 10 });
    await cache.get('h', 'r', heavy.build('h', 'r'));
    expect(heavy.calls()).toBe(1);
  });
});
