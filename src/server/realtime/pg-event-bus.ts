/**
 * The event bus of several app processes on one PostgreSQL: a publish is a NOTIFY on
 * `keizoku_events` whose payload is the organization id, and every process LISTENs on one dedicated
 * connection (not from the pool: a pooled connection is handed to others between queries). Each
 * notification wakes the organization's streams of this process, which read the new rows of
 * `incident_events` themselves, so a lost notification loses no event, only delays it.
 *
 * The listening connection reconnects after a failure (1 s, doubling to 30 s at most); once it is
 * back every stream of this process is woken, since notifications sent meanwhile were missed.
 */
import pg from 'pg';
import type { EventBus } from './event-bus.js';

const EVENTS_CHANNEL = 'keizoku_events';
/** An organization id is a UUID; NOTIFY payloads are limited to 8000 bytes anyway. */
const ORG_ID = /^[0-9a-f-]{1,64}$/i;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

interface BusLog {
  warn(obj: object, msg: string): void;
}

export class PgEventBus implements EventBus {
  private readonly listeners = new Map<string, Set<() => void>>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = RETRY_MIN_MS;
  private closed = false;
  /** Publishing uses short-lived pooled connections; one is enough for NOTIFY. */
  private readonly notifier: pg.Pool;

  constructor(
    private readonly connectionString: string,
    private readonly log?: BusLog,
  ) {
    this.notifier = new pg.Pool({ connectionString, max: 2 });
    this.notifier.on('error', (err) => this.log?.warn({ err }, 'event bus: a publishing connection failed'));
  }

  publish(orgId: string): void {
    // This process's streams at once; the others through PostgreSQL (ours are woken again, harmlessly).
    this.wakeLocal(orgId);
    if (this.closed || !ORG_ID.test(orgId)) return;
    this.notifier
      .query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, orgId])
      .catch((err: unknown) => this.log?.warn({ err }, 'event bus: NOTIFY failed'));
  }

  subscribe(orgId: string, listener: () => void): () => void {
    let set = this.listeners.get(orgId);
    if (!set) {
      set = new Set();
      this.listeners.set(orgId, set);
    }
    set.add(listener);
    // The first stream of this process opens the listening connection.
    void this.ensureListening();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(orgId);
    };
  }

  /** Resolves once this process listens (tests wait for it before they write). */
  listening(): Promise<void> {
    return this.ensureListening();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.listeners.clear();
    const c = this.client;
    this.client = null;
    await Promise.allSettled([c?.end(), this.notifier.end()]);
  }

  private wakeLocal(orgId: string): void {
    for (const l of this.listeners.get(orgId) ?? []) l();
  }

  private wakeAll(): void {
    for (const orgId of this.listeners.keys()) this.wakeLocal(orgId);
  }

  private ensureListening(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (n) => {
      if (n.channel === EVENTS_CHANNEL && n.payload) this.wakeLocal(n.payload);
    });
    client.on('error', (err) => {
      this.log?.warn({ err }, 'event bus: the listening connection failed; reconnecting');
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      this.log?.warn({ err }, 'event bus: cannot listen; retrying');
      await client.end().catch(() => {});
      this.retryLater();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.retryMs = RETRY_MIN_MS;
    // Anything published while we were not listening is read now.
    this.wakeAll();
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => {});
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.listeners.size > 0) void this.ensureListening();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
