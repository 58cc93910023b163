/**
 * The seam between writers and the live screens (Server-Sent Events). Events themselves are rows
 * of the database (`incident_events`, one sequence per organization); the bus only wakes the
 * streams of an organization so they read what is new. A stream that misses a wake-up loses
 * nothing: it reads from its last seq the next time, and a reconnect replays from Last-Event-ID.
 *
 * The in-process bus serves one app process. Several processes on PostgreSQL need a bus that
 * forwards wake-ups between them (LISTEN/NOTIFY on a channel, payload = the org id): it implements
 * this same interface and is chosen in eventBusFor.
 */
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

const buses = new WeakMap<object, EventBus>();

/** The bus of one app (keyed by its database handle): one per process today. */
export function eventBusFor(db: object): EventBus {
  let bus = buses.get(db);
  if (!bus) {
    bus = new InProcessEventBus();
    buses.set(db, bus);
  }
  return bus;
}
