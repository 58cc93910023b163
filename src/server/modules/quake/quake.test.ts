import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HomeFindingsResponse as HomeFindings } from '../../../shared/home.js';
import type { Incident } from '../../../shared/incidents.js';
import type { QuakeEvent, QuakeSettings } from '../../../shared/quake.js';
import { eventBusFor } from '../../realtime/event-bus.js';
import { createItem } from '../../test/factories.js';
import { auditActions, createOrgWithUser, type TestClient, withTestApp } from '../../test/harness.js';
import { createGuardedGetter } from '../outbound/index.js';
import { type QuakeIncident, registerQuakeIncidentHook } from './index.js';
import { QUAKE_TOKEN_HEADER } from './routes.js';
import { releaseDue } from './service.js';
import { pollFeeds } from './worker.js';

const t = withTestApp();
const FIXTURES = path.resolve(import.meta.dirname, '../../../domain/fixtures/jma');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const deps = () => ({ db: t.db, bus: eventBusFor(t.db) });

const calls: QuakeIncident[] = [];
let unregister: (() => void) | null = null;
afterEach(() => {
  unregister?.();
  unregister = null;
  calls.length = 0;
});
const listenForHooks = () => {
  unregister = registerQuakeIncidentHook(async (i) => {
    calls.push(i);
  });
};

/** An organization with a site in Okayama (33), its trigger set as given, and a push token. */
async function orgWithTrigger(settings: Partial<Record<string, unknown>> = {}) {
  const owner = await createOrgWithUser(t);
  await createItem(owner.client, 'site', { name: '岡山店', kind: 'head_office', prefectureCode: '33' });
  const current = (await owner.client.get('/api/v1/quake/settings')).json() as QuakeSettings;
  const saved = await owner.client.put(
    '/api/v1/quake/settings',
    { enabled: true, threshold: '5-', holdMinutes: 0, sendMode: 'confirm', feedUrl: null, ...settings },
    { 'if-match': `"${current.version}"` },
  );
  expect(saved.statusCode, saved.body).toBe(200);
  const token = (await owner.client.post('/api/v1/quake/settings/token')).json().token as string;
  return { ...owner, token };
}

const push = (token: string | null, xml: string, type = 'application/xml') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/quake/reports',
    payload: xml,
    headers: { 'content-type': type, ...(token ? { [QUAKE_TOKEN_HEADER]: token } : {}) },
  });

async function quakeIncidents(client: TestClient): Promise<Incident[]> {
  const items = (await client.get('/api/v1/incidents?mode=real')).json().items as Incident[];
  return items.filter((i) => i.type === 'earthquake');
}

describe('earthquake trigger settings', () => {
  it('are off by default, saved with If-Match, refused with field issues, and only for managers', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const first = (await client.get('/api/v1/quake/settings')).json() as QuakeSettings;
    expect(first).toMatchObject({
      enabled: false,
      threshold: '5-',
      holdMinutes: 3,
      sendMode: 'confirm',
      version: 0,
    });
    // The test app has no BASE_URL: no push address is made up from how the server was reached.
    expect(first.pushUrl).toBeNull();
    const bad = await client.put(
      '/api/v1/quake/settings',
      { enabled: true, threshold: '8', holdMinutes: 99, sendMode: 'now', feedUrl: 'ftp://x' },
      { 'if-match': '"0"' },
    );
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().issues as { path: string[] }[]).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['threshold', 'holdMinutes', 'sendMode', 'feedUrl']));
    const ok = await client.put(
      '/api/v1/quake/settings',
      {
        enabled: true,
        threshold: '5+',
        holdMinutes: 5,
        sendMode: 'auto',
        feedUrl: 'https://example.jp/eqvol.xml',
      },
      { 'if-match': '"0"' },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ enabled: true, threshold: '5+', sendMode: 'auto', version: 1 });
    const staleWrite = await client.put(
      '/api/v1/quake/settings',
      { enabled: false, threshold: '5+', holdMinutes: 5, sendMode: 'auto', feedUrl: null },
      { 'if-match': '"0"' },
    );
    expect(staleWrite.statusCode).toBe(412);
    const member = await createOrgWithUser(t, 'member');
    expect((await member.client.get('/api/v1/quake/settings')).statusCode).toBe(403);
    const token = await client.post('/api/v1/quake/settings/token');
    expect(token.statusCode).toBe(201);
    expect(token.json().token).toMatch(/^kq_[A-Za-z0-9_-]{40,}$/);
    expect((await client.get('/api/v1/quake/settings')).json().hasPushToken).toBe(true);
    expect(await auditActions(t, { orgId, action: 'quake.%' })).toEqual([
      'quake.settings_update',
      'quake.token_renew',
    ]);
  });
});

describe('the push address with a public address configured', () => {
  const behind = withTestApp({ baseUrl: 'https://bcp.example.jp/keizoku/', isBaseUrlSet: true });

  it('is built from BASE_URL (not the Host the request came with), in the settings read and saved', async () => {
    const { client } = await createOrgWithUser(behind);
    const read = await client.get('/api/v1/quake/settings', { host: 'localhost:3000' });
    expect(read.json().pushUrl).toBe('https://bcp.example.jp/keizoku/api/v1/quake/reports');
    const saved = await client.put(
      '/api/v1/quake/settings',
      { enabled: true, threshold: '5-', holdMinutes: 3, sendMode: 'confirm', feedUrl: null },
      { 'if-match': '"0"' },
    );
    expect(saved.json().pushUrl).toBe('https://bcp.example.jp/keizoku/api/v1/quake/reports');
  });
});

describe('earthquake reports pushed to keizoku', () => {
  it('refuses a missing or wrong token, a trigger that is off, hostile or oversized XML', async () => {
    const { token, client } = await orgWithTrigger();
    expect((await push(null, fixture('vxse51-okayama.xml'))).json().code).toBe('quake_token_invalid');
    expect((await push('kq_wrong', fixture('vxse51-okayama.xml'))).statusCode).toBe(401);
    const dtd = await push(token, '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><Report>&a;</Report>');
    expect(dtd.statusCode).toBe(422);
    expect(dtd.json()).toMatchObject({ code: 'quake_report_refused' });
    expect((await push(token, 'x'.repeat(3 * 1024 * 1024))).statusCode).toBe(413);
    expect((await push(token, '{"a":1}', 'application/json')).statusCode).toBe(415);
    const current = (await client.get('/api/v1/quake/settings')).json() as QuakeSettings;
    await client.put(
      '/api/v1/quake/settings',
      { enabled: false, threshold: '5-', holdMinutes: 0, sendMode: 'confirm', feedUrl: null },
      { 'if-match': `"${current.version}"` },
    );
    expect((await push(token, fixture('vxse51-okayama.xml'))).json().code).toBe('quake_trigger_off');
    expect(await quakeIncidents(client)).toEqual([]);
  });

  it('declares a real earthquake incident with the prefecture, asks the HQ to confirm, then calls the safety hook once', async () => {
    listenForHooks();
    const { token, client } = await orgWithTrigger();
    const res = await push(token, fixture('vxse51-okayama.xml'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ action: 'send' });
    const [incident, ...more] = await quakeIncidents(client);
    expect(more).toEqual([]);
    expect(incident).toMatchObject({ mode: 'real', status: 'active', prefectureCodes: ['33'] });
    expect(incident?.title).toContain('岡山県');
    // The same report again, and the agency's epicentre-only report: nothing new.
    expect((await push(token, fixture('vxse51-okayama.xml'))).json().action).toBe('ignore');
    expect((await push(token, fixture('vxse52-okayama.xml'))).json().action).toBe('ignore');
    expect(await quakeIncidents(client)).toHaveLength(1);
    expect(calls).toEqual([]);

    const home = (await client.get('/api/v1/home/findings')).json() as HomeFindings;
    expect(home.items.map((f) => f.code)).toContain('quake_confirmation_pending');
    const events = (await client.get(`/api/v1/quake/events?incidentId=${incident?.id}`)).json()
      .items as QuakeEvent[];
    expect(events).toMatchObject([
      { confirmation: 'pending', prefectures: [{ prefecture: '33', maxIntensity: '5-' }] },
    ]);
    const confirmed = await client.post(`/api/v1/quake/events/${events[0]?.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().confirmation).toBe('confirmed');
    expect(calls).toMatchObject([{ incidentId: incident?.id, via: { kind: 'confirmed' }, extension: false }]);
    // The answer is a live event of the incident, so every HQ screen shows it.
    const live = await t.db.kysely
      .selectFrom('incident_events')
      .select('kind')
      .where('incident_id', '=', incident?.id ?? '')
      .execute();
    expect(live.map((e) => e.kind)).toContain('quake.answered');
    const again = await client.post(`/api/v1/quake/events/${events[0]?.id}/dismiss`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('quake_not_pending');
    const after = (await client.get('/api/v1/home/findings')).json() as HomeFindings;
    expect(after.items.map((f) => f.code)).not.toContain('quake_confirmation_pending');
    // Another organization sees none of it.
    const other = await createOrgWithUser(t);
    expect((await other.client.post(`/api/v1/quake/events/${events[0]?.id}/confirm`)).statusCode).toBe(404);
    expect((await other.client.get('/api/v1/quake/events')).json().items).toEqual([]);
  });

  it('holds the first report; a withdrawal within the hold sends nothing; otherwise it is released once, auto-sent', async () => {
    listenForHooks();
    const held = await orgWithTrigger({ holdMinutes: 3, sendMode: 'auto' });
    expect((await push(held.token, fixture('vxse51-okayama.xml'))).json().action).toBe('hold');
    expect((await push(held.token, fixture('vxse51-okayama-cancel.xml'))).json().action).toBe('cancel');
    await releaseDue(deps(), new Date(Date.now() + 10 * 60_000));
    expect(await quakeIncidents(held.client)).toEqual([]);

    const kept = await orgWithTrigger({ holdMinutes: 3, sendMode: 'auto' });
    expect((await push(kept.token, fixture('vxse51-okayama.xml'))).json().action).toBe('hold');
    expect(await releaseDue(deps(), new Date(Date.now() + 60_000))).toBe(0);
    expect(await quakeIncidents(kept.client)).toEqual([]);
    const at = new Date(Date.now() + 4 * 60_000);
    await releaseDue(deps(), at);
    await releaseDue(deps(), at);
    const incidents = await quakeIncidents(kept.client);
    expect(incidents).toHaveLength(1);
    expect(calls.filter((c) => c.incidentId === incidents[0]?.id)).toMatchObject([
      { via: { kind: 'auto' }, prefectures: [{ prefecture: '33' }] },
    ]);
    const events = (await kept.client.get('/api/v1/quake/events')).json().items as QuakeEvent[];
    expect(events[0]?.confirmation).toBe('auto');
  });

  it('a correction that adds a prefecture while the HQ has not confirmed yet grows the incident; the confirmation then asks both', async () => {
    listenForHooks();
    const { token, client } = await orgWithTrigger();
    await createItem(client, 'site', { name: '丸亀店', kind: 'branch', prefectureCode: '37' });
    expect((await push(token, fixture('vxse51-okayama.xml'))).json().action).toBe('send');
    expect((await push(token, fixture('vxse53-okayama-correction.xml'))).json().action).toBe('extend');
    const [incident] = await quakeIncidents(client);
    expect(incident?.prefectureCodes).toEqual(['33', '37']);
    // Not confirmed yet: nothing was sent, for the first prefecture or the added one.
    expect(calls).toEqual([]);
    const [event] = (await client.get('/api/v1/quake/events')).json().items as QuakeEvent[];
    expect((await client.post(`/api/v1/quake/events/${event?.id}/confirm`)).statusCode).toBe(200);
    expect(calls).toMatchObject([
      {
        extension: false,
        prefectures: [
          { prefecture: '33', maxIntensity: '5-' },
          { prefecture: '37', maxIntensity: '5-' },
        ],
      },
    ]);
  });
});

describe('earthquake feed', () => {
  it('reads the reports an Atom feed lists through the SSRF guard, each once', async () => {
    const atom = (base: string) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" lang="ja">
<title>高頻度（地震火山）</title><id>${base}/eqvol.xml</id><updated>2026-12-07T05:33:00Z</updated>
<entry><title>震度速報</title><id>urn:test:vxse51</id><updated>2026-12-07T05:32:08Z</updated>
<link type="application/xml" href="${base}/data/20261207053208_0_VXSE51_270000.xml"/></entry>
<entry><title>気象警報・注意報</title><id>urn:test:vpww</id><updated>2026-12-07T05:31:00Z</updated>
<link type="application/xml" href="${base}/data/other_VPWW53.xml"/></entry>
</feed>`;
    const requested: string[] = [];
    const server = http.createServer((req, res) => {
      requested.push(req.url ?? '');
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (req.url === '/eqvol.xml') res.end(atom(base));
      else if (req.url?.includes('VXSE51')) res.end(fixture('vxse51-okayama.xml'));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/eqvol.xml`;
    const guarded = createGuardedGetter({ timeoutMs: 5000, allowPrivate: [] });
    const allowed = createGuardedGetter({ timeoutMs: 5000, allowPrivate: ['127.0.0.1'] });
    try {
      const { client } = await orgWithTrigger({ feedUrl });
      // A feed on this host is refused unless the setting allows it.
      await pollFeeds(deps(), guarded);
      expect(requested).toEqual([]);
      expect(await quakeIncidents(client)).toEqual([]);
      expect(await pollFeeds(deps(), allowed)).toBe(1);
      expect(requested.filter((u) => u.includes('VXSE51'))).toHaveLength(1);
      expect(requested.some((u) => u.includes('VPWW'))).toBe(false);
      expect(await quakeIncidents(client)).toHaveLength(1);
      // Read again: the entry was seen, no document is fetched twice.
      await pollFeeds(deps(), allowed);
      expect(requested.filter((u) => u.includes('VXSE51'))).toHaveLength(1);
    } finally {
      await Promise.all([guarded.close(), allowed.close()]);
      await new Promise((r) => server.close(r));
    }
  });
});
