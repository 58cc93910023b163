/**
 * The live stream of an organization's incident events (Server-Sent Events). A stream joins its
 * organization's feed, which is subscribed to the bus: the feed replays every event after the
 * client's Last-Event-ID from the database, then reads again on each wake-up. Events come from the
 * table, in seq order, so none is lost or sent twice.
 */
import type { Writable } from 'node:stream';
import type { Db } from '../../db/database.js';
import type { IncidentEventRow } from '../../db/schema.js';
import type { EventBus } from '../../realtime/event-bus.js';
import * as repo from './repo.js';

const BATCH = 500;
/**
 * Reads of the feed are at least this far apart: during a wave of answers each stream gets about
 * ten messages a second (runs of answers grouped, below), not one per batch written; a quiet feed
 * is read at once.
 */
const FLUSH_GAP_MS = 100;
/** A comment line keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 20_000;

/**
 * Where a stream starts: after Last-Event-ID as sent (a whole number), else after the newest event
 * (a first connection loads the screens' data itself and needs only what comes next).
 */
export async function startingSeq(db: Db, orgId: string, value: unknown): Promise<number> {
  const s = Array.isArray(value) ? value[0] : value;
  if (typeof s === 'string' && /^\d{1,15}$/.test(s)) return Number(s);
  return repo.lastEventSeq(db.kysely, orgId);
}

interface StreamTarget {
  out: Writable;
  /** Resolves when the client goes away. */
  closed: Promise<void>;
}

/** A stream that falls this far behind (a stalled client) is ended; its browser reconnects and replays. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

interface Subscriber {
  out: Writable;
  /** The seq of the last event written to it. */
  sent: number;
}

/**
 * The live streams of one organization in this process, fed by one reader: a wake-up reads the new
 * events once and writes them to every stream (200 dashboards cost one query, not 200). Each
 * stream gets the events after its own last seq, so one that connected with an older
 * Last-Event-ID is brought up to date by the same reads.
 */
class OrgFeed {
  readonly subscribers = new Set<Subscriber>();
  private reading: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private again = false;
  private readAt = -Infinity;

  constructor(
    private readonly db: Db,
    private readonly orgId: string,
  ) {}

  /**
   * New events are there: read them now, or, within FLUSH_GAP_MS of the last read, at the end of
   * that gap (the wake-ups in between are served by that one read).
   */
  wake(): void {
    if (this.reading || this.timer) {
      this.again = true;
      return;
    }
    const wait = this.readAt + FLUSH_GAP_MS - performance.now();
    if (wait <= 0) {
      this.read();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.read();
    }, wait);
    this.timer.unref();
  }

  private read(): void {
    this.again = false;
    this.readAt = performance.now();
    this.reading = this.flush()
      .catch(() => {
        // The database failed: end the streams; browsers reconnect and replay from their last seq.
        for (const s of this.subscribers) s.out.end();
      })
      .finally(() => {
        this.reading = null;
        if (this.again && this.subscribers.size > 0) this.wake();
      });
  }

  private async flush(): Promise<void> {
    for (;;) {
      if (this.subscribers.size === 0) return;
      const from = Math.min(...[...this.subscribers].map((s) => s.sent));
      const rows = await repo.eventsAfter(this.db.kysely, this.orgId, from, BATCH);
      const last = rows.at(-1);
      // Streams at the same seq share one chunk (usually all of them).
      const chunks = new Map<number, string>();
      for (const s of this.subscribers) {
        if (!last || last.seq <= s.sent) continue;
        let chunk = chunks.get(s.sent);
        if (chunk === undefined) {
          chunk = frames(rows.filter((r) => r.seq > s.sent));
          chunks.set(s.sent, chunk);
        }
        s.out.write(chunk);
        s.sent = last.seq;
        if (s.out.writableLength > MAX_BUFFERED_BYTES) s.out.end();
      }
      if (rows.length < BATCH) return;
    }
  }
}

/** Kinds that come in waves: a run of them on one incident goes out as one message with its count. */
const GROUPED_KINDS = new Set(['safety.answered']);

/**
 * The SSE messages of `rows` (in seq order). A run of answers on one incident is one message (its
 * id the run's last seq, `count` how many, `firstAt` when the first was written): a screen
 * refreshes once for a wave of answers, and a phone is not sent thousands of messages a second.
 */
function frames(rows: readonly IncidentEventRow[]): string {
  let out = '';
  for (let i = 0; i < rows.length; ) {
    const first = rows[i] as IncidentEventRow;
    let j = i + 1;
    if (GROUPED_KINDS.has(first.kind))
      while (j < rows.length && rows[j]?.kind === first.kind && rows[j]?.incident_id === first.incident_id)
        j++;
    const last = rows[j - 1] as IncidentEventRow;
    const data = JSON.stringify({
      seq: last.seq,
      incidentId: last.incident_id,
      kind: last.kind,
      subjectId: last.subject_id,
      at: last.at,
      count: j - i,
      firstAt: first.at,
    });
    out += `id: ${last.seq}\nevent: incident\ndata: ${data}\n\n`;
    i = j;
  }
  return out;
}

/** The live streams of an app, one {@link OrgFeed} per organization with a stream open. */
export class IncidentEventStreams {
  private readonly feeds = new Map<string, { feed: OrgFeed; unsubscribe: () => void }>();

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {}

  /** Sends the organization's events after `lastSeq` to `target` until the client disconnects. */
  async stream(orgId: string, lastSeq: number, target: StreamTarget): Promise<void> {
    let entry = this.feeds.get(orgId);
    if (!entry) {
      const feed = new OrgFeed(this.db, orgId);
      entry = { feed, unsubscribe: this.bus.subscribe(orgId, () => feed.wake()) };
      this.feeds.set(orgId, entry);
    }
    const { feed } = entry;
    const me: Subscriber = { out: target.out, sent: lastSeq };
    target.out.write('retry: 3000\n\n');
    feed.subscribers.add(me);
    feed.wake();
    const heartbeat = setInterval(() => target.out.write(': keep-alive\n\n'), HEARTBEAT_MS);
    await target.closed;
    clearInterval(heartbeat);
    feed.subscribers.delete(me);
    if (feed.subscribers.size === 0 && this.feeds.get(orgId) === entry) {
      entry.unsubscribe();
      this.feeds.delete(orgId);
    }
  }
}
