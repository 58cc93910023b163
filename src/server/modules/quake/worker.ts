/**
 * The earthquake trigger's background work inside `serve`: every few seconds, release the held
 * earthquakes whose hold has ended; every minute, read the Atom feed of each organization that set
 * one (off by default) and the earthquake reports it lists that were not read yet. Documents are
 * fetched through the outbound SSRF guard (public addresses only unless
 * KEIZOKU_WEBHOOK_ALLOW_PRIVATE allows one, no redirects, time and size limits). Several
 * processes may run it: each feed entry and each release is claimed by one.
 */
import { XMLParser } from 'fast-xml-parser';
import { MAX_JMA_XML_BYTES } from '../../../domain/jma-quake.js';
import type { GetResult } from '../outbound/index.js';
import * as repo from './repo.js';
import { type QuakeDeps, receiveReport, releaseDue } from './service.js';

const RELEASE_EVERY_MS = 10_000;
const POLL_EVERY_MS = 60_000;
/** A feed lists many kinds of reports; at most this many new earthquake reports are read per poll. */
const MAX_DOCUMENTS_PER_POLL = 20;
const FEED_MAX_BYTES = 2 * 1024 * 1024;
const QUAKE_TITLES = new Set(['震度速報', '震源に関する情報', '震源・震度に関する情報']);

interface Getter {
  get(url: string, maxBytes: number): Promise<GetResult>;
}

interface WorkerLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const feedParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  removeNSPrefix: true,
  isArray: (name) => name === 'entry' || name === 'link',
});

interface FeedEntry {
  id: string;
  url: string;
}

/** The earthquake reports an Atom feed lists (by title or by the VXSE5x data type in the link). */
function quakeEntries(xml: string, base: string): FeedEntry[] {
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) return [];
  let doc: { feed?: { entry?: Record<string, unknown>[] } };
  try {
    doc = feedParser.parse(xml) as typeof doc;
  } catch {
    return [];
  }
  const out: FeedEntry[] = [];
  for (const e of doc.feed?.entry ?? []) {
    const title = String(e.title ?? '').trim();
    const links = (e.link as { '@href'?: string }[] | undefined) ?? [];
    const href = links.map((l) => l['@href']).find((h): h is string => typeof h === 'string');
    if (!href) continue;
    if (!QUAKE_TITLES.has(title) && !/VXSE5[123]/.test(href)) continue;
    let url: string;
    try {
      url = new URL(href, base).toString();
    } catch {
      continue;
    }
    out.push({ id: String(e.id ?? url).slice(0, 300), url });
  }
  return out;
}

/** Reads every configured feed once. */
export async function pollFeeds(deps: QuakeDeps, getter: Getter, log?: WorkerLog): Promise<number> {
  let read = 0;
  for (const settings of await repo.feedSettings(deps.db.kysely)) {
    const feedUrl = settings.feed_url;
    if (!feedUrl) continue;
    const feed = await getter.get(feedUrl, FEED_MAX_BYTES);
    if (!feed.ok) {
      log?.warn({ orgId: settings.org_id, detail: feed.detail }, 'quake: the feed could not be read');
      continue;
    }
    const entries = quakeEntries(feed.body, feedUrl).slice(0, MAX_DOCUMENTS_PER_POLL);
    for (const entry of entries) {
      const now = new Date().toISOString();
      if (!(await repo.markFeedEntry(deps.db.kysely, settings.org_id, entry.id, now))) continue;
      const doc = await getter.get(entry.url, MAX_JMA_XML_BYTES);
      if (!doc.ok) {
        await repo.unmarkFeedEntry(deps.db.kysely, settings.org_id, entry.id);
        log?.warn({ orgId: settings.org_id, detail: doc.detail }, 'quake: a report could not be read');
        continue;
      }
      try {
        await receiveReport(deps, settings, doc.body);
        read++;
      } catch (err) {
        log?.warn({ orgId: settings.org_id, err }, 'quake: a report from the feed was refused');
      }
    }
  }
  return read;
}

/** Starts the timers; stop() waits for the round under way. */
export function startQuakeWorker(
  deps: QuakeDeps,
  getter: Getter,
  log?: WorkerLog,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = (work: () => Promise<unknown>) => {
    if (stopped) return;
    running = running
      .then(work)
      .catch((err: unknown) => log?.error({ err }, 'quake: background work failed'));
  };
  const release = setInterval(() => run(() => releaseDue(deps)), RELEASE_EVERY_MS);
  const poll = setInterval(() => run(() => pollFeeds(deps, getter, log)), POLL_EVERY_MS);
  release.unref();
  poll.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(release);
      clearInterval(poll);
      await running;
    },
  };
}
