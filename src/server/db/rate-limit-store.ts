/**
 * Rate-limit counters in the database, for several app processes on one PostgreSQL: a client that
 * spreads its tries over the processes behind a load balancer meets one limit, not one per process.
 * A store of @fastify/rate-limit (its `incr`/`child` contract); one row per route and key, a fixed
 * window like the plugin's in-memory store. SQLite keeps the in-memory store (one process).
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Db } from './database.js';

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

/** Rows whose window ended this long ago are deleted now and then. */
const SWEEP_AFTER_MS = 60 * 60_000;
const SWEEP_EVERY = 500;

/** One counter per route: the store's prefix is the route's method and URL. */
async function increment(db: Db, key: string, windowMs: number): Promise<Result> {
  const now = Date.now();
  const row = await sql<{ hits: number; reset_at: number }>`
    INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES (${key}, 1, ${now + windowMs})
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN rate_limit_hits.reset_at <= ${now} THEN 1 ELSE rate_limit_hits.hits + 1 END,
      reset_at = CASE WHEN rate_limit_hits.reset_at <= ${now} THEN ${now + windowMs}
                      ELSE rate_limit_hits.reset_at END
    RETURNING hits, reset_at`.execute(db.kysely);
  const r = row.rows[0];
  if (!r) throw new Error('rate limit: the counter was not written');
  return { current: Number(r.hits), ttl: Math.max(0, Number(r.reset_at) - now) };
}

async function sweep(db: Db): Promise<void> {
  await db.kysely
    .deleteFrom('rate_limit_hits')
    .where('reset_at', '<', Date.now() - SWEEP_AFTER_MS)
    .execute();
}

/** The store class @fastify/rate-limit instantiates, bound to this app's database. */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let calls = 0;
  class DatabaseStore {
    private readonly prefix: string;
    // The plugin constructs the global store with its settings; child() passes a route's prefix.
    constructor(prefix: unknown) {
      this.prefix = typeof prefix === 'string' ? prefix : '';
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      if (++calls % SWEEP_EVERY === 0) sweep(db).catch(() => {});
      increment(db, `${this.prefix}${key}`.slice(0, 400), timeWindow).then(
        (r) => callback(null, r),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    // The plugin passes the route's merged settings with the route itself under routeInfo (its
    // typings say the route options).
    child(options: object): FastifyRateLimitStore {
      const route = (options as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      return new DatabaseStore(`${[route.method ?? ''].flat().join(',')} ${route.url ?? ''} `);
    }
  }
  return DatabaseStore satisfies FastifyRateLimitStoreCtor;
}
