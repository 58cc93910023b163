import crypto from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import zlib from 'node:zlib';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAFETY_LIMITS } from '../../domain/safety.js';
import type { Incident } from '../../shared/incidents.js';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { loggerOptions } from '../logging.js';
import { createItem } from '../test/factories.js';
import {
  auditActions,
  collectedLines,
  createOrgWithUser,
  createTestDb,
  nextClientAddress,
  type OrgFixture,
  type TestApp,
} from '../test/harness.js';

/**
 * The safety answers' fast lane (fast-lane.ts) over REAL HTTP: `app.inject` never reaches it
 * (inject bypasses the HTTP server), so every request here goes to a listening server, and the
 * same request through Fastify (inject) is what it is compared with. Which of the two answered a
 * request shows in the log: the lane's lines carry `lane-N` request ids, Fastify's `req-N`.
 */

interface Served extends TestApp {
  port: number;
  /** Drops the database (after the app is closed). */
  drop(): Promise<void>;
  owner: OrgFixture;
  /** The log, one JSON line per entry. */
  lines: string[];
}

/** A fresh database and an app on it listening on 127.0.0.1, logging at info into `lines`. */
async function serve(overrides: Partial<Config> = {}): Promise<Served> {
  const testDb = await createTestDb();
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: 'info', DATA_DIR: os.tmpdir() }),
    databaseUrl: testDb.url,
    ...overrides,
  };
  const { lines, stream } = collectedLines();
  const opts = loggerOptions('info');
  const app = await buildApp({
    db: testDb.db,
    config,
    logger: typeof opts === 'object' ? { ...opts, stream } : opts,
    webRoot: '/nonexistent',
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const served = {
    app,
    db: testDb.db,
    config,
    port: (app.server.address() as AddressInfo).port,
    lines,
    drop: () => testDb.drop(),
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
  return { ...served, owner: await createOrgWithUser(served) };
}

/** A served app for the tests of this `describe` (started before them, closed after). */
function withServed(overrides: Partial<Config> = {}): () => Served {
  let s: Served | undefined;
  beforeAll(async () => {
    s = await serve(overrides);
  });
  afterAll(async () => {
    await s?.close();
  });
  return () => {
    if (!s) throw new Error('The app starts in beforeAll');
    return s;
  };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  raw: Buffer;
}

interface Send {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sends the body in two chunks without a content-length (transfer-encoding: chunked). */
  chunked?: boolean;
}

/** One request over a new TCP connection to the served app. */
function send(s: Pick<Served, 'port'>, req: Send): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const headers: Record<string, string | number> = { ...req.headers };
    if (body && !req.chunked) headers['content-length'] = body.length;
    const r = http.request(
      {
        host: '127.0.0.1',
        port: s.port,
        path: req.path,
        method: req.method ?? 'POST',
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw.toString(), raw });
        });
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    if (body && req.chunked) {
      const half = Math.floor(body.length / 2);
      r.write(body.subarray(0, half));
      r.write(body.subarray(half));
      r.end();
    } else r.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const answerHeaders = (key: string | null, headers: Record<string, string>) => ({
  ...JSON_TYPE,
  ...(key === null ? {} : { 'idempotency-key': key }),
  ...headers,
});

/** An answer over real HTTP, as a phone sends it (`key` null: without an Idempotency-Key). */
function answerOverHttp(
  s: Served,
  token: string,
  body: unknown,
  key: string | null = crypto.randomUUID(),
  headers: Record<string, string> = {},
): Promise<Reply> {
  return send(s, {
    path: `/a/${token}`,
    headers: answerHeaders(key, headers),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The same request through Fastify (inject), from an address of its own. */
async function answerInjected(
  s: Served,
  token: string,
  body: unknown,
  key: string | null = crypto.randomUUID(),
  headers: Record<string, string> = {},
): Promise<Reply> {
  const res = await s.app.inject({
    method: 'POST',
    url: `/a/${token}`,
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    headers: answerHeaders(key, headers),
    remoteAddress: nextClientAddress(),
  } satisfies InjectOptions);
  return asReply(res);
}

const asReply = (res: LightMyRequestResponse): Reply => ({
  status: res.statusCode,
  headers: res.headers as http.IncomingHttpHeaders,
  body: res.body,
  raw: res.rawPayload,
});

/** Headers that differ by transport or by moment, not by who answered. */
const TRANSPORT_HEADERS = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
]);
const comparable = (headers: http.IncomingHttpHeaders) =>
  Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !TRANSPORT_HEADERS.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  );

/** The shape of a JSON value: its keys and the types of its leaves. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  return value === null ? 'null' : typeof value;
}

/** Expects the real request to get exactly what Fastify gives the same request (status, headers, body). */
function expectSameAs(real: Reply, injected: Reply): void {
  expect(real.status, real.body).toBe(injected.status);
  expect(comparable(real.headers)).toEqual(comparable(injected.headers));
  expect(real.body).toBe(injected.body);
}

/** The log's entries. */
const entries = (s: Served) => s.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
/** How many requests the lane answered so far (its log lines). */
const laneAnswers = (s: Served) =>
  entries(s).filter((e) => e.msg === 'request completed' && String(e.reqId).startsWith('lane-')).length;

const API = '/api/v1/incidents';

async function declare(s: Served, mode: 'real' | 'drill' = 'drill'): Promise<Incident> {
  const res = await s.owner.client.post(API, { type: 'earthquake', mode, title: '地震訓練' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Every link token handed out in this file. */
const tokensAsked: string[] = [];

/** `n` new people with e-mail, asked about a new drill incident: the incident and each one's link token. */
async function askPeople(s: Served, n: number): Promise<{ incident: Incident; tokens: string[] }> {
  const suffix = crypto.randomBytes(4).toString('hex');
  const emails: string[] = [];
  const personIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const email = `lane${i}-${suffix}@example.test`;
    personIds.push((await createItem(s.owner.client, 'person', { name: `社員${i}`, email })).id);
    emails.push(email);
  }
  const incident = await declare(s);
  const sent = await s.owner.client.post(`${API}/${incident.id}/safety/requests`, {
    filter: {},
    questions: ['location', 'message'],
  });
  expect(sent.statusCode, sent.body).toBe(201);
  const tokens: string[] = [];
  for (const email of emails) {
    const mail = await s.db.kysely
      .selectFrom('outbound_messages')
      .select('body')
      .where('recipient', '=', email)
      .executeTakeFirstOrThrow();
    const m = /\/a\/([A-Za-z0-9_-]{43})/.exec(mail.body);
    if (!m?.[1]) throw new Error('no link in the mail');
    tokens.push(m[1]);
  }
  tokensAsked.push(...tokens);
  return { incident, tokens };
}

const storedAnswers = async (s: Served, incidentId?: string) => {
  let q = s.db.kysely.selectFrom('safety_answers').select((eb) => eb.fn.countAll<string | number>().as('n'));
  if (incidentId) q = q.where('incident_id', '=', incidentId);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

/** The failed token look-ups counted against an address (every window: a test may straddle two). */
async function guessesOf(s: Served, ip: string): Promise<number> {
  const hash = crypto.createHash('sha256').update(`safety:${ip}`).digest('hex');
  const rows = await s.db.kysely
    .selectFrom('safety_token_failures')
    .select('count')
    .where('address_hash', '=', hash)
    .execute();
  return rows.reduce((sum, r) => sum + Number(r.count), 0);
}

const LOOPBACK = '127.0.0.1';

const wellFormedUnknownToken = () => crypto.randomBytes(32).toString('base64url');

describe('the safety answer fast lane, over real HTTP', () => {
  const served = withServed();

  it('answers the usual answer as Fastify does: same status, headers and body shape, stored once and audited; a replay gets 200 and stores nothing', async () => {
    const s = served();
    const { incident, tokens } = await askPeople(s, 2);
    const [viaLane, viaFastify] = tokens as [string, string];
    const body = { status: 'safe', location: '自宅', message: '無事です' };
    const lanesBefore = laneAnswers(s);

    const key = crypto.randomUUID();
    const real = await answerOverHttp(s, viaLane, body, key);
    expect(real.status, real.body).toBe(201);
    expect(laneAnswers(s)).toBe(lanesBefore + 1);
    const injected = await answerInjected(s, viaFastify, body);
    expect(injected.status, injected.body).toBe(201);
    expect(laneAnswers(s)).toBe(lanesBefore + 1);

    expect(Object.keys(comparable(real.headers))).toEqual(Object.keys(comparable(injected.headers)));
    expect(comparable(real.headers)).toEqual(comparable(injected.headers));
    expect(real.headers['cache-control']).toBe('no-store');
    expect(real.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(real.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(real.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(real.headers['content-length'])).toBe(Buffer.byteLength(real.body));
    expect(shape(JSON.parse(real.body))).toEqual(shape(JSON.parse(injected.body)));
    const answered = JSON.parse(real.body) as { answer: { id: string; status: string }; replayed: boolean };
    expect(answered).toMatchObject({ answer: { status: 'safe' }, replayed: false });

    expect(await storedAnswers(s, incident.id)).toBe(2);
    expect(await auditActions(s, { entityId: answered.answer.id })).toEqual(['safety.answer']);

    // The phone sends it again (no answer reached it): the same answer, 200, nothing new stored.
    const again = await answerOverHttp(s, viaLane, body, key);
    expect(again.status, again.body).toBe(200);
    expect(laneAnswers(s)).toBe(lanesBefore + 2);
    expect(JSON.parse(again.body)).toEqual({ answer: answered.answer, replayed: true });
    expect(comparable(again.headers)).toEqual(comparable(real.headers));
    expect(await storedAnswers(s, incident.id)).toBe(2);
    expect(await auditActions(s, { entityId: answered.answer.id })).toEqual(['safety.answer']);
  });

  it('compresses a long answer as Fastify does (brotli or gzip, as the client accepts), and a short one not', async () => {
    const s = served();
    const { tokens } = await askPeople(s, 8);
    const long = { status: 'minor_injury', message: 'あ'.repeat(SAFETY_LIMITS.message) };
    const short = { status: 'safe' };
    const clients: { accept: Record<string, string>; encoding: string | undefined; body: object }[] = [
      { accept: { 'accept-encoding': 'gzip, deflate, br' }, encoding: 'br', body: long },
      { accept: { 'accept-encoding': 'gzip;q=1, br;q=0.5' }, encoding: 'gzip', body: long },
      { accept: {}, encoding: undefined, body: long },
      { accept: { 'accept-encoding': 'gzip, br' }, encoding: undefined, body: short },
    ];
    for (const [i, c] of clients.entries()) {
      const lanesBefore = laneAnswers(s);
      const real = await answerOverHttp(s, tokens[2 * i]!, c.body, undefined, c.accept);
      expect(real.status, real.body).toBe(201);
      expect(laneAnswers(s)).toBe(lanesBefore + 1);
      const injected = await answerInjected(s, tokens[2 * i + 1]!, c.body, undefined, c.accept);
      expect(injected.status).toBe(201);
      expect(comparable(real.headers)).toEqual(comparable(injected.headers));
      expect(real.headers['content-encoding']).toBe(c.encoding);
      const decoded = (r: Reply) =>
        JSON.parse(
          (c.encoding === 'br'
            ? zlib.brotliDecompressSync(r.raw)
            : c.encoding === 'gzip'
              ? zlib.gunzipSync(r.raw)
              : r.raw
          ).toString(),
        );
      expect(shape(decoded(real))).toEqual(shape(decoded(injected)));
      expect(decoded(real).answer).toMatchObject(c.body);
    }
  });

  it('takes or leaves a JSON body by its content type exactly as Fastify parses it', async () => {
    const s = served();
    const types = [
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
      'Application/JSON',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/json ; charset=utf-8',
      'application/jsonx',
      'application/vnd.api+json',
    ];
    const { tokens } = await askPeople(s, 2 * types.length);
    for (const [i, type] of types.entries()) {
      const headers = { 'content-type': type };
      const real = await answerOverHttp(s, tokens[2 * i]!, { status: 'safe' }, undefined, headers);
      const injected = await answerInjected(s, tokens[2 * i + 1]!, { status: 'safe' }, undefined, headers);
      expect(real.status, `${type}: ${real.body}`).toBe(injected.status);
      expect(comparable(real.headers), type).toEqual(comparable(injected.headers));
      expect(shape(JSON.parse(real.body)), type).toEqual(shape(JSON.parse(injected.body)));
    }
  });

  it('leaves every unusual request to Fastify, which refuses it as it refuses the same request injected, storing nothing', async () => {
    const s = served();
    const { incident, tokens } = await askPeople(s, 1);
    const [token] = tokens as [string];
    const lanesBefore = laneAnswers(s);
    const cases: { label: string; body: unknown; key?: string | null; headers?: Record<string, string> }[] = [
      { label: 'invalid JSON', body: '{"status":' },
      { label: 'not an object', body: '"safe"' },
      { label: 'unknown status', body: { status: 'bogus' } },
      {
        label: 'over-long message',
        body: { status: 'safe', message: 'x'.repeat(SAFETY_LIMITS.message + 1) },
      },
      {
        label: 'over-long location',
        body: { status: 'safe', location: 'x'.repeat(SAFETY_LIMITS.location + 1) },
      },
      { label: 'no idempotency key', body: { status: 'safe' }, key: null },
      { label: 'malformed idempotency key', body: { status: 'safe' }, key: 'not-a-uuid' },
      { label: '__proto__', body: '{"status":"safe","__proto__":{"polluted":true}}' },
      { label: 'constructor.prototype', body: '{"status":"safe","constructor":{"prototype":{"x":1}}}' },
      {
        label: 'text/plain',
        body: JSON.stringify({ status: 'safe' }),
        headers: { 'content-type': 'text/plain' },
      },
    ];
    for (const c of cases) {
      const key = c.key === undefined ? crypto.randomUUID() : c.key;
      const real = await answerOverHttp(s, token, c.body, key, c.headers);
      const injected = await answerInjected(s, token, c.body, key, c.headers);
      expect(real.status, c.label).toBeGreaterThanOrEqual(400);
      expectSameAs(real, injected);
      if (c.label.startsWith('over-long') || c.label === 'unknown status' || c.label.includes('key')) {
        expect(real.status, c.label).toBe(400);
        expect(JSON.parse(real.body).issues?.length, c.label).toBeGreaterThan(0);
      }
    }
    // Field issues name the field and the limit.
    const long = await answerOverHttp(s, token, {
      status: 'safe',
      message: 'x'.repeat(SAFETY_LIMITS.message + 1),
    });
    expect(JSON.parse(long.body).issues).toEqual([
      { path: ['message'], code: 'too_big', params: { maximum: SAFETY_LIMITS.message } },
    ]);
    // A body over the answer's limit (16 KB): 413, as Fastify refuses it.
    const big = JSON.stringify({ status: 'safe', message: 'x'.repeat(17 * 1024) });
    const tooBig = await answerOverHttp(s, token, big);
    expect(tooBig.status, tooBig.body).toBe(413);
    expectSameAs(tooBig, await answerInjected(s, token, big));
    expect(laneAnswers(s)).toBe(lanesBefore);
    expect(await storedAnswers(s, incident.id)).toBe(0);
  });

  it('leaves a chunked body (no content-length) and one with a content-encoding to Fastify, which takes the answer as it does', async () => {
    const s = served();
    const { incident, tokens } = await askPeople(s, 3);
    const lanesBefore = laneAnswers(s);
    const chunked = await send(s, {
      path: `/a/${tokens[0]}`,
      headers: { ...JSON_TYPE, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ status: 'safe', message: '分けて送ります' }),
      chunked: true,
    });
    expect(chunked.status, chunked.body).toBe(201);
    // Request bodies are never decompressed: Fastify reads this one as it is.
    const encoded = { 'content-encoding': 'identity' };
    const real = await answerOverHttp(s, tokens[1]!, { status: 'safe' }, undefined, encoded);
    const injected = await answerInjected(s, tokens[2]!, { status: 'safe' }, undefined, encoded);
    expect(real.status, real.body).toBe(injected.status);
    expect(comparable(real.headers)).toEqual(comparable(injected.headers));
    expect(laneAnswers(s)).toBe(lanesBefore);
    expect(real.status).toBe(201);
    expect(await storedAnswers(s, incident.id)).toBe(3);
  });

  it('refuses an unknown token as Fastify does (404 safety_link_invalid), counting it as a guess', async () => {
    const s = served();
    const unknown = wellFormedUnknownToken();
    const before = await storedAnswers(s);
    const guessed = await guessesOf(s, LOOPBACK);
    const real = await answerOverHttp(s, unknown, { status: 'safe' });
    expect(real.status).toBe(404);
    expect(JSON.parse(real.body).code).toBe('safety_link_invalid');
    // Once, though the lane looked the token up before Fastify did.
    expect(await guessesOf(s, LOOPBACK)).toBe(guessed + 1);
    expectSameAs(real, await answerInjected(s, unknown, { status: 'safe' }));
    expect(await storedAnswers(s)).toBe(before);
  });

  it('refuses the same key with another body (409 idempotency_key_reused) and overwrites nothing', async () => {
    const s = served();
    const { incident, tokens } = await askPeople(s, 1);
    const key = crypto.randomUUID();
    const first = await answerOverHttp(s, tokens[0]!, { status: 'safe' }, key);
    expect(first.status).toBe(201);
    const lanesBefore = laneAnswers(s);
    const other = await answerOverHttp(s, tokens[0]!, { status: 'serious_injury' }, key);
    expect(other.status, other.body).toBe(409);
    expect(JSON.parse(other.body).code).toBe('idempotency_key_reused');
    expectSameAs(other, await answerInjected(s, tokens[0]!, { status: 'serious_injury' }, key));
    expect(laneAnswers(s)).toBe(lanesBefore);
    const rows = await s.db.kysely
      .selectFrom('safety_answers')
      .select('status')
      .where('incident_id', '=', incident.id)
      .execute();
    expect(rows).toEqual([{ status: 'safe' }]);
  });

  it('refuses an answer to a closed incident (409 incident_closed)', async () => {
    const s = served();
    const { incident, tokens } = await askPeople(s, 1);
    const closed = await s.owner.client.post(
      `${API}/${incident.id}/close`,
      { summary: '終了' },
      { 'if-match': `"${incident.version}"` },
    );
    expect(closed.statusCode, closed.body).toBe(200);
    const lanesBefore = laneAnswers(s);
    const late = await answerOverHttp(s, tokens[0]!, { status: 'safe' });
    expect(late.status, late.body).toBe(409);
    expect(JSON.parse(late.body).code).toBe('incident_closed');
    expectSameAs(late, await answerInjected(s, tokens[0]!, { status: 'safe' }));
    expect(laneAnswers(s)).toBe(lanesBefore);
    expect(await storedAnswers(s, incident.id)).toBe(0);
  });

  it("writes one 'request completed' line per lane answer, shaped as Fastify's, with the token scrubbed", async () => {
    const s = served();
    const { tokens } = await askPeople(s, 2);
    const completedFrom = (from: number) =>
      s.lines
        .slice(from)
        .map((l) => JSON.parse(l))
        .filter((l) => l.msg === 'request completed');
    const from = s.lines.length;
    const res = await answerOverHttp(s, tokens[0]!, { status: 'safe' });
    expect(res.status).toBe(201);
    const [lane, ...more] = completedFrom(from);
    expect(more).toEqual([]);
    expect(lane).toMatchObject({
      level: 30,
      req: { method: 'POST', url: '/a/[token]', ip: LOOPBACK },
      res: { statusCode: 201 },
    });
    expect(String(lane.reqId)).toMatch(/^lane-\d+$/);
    expect(lane.responseTime).toBeGreaterThan(0);
    // Fastify's line for the same answer has the same fields.
    const fromFastify = s.lines.length;
    expect((await answerInjected(s, tokens[1]!, { status: 'safe' })).status).toBe(201);
    const [fastify] = completedFrom(fromFastify);
    expect(shape(lane)).toEqual(shape(fastify));
    expect(fastify).toMatchObject({ req: { url: '/a/[token]' }, res: { statusCode: 201 } });
    // No link token of this block's tests appears anywhere in the log.
    const log = s.lines.join('');
    expect(tokensAsked.length).toBeGreaterThan(10);
    for (const token of tokensAsked) expect(log).not.toContain(token);
  });

  // Last in this block: the loopback address is refused from here on.
  it('without TRUST_PROXY ignores X-Forwarded-For: guesses count against the connecting address, which is then refused even with a valid token', async () => {
    const s = served();
    const { incident, tokens } = await askPeople(s, 1);
    const forwarded: string[] = [];
    // The guesses left before the limit (an earlier test of this block made one).
    const left = SAFETY_LIMITS.tokenFailures - (await guessesOf(s, LOOPBACK));
    expect(left).toBeGreaterThan(0);
    for (let i = 0; i < left; i++) {
      forwarded.push(nextClientAddress());
      const guess = await answerOverHttp(s, wellFormedUnknownToken(), { status: 'safe' }, undefined, {
        'x-forwarded-for': forwarded.at(-1)!,
      });
      expect(guess.status, guess.body).toBe(404);
    }
    expect(await guessesOf(s, LOOPBACK)).toBe(SAFETY_LIMITS.tokenFailures);
    for (const address of forwarded) expect(await guessesOf(s, address)).toBe(0);
    const refused = await answerOverHttp(s, tokens[0]!, { status: 'safe' }, undefined, {
      'x-forwarded-for': nextClientAddress(),
    });
    expect(refused.status, refused.body).toBe(429);
    expect(JSON.parse(refused.body).code).toBe('rate_limited');
    expect(await storedAnswers(s, incident.id)).toBe(0);
    // Another address (through Fastify) still answers with the same link.
    expect((await answerInjected(s, tokens[0]!, { status: 'safe' })).status).toBe(201);
  });
});

describe('the fast lane behind a trusted proxy (TRUST_PROXY)', () => {
  const served = withServed({ trustProxy: ['127.0.0.1'] });

  it('counts guesses by the forwarded address: one guessing address is refused, another answers through the lane', async () => {
    const s = served();
    const { incident, tokens } = await askPeople(s, 2);
    const guesser = nextClientAddress();
    for (let i = 0; i < SAFETY_LIMITS.tokenFailures; i++) {
      // Through two proxies on loopback: the client is the first untrusted address.
      const guess = await answerOverHttp(s, wellFormedUnknownToken(), { status: 'safe' }, undefined, {
        'x-forwarded-for': `${guesser}, 127.0.0.1`,
      });
      expect(guess.status, guess.body).toBe(404);
    }
    expect(await guessesOf(s, guesser)).toBe(SAFETY_LIMITS.tokenFailures);
    expect(await guessesOf(s, LOOPBACK)).toBe(0);
    const refused = await answerOverHttp(s, tokens[0]!, { status: 'safe' }, undefined, {
      'x-forwarded-for': guesser,
    });
    expect(refused.status, refused.body).toBe(429);
    expect(JSON.parse(refused.body).code).toBe('rate_limited');
    expect(await storedAnswers(s, incident.id)).toBe(0);

    const lanesBefore = laneAnswers(s);
    const other = nextClientAddress();
    const taken = await answerOverHttp(s, tokens[1]!, { status: 'safe' }, undefined, {
      'x-forwarded-for': other,
    });
    expect(taken.status, taken.body).toBe(201);
    expect(laneAnswers(s)).toBe(lanesBefore + 1);
    const line = entries(s)
      .filter((e) => String(e.reqId).startsWith('lane-'))
      .at(-1);
    expect(line).toMatchObject({ req: { ip: other } });
    // The proxy's own address counted nothing either.
    expect((await answerOverHttp(s, tokens[0]!, { status: 'safe' })).status).toBe(201);
    expect(await storedAnswers(s, incident.id)).toBe(2);
  });
});

describe('the fast lane while the app closes', () => {
  /** A raw connection to the served app: what it writes, and everything it gets back. */
  function connect(s: Served): { socket: net.Socket; received: () => string; ended: Promise<void> } {
    const socket = net.connect(s.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    return { socket, received: () => Buffer.concat(chunks).toString(), ended };
  }

  /** Resolves once the server has taken the next request's headers (its handlers have run). */
  const nextRequest = (s: Served) =>
    new Promise<void>((resolve) => s.app.server.once('request', () => resolve()));

  /** Resolves once the close has begun: the preClose hooks ran and the server stopped listening. */
  async function closeBegun(s: Served): Promise<void> {
    while (s.app.server.listening) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  it('takes nothing once the close has begun: a request whose body arrives after it gets 503 from Fastify, and nothing is stored', async () => {
    const s = await serve();
    let closed: Promise<void> | undefined;
    try {
      const { incident, tokens } = await askPeople(s, 1);
      const body = JSON.stringify({ status: 'safe', message: '閉じる直前' });
      const conn = connect(s);
      const taken = nextRequest(s);
      conn.socket.write(
        [
          `POST /a/${tokens[0]} HTTP/1.1`,
          'host: 127.0.0.1',
          'content-type: application/json',
          `idempotency-key: ${crypto.randomUUID()}`,
          `content-length: ${Buffer.byteLength(body)}`,
          '',
          '',
        ].join('\r\n'),
      );
      conn.socket.write(body.slice(0, 5));
      // The lane took the request (its method, path and length fit) and waits for the rest of the body.
      await taken;
      const lanesBefore = laneAnswers(s);
      closed = s.app.close();
      await closeBegun(s);
      conn.socket.write(body.slice(5));
      await conn.ended;
      const answer = conn.received();
      expect(answer).toMatch(/^HTTP\/1\.1 503 /);
      expect(answer.toLowerCase()).toContain('connection: close');
      expect(answer).toContain('"code":"service_unavailable"');
      expect(laneAnswers(s)).toBe(lanesBefore);
      expect(await storedAnswers(s, incident.id)).toBe(0);
      await closed;
    } finally {
      await (closed ?? s.app.close());
      await s.drop();
    }
  });

  it('leaves a request that arrives on an open connection after the close has begun to Fastify (503), storing nothing', async () => {
    const s = await serve();
    let closed: Promise<void> | undefined;
    try {
      const { incident, tokens } = await askPeople(s, 1);
      const body = JSON.stringify({ status: 'safe' });
      const conn = connect(s);
      // A first request keeps the connection busy: Fastify's (text/plain), its body still on the way.
      const first = nextRequest(s);
      conn.socket.write(
        [
          'POST /a/x HTTP/1.1',
          'host: 127.0.0.1',
          'content-type: text/plain',
          'content-length: 4',
          '',
          'ab',
        ].join('\r\n'),
      );
      await first;
      closed = s.app.close();
      await closeBegun(s);
      const lanesBefore = laneAnswers(s);
      // Its end, and right behind it an answer the lane would take.
      conn.socket.write(
        [
          'cd',
          `POST /a/${tokens[0]} HTTP/1.1`,
          'host: 127.0.0.1',
          'content-type: application/json',
          `idempotency-key: ${crypto.randomUUID()}`,
          `content-length: ${Buffer.byteLength(body)}`,
          '',
          body,
        ].join('\r\n'),
      );
      await conn.ended;
      const answers = conn.received();
      // The first (taken before the close) is answered as usual; the answer gets the close's 503.
      expect(answers).toMatch(/^HTTP\/1\.1 400 [\s\S]*"code":"validation_failed"[\s\S]*HTTP\/1\.1 503 /);
      expect(answers.slice(answers.lastIndexOf('HTTP/1.1'))).toContain('"code":"service_unavailable"');
      expect(laneAnswers(s)).toBe(lanesBefore);
      expect(await storedAnswers(s, incident.id)).toBe(0);
      await closed;
    } finally {
      await (closed ?? s.app.close());
      await s.drop();
    }
  });
});
