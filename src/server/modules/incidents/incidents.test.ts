import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Entry, Incident, Tracker } from '../../../shared/incidents.js';
import { archive, createItem, createProcedure, linkNodes, node } from '../../test/factories.js';
import {
  addUserToOrg,
  auditActions,
  auditEntries,
  createOrgWithUser,
  type TestClient,
  withTestApp,
} from '../../test/harness.js';

const t = withTestApp();
const API = '/api/v1/incidents';
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

async function declare(client: TestClient, body: Record<string, unknown> = {}): Promise<Incident> {
  const res = await client.post(API, {
    type: 'ransomware',
    mode: 'drill',
    title: '訓練: ランサムウェア',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function addEntry(
  client: TestClient,
  incidentId: string,
  body: Record<string, unknown> = {},
): Promise<Entry> {
  const res = await client.post(`${API}/${incidentId}/chronology`, {
    occurredAt: new Date().toISOString(),
    kind: 'report',
    text: '受付PCの画面に脅迫文',
    fromParty: '受付',
    toParty: '情報班',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('incidents', () => {
  it('declares a drill and a real incident, lists them apart or together, and closes one with a summary', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const site = await createItem(client, 'site', {
      name: '本社',
      kind: 'head_office',
      prefectureCode: '33',
    });
    const drill = await declare(client, { siteIds: [site.id], prefectureCodes: ['33'] });
    expect(drill).toMatchObject({ mode: 'drill', status: 'active', sites: [{ id: site.id, name: '本社' }] });
    const real = await declare(client, { mode: 'real', type: 'earthquake', title: '地震' });
    const list = async (mode: string) =>
      ((await client.get(`${API}?mode=${mode}`)).json().items as Incident[]).map((i) => i.id);
    expect(await list('real')).toEqual([real.id]);
    expect(await list('drill')).toEqual([drill.id]);
    expect((await list('all')).sort()).toEqual([drill.id, real.id].sort());

    const closed = await client.post(
      `${API}/${drill.id}/close`,
      { summary: '訓練終了' },
      ifMatch(drill.version),
    );
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closeSummary: '訓練終了' });
    // Nothing is written to a closed incident.
    const late = await client.post(`${API}/${drill.id}/chronology`, {
      occurredAt: new Date().toISOString(),
      kind: 'information',
      text: 'x',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('incident_closed');
    expect(await auditActions(t, { orgId, entityId: drill.id })).toEqual([
      'incident.declare',
      'incident.close',
    ]);
  });

  it('refuses bad input with field issues and saves nothing', async () => {
    const { client } = await createOrgWithUser(t);
    const res = await client.post(API, {
      type: 'meteor',
      mode: 'drill',
      title: '',
      siteIds: ['nope'],
      beganAt: 'yesterday',
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().issues.map((i: { path: string[] }) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['type', 'title', 'beganAt']));
    const unknownSite = await client.post(API, {
      type: 'fire',
      mode: 'real',
      title: '火災',
      siteIds: ['nope'],
    });
    expect(unknownSite.statusCode).toBe(400);
    expect(unknownSite.json().issues).toEqual([{ path: ['siteIds', 0], code: 'unknown_site' }]);
    expect((await client.get(API)).json().items).toEqual([]);
  });

  it('keeps an HQ roster of people with roles and shifts', async () => {
    const { client } = await createOrgWithUser(t);
    const person = await createItem(client, 'person', { employeeNumber: 'E1', name: '山田 太郎' });
    const incident = await declare(client);
    const added = await client.post(`${API}/${incident.id}/roster`, { personId: person.id, role: 'chief' });
    expect(added.statusCode, added.body).toBe(201);
    const member = added.json().roster[0];
    expect(member).toMatchObject({ personName: '山田 太郎', role: 'chief', onShift: true });
    const again = await client.post(`${API}/${incident.id}/roster`, { personId: person.id, role: 'member' });
    expect(again.statusCode).toBe(409);
    const off = await client.patch(`${API}/roster/${member.id}`, { onShift: false }, ifMatch(member.version));
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().roster[0]).toMatchObject({ onShift: false, role: 'chief' });
    const unknown = await client.post(`${API}/${incident.id}/roster`, { personId: 'x', role: 'member' });
    expect(unknown.json().issues).toEqual([{ path: ['personId'], code: 'unknown_person' }]);
  });

  it('starts a drill in one click with the organization’s current people, the starter as chief', async () => {
    const { client, email, orgId } = await createOrgWithUser(t);
    const other = await createItem(client, 'person', { employeeNumber: 'E2', name: '佐藤 花子' });
    const me = await createItem(client, 'person', { employeeNumber: 'E1', name: '山田 太郎', email });
    const gone = await createItem(client, 'person', { employeeNumber: 'E3', name: '退職 者' });
    await archive(client, `/people/${gone.id}`);
    const res = await client.post(`${API}/drill`, { title: '訓練: ランサムウェア' });
    expect(res.statusCode, res.body).toBe(201);
    const drill = res.json() as Incident;
    expect(drill).toMatchObject({ mode: 'drill', type: 'ransomware', status: 'active' });
    expect(drill.roster.map((m) => [m.personId, m.role]).sort()).toEqual(
      [
        [me.id, 'chief'],
        [other.id, 'member'],
      ].sort(),
    );
    expect(await auditActions(t, { orgId, entityId: drill.id })).toEqual(['incident.declare']);
    const bad = await client.post(`${API}/drill`, { title: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ path: ['title'] });
    expect(((await client.get(API)).json().items as Incident[]).length).toBe(1);
    // Only who may write the HQ may start one.
    const member = await addUserToOrg(t, orgId, 'member');
    expect((await member.client.post(`${API}/drill`, { title: 'x' })).statusCode).toBe(403);
  });

  it('lets HQ members write and members only read', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const incident = await declare(client);
    const { addUserToOrg } = await import('../../test/harness.js');
    const hq = await addUserToOrg(t, orgId, 'hq');
    const member = await addUserToOrg(t, orgId, 'member');
    await addEntry(hq.client, incident.id);
    expect((await member.client.get(`${API}/${incident.id}/chronology`)).json().items).toHaveLength(1);
    const refused = await member.client.post(`${API}/${incident.id}/chronology`, {
      occurredAt: new Date().toISOString(),
      kind: 'report',
      text: 'x',
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('chronology', () => {
  it('appends entries, filters and searches them', async () => {
    const { client } = await createOrgWithUser(t);
    const incident = await declare(client);
    const a = await addEntry(client, incident.id, { tags: ['受付'] });
    await addEntry(client, incident.id, {
      kind: 'instruction',
      text: 'LANケーブルを抜く',
      fromParty: '本部長',
      toParty: '全店',
    });
    const get = async (q: string) =>
      ((await client.get(`${API}/${incident.id}/chronology${q}`)).json().items as Entry[]).map((e) => e.text);
    expect(await get('')).toHaveLength(2);
    expect(await get('?kind=instruction')).toEqual(['LANケーブルを抜く']);
    expect(await get(`?tag=${encodeURIComponent('受付')}`)).toEqual([a.text]);
    expect(await get(`?q=${encodeURIComponent('lanケーブル')}`)).toEqual(['LANケーブルを抜く']);
    expect(await get(`?person=${encodeURIComponent('本部長')}`)).toEqual(['LANケーブルを抜く']);
    expect(a).toMatchObject({ authorName: expect.any(String), handling: 'open', correctedById: null });
    const done = await client.put(
      `${API}/chronology/${a.id}/handling`,
      { handling: 'done' },
      ifMatch(a.version),
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ handling: 'done', text: a.text });
  });

  it('corrects an entry with a new one that points at it; the original stays, marked corrected', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const incident = await declare(client);
    const wrong = await addEntry(client, incident.id, { text: '3台が感染' });
    const fix = await addEntry(client, incident.id, { text: '5台が感染（訂正）', correctsId: wrong.id });
    expect(fix.correctsId).toBe(wrong.id);
    const items = (await client.get(`${API}/${incident.id}/chronology`)).json().items as Entry[];
    expect(items.find((e) => e.id === wrong.id)).toMatchObject({ text: '3台が感染', correctedById: fix.id });
    expect(await auditActions(t, { orgId, entityId: fix.id })).toEqual(['incident.entry_correct']);
  });

  it('exports the chronology as CSV in the reader’s language, formulas neutralised', async () => {
    const { client } = await createOrgWithUser(t);
    const incident = await declare(client);
    const wrong = await addEntry(client, incident.id, {
      text: '=HYPERLINK("http://x")',
      kind: 'instruction',
    });
    await addEntry(client, incident.id, { text: '訂正後', correctsId: wrong.id });
    const ja = await client.get(`${API}/${incident.id}/chronology.csv?lang=ja`);
    expect(ja.statusCode).toBe(200);
    expect(ja.headers['content-type']).toContain('text/csv');
    const text = ja.body.replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('発生日時,記録日時,記録者,発信元,宛先,種別,内容,対応,タグ,リンク,訂正');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[1]).toContain('指示');
    expect(lines[1]).toMatch(/に訂正された/);
    const en = await client.get(`${API}/${incident.id}/chronology.csv?lang=en`);
    expect(en.body).toContain('Occurred,Recorded');
  });

  it('refuses a correction of another incident’s entry or another organization’s, saving nothing', async () => {
    const { client } = await createOrgWithUser(t);
    const one = await declare(client);
    const two = await declare(client, { title: 'もう一つ' });
    const ofTwo = await addEntry(client, two.id);
    const cross = await client.post(`${API}/${one.id}/chronology`, {
      occurredAt: new Date().toISOString(),
      kind: 'report',
      text: '訂正',
      correctsId: ofTwo.id,
    });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().issues).toEqual([{ path: ['correctsId'], code: 'correction_other_incident' }]);

    const other = await createOrgWithUser(t);
    const theirs = await declare(other.client);
    const theirEntry = await addEntry(other.client, theirs.id);
    const foreign = await client.post(`${API}/${one.id}/chronology`, {
      occurredAt: new Date().toISOString(),
      kind: 'report',
      text: '訂正',
      correctsId: theirEntry.id,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().issues).toEqual([{ path: ['correctsId'], code: 'correction_target_missing' }]);
    expect((await client.get(`${API}/${one.id}/chronology`)).json().items).toEqual([]);
  });
});

describe('tasks and decisions', () => {
  it('records tasks and decisions linked to chronology entries of the incident only', async () => {
    const { client } = await createOrgWithUser(t);
    const person = await createItem(client, 'person', { employeeNumber: 'E2', name: '佐藤 花子' });
    const incident = await declare(client);
    const entry = await addEntry(client, incident.id);
    const task = await client.post(`${API}/${incident.id}/tasks`, {
      title: 'セキュリティ会社に連絡',
      ownerPersonId: person.id,
      dueAt: new Date(Date.now() + 3600_000).toISOString(),
      entryIds: [entry.id],
    });
    expect(task.statusCode, task.body).toBe(201);
    expect(task.json()).toMatchObject({ ownerName: '佐藤 花子', status: 'todo', entryIds: [entry.id] });
    const doing = await client.patch(`${API}/tasks/${task.json().id}`, { status: 'doing' }, ifMatch(1));
    expect(doing.json().status).toBe('doing');
    const decision = await client.post(`${API}/${incident.id}/decisions`, {
      decidedAt: new Date().toISOString(),
      decidedByPersonId: person.id,
      decision: '全店のネットワークを切り離す',
      basis: '受付PCの感染報告',
      entryIds: [entry.id],
    });
    expect(decision.statusCode, decision.body).toBe(201);
    const other = await declare(client, { title: '別件' });
    const wrongLink = await client.post(`${API}/${other.id}/tasks`, { title: 'x', entryIds: [entry.id] });
    expect(wrongLink.json().issues).toEqual([{ path: ['entryIds', 0], code: 'unknown_entry' }]);
    const board = (await client.get(`${API}/${incident.id}/board`)).json();
    expect(board.tasks).toHaveLength(1);
    expect(board.decisions[0]).toMatchObject({ decidedByName: '佐藤 花子', basis: '受付PCの感染報告' });
    expect((await client.get(`${API}/${other.id}/board`)).json()).toEqual({ tasks: [], decisions: [] });
  });
});

describe('IT recovery tracker', () => {
  it('tracks the touched systems in recovery order, ticks phase-1 steps, and shows what a system waits for', async () => {
    const { client } = await createOrgWithUser(t);
    const db = await createItem(client, 'system', { name: '会員DB', dependencyLevel: 3 });
    const app = await createItem(client, 'system', { name: '予約システム', dependencyLevel: 3 });
    const op = await createItem(client, 'operation', {
      name: '会員受付',
      importance: 3,
      rtoOverride: { kind: 'duration', minutes: 600 },
    });
    await linkNodes(client, node('operation', op), node('system', app));
    await linkNodes(client, node('system', app), node('system', db));
    await createProcedure(client, { systemId: app.id, template: 'ja' });
    // Began 9 hours ago: 90 % of the 10-hour target has passed.
    const incident = await declare(client, { beganAt: new Date(Date.now() - 9 * 3600_000).toISOString() });
    const tracker = (await client.get(`${API}/${incident.id}/tracker`)).json() as Tracker;
    expect(tracker.systems.map((s) => s.name)).toEqual(['会員DB', '予約システム']);
    const reservation = tracker.systems[1] as Tracker['systems'][number];
    expect(reservation).toMatchObject({ state: 'warning', waitsFor: [{ id: db.id, name: '会員DB' }] });
    expect(reservation.leftMinutes).toBeGreaterThan(55);
    expect(reservation.steps.map((s) => s.key)).toEqual([
      'stable',
      'survey',
      'arrange-backup',
      'restore',
      'resume',
    ]);

    const ticked = await client.patch(
      `${API}/tracker/${reservation.id}`,
      { step: { key: 'survey', done: true } },
      ifMatch(reservation.version),
    );
    expect(ticked.statusCode, ticked.body).toBe(200);
    const after = (ticked.json() as Tracker).systems[1];
    expect(after?.steps.find((s) => s.key === 'survey')?.doneAt).toEqual(expect.any(String));

    const dbRow = tracker.systems[0] as Tracker['systems'][number];
    const back = await client.patch(
      `${API}/tracker/${dbRow.id}`,
      { recovered: true },
      ifMatch(dbRow.version),
    );
    const now = (back.json() as Tracker).systems;
    expect(now[0]?.state).toBe('recovered');
    expect(now[1]?.waitsFor).toEqual([]);
  });

  it('takes a system off the tracker, keeping its progress in the audit log; not on a closed incident', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    await createItem(client, 'system', { name: '会員DB' });
    await createItem(client, 'system', { name: '勤怠システム' });
    const incident = await declare(client);
    const tracker = (await client.get(`${API}/${incident.id}/tracker`)).json() as Tracker;
    const timekeeping = tracker.systems.find((s) => s.name === '勤怠システム');
    if (!timekeeping) throw new Error('勤怠システム is not tracked');
    await client.patch(`${API}/tracker/${timekeeping.id}`, { recovered: true }, ifMatch(timekeeping.version));

    const removed = await client.delete(`${API}/tracker/${timekeeping.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((removed.json() as Tracker).systems.map((s) => s.name)).toEqual(['会員DB']);
    const entries = await auditEntries(t, { orgId, entityId: timekeeping.id });
    // (Declaring the incident put it on the tracker; that is in the incident's own entry.)
    expect(entries.map((e) => e.action)).toEqual(['incident.tracker_update', 'incident.tracker_remove']);
    expect(entries[1]?.summary.before).toMatchObject({
      name: '勤怠システム',
      recoveredAt: expect.any(String),
    });
    expect((await client.delete(`${API}/tracker/${timekeeping.id}`)).statusCode).toBe(404);

    // Once the incident is closed its tracker stays as it was.
    const rest = (removed.json() as Tracker).systems[0] as Tracker['systems'][number];
    const closed = await client.post(
      `${API}/${incident.id}/close`,
      { summary: '復旧済み' },
      ifMatch(incident.version),
    );
    expect(closed.statusCode, closed.body).toBe(200);
    const refused = await client.delete(`${API}/tracker/${rest.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'incident_closed' });
  });
});

describe('live events', () => {
  /** Reads the SSE stream over a real HTTP connection until `count` events arrived. */
  function readEvents(
    base: string,
    cookie: string,
    lastEventId: string | null,
    count: number,
    waitMs = 8000,
  ): Promise<{ ids: number[]; kinds: string[]; counts: number[] }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'text/event-stream', cookie };
      if (lastEventId) headers['last-event-id'] = lastEventId;
      const req = http.get(`${base}/api/v1/incidents/events`, { headers }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
        let buf = '';
        const ids: number[] = [];
        const kinds: string[] = [];
        const counts: number[] = [];
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          let end = buf.indexOf('\n\n');
          while (end >= 0) {
            const block = buf.slice(0, end);
            buf = buf.slice(end + 2);
            const id = /^id: (\d+)$/m.exec(block);
            const data = /^data: (.*)$/m.exec(block);
            if (id && data) {
              ids.push(Number(id[1]));
              const event = JSON.parse(data[1] as string);
              kinds.push(event.kind);
              counts.push(event.count);
            }
            end = buf.indexOf('\n\n');
          }
          if (ids.length >= count) {
            req.destroy();
            resolve({ ids, kinds, counts });
          }
        });
      });
      req.on('error', (e) => {
        if (!(e as NodeJS.ErrnoException).code?.includes('ECONNRESET')) reject(e);
      });
      setTimeout(() => {
        req.destroy();
        reject(new Error('timed out waiting for events'));
      }, waitMs).unref();
    });
  }

  it('replays after Last-Event-ID, then streams new events live, never another organization’s', async () => {
    const a = await createOrgWithUser(t);
    const b = await createOrgWithUser(t);
    const incident = await declare(a.client); // seq 1
    await addEntry(a.client, incident.id); // seq 2
    await addEntry(a.client, incident.id); // seq 3
    await declare(b.client); // B's own seq 1
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const cookie = (c: TestClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

    const replay = await readEvents(base, cookie(a.client), '1', 2);
    expect(replay).toEqual({ ids: [2, 3], kinds: ['entry.added', 'entry.added'], counts: [1, 1] });

    // Live: a stream that has seen everything receives the next write, and B's stream does not.
    const live = readEvents(base, cookie(a.client), '3', 1);
    const bStream = readEvents(base, cookie(b.client), '1', 1, 1500).then(
      () => 'received',
      () => 'nothing',
    );
    await new Promise((r) => setTimeout(r, 200));
    await addEntry(a.client, incident.id);
    expect(await live).toEqual({ ids: [4], kinds: ['entry.added'], counts: [1] });
    expect(await bStream).toBe('nothing');

    // A wave of answers (rows written together, as a batch of answers is) is one message with
    // its count; the entry after it is a message of its own.
    const wave = readEvents(base, cookie(a.client), '4', 2);
    await new Promise((r) => setTimeout(r, 200));
    const at = new Date().toISOString();
    await t.db.kysely
      .insertInto('incident_events')
      .values(
        [5, 6, 7].map((seq) => ({
          org_id: a.orgId,
          seq,
          incident_id: incident.id,
          kind: 'safety.answered',
          subject_id: `recipient-${seq}`,
          at,
        })),
      )
      .execute();
    await addEntry(a.client, incident.id); // seq 8, and the wake-up
    expect(await wave).toEqual({ ids: [7, 8], kinds: ['safety.answered', 'entry.added'], counts: [3, 1] });

    const plain = await a.client.get('/api/v1/incidents/events');
    expect(plain.statusCode).toBe(406);
  }, 20_000);
});
