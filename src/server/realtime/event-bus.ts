/**
 * The seam between writers and the live screens (Server-Sent Events). Events themselves are rows
 * of the database (`incident_events`, one sequence per organization); the bus only wakes the
 * streams of an organization so they read what is new. A stream that misses a wake-up loses
 * nothing: it reads from its last seq the next time, and a reconnect replays from Last-Event-ID.
 *
 * The in-process bus serves one app process (SQLite: one process owns the file). On PostgreSQL,
 * several processes share wake-ups through LISTEN/NOTIFY (pg-event-bus.ts), chosen in eventBusFor.
 */
import type { Db } from '../db/database.js';
import { PgEventBus } from './pg-event-bus.js';

export interface EventBus {
  /** Tell every stream of the organization that it has new events (after the write commits). */
  publish(orgId: string): void;
  /** Called on each wake-up of the organization; returns the function that stops listening. */
  subscribe(orgId: string, listener: () => void): () => void;
  close(): Promise<void>;
}

class InProcessEventBus implements EventBus {
  private readonly listeners = new Map<string, Set<() => void>>();

  publish(orgId: string): void {
    for (const l of this.listeners.get(orgId) ?? []) l();
  }

  subscribe(orgId: string, listener: () => void): () => void {
    let set = this.listeners.get(orgId);
    if (!set) {
      set = new Set();
      this.listeners.set(orgId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(orgId);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

const buses = new WeakMap<Db, EventBus>();

/**
 * The bus of one app (keyed by its database handle): in-process on SQLite, LISTEN/NOTIFY on
 * PostgreSQL so that every app process on the database wakes its streams.
 */
export function eventBusFor(db: Db, log?: { warn(obj: object, msg: string): void }): EventBus {
  let bus = buses.get(db);
  if (!bus) {
    bus =
      db.engine === 'pg' && db.connectionString
        ? new PgEventBus(db.connectionString, log)
        : new InProcessEventBus();
    buses.set(db, bus);
  }
  return bus;
}

/** Closes the app's bus (its listening connection on PostgreSQL); the next eventBusFor makes a new one. */
export async function closeEventBus(db: Db): Promise<void> {
  const bus = buses.get(db);
  buses.delete(db);
  await bus?.close();
}
