import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/incidents.js';
import type { SafetyOverview } from '../../../shared/safety.js';
import { verifyAuditChains } from '../../audit-trail/audit.js';
import { eventBusFor } from '../../realtime/event-bus.js';
import { createItem } from '../../test/factories.js';
import {
  addUserToOrg,
  auditActions,
  createOrgWithUser,
  type TestApp,
  type TestClient,
  withTestApp,
} from '../../test/harness.js';
import { sendDueReminders } from './service.js';

const t = withTestApp();
const API = '/api/v1/incidents';
let addressNo = 0;
/** Each test answers from its own address, so the guessing limit of one never touches another. */
const nextAddress = () => `203.0.113.${(++addressNo % 250) + 1}`;

async function declare(client: TestClient, mode: 'real' | 'drill' = 'drill'): Promise<Incident> {
  const res = await client.post(API, {
    type: 'earthquake',
    mode,
    title: mode === 'drill' ? '地震訓練' : '地震',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

interface Staff {
  siteA: string;
  siteB: string;
  dept: string;
  people: { id: string; name: string; email: string }[];
}

/** Two sites, one department, four people (one without e-mail). */
async function staff(client: TestClient): Promise<Staff> {
  const siteA = (
    await createItem(client, 'site', { name: '本店', kind: 'head_office', prefectureCode: '33' })
  ).id;
  const siteB = (await createItem(client, 'site', { name: '倉敷店', prefectureCode: '33' })).id;
  const dept = (await createItem(client, 'department', { name: '営業' })).id;
  const suffix = crypto.randomBytes(3).toString('hex');
  const specs = [
    { name: '青木', siteId: siteA, departmentId: dept, homePrefecture: '33' as const },
    { name: '井上', siteId: siteA, homePrefecture: '34' as const },
    { name: '上田', siteId: siteB, departmentId: dept, employmentStatus: 'part_time' as const },
    { name: '江口', siteId: siteB, noEmail: true },
  ];
  const people = [];
  for (const [i, s] of specs.entries()) {
    const { noEmail, ...rest } = s as typeof s & { noEmail?: boolean };
    const email = noEmail ? undefined : `p${i}-${suffix}@example.test`;
    const p = await createItem(client, 'person', { ...rest, ...(email ? { email } : {}) });
    people.push({ id: p.id, name: p.name, email: email ?? '' });
  }
  return { siteA, siteB, dept, people };
}

/** The personal links queued for an address, oldest first (read from the outbound queue, as the mail would carry them). */
async function linksTo(app: TestApp, email: string): Promise<string[]> {
  const rows = await app.db.kysely
    .selectFrom('outbound_messages')
    .select(['body', 'created_at'])
    .where('recipient', '=', email)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const m = /\/a\/([A-Za-z0-9_-]{43})/.exec(r.body);
    if (!m?.[1]) throw new Error('no link in the mail');
    return m[1];
  });
}

async function sendRequest(client: TestClient, incidentId: string, body: Record<string, unknown> = {}) {
  return client.post(`${API}/${incidentId}/safety/requests`, body);
}

function answer(token: string, body: unknown, key: string = crypto.randomUUID(), address = nextAddress()) {
  return t.app.inject({
    method: 'POST',
    url: `/a/${token}`,
    payload: body as object,
    headers: { 'idempotency-key': key },
    remoteAddress: address,
  });
}

async function overview(client: TestClient, incidentId: string): Promise<SafetyOverview> {
  const res = await client.get(`${API}/${incidentId}/safety`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('safety confirmation', () => {
  it('sends a request to a filter, with one personal link per person by mail, and audits it', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const s = await staff(client);
    const incident = await declare(client);
    const res = await sendRequest(client, incident.id, {
      filter: { siteIds: [s.siteA] },
      questions: ['location', 'can_work', 'message'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ recipients: 2, emails: 2 });
    const [aoki, inoue, ueda] = s.people;
    const links = await linksTo(t, aoki!.email);
    expect(links).toHaveLength(1);
    expect(await linksTo(t, ueda!.email)).toEqual([]);
    // Only the hash is stored.
    const stored = await t.db.kysely.selectFrom('safety_links').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).toContain(
      crypto.createHash('sha256').update(links[0]!).digest('hex'),
    );
    expect(JSON.stringify(stored)).not.toContain(links[0]);
    const mail = await t.db.kysely
      .selectFrom('outbound_messages')
      .select(['subject', 'body'])
      .where('recipient', '=', inoue!.email)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain('【訓練】安否確認');
    expect(mail.body).toContain(`${t.config.baseUrl}/a/`);

    const o = await overview(client, incident.id);
    expect(o.requests[0]?.questions).toEqual(['status', 'location', 'can_work', 'message']);
    expect(o.recipients.map((r) => r.name).sort()).toEqual(['井上', '青木']);
    expect(o.totals).toEqual({ safe: 0, minor_injury: 0, serious_injury: 0, no_answer: 2 });
    // A second request adds only people not asked yet; nobody left refuses with a field issue.
    const rest = await sendRequest(client, incident.id, { filter: {} });
    expect(rest.json()).toEqual({ recipients: 2, emails: 1 });
    const none = await sendRequest(client, incident.id, { filter: {} });
    expect(none.statusCode).toBe(400);
    expect(none.json().issues).toEqual([{ path: ['filter'], code: 'safety_no_people' }]);
    expect(await auditActions(t, { orgId, entityType: 'safety_request' })).toEqual([
      'safety.request',
      'safety.request',
    ]);
  });

  it('filters by department, home prefecture and employment status', async () => {
    const { client } = await createOrgWithUser(t);
    const s = await staff(client);
    const incident = await declare(client);
    const names = async (filter: object) => {
      const inc = await declare(client);
      expect((await sendRequest(client, inc.id, { filter })).statusCode).toBe(201);
      return (await overview(client, inc.id)).recipients.map((r) => r.name).sort();
    };
    expect(await names({ departmentIds: [s.dept] })).toEqual(['上田', '青木']);
    expect(await names({ prefectureCodes: ['34'] })).toEqual(['井上']);
    expect(await names({ employmentStatuses: ['part_time'] })).toEqual(['上田']);
    expect(await names({ siteIds: [s.siteB], departmentIds: [s.dept] })).toEqual(['上田']);
    expect(incident.id).toBeTruthy();
  });

  it('takes answers through the link: updates keep every version and the first answer time; a manager answers by proxy', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const hq = await addUserToOrg(t, orgId, 'hq');
    const s = await staff(client);
    const incident = await declare(client, 'real');
    await sendRequest(client, incident.id, { filter: {} });
    const [aoki, inoue, ueda, eguchi] = s.people;
    const [token] = await linksTo(t, aoki!.email);

    const page = await t.app.inject({
      method: 'GET',
      url: `/a/${token}`,
      headers: { 'accept-language': 'en-US,en' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="en">');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'sha256-/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');

    const first = await answer(token!, {
      status: 'minor_injury',
      location: '自宅',
      coords: { lat: 34.66, lng: 133.92 },
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await answer(token!, {
      status: 'safe',
      canWork: 'remote',
      familySafe: true,
      homeDamage: 'partial',
      message: '大丈夫です',
    });
    expect(second.statusCode, second.body).toBe(201);
    const byProxy = await hq.client.post(
      `${API}/${incident.id}/safety/recipients/${(await overview(client, incident.id)).recipients.find((r) => r.name === '上田')!.id}/answers`,
      {
        status: 'serious_injury',
        message: '電話で確認',
      },
    );
    expect(byProxy.statusCode, byProxy.body).toBe(201);
    expect(byProxy.json().proxyBy).toMatch(/^User /);

    const o = await overview(client, incident.id);
    expect(o.mode).toBe('real');
    expect(o.totals).toEqual({ safe: 1, minor_injury: 0, serious_injury: 1, no_answer: 2 });
    const siteA = o.bySite.find((g) => g.id === s.siteA);
    expect(siteA).toMatchObject({ name: '本店', totals: { safe: 1, no_answer: 1 } });
    expect(o.byDepartment.find((g) => g.id === s.dept)?.totals).toMatchObject({ safe: 1, serious_injury: 1 });
    const aokiRow = o.recipients.find((r) => r.name === '青木')!;
    expect(aokiRow.latest).toMatchObject({
      status: 'safe',
      message: '大丈夫です',
      canWork: 'remote',
      familySafe: true,
      proxyBy: null,
    });
    expect(
      o.recipients
        .filter((r) => r.status === null)
        .map((r) => r.name)
        .sort(),
    ).toEqual([inoue!.name, eguchi!.name].sort());
    const hist = await client.get(`${API}/${incident.id}/safety/recipients/${aokiRow.id}/answers`);
    expect(hist.json().items.map((a: { status: string }) => a.status)).toEqual(['safe', 'minor_injury']);
    expect(hist.json().items[1].coords).toEqual({ lat: 34.66, lng: 133.92, accuracy: null });
    expect(aokiRow.firstAnsweredAt).toBe(hist.json().items[1].answeredAt);
    expect(ueda).toBeTruthy();

    // Each answer is a live event of the incident, and audited.
    const events = await t.db.kysely
      .selectFrom('incident_events')
      .select('kind')
      .where('org_id', '=', orgId)
      .where('kind', '=', 'safety.answered')
      .execute();
    expect(events).toHaveLength(3);
    expect(await auditActions(t, { orgId, entityType: 'safety_answer' })).toEqual([
      'safety.answer',
      'safety.answer',
      'safety.proxy_answer',
    ]);
  });

  it('replays an answer with the same key and body once, and refuses the same key with another body', async () => {
    const { client } = await createOrgWithUser(t);
    const s = await staff(client);
    const incident = await declare(client);
    await sendRequest(client, incident.id);
    const [token] = await linksTo(t, s.people[0]!.email);
    const key = crypto.randomUUID();
    const body = { status: 'safe', message: 'ok' };
    const a = await answer(token!, body, key);
    const b = await answer(token!, body, key);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual({ answer: a.json().answer, replayed: true });
    const c = await answer(token!, { status: 'minor_injury' }, key);
    expect(c.statusCode).toBe(409);
    expect(c.json().code).toBe('idempotency_key_reused');
    // Concurrent copies of one send store it once.
    const k2 = crypto.randomUUID();
    const copies = await Promise.all([1, 2, 3, 4].map(() => answer(token!, { status: 'minor_injury' }, k2)));
    expect(copies.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 201]);
    const rid = (await overview(client, incident.id)).recipients.find((r) => r.name === '青木')!.id;
    const hist = await client.get(`${API}/${incident.id}/safety/recipients/${rid}/answers`);
    expect(hist.json().items).toHaveLength(2);
    // No key, or not a UUID: a field error on the header.
    const noKey = await t.app.inject({ method: 'POST', url: `/a/${token}`, payload: body });
    expect(noKey.statusCode).toBe(400);
  });

  it('takes a burst of answers in one go: each stored once, with its own audit entry and live event, the last one per person wins', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const s = await staff(client);
    const incident = await declare(client);
    await sendRequest(client, incident.id);
    const withMail = s.people.filter((p) => p.email);
    const tokens = await Promise.all(withMail.map(async (p) => (await linksTo(t, p.email))[0]!));
    const before = await t.db.kysely
      .selectFrom('incident_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    // Everyone at once, three times each; one send repeated (same key and body) and one key reused
    // with another body, all in the same burst.
    const statuses = ['minor_injury', 'safe', 'serious_injury'] as const;
    const sends = withMail.flatMap((_, i) =>
      statuses.map((status) => ({ token: tokens[i]!, body: { status }, key: crypto.randomUUID() })),
    );
    const repeated = sends[0]!;
    const reused = sends[1]!;
    const all = [...sends, { ...repeated }, { ...reused, body: { status: 'safe', message: '別の内容' } }];
    const res = await Promise.all(all.map((a) => answer(a.token, a.body, a.key)));
    const codes = res.map((r) => r.statusCode);
    expect(codes.slice(2, sends.length)).toEqual(sends.slice(2).map(() => 201));
    // Which of two copies arrives first is up to the network: one is stored, the other replayed.
    const copies = [res[0]!, res[sends.length]!];
    expect(copies.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(copies[0]!.json().answer).toEqual(copies[1]!.json().answer);
    const rivals = [res[1]!, res[sends.length + 1]!];
    expect(rivals.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(rivals.find((r) => r.statusCode === 409)?.json().code).toBe('idempotency_key_reused');
    const created = res.filter((r) => r.statusCode === 201).map((r) => r.json().answer.id);
    expect(created).toHaveLength(sends.length);

    const stored = await t.db.kysely
      .selectFrom('safety_answers')
      .select(['id', 'recipient_id'])
      .where('incident_id', '=', incident.id)
      .execute();
    expect(stored).toHaveLength(sends.length);
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(created));
    const audited = await auditActions(t, { orgId, action: 'safety.answer' });
    expect(audited).toHaveLength(sends.length);
    expect((await verifyAuditChains(t.db.kysely, { chain: orgId })).breaks).toEqual([]);
    const events = await t.db.kysely
      .selectFrom('incident_events')
      .select(['seq', 'kind'])
      .where('org_id', '=', orgId)
      .where('seq', '>', Number(before.seq ?? 0))
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.kind)).toEqual(sends.map(() => 'safety.answered'));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => Number(before.seq ?? 0) + i + 1));

    // Each person's latest answer is the last of theirs taken; the first answer time stays the first's.
    const people = (await overview(client, incident.id)).recipients.filter((r) => r.latest);
    expect(people).toHaveLength(withMail.length);
    for (const r of people) {
      const hist = (await client.get(`${API}/${incident.id}/safety/recipients/${r.id}/answers`)).json().items;
      expect(hist).toHaveLength(3);
      expect(r.latest?.id).toBe(hist[0].id);
      expect(r.latest?.status).toBe(hist[0].status);
    }
  });

  it('refuses bad input with field errors and stores nothing', async () => {
    const { client } = await createOrgWithUser(t);
    const s = await staff(client);
    const incident = await declare(client);
    await sendRequest(client, incident.id);
    const [token] = await linksTo(t, s.people[0]!.email);
    const long = await answer(token!, { status: 'safe', message: 'あ'.repeat(1001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().issues).toEqual([{ path: ['message'], code: 'too_big', params: { maximum: 1000 } }]);
    const far = await answer(token!, { status: 'safe', coords: { lat: 123, lng: 500 } });
    expect(far.statusCode).toBe(400);
    expect(
      far
        .json()
        .issues.map((i: { path: string[] }) => i.path.join('.'))
        .sort(),
    ).toEqual(['coords.lat', 'coords.lng']);
    const weird = await answer(token!, { status: 'fine' });
    expect(weird.json().issues[0].path).toEqual(['status']);
    expect((await overview(client, incident.id)).totals.no_answer).toBe(4);
  });

  it('gives every unusable link the same refusal, rate-limits guessing, and refuses answers once the incident is closed', async () => {
    const { client } = await createOrgWithUser(t);
    const s = await staff(client);
    const incident = await declare(client);
    await sendRequest(client, incident.id);
    const [token] = await linksTo(t, s.people[0]!.email);
    const ip = nextAddress();
    const get = (tok: string, address = ip) =>
      t.app.inject({ method: 'GET', url: `/a/${tok}`, remoteAddress: address });
    const wrong = crypto.randomBytes(32).toString('base64url');
    const refusals = await Promise.all([
      get(wrong),
      get('short'),
      get(`${token!.slice(0, 42)}!`),
      get('x'.repeat(90)),
    ]);
    for (const r of refusals) {
      expect(r.statusCode).toBe(404);
      expect(r.body).toBe(refusals[0]!.body);
    }
    expect(refusals[0]!.body).not.toContain(incident.title);
    const post = await answer(wrong, { status: 'safe' }, undefined, ip);
    expect(post.statusCode).toBe(404);
    expect(post.json().code).toBe('safety_link_invalid');
    // 20 failures in the window: then even a good link is refused from that address, not from others.
    for (let i = 0; i < 15; i++) await get(crypto.randomBytes(32).toString('base64url'));
    expect((await get(token!)).statusCode).toBe(429);
    expect((await get(token!, nextAddress())).statusCode).toBe(200);

    const closed = await client.post(
      `${API}/${incident.id}/close`,
      { summary: '終了' },
      { 'if-match': `"${incident.version}"` },
    );
    expect(closed.statusCode, closed.body).toBe(200);
    const late = await answer(token!, { status: 'safe' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('incident_closed');
  });

  it('keeps another organization out and keeps drill answers apart from real ones', async () => {
    const a = await createOrgWithUser(t);
    const b = await createOrgWithUser(t);
    const s = await staff(a.client);
    const drill = await declare(a.client, 'drill');
    const real = await declare(a.client, 'real');
    await sendRequest(a.client, drill.id);
    await sendRequest(a.client, real.id, { filter: { siteIds: [s.siteA] } });
    const [drillLink] = await linksTo(t, s.people[0]!.email);
    expect((await answer(drillLink!, { status: 'serious_injury' })).statusCode).toBe(201);
    expect((await overview(a.client, real.id)).totals).toEqual({
      safe: 0,
      minor_injury: 0,
      serious_injury: 0,
      no_answer: 2,
    });
    expect((await overview(a.client, drill.id)).totals.serious_injury).toBe(1);

    const rid = (await overview(a.client, drill.id)).recipients[0]!.id;
    for (const res of [
      await b.client.get(`${API}/${drill.id}/safety`),
      await b.client.post(`${API}/${drill.id}/safety/requests`, {}),
      await b.client.post(`${API}/${drill.id}/safety/resend`, {}),
      await b.client.get(`${API}/${drill.id}/safety/recipients/${rid}/answers`),
      await b.client.post(`${API}/${drill.id}/safety/recipients/${rid}/answers`, { status: 'safe' }),
    ])
      expect(res.statusCode).toBe(404);
    // A recipient of another incident of the same organization is not found either.
    const cross = await a.client.post(`${API}/${real.id}/safety/recipients/${rid}/answers`, {
      status: 'safe',
    });
    expect(cross.statusCode).toBe(404);
    // In-app: a member sees the requests addressed to a person with their e-mail.
    expect((await b.client.get('/api/v1/safety/mine')).json()).toEqual({ items: [] });
  });

  it('reminds non-responders on schedule, resends to a filter, and gives answer-time figures', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const s = await staff(client);
    const incident = await declare(client);
    const res = await sendRequest(client, incident.id, { reminders: { count: 2, intervalMinutes: 30 } });
    expect(res.statusCode, res.body).toBe(201);
    const [aoki, inoue, ueda] = s.people;
    const [token] = await linksTo(t, aoki!.email);
    await answer(token!, { status: 'safe' });
    const ctx = { db: t.db, bus: eventBusFor(t.db), baseUrl: t.config.baseUrl };
    // Not yet due.
    expect(await sendDueReminders(ctx, new Date(Date.now() + 10 * 60_000))).toBe(0);
    // Due: the two who have not answered (and have e-mail) get a new link; run twice, sent once.
    expect(await sendDueReminders(ctx, new Date(Date.now() + 31 * 60_000))).toBe(2);
    expect(await sendDueReminders(ctx, new Date(Date.now() + 31 * 60_000))).toBe(0);
    expect(await linksTo(t, aoki!.email)).toHaveLength(1);
    const inoueLinks = await linksTo(t, inoue!.email);
    expect(inoueLinks).toHaveLength(2);
    // Both links work until the incident closes.
    expect((await answer(inoueLinks[0]!, { status: 'safe' })).statusCode).toBe(201);
    expect((await answer(inoueLinks[1]!, { status: 'minor_injury' })).statusCode).toBe(201);
    expect(await sendDueReminders(ctx, new Date(Date.now() + 61 * 60_000))).toBe(1);
    expect(await sendDueReminders(ctx, new Date(Date.now() + 24 * 60 * 60_000))).toBe(0);
    const o = await overview(client, incident.id);
    expect(o.requests[0]?.reminders).toMatchObject({ count: 2, sent: 2, nextAt: null });

    const resent = await client.post(`${API}/${incident.id}/safety/resend`, {
      filter: { siteIds: [s.siteB] },
    });
    expect(resent.json()).toEqual({ recipients: 2, emails: 1 });
    expect(await linksTo(t, ueda!.email)).toHaveLength(4);
    expect(await auditActions(t, { orgId, entityId: incident.id })).toContain('safety.resend');

    expect(o.answerTimes).toMatchObject({ asked: 4, answered: 2 });
    expect(o.answerTimes.p50).toBeGreaterThanOrEqual(0);
    expect(o.answerTimes.to80).toBeNull();
  });

  it("serves a small answer page: under 20 KB compressed, in the reader's language", async () => {
    const { client } = await createOrgWithUser(t);
    const s = await staff(client);
    const incident = await declare(client);
    await sendRequest(client, incident.id);
    const [token] = await linksTo(t, s.people[0]!.email);
    const res = await t.app.inject({
      method: 'GET',
      url: `/a/${token}`,
      headers: { 'accept-encoding': 'br, gzip', 'accept-language': 'ja' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    const compressed = res.rawPayload.length;
    const html = zlib.brotliDecompressSync(res.rawPayload).toString();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('青木');
    const gz = zlib.gzipSync(html).length;
    console.log(`answer page: ${html.length} B raw, ${compressed} B brotli, ${gz} B gzip`);
    expect(gz).toBeLessThan(20 * 1024);
  });

  it("tells the home page when a real incident's request has non-responders past its deadline (not a drill's)", async () => {
    const { client } = await createOrgWithUser(t);
    const s = await staff(client);
    const real = await declare(client, 'real');
    const drill = await declare(client, 'drill');
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    for (const i of [real, drill])
      expect(
        (await sendRequest(client, i.id, { reminders: { count: 0, intervalMinutes: 60, deadlineAt: soon } }))
          .statusCode,
      ).toBe(201);
    const past = await sendRequest(client, (await declare(client)).id, {
      reminders: { count: 0, intervalMinutes: 60, deadlineAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.json().issues).toEqual([{ path: ['reminders', 'deadlineAt'], code: 'in_the_past' }]);
    const findings = async () =>
      (
        (await client.get('/api/v1/home/findings')).json().items as {
          code: string;
          params: object;
          link: string;
        }[]
      ).filter((f) => f.code === 'safety_overdue');
    expect(await findings()).toEqual([]);
    await t.db.kysely
      .updateTable('safety_requests')
      .set({ deadline_at: '2020-01-01T00:00:00.000Z' })
      .execute();
    const [token] = await linksTo(t, s.people[0]!.email);
    expect((await answer(token!, { status: 'safe' })).statusCode).toBe(201);
    expect(await findings()).toEqual([
      {
        code: 'safety_overdue',
        severity: 'critical',
        params: { incident: '地震', count: 3 },
        link: `/incidents/${real.id}#safety`,
      },
    ]);
  });

  it("lets a signed-in member open their own answer link in the app (matched by e-mail), and nobody else's", async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const member = await addUserToOrg(t, orgId, 'member');
    await createItem(client, 'person', { name: '社員 本人', email: member.email.toUpperCase() });
    await createItem(client, 'person', { name: '他人', email: `other-${crypto.randomUUID()}@example.test` });
    const incident = await declare(client, 'real');
    await sendRequest(client, incident.id);
    const mine = (await member.client.get('/api/v1/safety/mine')).json();
    expect(mine.items).toMatchObject([{ incidentId: incident.id, incidentTitle: '地震', answered: false }]);
    const own = await member.client.post(`/api/v1/safety/mine/${mine.items[0].recipientId}/link`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().path).toMatch(/^\/a\/[A-Za-z0-9_-]{43}$/);
    const page = await t.app.inject({ method: 'GET', url: own.json().path });
    expect(page.body).toContain('社員 本人');
    const other = (await overview(client, incident.id)).recipients.find((r) => r.name === '他人')!;
    expect((await member.client.post(`/api/v1/safety/mine/${other.id}/link`)).statusCode).toBe(404);
  });
});
