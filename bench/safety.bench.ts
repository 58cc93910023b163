/**
 * Safety confirmation under load (issue 12, Performance), on this machine, in one run:
 *   1. a bare `node:http` server's request rate (the floor every ratio is taken against);
 *   2. keizoku's answer endpoint, `POST /a/<token>` (no session: the personal link is the key),
 *      under the same load generator, with every answer committed before it is acknowledged and
 *      200 live HQ dashboards (Server-Sent Events, signed in) attached throughout;
 *   3. what arrived: every acknowledged answer is in the database (none lost, none doubled), and
 *      every dashboard received every answer, the slowest within 1 s of the write;
 *   4. the answer page's size as a phone loads it (gzip).
 * The mails (100,000 to an in-process SMTP server) are `npm run bench:safety-mail`, which
 * `npm run bench:safety` runs next.
 *
 * The load generator (load-generator.ts, 64 keep-alive connections, as wrk works) and the
 * dashboards run in child processes, so none shares the server's event loop; on 2 CPUs they still
 * share the machine, as they would. The floor is printed beside the answers: the bare server
 * (a GET, and the same answer requests), and keizoku's /healthz.
 * Each figure is a line starting with ok or FAIL and ending with its limit in brackets; a miss
 * exits 1. BENCH_SAFETY_ANSWERS (1,000,000), BENCH_SAFETY_PEOPLE (2,000) and
 * BENCH_SAFETY_DASHBOARDS (200) shrink a trial run; KEIZOKU_TEST_ENGINE=pg runs it on PostgreSQL.
 *
 *   npm run bench:safety
 */
import { type ChildProcess, fork } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createOrgWithUser } from '../src/server/test/harness.js';
import { bareServer, benchApp, listen } from './http-load.js';
import type { DashboardReport } from './safety-dashboards.js';
import { LOAD_CONNECTIONS, type LoadOrder, type LoadResult } from './safety-load.js';

const ANSWERS = Number(process.env.BENCH_SAFETY_ANSWERS ?? 1_000_000);
const PEOPLE = Number(process.env.BENCH_SAFETY_PEOPLE ?? 2_000);
const DASHBOARDS = Number(process.env.BENCH_SAFETY_DASHBOARDS ?? 200);
const BARE_SECONDS = 5;
/** Answers sent to the bare server (it stores nothing): enough for a steady rate. */
const BARE_ANSWERS = 100_000;
const LIMITS = { minRatio: 0.25, maxP99Ms: 50, maxLagMs: 1000, pageGzipBytes: 20 * 1024 };

/** A bench script in a child process with an IPC channel (run by tsx like this one). */
function child(file: string): ChildProcess {
  return fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function nextMessage<T>(p: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const fail = (code: number | null) => reject(new Error(`child exited with ${code}`));
    p.once('exit', fail);
    p.once('message', (m) => {
      p.off('exit', fail);
      resolve(m as T);
    });
  });
}

async function load(order: LoadOrder): Promise<LoadResult> {
  const p = child('./safety-load.ts');
  const result = nextMessage<LoadResult>(p);
  p.send(order);
  return result;
}

/** The raw bytes of a GET, as a phone asking for gzip gets them. */
function rawGet(
  url: string,
): Promise<{ status: number; bytes: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip', 'accept-language': 'ja' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            bytes: body.length,
            encoding: res.headers['content-encoding'],
            body,
          });
        });
      })
      .on('error', reject);
  });
}

const line = (ok: boolean, text: string, limit: string) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}  (limit ${limit})`);
  return ok;
};

async function main() {
  const bare = bareServer();
  const bareUrl = await listen(bare);
  const { app, config, close } = await benchApp();
  let dashboards: ChildProcess | null = null;
  try {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    config.baseUrl = url;
    const t = { app, db: app.db, config, close: async () => {} };
    const owner = await createOrgWithUser(t, 'owner', 'Bench Org');
    const api = '/api/v1';
    for (let i = 0; i < PEOPLE; i++) {
      const res = await owner.client.post(`${api}/people`, {
        employeeNumber: `E${i}`,
        name: `社員 ${i}`,
        email: `staff${i}@example.jp`,
      });
      if (res.statusCode !== 201) throw new Error(`person ${i} → ${res.statusCode} ${res.body}`);
    }
    const drill = await owner.client.post(`${api}/incidents`, {
      type: 'earthquake',
      mode: 'drill',
      title: '訓練: 地震',
    });
    const incidentId = (drill.json() as { id: string }).id;
    const sent = await owner.client.post(`${api}/incidents/${incidentId}/safety/requests`, {});
    if (sent.statusCode !== 201) throw new Error(`safety request → ${sent.statusCode} ${sent.body}`);
    // The personal links, as the mails in the queue carry them (the database keeps only hashes).
    const mails = await app.db.kysely.selectFrom('outbound_messages').select('body').execute();
    const tokens = mails.flatMap((m) => /\/a\/([A-Za-z0-9_-]{43})/.exec(m.body)?.[1] ?? []);
    if (tokens.length !== PEOPLE) throw new Error(`${tokens.length} links for ${PEOPLE} people`);

    console.log(
      `safety: ${PEOPLE} people, ${ANSWERS} answers, ${DASHBOARDS} dashboards, ${LOAD_CONNECTIONS} connections, ${os.cpus().length} CPUs, ${process.env.KEIZOKU_TEST_ENGINE === 'pg' ? 'PostgreSQL' : 'SQLite'}`,
    );
    // The floor, side by side: the bare server (a GET, and the very answers keizoku gets below),
    // then keizoku's own /healthz (the whole Fastify chain, no database).
    const floor = await load({ mode: 'get', url: bareUrl, seconds: BARE_SECONDS });
    const figures = (r: LoadResult) =>
      `${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms`;
    console.log(`     bare node:http GET                            ${figures(floor)}`);
    const bareAnswers = await load({ mode: 'answers', base: bareUrl, tokens, amount: BARE_ANSWERS });
    console.log(
      `     bare node:http, the same answer requests      ${figures(bareAnswers)}  ${(bareAnswers.rps / floor.rps).toFixed(2)}× bare`,
    );
    const healthz = await load({ mode: 'get', url: `${url}/healthz`, seconds: BARE_SECONDS });
    console.log(
      `     keizoku GET /healthz (Fastify, no database)   ${figures(healthz)}  ${(healthz.rps / floor.rps).toFixed(2)}× bare`,
    );

    dashboards = child('./safety-dashboards.ts');
    const opened = nextMessage<string>(dashboards);
    const cookie = [...owner.client.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
    dashboards.send({ open: { url: `${url}${api}/incidents/events`, cookie, count: DASHBOARDS } });
    await opened;

    const cpu0 = process.cpuUsage();
    const r = await load({ mode: 'answers', base: url, tokens, amount: ANSWERS });
    const cpu = process.cpuUsage(cpu0);
    const ratio = r.rps / floor.rps;
    let ok = line(
      ratio >= LIMITS.minRatio && r.p99 <= LIMITS.maxP99Ms && r.errors === 0 && r.non2xx === 0,
      `answers POST /a/<token>, ${DASHBOARDS} dashboards live ${figures(r)}  ${ratio.toFixed(2)}× bare  server CPU ${((cpu.user + cpu.system) / r.total).toFixed(0)} µs/answer  ${r.non2xx} non-2xx, ${r.errors} errors`,
      `≥ ${LIMITS.minRatio}× bare, p99 ≤ ${LIMITS.maxP99Ms} ms`,
    );

    const stored = await app.db.kysely
      .selectFrom('safety_answers')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('idempotency_key').distinct().as('keys'),
      ])
      .where('incident_id', '=', incidentId)
      .executeTakeFirstOrThrow();
    const n = Number(stored.n);
    const keys = Number(stored.keys);
    ok =
      line(
        n === r.ok && keys === n && r.ok === ANSWERS,
        `answers stored: ${n} of ${r.ok} acknowledged (${ANSWERS} sent), ${Math.max(0, r.ok - n)} lost, ${n - keys} doubled`,
        'every one sent, acknowledged and stored once',
      ) && ok;

    // Every dashboard must see every answer; give the last ones a moment to arrive.
    let report: DashboardReport = { answers: [], worstLagMs: 0, dropped: 0 };
    const until = Date.now() + 10_000;
    do {
      const next = nextMessage<DashboardReport>(dashboards);
      dashboards.send('report');
      report = await next;
      if (report.answers.every((a) => a >= n)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    } while (Date.now() < until);
    const fewest = Math.min(...report.answers);
    ok =
      line(
        fewest >= n && report.dropped === 0 && report.worstLagMs <= LIMITS.maxLagMs,
        `dashboards: ${report.answers.length} streams, fewest answers seen ${fewest} of ${n}, slowest arrival ${report.worstLagMs} ms after the write, ${report.dropped} dropped`,
        `every answer on every dashboard within ${LIMITS.maxLagMs} ms`,
      ) && ok;

    const page = await rawGet(`${url}/a/${tokens[0]}`);
    const gzipBytes = page.encoding === 'gzip' ? page.bytes : gzipSync(page.body).length;
    ok =
      line(
        page.status === 200 && gzipBytes <= LIMITS.pageGzipBytes,
        `answer page: ${(gzipBytes / 1024).toFixed(1)} KB gzip${page.encoding === 'gzip' ? ' as served' : ' (served uncompressed, gzip measured here)'}, one request, no script or style files`,
        `${LIMITS.pageGzipBytes / 1024} KB gzip`,
      ) && ok;

    if (!ok) {
      console.log('FAIL: at least one figure is over its limit');
      process.exitCode = 1;
    }
  } finally {
    dashboards?.disconnect();
    dashboards?.kill();
    bare.close();
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
