import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../ids.js';
import { createMailer } from '../../mail/mailer.js';
import { createTestDb, TEST_ENGINE, type TestDb } from '../../test/harness.js';
import { startSmtpSink } from '../../test/smtp-sink.js';
import { insertOrganization } from '../auth/repo.js';
import { enqueue, listFailures, type OutboundMessage } from './index.js';
import { claimDue } from './repo.js';
import { countMessages } from './service.js';
import { createWebhookSender } from './webhook.js';
import { type OutboundWorker, startOutboundWorker, type WorkerOptions } from './worker.js';

/** The outbound queue on a real database, a real SMTP server and a real HTTP server. */

let t: TestDb;
let orgA: string;
let orgB: string;
const FROM = 'keizoku <noreply@keizoku.example.jp>';
const workers: OutboundWorker[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  t = await createTestDb();
  orgA = newId();
  orgB = newId();
  await insertOrganization(t.db.kysely, orgA, 'さくらフィットネス');
  await insertOrganization(t.db.kysely, orgB, '別の会社');
});
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  // Last in, first out: mailers close their pooled connections before their SMTP server stops.
  for (const c of cleanups.splice(0).reverse()) await c();
  await t.db.kysely.deleteFrom('outbound_messages').execute();
});
afterAll(async () => {
  await t.drop();
});

const FAST_RETRY = { baseMs: 20, maxMs: 100 };
const noWebhooks = createWebhookSender({ timeoutMs: 1000, allowPrivate: [] });

function logCapture() {
  const lines: string[] = [];
  const rec = (obj: object, msg: string) => lines.push(JSON.stringify({ ...obj, msg }));
  return { log: { info: rec, warn: rec, error: rec }, lines };
}

function worker(opts: Partial<WorkerOptions> & Pick<WorkerOptions, 'mailer'>): OutboundWorker {
  const w = startOutboundWorker(t.db, { webhooks: noWebhooks, pollMs: 20, retry: FAST_RETRY, ...opts });
  workers.push(w);
  return w;
}

async function until(check: () => Promise<boolean>, ms = 25_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A queued message's row as stored. */
const messageRow = (id: string) =>
  t.db.kysely.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const mail = (to: string, key = to): OutboundMessage => ({
  channel: 'email',
  dedupeKey: key,
  to,
  subject: '【安否確認】岡山県南部で震度5弱',
  text: 'ご自身とご家族の安否を回答してください。',
});

describe('outbound queue: mail', () => {
  it('delivers queued mails over SMTP and records them sent; enqueueing a key again adds nothing', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const mailer = createMailer({ smtpUrl: sink.url, mailFrom: FROM, pool: 2 });
    cleanups.push(() => mailer.close());

    const first = await enqueue(t.db.kysely, orgA, [mail('taro@example.jp'), mail('hanako@example.jp')]);
    expect(first.created).toBe(2);
    const again = await enqueue(t.db.kysely, orgA, [mail('taro@example.jp')]);
    expect(again).toEqual({ ids: [first.ids[0]], created: 0 });
    // The same key in another organization is another message.
    expect((await enqueue(t.db.kysely, orgB, [mail('taro@example.jp')])).created).toBe(1);

    const w = worker({ mailer });
    await until(async () => sink.total === 3);
    await w.idle();
    expect(await countMessages(t.db.kysely, orgA)).toEqual({ sent: 2 });
    expect(sink.received.get('taro@example.jp')).toBe(2);
    const row = await messageRow(first.ids[0] ?? '');
    expect(row).toMatchObject({ status: 'sent', attempts: 1, claim_token: null, last_reason: null });
    expect(row.sent_at).toBeTruthy();
  });

  it('refuses bad addresses and webhook URLs with field issues, writing nothing', async () => {
    await expect(
      enqueue(t.db.kysely, orgA, [mail('ok@example.jp'), { ...mail('not-an-address'), dedupeKey: 'x' }]),
    ).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: ['messages', 1, 'to'] }] });
    await expect(
      enqueue(t.db.kysely, orgA, [
        { channel: 'slack', dedupeKey: 'w', url: 'file:///etc/passwd', notice: { title: 't', text: 'x' } },
      ]),
    ).rejects.toMatchObject({ issues: [{ path: ['messages', 0, 'url'] }] });
    expect(await countMessages(t.db.kysely, orgA)).toEqual({});
  });

  it('retries with back-off after the server refuses for now (451), then delivers', async () => {
    const sink = await startSmtpSink({
      refuse: (a, n) =>
        a === 'busy@example.jp' && n <= 2 ? { code: 451, message: 'try again later' } : null,
    });
    cleanups.push(() => sink.close());
    const mailer = createMailer({ smtpUrl: sink.url, mailFrom: FROM });
    cleanups.push(() => mailer.close());
    const { ids } = await enqueue(t.db.kysely, orgA, [mail('busy@example.jp')]);
    worker({ mailer });
    await until(async () => sink.received.get('busy@example.jp') === 1);
    await until(async () => (await countMessages(t.db.kysely, orgA)).sent === 1);
    const row = await messageRow(ids[0] ?? '');
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('a refusal for good (550), no SMTP_URL, or attempts used up end in the failure list, per organization', async () => {
    const sink = await startSmtpSink({
      refuse: (a) => (a === 'gone@example.jp' ? { code: 550, message: 'no such user' } : null),
    });
    cleanups.push(() => sink.close());
    const mailer = createMailer({ smtpUrl: sink.url, mailFrom: FROM });
    cleanups.push(() => mailer.close());
    const { log, lines } = logCapture();
    await enqueue(t.db.kysely, orgA, [mail('gone@example.jp'), mail('fine@example.jp')]);
    const w = worker({ mailer, log });
    await until(async () => (await countMessages(t.db.kysely, orgA)).failed === 1);
    const failures = await listFailures(t.db.kysely, orgA);
    expect(failures).toEqual([
      expect.objectContaining({
        recipient: 'gone@example.jp',
        reason: 'refused',
        attempts: 1,
        channel: 'email',
      }),
    ]);
    expect(failures[0]?.detail).toContain('550');
    expect(await listFailures(t.db.kysely, orgB)).toEqual([]);
    // The log names the message and the reason, never the address.
    expect(lines.join('\n')).not.toContain('gone@example.jp');

    // No SMTP_URL: failed at once, nothing to retry.
    await w.stop();
    const off = worker({ mailer: createMailer({ smtpUrl: undefined, mailFrom: FROM }) });
    await enqueue(t.db.kysely, orgB, [mail('b@example.jp')]);
    await until(async () => (await countMessages(t.db.kysely, orgB)).failed === 1);
    expect((await listFailures(t.db.kysely, orgB))[0]).toMatchObject({
      reason: 'not_configured',
      attempts: 1,
    });
    await off.stop();
  });

  it('an unreachable server is retried until the attempts are used up; the password is never logged', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const mailer = createMailer({
      smtpUrl: `smtp://keizoku:pw-never-logged-8812@127.0.0.1:${closed}`,
      mailFrom: FROM,
    });
    const { log, lines } = logCapture();
    await enqueue(t.db.kysely, orgA, [mail('x@example.jp')], { maxAttempts: 3 });
    worker({ mailer, log });
    await until(async () => (await countMessages(t.db.kysely, orgA)).failed === 1);
    expect((await listFailures(t.db.kysely, orgA))[0]).toMatchObject({ reason: 'unreachable', attempts: 3 });
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toMatch(/pw-never-logged|x@example\.jp/);
  });

  it('a claim whose worker died is taken over when its lease ends; its late outcome changes nothing', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const { ids } = await enqueue(t.db.kysely, orgA, [mail('lease@example.jp')]);
    const now = new Date();
    const stale = await claimDue(t.db.kysely, t.db.engine, {
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + 5).toISOString(),
      token: 'dead-worker',
      limit: 10,
    });
    expect(stale.map((m) => m.id)).toEqual(ids);
    await new Promise((r) => setTimeout(r, 20));
    const mailer = createMailer({ smtpUrl: sink.url, mailFrom: FROM });
    cleanups.push(() => mailer.close());
    worker({ mailer });
    await until(async () => (await countMessages(t.db.kysely, orgA)).sent === 1);
    const row = await messageRow(ids[0] ?? '');
    expect(row.attempts).toBe(2);
    expect(sink.received.get('lease@example.jp')).toBe(1);
  });

  it(`two workers share the queue and never send one message twice (${TEST_ENGINE})`, async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const N = 200;
    await enqueue(
      t.db.kysely,
      orgA,
      Array.from({ length: N }, (_, i) => mail(`staff${i}@example.jp`)),
    );
    const m1 = createMailer({ smtpUrl: sink.url, mailFrom: FROM, pool: 4 });
    const m2 = createMailer({ smtpUrl: sink.url, mailFrom: FROM, pool: 4 });
    cleanups.push(
      () => m1.close(),
      () => m2.close(),
    );
    // Small batches so that the two claim in turns many times.
    const w1 = worker({ mailer: m1, batchSize: 10, concurrency: 4 });
    const w2 = worker({ mailer: m2, batchSize: 10, concurrency: 4 });
    await until(async () => (await countMessages(t.db.kysely, orgA)).sent === N, 30_000);
    expect(sink.total).toBe(N);
    expect([...sink.received.values()].every((n) => n === 1)).toBe(true);
    expect(w1.delivered + w2.delivered).toBe(N);
    expect(w1.delivered).toBeGreaterThan(0);
    expect(w2.delivered).toBeGreaterThan(0);
  });

  it('stop() waits for the batch under way and then claims nothing more', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const mailer = createMailer({ smtpUrl: sink.url, mailFrom: FROM });
    cleanups.push(() => mailer.close());
    const w = startOutboundWorker(t.db, {
      mailer,
      webhooks: noWebhooks,
      pollMs: 20,
      batchSize: 5,
      concurrency: 1,
    });
    await enqueue(
      t.db.kysely,
      orgA,
      Array.from({ length: 50 }, (_, i) => mail(`s${i}@example.jp`)),
    );
    await until(async () => sink.total > 0);
    await w.stop();
    const counts = await countMessages(t.db.kysely, orgA);
    expect(counts.sending).toBeUndefined();
    expect(counts.sent).toBe(w.delivered);
    await new Promise((r) => setTimeout(r, 100));
    expect(await countMessages(t.db.kysely, orgA)).toEqual(counts);
  });
});

describe('outbound queue: chat webhooks', () => {
  let server: http.Server;
  let base: string;
  const hits: { path: string; type: string | undefined; body: unknown }[] = [];
  let answer: (path: string, n: number) => number = () => 200;
  const seen = new Map<string, number>();
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        const n = (seen.get(path) ?? 0) + 1;
        seen.set(path, n);
        if (path.startsWith('/slow')) return; // never answers
        if (path.startsWith('/redirect')) {
          res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
          return;
        }
        hits.push({
          path,
          type: req.headers['content-type'],
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        res.writeHead(answer(path, n)).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  afterEach(() => {
    hits.length = 0;
    seen.clear();
    answer = () => 200;
  });

  const notice = {
    title: '【安否確認】岡山県南部で震度5弱',
    text: '回答してください <全員> & ご家族も',
    link: { label: '回答する', url: 'https://bcp.example.jp/a/tok' },
  };
  const allowLoopback = () => createWebhookSender({ timeoutMs: 500, allowPrivate: ['127.0.0.1'] });
  const noMailer = createMailer({ smtpUrl: undefined, mailFrom: FROM });

  it('posts Slack, Teams and LINE WORKS payloads as JSON to the local server', async () => {
    const webhooks = allowLoopback();
    cleanups.push(() => webhooks.close());
    await enqueue(t.db.kysely, orgA, [
      { channel: 'slack', dedupeKey: 's', url: `${base}/services/T0/B0/secret-slack`, notice },
      { channel: 'teams', dedupeKey: 't', url: `${base}/teams/secret-teams`, notice },
      { channel: 'lineworks', dedupeKey: 'l', url: `${base}/lineworks/secret-lw`, notice },
    ]);
    worker({ mailer: noMailer, webhooks });
    await until(async () => (await countMessages(t.db.kysely, orgA)).sent === 3);
    const byPath = Object.fromEntries(hits.map((h) => [h.path.split('/')[1], h]));
    expect(hits.every((h) => h.type === 'application/json; charset=utf-8')).toBe(true);
    expect(byPath.services?.body).toMatchObject({
      text: expect.stringContaining('回答してください &lt;全員&gt; &amp; ご家族も'),
      blocks: [
        { type: 'header', text: { text: notice.title } },
        { type: 'section' },
        { type: 'actions', elements: [{ type: 'button', url: notice.link.url }] },
      ],
    });
    expect(byPath.teams?.body).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            body: [{ text: notice.title }, { text: notice.text }],
            actions: [{ type: 'Action.OpenUrl', url: notice.link.url }],
          },
        },
      ],
    });
    expect(byPath.lineworks?.body).toEqual({
      title: notice.title,
      body: { text: notice.text },
      button: { label: '回答する', url: notice.link.url },
    });
  });

  it('retries after a 5xx, fails for good on 404 and redirects, times out a silent server', async () => {
    const webhooks = allowLoopback();
    cleanups.push(() => webhooks.close());
    answer = (path, n) => (path === '/flaky' && n === 1 ? 503 : path === '/missing' ? 404 : 200);
    const { log, lines } = logCapture();
    await enqueue(
      t.db.kysely,
      orgA,
      [
        { channel: 'slack', dedupeKey: 'flaky', url: `${base}/flaky`, notice },
        { channel: 'slack', dedupeKey: 'missing', url: `${base}/missing`, notice },
        { channel: 'teams', dedupeKey: 'redirect', url: `${base}/redirect`, notice },
        { channel: 'teams', dedupeKey: 'slow', url: `${base}/slow?token=secret-slow`, notice },
      ],
      { maxAttempts: 2 },
    );
    worker({ mailer: noMailer, webhooks, log });
    await until(async () => {
      const c = await countMessages(t.db.kysely, orgA);
      return c.sent === 1 && c.failed === 3;
    });
    const failures = Object.fromEntries((await listFailures(t.db.kysely, orgA)).map((f) => [f.dedupeKey, f]));
    expect(failures.missing).toMatchObject({ reason: 'refused', detail: 'HTTP 404', attempts: 1 });
    expect(failures.redirect).toMatchObject({ reason: 'refused', attempts: 1 });
    expect(failures.slow).toMatchObject({ reason: 'unreachable', detail: 'timeout', attempts: 2 });
    // Only the host is shown; the URL's secret path and query are never shown or logged.
    expect(failures.slow?.recipient).toBe(new URL(base).host);
    expect(JSON.stringify(failures) + lines.join('\n')).not.toMatch(/secret/);
    expect(seen.get('/flaky')).toBe(2);
  });

  it('refuses private and loopback addresses unless allowed (SSRF)', async () => {
    const strict = createWebhookSender({ timeoutMs: 500, allowPrivate: [] });
    cleanups.push(() => strict.close());
    const port = new URL(base).port;
    for (const url of [
      `${base}/x`,
      `http://localhost:${port}/x`,
      `http://[::1]:${port}/x`,
      `http://[::ffff:127.0.0.1]:${port}/x`,
      'http://10.1.2.3/x',
      'http://169.254.169.254/latest/meta-data/',
      'http://192.168.1.1/x',
    ])
      expect(await strict.post(url, '{}'), url).toMatchObject({
        sent: false,
        reason: 'blocked_address',
        retryable: false,
      });
    expect(await strict.post('ftp://example.jp/x', '{}')).toMatchObject({ reason: 'blocked_address' });
    expect(await strict.post('http://user:pw@example.jp/x', '{}')).toMatchObject({
      reason: 'blocked_address',
    });
    expect(seen.size).toBe(0);
    // The allow list opens exactly what it names.
    const other = createWebhookSender({ timeoutMs: 500, allowPrivate: ['10.0.0.0/8'] });
    cleanups.push(() => other.close());
    expect(await other.post(`${base}/x`, '{}')).toMatchObject({ reason: 'blocked_address' });
    const open = allowLoopback();
    cleanups.push(() => open.close());
    expect(await open.post(`http://localhost:${port}/x`, '{}')).toEqual({ sent: true });
  });
});
