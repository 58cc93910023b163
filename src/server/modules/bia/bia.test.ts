import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BiaContentSchema, type BiaView, requirementPaths } from '../../../shared/bia-api.js';
import { newId, nowIso } from '../../ids.js';
import { createItem, linkNodes, node } from '../../test/factories.js';
import {
  addUserToOrg,
  auditActions,
  createOrgWithUser,
  type TestClient,
  withTestApp,
} from '../../test/harness.js';
import { emptyColumns, SPECS, toColumns } from '../inventory/registers.js';
import * as inventoryRepo from '../inventory/repo.js';
import * as inventory from '../inventory/service.js';

const t = withTestApp();

const API = '/api/v1';
const DAY = 1440;

/** A small gym: check-in needs the member web app, which needs the customer DB, which sits on a NAS. */
async function gym(client: TestClient) {
  const checkin = await createItem(client, 'operation', { name: 'チェックイン', importance: 3 });
  const billing = await createItem(client, 'operation', { name: '月謝請求', importance: 2 });
  const payroll = await createItem(client, 'operation', { name: '給与計算', importance: 1 });
  const web = await createItem(client, 'system', { name: '会員Web', dependencyLevel: 3 });
  const db = await createItem(client, 'system', { name: '顧客DB', dependencyLevel: 3 });
  const nas = await createItem(client, 'system', {
    name: 'NAS',
    declaredRto: { kind: 'at_least', minutes: 3 * DAY },
  });
  const files = await createItem(client, 'system', { name: 'ファイルサーバー', dependencyLevel: 1 });
  const ups = await createItem(client, 'component', { name: 'UPS', layer: 2, side: 'server' });
  const isp = await createItem(client, 'supplier', { name: 'ISP', kind: 'isp' });
  await linkNodes(client, node('operation', checkin), node('system', web));
  await linkNodes(client, node('system', web), node('system', db));
  await linkNodes(client, node('operation', billing), node('system', db));
  await linkNodes(client, node('system', db), node('system', nas));
  await linkNodes(client, node('system', nas), node('component', ups));
  await linkNodes(client, node('system', web), node('supplier', isp));
  await linkNodes(client, node('operation', payroll), node('system', files));
  return {
    checkin: checkin.id,
    billing: billing.id,
    payroll: payroll.id,
    web: web.id,
    db: db.id,
    nas: nas.id,
    files: files.id,
    ups: ups.id,
    isp: isp.id,
  };
}

describe('BIA settings', () => {
  it('starts from the 001 presets and edits matrix cells and the RTO table with If-Match', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const first = await client.get(`${API}/bia/settings`);
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"0"');
    expect(first.json()).toMatchObject({
      scale: 3,
      matrix: [
        ['D', 'C', 'B'],
        ['C', 'B', 'A'],
        ['B', 'A', 'S'],
      ],
      rtoPreset: 'example-1',
      rtoTable: {
        S: { kind: 'duration', minutes: 0 },
        A: { kind: 'duration', minutes: 720 },
        B: { kind: 'duration', minutes: DAY },
        C: { kind: 'duration', minutes: 3 * DAY },
        D: { kind: 'risk_accepted' },
      },
      version: 0,
    });

    const empty = await client.patch(
      `${API}/bia/settings`,
      {
        matrix: [
          ['D', 'C', 'B'],
          ['C', '', 'A'],
          ['B', 'X', 'S'],
        ],
      },
      { 'if-match': '"0"' },
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.json().issues).toEqual([
      { path: ['matrix', 1, 1], code: 'matrix_cell_empty', params: { importance: 2, dependency: 2 } },
      {
        path: ['matrix', 2, 1],
        code: 'matrix_cell_unknown',
        params: { importance: 2, dependency: 3, value: 'X' },
      },
    ]);
    const short = await client.patch(`${API}/bia/settings`, { matrix: [['D']] }, { 'if-match': '"0"' });
    expect(short.json().issues[0].code).toBe('matrix_shape_invalid');
    expect((await client.get(`${API}/bia/settings`)).json().version).toBe(0);

    const preset = await client.patch(
      `${API}/bia/settings`,
      { rtoPreset: 'example-2' },
      { 'if-match': '"0"' },
    );
    expect(preset.statusCode, preset.body).toBe(200);
    expect(preset.json()).toMatchObject({
      version: 1,
      rtoPreset: 'example-2',
      rtoTable: { S: { minutes: 180 } },
    });
    expect(preset.headers.etag).toBe('"1"');

    const unknownPreset = await client.patch(
      `${API}/bia/settings`,
      { rtoPreset: 'example-9' },
      { 'if-match': '"1"' },
    );
    expect(unknownPreset.json().issues).toEqual([{ path: ['rtoPreset'], code: 'unknown_preset' }]);
    const order = await client.patch(
      `${API}/bia/settings`,
      { rtoTable: { C: { kind: 'duration', minutes: 60 } } },
      { 'if-match': '"1"' },
    );
    expect(order.statusCode).toBe(400);
    expect(order.json().issues).toEqual([
      { path: ['rtoTable', 'C'], code: 'rto_table_order', params: { priority: 'C', higher: 'B' } },
    ]);
    const negative = await client.patch(
      `${API}/bia/settings`,
      { rtoTable: { A: { kind: 'duration', minutes: -1 } } },
      { 'if-match': '"1"' },
    );
    expect(negative.statusCode).toBe(400);
    expect(negative.json().issues[0].path).toEqual(['rtoTable', 'A', 'minutes']);
    const stale = await client.patch(
      `${API}/bia/settings`,
      { rtoPreset: 'example-3' },
      { 'if-match': '"0"' },
    );
    expect(stale.statusCode).toBe(412);
    const noMatch = await client.patch(`${API}/bia/settings`, { rtoPreset: 'example-3' });
    expect(noMatch.statusCode).toBe(428);

    const custom = await client.patch(
      `${API}/bia/settings`,
      {
        rtoTable: { D: { kind: 'risk_accepted' } },
        matrix: [
          ['D', 'D', 'C'],
          ['C', 'B', 'A'],
          ['B', 'A', 'S'],
        ],
      },
      { 'if-match': '"1"' },
    );
    expect(custom.statusCode, custom.body).toBe(200);
    expect(custom.json()).toMatchObject({
      rtoPreset: 'custom',
      rtoTable: { D: { kind: 'risk_accepted' } },
      version: 2,
    });
    expect(custom.json().matrix[0]).toEqual(['D', 'D', 'C']);

    const member = await addUserToOrg(t, orgId, 'member');
    expect((await member.client.get(`${API}/bia/settings`)).json().version).toBe(2);
    expect((await member.client.patch(`${API}/bia/settings`, {}, { 'if-match': '"2"' })).statusCode).toBe(
      403,
    );
    expect(await auditActions(t, { orgId, action: 'bia.settings_update' })).toHaveLength(2);
  });

  it('serves the level definitions and presets as content', async () => {
    const { client } = await createOrgWithUser(t);
    const res = await client.get(`${API}/bia/content`);
    expect(res.statusCode).toBe(200);
    // The declared response schema is the contract the web app types itself with.
    const c = BiaContentSchema.parse(res.json());
    expect(c.scales.map((s) => s.scale)).toEqual([3, 5]);
    expect(c.scales[0]?.importance.map((l) => l.level)).toEqual([3, 2, 1]);
    expect(c.rtoTables.map((r) => r.id)).toEqual(['example-1', 'example-2', 'example-3']);
    expect(c.matrices.map((m) => [m.id, m.matrix.scale])).toEqual([
      ['three-level', 3],
      ['five-level', 5],
    ]);
    expect(c.matrices[0]?.matrix.cells).toEqual([
      ['D', 'C', 'B'],
      ['C', 'B', 'A'],
      ['B', 'A', 'S'],
    ]);
    expect(c.rtoStates.risk_accepted).toEqual({
      ja: 'リスク受容：止まっても復旧を計画しないと決めたもの。',
      en: 'Risk accepted: a conscious decision not to plan a recovery for it.',
    });
    // Only what the schema names is sent (no content-file bookkeeping such as `source`).
    expect(Object.keys(res.json().matrices[0]).sort()).toEqual(['id', 'matrix', 'rule', 'title']);
  });

  it('changes the scale, mapping levels and reporting what moved', async () => {
    const { client } = await createOrgWithUser(t);
    const ids = await gym(client);
    const dry = await client.post(`${API}/bia/settings/scale`, { scale: 5 }, { 'if-match': '"0"' });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ from: 3, to: 5, applied: false, moved: [] });
    expect(dry.json().levelsChanged).toBeGreaterThan(0);
    expect((await client.get(`${API}/bia/settings`)).json().scale).toBe(3);

    const applied = await client.post(
      `${API}/bia/settings/scale`,
      { scale: 5, apply: true },
      { 'if-match': '"0"' },
    );
    expect(applied.json()).toMatchObject({ applied: true, settings: { scale: 5, version: 1 } });
    expect(applied.json().settings.matrix).toHaveLength(5);
    const checkin = (await client.get(`${API}/inventory/operations/${ids.checkin}`)).json();
    expect(checkin.importance).toBe(5);
    const billing = (await client.get(`${API}/inventory/operations/${ids.billing}`)).json();
    expect(billing.importance).toBe(3);
    expect((await client.get(`${API}/inventory/systems/${ids.web}`)).json().dependencyLevel).toBe(5);
    const view = (await client.get(`${API}/bia`)).json();
    expect(view.scale).toBe(5);
    expect(view.operations.map((o: { name: string; priority: string }) => [o.name, o.priority])).toEqual([
      ['チェックイン', 'S'],
      ['月謝請求', 'A'],
      ['給与計算', 'D'],
    ]);

    // Level 4 now exists; 5 → 3 folds 2 into 1, so (2, 2) = C becomes (1, 1) = D.
    const { id: op } = await createItem(client, 'operation', {
      name: '問い合わせ対応',
      importance: 2,
      dependencyLevel: 2,
    });
    const back = await client.post(`${API}/bia/settings/scale`, { scale: 3 }, { 'if-match': '"1"' });
    expect(back.json().moved).toEqual([
      {
        id: op,
        name: '問い合わせ対応',
        before: { importance: 2, dependency: 2, priority: 'C' },
        after: { importance: 1, dependency: 1, priority: 'D' },
      },
    ]);
    const badLevel = await client.post(`${API}/inventory/operations`, { name: 'x', importance: 6 });
    expect(badLevel.statusCode).toBe(400);
    expect(
      (await client.post(`${API}/bia/settings/scale`, { scale: 4 }, { 'if-match': '"1"' })).statusCode,
    ).toBe(400);
  });
});

describe('BIA view', () => {
  it('derives priorities and RTOs with why, lists the RTO inversion with its chain, counts the heat-map', async () => {
    const { client } = await createOrgWithUser(t);
    const ids = await gym(client);
    const res = await client.get(`${API}/bia`);
    expect(res.statusCode).toBe(200);
    const view: BiaView = res.json();
    const op = (id: string) => view.operations.find((o) => o.id === id);
    expect(op(ids.checkin)).toMatchObject({
      priority: 'S',
      dependency: 3,
      dependencySource: 'systems',
      rto: { kind: 'duration', minutes: 0 },
      rtoSource: 'table',
    });
    expect(op(ids.billing)).toMatchObject({ priority: 'A', rto: { kind: 'duration', minutes: 720 } });
    expect(op(ids.payroll)).toMatchObject({ priority: 'D', dependency: 1, rto: { kind: 'risk_accepted' } });

    const node = (id: string) => view.nodes.find((n) => n.id === id);
    expect(node(ids.db)).toEqual({
      id: ids.db,
      type: 'system',
      name: '顧客DB',
      priority: 'S',
      priorityFrom: ids.checkin,
      priorityVia: ids.web,
      requiredRto: { kind: 'duration', minutes: 0 },
      rtoFrom: ids.checkin,
      rtoVia: ids.web,
      declaredRto: null,
    });
    // The why-paths are links; followed, they spell out operation → … → node.
    const pathOf = requirementPaths(view);
    expect(pathOf(ids.db, 'priority')).toEqual([ids.checkin, ids.web, ids.db]);
    expect(pathOf(ids.ups, 'rto')).toEqual([ids.checkin, ids.web, ids.db, ids.nas, ids.ups]);
    expect(pathOf(ids.web, 'priority')).toEqual([ids.checkin, ids.web]);
    expect(node(ids.web)?.priorityVia).toBe(ids.checkin);
    expect(node(ids.ups)).toMatchObject({ type: 'component', priority: 'S' });
    expect(node(ids.isp)).toMatchObject({ type: 'supplier', priority: 'S', priorityFrom: ids.checkin });
    expect(node(ids.files)).toMatchObject({ priority: 'D', priorityFrom: ids.payroll });
    expect(node(ids.nas)).toMatchObject({ declaredRto: { kind: 'at_least', minutes: 3 * DAY } });

    expect(view.inversions).toEqual([
      {
        dependant: ids.db,
        dependency: ids.nas,
        dependantRto: { kind: 'duration', minutes: 0 },
        dependantSource: 'inherited',
        dependencyRto: { kind: 'at_least', minutes: 3 * DAY },
        dependencySource: 'declared',
        operation: ids.checkin,
        chain: [ids.checkin, ids.web, ids.db, ids.nas],
      },
    ]);
    expect(view.heatmap.counts).toEqual([
      [1, 0, 0],
      [0, 0, 0],
      [0, 1, 1],
    ]);
    expect(view.heatmap.operations[2]?.[2]).toEqual([ids.checkin]);
    expect(view.heatmap.operations[2]?.[1]).toEqual([ids.billing]);

    // Declaring what the NAS can really do (immediately) removes the inversion.
    await client.patch(
      `${API}/inventory/systems/${ids.nas}`,
      { declaredRto: { kind: 'duration', minutes: 0 } },
      { 'if-match': '"1"' },
    );
    expect((await client.get(`${API}/bia`)).json().inversions).toEqual([]);
  });

  it('answers failure impact for a component, system or supplier', async () => {
    const { client } = await createOrgWithUser(t);
    const ids = await gym(client);
    const res = await client.get(`${API}/bia/impact?nodeType=component&nodeId=${ids.ups}`);
    expect(res.statusCode, res.body).toBe(200);
    const impact = res.json();
    expect(impact.operations).toEqual([
      { id: ids.checkin, name: 'チェックイン', priority: 'S', rto: { kind: 'duration', minutes: 0 } },
      { id: ids.billing, name: '月謝請求', priority: 'A', rto: { kind: 'duration', minutes: 720 } },
    ]);
    expect(impact).toMatchObject({
      highestPriority: 'S',
      tightestRto: { kind: 'duration', minutes: 0 },
      tightestRtoOperation: ids.checkin,
    });
    expect([...impact.nodes].sort()).toEqual(
      [ids.ups, ids.nas, ids.db, ids.web, ids.checkin, ids.billing].sort(),
    );
    expect(impact.edges).toContainEqual([ids.nas, ids.ups]);

    const files = (await client.get(`${API}/bia/impact?nodeType=system&nodeId=${ids.files}`)).json();
    expect(files.operations.map((o: { id: string }) => o.id)).toEqual([ids.payroll]);
    expect(files.tightestRto).toEqual({ kind: 'risk_accepted' });
  });

  it('refuses impact queries for unknown nodes, wrong types and bad input', async () => {
    const { client } = await createOrgWithUser(t);
    const ids = await gym(client);
    expect((await client.get(`${API}/bia/impact?nodeType=supplier&nodeId=${ids.ups}`)).statusCode).toBe(404);
    expect((await client.get(`${API}/bia/impact?nodeType=system&nodeId=nope`)).statusCode).toBe(404);
    expect((await client.get(`${API}/bia/impact?nodeType=planet&nodeId=${ids.ups}`)).statusCode).toBe(400);
    expect((await client.get(`${API}/bia/impact`)).statusCode).toBe(400);
  });
});

describe('BIA sign-off', () => {
  it('stores who signed and when, then shows changes since as a diff', async () => {
    const { client, userId, orgId } = await createOrgWithUser(t);
    const ids = await gym(client);
    const none = (await client.get(`${API}/bia/diff`)).json();
    expect(none.signoff).toBeNull();
    expect(none.added).toHaveLength(9);

    const signed = await client.post(`${API}/bia/signoffs`, { note: '2026年度版' });
    expect(signed.statusCode).toBe(201);
    expect(signed.json()).toMatchObject({ signedBy: userId, note: '2026年度版' });
    expect(signed.json().signedByName).toBe((await client.get('/api/v1/session')).json().user.displayName);
    const clean = (await client.get(`${API}/bia/diff`)).json();
    expect(clean).toMatchObject({ added: [], removed: [], changed: [] });
    expect(clean.signoff.id).toBe(signed.json().id);

    await client.patch(
      `${API}/inventory/operations/${ids.payroll}`,
      { importance: 3 },
      { 'if-match': '"1"' },
    );
    const { id: mail } = await createItem(client, 'system', { name: 'メール' });
    await client.post(`${API}/inventory/operations/${ids.billing}/archive`, {}, { 'if-match': '"1"' });
    const diff = (await client.get(`${API}/bia/diff`)).json();
    expect(diff.added).toEqual([{ id: mail, type: 'system', name: 'メール' }]);
    expect(diff.removed).toEqual([{ id: ids.billing, type: 'operation', name: '月謝請求' }]);
    const changed = diff.changed.find((c: { id: string }) => c.id === ids.payroll);
    expect(changed).toMatchObject({
      before: { priority: 'D', rto: { kind: 'risk_accepted' } },
      after: { priority: 'B', rto: { kind: 'duration', minutes: DAY } },
    });
    expect(diff.changed.map((c: { id: string }) => c.id)).toContain(ids.files);
    // Operations first, then systems, components and suppliers (src/domain/bia-edition.ts).
    const order = ['operation', 'system', 'component', 'supplier'];
    const ranks = diff.changed.map((c: { type: string }) => order.indexOf(c.type));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    const list = (await client.get(`${API}/bia/signoffs`)).json();
    expect(list.items).toHaveLength(1);
    const member = await addUserToOrg(t, orgId, 'auditor');
    expect((await member.client.post(`${API}/bia/signoffs`, {})).statusCode).toBe(403);
    expect((await member.client.get(`${API}/bia/diff`)).statusCode).toBe(200);
  });
});

describe('BIA cache', () => {
  /** GET /bia and the failure impact of one node, as a client sees them after a change. */
  async function read(client: TestClient, node: { type: string; id: string }) {
    const view = await client.get(`${API}/bia`);
    expect(view.statusCode, view.body).toBe(200);
    const impact = await client.get(`${API}/bia/impact?nodeType=${node.type}&nodeId=${node.id}`);
    return { view: view.json() as BiaView, impact: impact.statusCode === 200 ? impact.json() : null };
  }
  const opIds = (impact: { operations: { id: string }[] } | null) => impact?.operations.map((o) => o.id);

  it('shows every kind of write in the next GET /bia and /bia/impact', async () => {
    const { client } = await createOrgWithUser(t);
    const ids = await gym(client);
    const ups = { type: 'component', id: ids.ups };
    let r = await read(client, ups);
    const op = (id: string) => r.view.operations.find((o) => o.id === id);
    expect(op(ids.payroll)?.priority).toBe('D');
    expect(opIds(r.impact)).toEqual([ids.checkin, ids.billing]);
    expect((await read(client, ups)).view).toEqual(r.view); // served again, unchanged

    // An edge added: payroll now needs the customer DB (dependency 3 → 1 + 3 = B) and stops with the UPS.
    const edge = await client.post(`${API}/inventory/edges`, {
      fromType: 'operation',
      fromId: ids.payroll,
      toType: 'system',
      toId: ids.db,
    });
    expect(edge.statusCode).toBe(201);
    r = await read(client, ups);
    expect(op(ids.payroll)).toMatchObject({ dependency: 3, priority: 'B' });
    expect(opIds(r.impact)).toEqual([ids.checkin, ids.billing, ids.payroll]);

    // … and removed again.
    expect((await client.delete(`${API}/inventory/edges/${edge.json().id}`)).statusCode).toBe(204);
    r = await read(client, ups);
    expect(op(ids.payroll)?.priority).toBe('D');
    expect(opIds(r.impact)).toEqual([ids.checkin, ids.billing]);

    // An operation's importance changed: billing 2 → 3 makes it S.
    const billing = await client.patch(
      `${API}/inventory/operations/${ids.billing}`,
      { importance: 3 },
      { 'if-match': '"1"' },
    );
    expect(billing.statusCode).toBe(200);
    r = await read(client, ups);
    expect(op(ids.billing)?.priority).toBe('S');
    expect(r.impact.operations.find((o: { id: string }) => o.id === ids.billing)?.priority).toBe('S');

    // The settings changed: RTO 例2 gives S 3 hours.
    const settings = await client.patch(
      `${API}/bia/settings`,
      { rtoPreset: 'example-2' },
      { 'if-match': '"0"' },
    );
    expect(settings.statusCode).toBe(200);
    r = await read(client, ups);
    expect(op(ids.checkin)?.rto).toEqual({ kind: 'duration', minutes: 180 });
    expect(r.view.settingsVersion).toBe(1);
    expect(r.impact.tightestRto).toEqual({ kind: 'duration', minutes: 180 });

    // The NAS archived: the UPS no longer stops anything, the NAS leaves the view and the inversion goes.
    const nas = await client.post(`${API}/inventory/systems/${ids.nas}/archive`, {}, { 'if-match': '"1"' });
    expect(nas.statusCode).toBe(200);
    r = await read(client, ups);
    expect(r.view.nodes.map((n) => n.id)).not.toContain(ids.nas);
    expect(r.view.inversions).toEqual([]);
    expect(opIds(r.impact)).toEqual([]);
    expect((await client.get(`${API}/bia/impact?nodeType=system&nodeId=${ids.nas}`)).statusCode).toBe(404);

    // … and back.
    await client.post(`${API}/inventory/systems/${ids.nas}/unarchive`, {}, { 'if-match': '"2"' });
    r = await read(client, ups);
    expect(r.view.inversions).toHaveLength(1);
    expect(opIds(r.impact)).toEqual([ids.checkin, ids.billing]);

    // The scale changed and applied: levels remapped, the view on five levels.
    const scale = await client.post(
      `${API}/bia/settings/scale`,
      { scale: 5, apply: true },
      { 'if-match': '"1"' },
    );
    expect(scale.statusCode).toBe(200);
    r = await read(client, ups);
    expect(r.view.scale).toBe(5);
    expect(r.view.heatmap.counts).toHaveLength(5);
  });

  it('sees a write made by another process (the revision comes from the database)', async () => {
    const { client, userId, orgId } = await createOrgWithUser(t);
    const ids = await gym(client);
    const ups = { type: 'component', id: ids.ups };
    expect(opIds((await read(client, ups)).impact)).toEqual([ids.checkin, ids.billing]);
    // Another process: same database, its own handle and so its own cache; this app is not told.
    const otherProcess = { ...t.db };
    await inventory.createEdge(
      otherProcess,
      { userId, orgId },
      {
        fromType: 'operation',
        fromId: ids.payroll,
        toType: 'system',
        toId: ids.nas,
      },
    );
    expect(opIds((await read(client, ups)).impact)).toEqual([ids.checkin, ids.billing, ids.payroll]);
  });

  it('never gives one organization what was cached for another', async () => {
    const a = await createOrgWithUser(t);
    const b = await createOrgWithUser(t);
    const aIds = await gym(a.client);
    const bIds = await gym(b.client);
    const aView = await a.client.get(`${API}/bia`);
    const bView = await b.client.get(`${API}/bia`, { 'if-none-match': aView.headers.etag as string });
    expect(bView.statusCode).toBe(200);
    expect(bView.headers.etag).not.toBe(aView.headers.etag);
    for (const id of Object.values(aIds)) expect(bView.body).not.toContain(id);
    expect((bView.json() as BiaView).operations.map((o) => o.id).sort()).toEqual(
      [bIds.checkin, bIds.billing, bIds.payroll].sort(),
    );
    expect((await b.client.get(`${API}/bia/impact?nodeType=component&nodeId=${aIds.ups}`)).statusCode).toBe(
      404,
    );

    // Two organizations whose data was written without any audit entry share the revision '0':
    // still each gets its own.
    const [c, d] = [await createOrgWithUser(t), await createOrgWithUser(t)];
    for (const org of [c, d]) {
      const now = nowIso();
      // As createItem writes it, without its audit entry.
      const spec = SPECS.operations;
      await inventoryRepo.insertRows(t.db.kysely, spec.table, [
        {
          ...emptyColumns(spec),
          ...toColumns(spec, { name: `業務 ${org.orgId}`, importance: 2 }),
          id: newId(),
          org_id: org.orgId,
          archived_at: null,
          created_at: now,
          updated_at: now,
          version: 1,
        },
      ]);
    }
    for (const org of [c, d, c, d]) {
      const view = (await org.client.get(`${API}/bia`)).json() as BiaView;
      expect(view.operations.map((o) => o.name)).toEqual([`業務 ${org.orgId}`]);
    }
  });

  it('answers a matching If-None-Match with 304 and sends gzip to clients that accept it', async () => {
    const { client } = await createOrgWithUser(t);
    const ids = await gym(client);
    const plain = await client.get(`${API}/bia`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('private, no-cache');
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const zipped = await client.get(`${API}/bia`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(
      (await client.get(`${API}/bia`, { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding'],
    ).toBeUndefined();

    const same = await client.get(`${API}/bia`, { 'if-none-match': `W/${etag}` });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    const sameZipped = await client.get(`${API}/bia`, { 'if-none-match': etag, 'accept-encoding': 'gzip' });
    expect(sameZipped.statusCode).toBe(304);
    expect(sameZipped.rawPayload.length).toBe(0);
    expect(sameZipped.headers['content-encoding']).toBeUndefined();
    expect(sameZipped.headers.etag).toBe(etag);

    await client.patch(
      `${API}/inventory/operations/${ids.payroll}`,
      { importance: 3 },
      { 'if-match': '"1"' },
    );
    const changed = await client.get(`${API}/bia`, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });
});

describe('BIA settings stored before the text rules', () => {
  it('still read, and can be edited clean', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const defs = { importance: [{ level: 1, ja: '低い', en: 'low' }], dependency: [] };
    const saved = await client.patch(
      `${API}/bia/settings`,
      { levelDefinitions: defs },
      { 'if-match': '"0"' },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const old = { importance: [{ level: 1, ja: '低い\u202e', en: 'low\u0007' }], dependency: [] };
    await t.db.kysely
      .updateTable('bia_settings')
      .set({ level_definitions: JSON.stringify(old) })
      .where('org_id', '=', orgId)
      .execute();
    const res = await client.get(`${API}/bia/settings`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().levelDefinitions).toEqual(old);
    const fixed = await client.patch(
      `${API}/bia/settings`,
      { levelDefinitions: defs },
      { 'if-match': `"${res.json().version}"` },
    );
    expect(fixed.statusCode, fixed.body).toBe(200);
  });
});
