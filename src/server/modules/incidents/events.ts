/**
 * The live stream of an organization's incident events (Server-Sent Events). A stream subscribes to
 * the bus first, then replays every event after the client's Last-Event-ID from the database, then
 * reads again on each wake-up: events come from the table, in seq order, so none is lost or sent twice.
 */
import type { Writable } from 'node:stream';
import type { Db } from '../../db/database.js';
import type { EventBus } from '../../realtime/event-bus.js';
import * as repo from './repo.js';

const BATCH = 500;
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

/** Sends events to `target` until the client disconnects. */
export async function streamIncidentEvents(
  db: Db,
  bus: EventBus,
  orgId: string,
  lastSeq: number,
  target: StreamTarget,
): Promise<void> {
  let sent = lastSeq;
  let reading: Promise<void> | null = null;
  let again = false;
  let open = true;
  const flush = async () => {
    while (open) {
      const rows = await repo.eventsAfter(db.kysely, orgId, sent, BATCH);
      for (const r of rows) {
        const data = JSON.stringify({
          seq: r.seq,
          incidentId: r.incident_id,
          kind: r.kind,
          subjectId: r.subject_id,
          at: r.at,
        });
        target.out.write(`id: ${r.seq}\nevent: incident\ndata: ${data}\n\n`);
        sent = r.seq;
      }
      if (rows.length < BATCH) return;
    }
  };
  const wake = () => {
    if (reading) {
      again = true;
      return;
    }
    reading = (async () => {
      do {
        again = false;
        await flush();
      } while (again && open);
    })()
      .catch(() => {
        target.out.end();
      })
      .finally(() => {
        reading = null;
      });
  };
  const unsubscribe = bus.subscribe(orgId, wake);
  const heartbeat = setInterval(() => target.out.write(': keep-alive\n\n'), HEARTBEAT_MS);
  target.out.write('retry: 3000\n\n');
  wake();
  await target.closed;
  open = false;
  clearInterval(heartbeat);
  unsubscribe();
}
