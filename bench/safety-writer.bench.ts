/**
 * The answer writer alone (issue 12): how fast batches of safety answers are stored, without HTTP,
 * on the writer POST /a/<token> uses (answer-writer.ts: its own thread and connection on a SQLite
 * file, committing with `synchronous = FULL`; the app's connections on PostgreSQL). Each batch is
 * one transaction: the answers, their recipients' latest answer, their audit entries and their
 * live events.
 *
 * It prints, per batch size, the time of a batch and the answers a second it allows: the ceiling
 * of the answer endpoint on this machine's disk and CPU, whatever the HTTP side costs. Under
 * `npm run bench:safety` (64 connections) batches hold about 32 answers. The table is filled with
 * WARM answers first, so each size is timed on a table of some size, not an empty one.
 *
 *   npm run bench:safety-writer          (KEIZOKU_TEST_ENGINE=pg for PostgreSQL)
 */

import type { BatchAnswer } from '../src/server/modules/safety/answer-batch.js';
import { answerWriter } from '../src/server/modules/safety/answer-writer.js';
import { bodyHash, openLink } from '../src/server/modules/safety/service.js';
import { eventBusFor } from '../src/server/realtime/event-bus.js';
import { createOrgWithUser } from '../src/server/test/harness.js';
import { benchApp } from './http-load.js';

const PEOPLE = 500;
const WARM = Number(process.env.BENCH_WRITER_WARM ?? 50_000);
const PER_SIZE = Number(process.env.BENCH_WRITER_ANSWERS ?? 20_000);
const SIZES = [1, 32, 64, 128];

async function main() {
  const { app, config, close } = await benchApp();
  try {
    const owner = await createOrgWithUser(
      { app, db: app.db, config, close: async () => {} },
      'owner',
      'Bench Org',
    );
    for (let i = 0; i < PEOPLE; i++) {
      const res = await owner.client.post('/api/v1/people', {
        employeeNumber: `E${i}`,
        name: `社員 ${i}`,
        email: `staff${i}@example.jp`,
      });
      if (res.statusCode !== 201) throw new Error(`person ${i} → ${res.statusCode} ${res.body}`);
    }
    const drill = await owner.client.post('/api/v1/incidents', {
      type: 'earthquake',
      mode: 'drill',
      title: '訓練',
    });
    const incidentId = (drill.json() as { id: string }).id;
    const sent = await owner.client.post(`/api/v1/incidents/${incidentId}/safety/requests`, {});
    if (sent.statusCode !== 201) throw new Error(`safety request → ${sent.statusCode} ${sent.body}`);
    // The personal links, as the mails in the queue carry them (the database keeps only hashes).
    const mails = await app.db.kysely.selectFrom('outbound_messages').select('body').execute();
    const links: BatchAnswer['link'][] = [];
    for (const m of mails) {
      const token = /\/a\/([A-Za-z0-9_-]{43})/.exec(m.body)?.[1];
      const found = token ? await openLink(app.db, token, { latest: false }) : null;
      if (found) links.push(found.link);
    }
    if (links.length !== PEOPLE) throw new Error(`${links.length} links for ${PEOPLE} people`);

    const writer = answerWriter({ db: app.db, bus: eventBusFor(app.db, app.log), baseUrl: '' }, app.log);
    let n = 0;
    const batch = (size: number): BatchAnswer[] =>
      Array.from({ length: size }, () => {
        const input = { status: 'safe' as const, canWork: 'remote' as const, message: '無事です' };
        const link = links[n++ % links.length] as BatchAnswer['link'];
        return { link, key: crypto.randomUUID(), hash: bodyHash(input), input };
      });
    const run = async (size: number, answers: number) => {
      // As many batches under way as the app gives the writer (its `parallel`).
      const started = performance.now();
      let left = Math.ceil(answers / size);
      const lane = async () => {
        while (left-- > 0) {
          const out = await writer.write(batch(size));
          if (!out.every((o) => 'ok' in o)) throw new Error('an answer was refused');
        }
      };
      await Promise.all(Array.from({ length: writer.parallel }, lane));
      return performance.now() - started;
    };
    await run(64, WARM);
    console.log(
      `answer writer alone: ${app.db.engine === 'pg' ? 'PostgreSQL' : 'SQLite, its own thread, synchronous = FULL'}, ${WARM} answers stored first`,
    );
    for (const size of SIZES) {
      const answers = size === 1 ? Math.min(PER_SIZE, 2000) : PER_SIZE;
      const ms = await run(size, answers);
      const perAnswer = (ms * 1000) / answers;
      console.log(
        `     batches of ${String(size).padEnd(4)} ${((ms / answers) * size).toFixed(2).padStart(6)} ms a batch  ${perAnswer.toFixed(0).padStart(4)} µs an answer  ${(1e6 / perAnswer).toFixed(0).padStart(6)} answers/s`,
      );
    }
    // The writer's thread does not keep a process alive (the app's server does): this timer does
    // while it stops.
    const alive = setInterval(() => {}, 1000);
    await writer.close();
    clearInterval(alive);
  } finally {
    await close();
  }
}

await main();
