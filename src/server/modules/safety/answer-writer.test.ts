import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.js';
import { eventBusFor } from '../../realtime/event-bus.js';
import { createItem } from '../../test/factories.js';
import { withOwnerApp } from '../../test/harness.js';
import type { BatchAnswer } from './answer-batch.js';
import { answerWriter, ThreadWriter } from './answer-writer.js';
import { bodyHash, openLink, type SafetyContext } from './service.js';

const t = withOwnerApp();
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const sqliteFile = () => (t.db.engine === 'sqlite' ? t.db.sqlitePath : undefined);

/** A drill with a safety request to `count` new people; their links, as the mails carry them. */
async function linksOf(count: number) {
  const people = [];
  for (let i = 0; i < count; i++)
    people.push(
      await createItem(t.owner.client, 'person', {
        name: `社員${i}`,
        email: `w${i}-${crypto.randomUUID()}@example.test`,
      }),
    );
  const incident = await t.owner.client.post('/api/v1/incidents', {
    type: 'earthquake',
    mode: 'drill',
    title: '訓練',
  });
  const { id: incidentId, version } = incident.json() as { id: string; version: number };
  const sent = await t.owner.client.post(`/api/v1/incidents/${incidentId}/safety/requests`, {});
  expect(sent.statusCode, sent.body).toBe(201);
  const mails = await t.db.kysely
    .selectFrom('outbound_messages')
    .select('body')
    .where(
      'recipient',
      'in',
      people.map((p) => p.email as string),
    )
    .execute();
  const links = [];
  for (const m of mails) {
    const token = /\/a\/([A-Za-z0-9_-]{43})/.exec(m.body)?.[1] as string;
    const found = await openLink(t.db, token, { latest: false });
    if (!found) throw new Error('no link behind the token');
    links.push(found.link);
  }
  return { incidentId, version, links };
}

const ctx = (): SafetyContext => ({ db: t.db, bus: eventBusFor(t.db, t.app.log), baseUrl: '' });
const answer = (link: BatchAnswer['link'], status: 'safe' | 'minor_injury', key = crypto.randomUUID()) => {
  const input = { status, canWork: 'office' as const };
  return { link, key, hash: bodyHash(input), input };
};
const stored = async (incidentId: string) =>
  Number(
    (
      await t.db.kysely
        .selectFrom('safety_answers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('incident_id', '=', incidentId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the answer writer', () => {
  it('writes a batch in its own thread on a SQLite file (on the app’s connections on PostgreSQL), each outcome in order, refusals with their kind and code', async () => {
    const writer = answerWriter(ctx(), t.app.log);
    expect(writer.parallel).toBe(sqliteFile() ? 1 : 3);
    try {
      const { incidentId, version, links } = await linksOf(2);
      const [a, b] = links as unknown as [BatchAnswer['link'], BatchAnswer['link']];
      const first = answer(a, 'safe');
      const out = await writer.write([
        first,
        answer(b, 'minor_injury'),
        { ...answer(a, 'minor_injury'), key: first.key },
      ]);
      expect(out.map((o) => ('ok' in o ? o.ok.replayed : 'refused'))).toEqual([false, false, 'refused']);
      const refused = out[2] as { err: unknown };
      expect(refused.err).toBeInstanceOf(DomainError);
      expect(refused.err).toMatchObject({ kind: 'conflict', code: 'idempotency_key_reused' });
      expect(await stored(incidentId)).toBe(2);
      expect(writer instanceof ThreadWriter && writer.threadAnswered).toBe(Boolean(sqliteFile()));

      // The same answer sent again is answered as stored, and nothing is added.
      const again = await writer.write([first]);
      expect(again[0]).toMatchObject({ ok: { replayed: true } });
      expect(await stored(incidentId)).toBe(2);

      // The incident closes: the next answer is refused by the rule, not by a failure.
      const closed = await t.owner.client.post(
        `/api/v1/incidents/${incidentId}/close`,
        { summary: '訓練終了' },
        ifMatch(version),
      );
      expect(closed.statusCode, closed.body).toBeLessThan(300);
      {
        const late = await writer.write([answer(b, 'safe')]);
        expect((late[0] as { err: unknown }).err).toMatchObject({
          kind: 'conflict',
          code: 'incident_closed',
        });
        expect(await stored(incidentId)).toBe(2);
      }
    } finally {
      await writer.close();
    }
  });

  it('lets the app write beside the thread: the app’s transactions wait their turn instead of failing', async () => {
    const writer = answerWriter(ctx(), t.app.log);
    try {
      const { incidentId, links } = await linksOf(4);
      const batches = Array.from({ length: 20 }, (_, i) =>
        links.map((l) => answer(l, i % 2 ? 'safe' : 'minor_injury')),
      );
      const [written, sites] = await Promise.all([
        Promise.all(batches.map((batch) => writer.write(batch))),
        Promise.all(
          Array.from({ length: 20 }, (_, i) => createItem(t.owner.client, 'site', { name: `拠点${i}` })),
        ),
      ]);
      expect(written.flat().every((o) => 'ok' in o)).toBe(true);
      expect(new Set(sites.map((s) => s.id)).size).toBe(20);
      expect(await stored(incidentId)).toBe(80);
    } finally {
      await writer.close();
    }
  });

  it('never fails a transaction of the app that reads, waits, then writes while the thread commits', async () => {
    const writer = answerWriter(ctx(), t.app.log);
    try {
      const { incidentId, links } = await linksOf(2);
      await writer.write(links.map((l) => answer(l, 'minor_injury'))); // the thread is up
      let batch: Promise<unknown> | undefined;
      await t.db.kysely.transaction().execute(async (trx) => {
        await trx.selectFrom('incidents').select('title').where('id', '=', incidentId).execute();
        // The thread gets a batch now and commits it (or waits for this transaction) meanwhile.
        batch = writer.write(links.map((l) => answer(l, 'safe')));
        await new Promise((resolve) => setTimeout(resolve, 100));
        await trx
          .updateTable('incidents')
          .set({ title: '訓練（更新）' })
          .where('id', '=', incidentId)
          .execute();
      });
      expect((await batch) as unknown[]).toHaveLength(2);
      expect(await stored(incidentId)).toBe(4);
    } finally {
      await writer.close();
    }
  });

  it.runIf(process.env.KEIZOKU_TEST_ENGINE !== 'pg')(
    'writes on the app’s thread when its own thread cannot start, and loses nothing',
    async () => {
      // Its fallback writes on the app's connection; its thread's module does not exist.
      const inline = answerWriter({ ...ctx(), db: { ...t.db, sqlitePath: ':memory:' } }, t.app.log);
      const writer = new ThreadWriter(
        sqliteFile() as string,
        inline,
        t.app.log,
        'file:///nonexistent/answer-writer-thread.js',
      );
      const { incidentId, links } = await linksOf(2);
      const out = await writer.write(links.map((l) => answer(l, 'safe')));
      expect(out.every((o) => 'ok' in o && !o.ok.replayed)).toBe(true);
      const next = await writer.write(links.map((l) => answer(l, 'minor_injury')));
      expect(next.every((o) => 'ok' in o)).toBe(true);
      expect(await stored(incidentId)).toBe(4);
      expect(writer.threadAnswered).toBe(false);
      await writer.close();
    },
  );
});
