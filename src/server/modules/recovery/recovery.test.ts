import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Procedure, RecoveryOverview } from '../../../shared/recovery.js';
import { createItem, linkNodes, node } from '../../test/factories.js';
import {
  addUserToOrg,
  createOrgWithUser,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const API = '/api/v1/recovery';
const hours = (n: number) => ({ kind: 'duration' as const, minutes: n * 60 });
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

/** An operation that needs `system` within `rtoHours`. */
async function systemNeededWithin(client: TestClient, name: string, rtoHours: number) {
  const system = await createItem(client, 'system', { name, dependencyLevel: 3 });
  const op = await createItem(client, 'operation', {
    name: `${name}の業務`,
    importance: 3,
    rtoOverride: hours(rtoHours),
  });
  await linkNodes(client, node('operation', op), node('system', system));
  return system;
}

async function fromTemplate(client: TestClient, systemId: string): Promise<Procedure> {
  const res = await client.post(`${API}/procedures`, { systemId, template: 'ja' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const stepsOf = (p: Procedure, phase: 'phase1' | 'phase2') =>
  p[phase].map(({ startMinutes: _s, durationMinutes, ...s }) => ({ ...s, duration: durationMinutes }));

describe('recovery plan content', () => {
  it('serves the 13 incidents with their layers, the 5 + 7 template steps and the first response', async () => {
    const { client } = await createOrgWithUser(t);
    const c = (await client.get(`${API}/content`)).json();
    expect(c.incidents).toHaveLength(13);
    expect(c.incidents.find((i: { id: string }) => i.id === 'blackout').layers).toEqual([2]);
    expect(c.templates.phase1.map((s: { key: string }) => s.key)).toEqual([
      'stable',
      'survey',
      'arrange-backup',
      'restore',
      'resume',
    ]);
    expect(c.templates.phase2).toHaveLength(7);
    expect(c.firstResponse.steps.map((s: { id: string }) => s.id)).toContain('isolate');
    expect(c.firstResponse.leak.notices.map((n: { id: string }) => n.id)).toContain('ppc-final');
    for (const i of c.incidents) expect(i.source).toMatch(/^\d{3} §/);
  });
});

describe('procedures', () => {
  it('creates phase 1 and phase 2 from the 001 templates and flags a phase 1 longer than the target', async () => {
    const { client } = await createOrgWithUser(t);
    const system = await systemNeededWithin(client, '会員管理システム', 3);
    const p = await fromTemplate(client, system.id);
    expect(p.phase1.map((s) => s.title)[0]).toBe('状況が落ち着いたことを確かめる');
    expect(p.phase2).toHaveLength(7);
    // stable 30 → survey 60 → restore 120 → resume 30; the backup (60) is arranged alongside.
    expect(p.phase1.find((s) => s.key === 'restore')?.startMinutes).toBe(90);
    expect(p.feasibility).toMatchObject({
      verdict: 'misses',
      phase1Minutes: 240,
      targetMinutes: 180,
      gapMinutes: 60,
      longestChain: ['stable', 'survey', 'restore', 'resume'],
    });
    expect(p.degradedNote).toContain('暫定');
    const o: RecoveryOverview = (await client.get(API)).json();
    expect(o.counts).toMatchObject({ systems: 1, withProcedure: 1, missTarget: 1, urgentWithout: 0 });

    // Shorter steps meet the target.
    const phase1 = stepsOf(p, 'phase1').map((s) => (s.key === 'restore' ? { ...s, duration: '1時間' } : s));
    const res = await client.put(
      `${API}/procedures/${p.id}`,
      { phase1, phase2: stepsOf(p, 'phase2'), degradedNote: p.degradedNote },
      ifMatch(p.version),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json().feasibility).toMatchObject({ verdict: 'meets', phase1Minutes: 180, gapMinutes: 0 });
    // One procedure per system.
    expect((await client.post(`${API}/procedures`, { systemId: system.id, template: 'ja' })).statusCode).toBe(
      409,
    );
  });

  it('refuses negative and unreadable durations and prerequisite loops with field issues, saving nothing', async () => {
    const { client } = await createOrgWithUser(t);
    const system = await systemNeededWithin(client, 'メール', 6);
    const p = await fromTemplate(client, system.id);
    const phase2 = stepsOf(p, 'phase2');
    const put = (phase1: unknown[]) =>
      client.put(`${API}/procedures/${p.id}`, { phase1, phase2 }, ifMatch(p.version));
    const base = stepsOf(p, 'phase1');

    const negative = await put(base.map((s, i) => (i === 1 ? { ...s, duration: -30 } : s)));
    expect(negative.statusCode).toBe(400);
    expect(negative.json().issues).toEqual([{ path: ['phase1', 1, 'duration'], code: 'duration_negative' }]);

    const unreadable = await put(base.map((s, i) => (i === 0 ? { ...s, duration: '3' } : s)));
    expect(unreadable.json().issues).toEqual([
      { path: ['phase1', 0, 'duration'], code: 'duration_unreadable' },
    ]);

    // stable waits for resume, which (through restore and survey) waits for stable.
    const loop = await put(base.map((s) => (s.key === 'stable' ? { ...s, after: ['resume'] } : s)));
    expect(loop.statusCode).toBe(400);
    const [issue] = loop.json().issues;
    expect(issue.code).toBe('step_cycle');
    expect(issue.params.cycle).toBe('stable → resume → restore → survey → stable');

    const unknown = await put(base.map((s, i) => (i === 0 ? { ...s, after: ['nope'] } : s)));
    expect(unknown.json().issues).toEqual([
      { path: ['phase1', 0, 'after'], code: 'step_unknown', params: { key: 'nope' } },
    ]);

    const after = (await client.get(`${API}/procedures/${p.id}`)).json();
    expect(after.version).toBe(1);
    expect(after.phase1).toEqual(p.phase1);
  });

  it('needs If-Match, and refuses a stale version', async () => {
    const { client } = await createOrgWithUser(t);
    const system = await systemNeededWithin(client, '会計', 24);
    const p = await fromTemplate(client, system.id);
    const body = { phase1: stepsOf(p, 'phase1'), phase2: stepsOf(p, 'phase2') };
    expect((await client.put(`${API}/procedures/${p.id}`, body)).statusCode).toBe(428);
    expect((await client.put(`${API}/procedures/${p.id}`, body, ifMatch(1))).statusCode).toBe(200);
    expect((await client.put(`${API}/procedures/${p.id}`, body, ifMatch(1))).statusCode).toBe(412);
  });

  it('links owners, contacts and systems of the organization, and refuses those of another', async () => {
    const { client } = await createOrgWithUser(t);
    const other = await createOrgWithUser(t);
    const system = await systemNeededWithin(client, 'ファイルサーバー', 24);
    const nas = await systemNeededWithin(client, 'NAS', 24);
    const person = await createItem(client, 'person', { name: '岡田 聡' });
    const supplier = await createItem(client, 'supplier', { name: '保守会社', kind: 'vendor' });
    const foreignPerson = await createItem(other.client, 'person', { name: '他社の人' });
    const foreignSystem = await createItem(other.client, 'system', { name: '他社のシステム' });
    const foreignSupplier = await createItem(other.client, 'supplier', {
      name: '他社の取引先',
      kind: 'vendor',
    });
    const step = {
      key: 'restore',
      title: '復旧作業',
      duration: '2時間',
      ownerPersonId: person.id,
      afterSystems: [nas.id],
      contactPersonIds: [person.id],
      contactSupplierIds: [supplier.id],
      note: '<script>alert(1)</script>',
    };
    const created = await client.post(`${API}/procedures`, {
      systemId: system.id,
      phase1: [step],
      phase2: [],
    });
    expect(created.statusCode, created.body).toBe(201);
    const p: Procedure = created.json();
    expect(p.names).toMatchObject({ [person.id]: '岡田 聡', [supplier.id]: '保守会社', [nas.id]: 'NAS' });
    expect(p.phase1[0]?.note).toBe('<script>alert(1)</script>');

    const bad = await client.put(
      `${API}/procedures/${p.id}`,
      {
        phase1: [
          {
            ...step,
            ownerPersonId: foreignPerson.id,
            afterSystems: [foreignSystem.id, system.id],
            contactSupplierIds: [foreignSupplier.id],
          },
        ],
        phase2: [],
      },
      ifMatch(1),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([
      { path: ['phase1', 0, 'ownerPersonId'], code: 'unknown_person' },
      { path: ['phase1', 0, 'contactSupplierIds', 0], code: 'unknown_supplier' },
      { path: ['phase1', 0, 'afterSystems', 0], code: 'unknown_system' },
      { path: ['phase1', 0, 'afterSystems', 1], code: 'step_waits_for_own_system' },
    ]);
    // Another organization's system cannot get a procedure, nor read this one.
    const foreign = await other.client.post(`${API}/procedures`, { systemId: system.id, template: 'ja' });
    expect(foreign.json().issues).toEqual([{ path: ['systemId'], code: 'unknown_system' }]);
    expect((await other.client.get(`${API}/procedures/${p.id}`)).statusCode).toBe(404);
    expect((await other.client.delete(`${API}/procedures/${p.id}`)).statusCode).toBe(404);
  });

  it('lets members read the plan and not change it', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const member = await addUserToOrg(t, orgId, 'member');
    const system = await systemNeededWithin(client, '給与', 72);
    const p = await fromTemplate(client, system.id);
    expect((await member.client.get(`${API}/procedures/${p.id}`)).statusCode).toBe(200);
    expect(
      (await member.client.post(`${API}/procedures`, { systemId: system.id, template: 'ja' })).statusCode,
    ).toBe(403);
    expect((await member.client.delete(`${API}/procedures/${p.id}`)).statusCode).toBe(403);
    expect((await client.delete(`${API}/procedures/${p.id}`)).statusCode).toBe(204);
    expect((await client.get(`${API}/procedures/${p.id}`)).statusCode).toBe(404);
  });
});

describe('recovery order', () => {
  it('puts a system after what it needs, the urgent first, and reports a loop made by steps', async () => {
    const { client } = await createOrgWithUser(t);
    const members = await systemNeededWithin(client, '会員管理', 3);
    const checkin = await systemNeededWithin(client, '入館受付', 3);
    const web = await systemNeededWithin(client, 'ウェブサイト', 72);
    const vpn = await createItem(client, 'system', { name: 'VPN' });
    await linkNodes(client, node('system', checkin), node('system', members));
    await linkNodes(client, node('system', checkin), node('system', vpn));
    const router = await createItem(client, 'component', { name: 'VPNルーター', layer: 2, side: 'server' });
    await linkNodes(client, node('system', vpn), node('component', router));

    let o: RecoveryOverview = (await client.get(API)).json();
    const ids = o.systems.map((s) => s.id);
    expect(ids.indexOf(members.id)).toBeLessThan(ids.indexOf(checkin.id));
    expect(ids.indexOf(vpn.id)).toBeLessThan(ids.indexOf(checkin.id));
    expect(ids.at(-1)).toBe(web.id);
    expect(o.systems.find((s) => s.id === vpn.id)?.components).toEqual([
      { id: router.id, name: 'VPNルーター', layer: 2 },
    ]);
    expect(o.counts.urgentWithout).toBe(4); // every operation here is priority S; the VPN inherits it
    expect(o.cycles).toEqual([]);

    // The member system's restore waits for check-in, which needs the member system: a loop.
    const created = await client.post(`${API}/procedures`, {
      systemId: members.id,
      phase1: [{ key: 'restore', title: '復旧', duration: 60, afterSystems: [checkin.id] }],
      phase2: [],
    });
    expect(created.statusCode, created.body).toBe(201);
    o = (await client.get(API)).json();
    expect(o.cycles).toHaveLength(1);
    expect(new Set(o.cycles[0])).toEqual(new Set([members.id, checkin.id]));
    expect(o.systems).toHaveLength(4);
  });
});

describe('incidents', () => {
  it('lists every incident with its default layers until saved, then the organization’s own', async () => {
    const { client } = await createOrgWithUser(t);
    const list = (await client.get(`${API}/incidents`)).json().items;
    expect(list).toHaveLength(13);
    const quake = list.find((i: { incident: string }) => i.incident === 'earthquake');
    expect(quake).toMatchObject({
      assumed: false,
      version: 0,
      layers: [1, 2, 3, 5],
      defaultLayers: [1, 2, 3, 5],
    });

    const body = {
      assumed: true,
      whatStops: '基幹システム停止',
      whyItMatters: '請求まで依存',
      layers: [2, 1],
    };
    expect((await client.put(`${API}/incidents/earthquake`, body)).statusCode).toBe(428);
    const first = await client.put(`${API}/incidents/earthquake`, body, ifMatch(0));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      assumed: true,
      layers: [1, 2],
      defaultLayers: [1, 2, 3, 5],
      version: 1,
    });
    expect((await client.put(`${API}/incidents/earthquake`, body, ifMatch(0))).statusCode).toBe(412);
    const second = await client.put(`${API}/incidents/earthquake`, { ...body, assumed: false }, ifMatch(1));
    expect(second.json()).toMatchObject({ assumed: false, version: 2 });
    expect((await client.put(`${API}/incidents/meteor`, body, ifMatch(0))).statusCode).toBe(400);
    const badLayer = await client.put(`${API}/incidents/flood`, { ...body, layers: [7] }, ifMatch(0));
    expect(badLayer.statusCode).toBe(400);
    expect(badLayer.json().issues[0].path[0]).toBe('layers');
    expect((await client.get(`${API}/incidents`)).json().items[1]).toMatchObject({
      incident: 'flood',
      version: 0,
    });
  });
});

describe('owners and contacts', () => {
  it('keeps a damage target with its owner and contacts, refusing another organization’s people', async () => {
    const { client } = await createOrgWithUser(t);
    const other = await createOrgWithUser(t);
    const head = await createItem(client, 'person', { name: '総務部長' });
    const power = await createItem(client, 'supplier', { name: '中国電力', kind: 'utility' });
    const res = await client.post(`${API}/contacts`, {
      target: 'power',
      targetNote: '電源設備・空調機',
      ownerPersonId: head.id,
      contactSupplierIds: [power.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.names).toEqual({ [head.id]: '総務部長', [power.id]: '中国電力' });

    const foreign = await createItem(other.client, 'person', { name: '他社' });
    const bad = await client.patch(`${API}/contacts/${c.id}`, { contactPersonIds: [foreign.id] }, ifMatch(1));
    expect(bad.json().issues).toEqual([{ path: ['contactPersonIds', 0], code: 'unknown_person' }]);
    const ok = await client.patch(
      `${API}/contacts/${c.id}`,
      { ownerText: '総務部長（不在時は社長）' },
      ifMatch(1),
    );
    expect(ok.json()).toMatchObject({ ownerText: '総務部長（不在時は社長）', version: 2 });
    expect((await other.client.patch(`${API}/contacts/${c.id}`, { note: 'x' }, ifMatch(2))).statusCode).toBe(
      404,
    );
    // One row with its version (what the page reloads after a conflict); never another's.
    const one = await client.get(`${API}/contacts/${c.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe('"2"');
    expect(one.json()).toMatchObject({
      id: c.id,
      targetNote: '電源設備・空調機',
      names: { [head.id]: '総務部長' },
    });
    expect((await other.client.get(`${API}/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await client.get(`${API}/contacts`)).json().items).toHaveLength(1);
    expect((await client.delete(`${API}/contacts/${c.id}`)).statusCode).toBe(204);
    expect((await client.get(`${API}/contacts`)).json().items).toHaveLength(0);
  });
});
