import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../audit-trail/audit.js';
import { createTestApp, type TestApp, TestClient } from '../../test/harness.js';
import * as failureImpact from '../bia/impact.js';
import { getSettings } from '../bia/settings.js';
import { view } from '../bia/view.js';
import { DemoBiaContentSchema, demoContent } from './content.js';
import { loadDemo } from './service.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const API = '/api/v1';
type Table =
  | 'business_operations'
  | 'it_systems'
  | 'it_components'
  | 'suppliers'
  | 'dependency_edges'
  | 'bia_settings'
  | 'damage_estimates';
const count = async (app: TestApp, table: Table, orgId: string) =>
  (await app.db.kysely.selectFrom(table).select('id').where('org_id', '=', orgId).execute()).length;

const nameOf = (key: string): string => {
  const b = demoContent().bia;
  const item = [...b.operations, ...b.systems, ...b.components, ...b.suppliers].find((x) => x.key === key);
  if (!item) throw new Error(key);
  return item.name.ja;
};

describe('demo inventory and BIA content (demo-bia.yaml)', () => {
  it('covers the 001 gym: its operations, systems, five IT layers on both sides, suppliers', () => {
    const b = demoContent().bia;
    expect(b.bia_settings).toEqual({ scale: 3, matrix_preset: 'three-level', rto_preset: 'example-2' });
    expect(b.operations.length).toBeGreaterThanOrEqual(8);
    expect(b.systems.length).toBeGreaterThanOrEqual(7);
    expect(b.components.length).toBeGreaterThanOrEqual(10);
    for (const layer of [1, 2, 3, 4, 5])
      for (const side of ['client', 'server'])
        expect(
          b.components.some((k) => k.layer === layer && k.side === side),
          `layer ${layer} ${side}`,
        ).toBe(true);
    expect(b.suppliers.map((s) => s.kind)).toEqual(
      expect.arrayContaining(['vendor', 'isp', 'cloud', 'utility']),
    );
    // The 001 lesson: the backup PC stays on the network.
    expect(b.components.find((k) => k.key === 'cmp-backup-pc')?.name.ja).toContain('ネットワーク接続のまま');
    // Every operation and system has an owner from demo-org.yaml.
    const people = new Set(demoContent().people.map((p) => p.key));
    for (const x of [...b.operations, ...b.systems]) expect(people.has(x.owner), x.key).toBe(true);
  });
});

describe('demo sign-off content', () => {
  it('refuses a later change to an unknown operation, above the scale, or changing nothing', () => {
    const b = demoContent().bia;
    const withChanges = (changed_since: unknown[]) =>
      DemoBiaContentSchema.safeParse({ ...b, signoff: { ...b.signoff, changed_since } });
    expect(withChanges([{ operation: 'op-billing', importance: 3 }]).success).toBe(true);
    const messages = (r: ReturnType<typeof withChanges>) => r.error?.issues.map((i) => i.message) ?? [];
    expect(messages(withChanges([{ operation: 'sys-vpn', importance: 3 }]))).toEqual(['unknown operation']);
    expect(messages(withChanges([{ operation: 'op-billing', importance: 4 }]))).toEqual([
      'level above the scale (3)',
    ]);
    expect(messages(withChanges([{ operation: 'op-billing' }]))).toEqual(['changes nothing']);
  });
});

describe('loadDemo: inventory and BIA', () => {
  it('writes every register, the edges, BIA settings and the damage estimate in the same audited load', async () => {
    t = await createTestApp();
    const b = demoContent().bia;
    const result = await loadDemo(t.db);
    const { orgId } = result;
    expect(await count(t, 'business_operations', orgId)).toBe(b.operations.length);
    expect(await count(t, 'it_systems', orgId)).toBe(b.systems.length);
    expect(await count(t, 'it_components', orgId)).toBe(b.components.length);
    expect(await count(t, 'suppliers', orgId)).toBe(b.suppliers.length);
    const edges = [...b.operations, ...b.systems, ...b.components].reduce(
      (n, x) => n + x.depends_on.length,
      0,
    );
    expect(await count(t, 'dependency_edges', orgId)).toBe(edges);
    expect(await count(t, 'bia_settings', orgId)).toBe(1);
    expect(await count(t, 'damage_estimates', orgId)).toBe(1);
    expect(result.counts).toMatchObject({
      operations: b.operations.length,
      systems: b.systems.length,
      components: b.components.length,
      suppliers: b.suppliers.length,
      edges,
      damageEstimates: 1,
      signoffs: 1,
      changesSinceSignoff: 1,
    });

    // One transaction, one chain: every row has its audit entry and demo.load comes last.
    const entries = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action'])
      .where('org_id', '=', orgId)
      .orderBy('seq')
      .execute();
    const actions = entries.map((e) => e.action);
    expect(actions.at(-1)).toBe('demo.load');
    expect(actions.filter((a) => a === 'operation.create')).toHaveLength(b.operations.length);
    expect(actions.filter((a) => a === 'system.create')).toHaveLength(b.systems.length);
    expect(actions.filter((a) => a === 'component.create')).toHaveLength(b.components.length);
    expect(actions.filter((a) => a === 'supplier.create')).toHaveLength(b.suppliers.length);
    expect(actions.filter((a) => a === 'edge.create')).toHaveLength(edges);
    expect(actions.filter((a) => a === 'bia.settings_update')).toHaveLength(1);
    expect(actions.filter((a) => a === 'damage.create')).toHaveLength(1);
    expect(actions.filter((a) => a === 'bia.signoff')).toHaveLength(1);
    expect(actions.filter((a) => a === 'operation.update')).toHaveLength(1);
    expect(actions.indexOf('bia.signoff')).toBeLessThan(actions.indexOf('operation.update'));
    expect((await verifyAuditChains(t.db.kysely)).breaks).toEqual([]);

    // Stored the way the inventory module stores them: owners, JSON lists, JSON RTOs.
    const checkin = await t.db.kysely
      .selectFrom('business_operations')
      .leftJoin('people', 'people.id', 'business_operations.owner_person_id')
      .select([
        'business_operations.importance',
        'business_operations.dependency_level',
        'business_operations.needs_terminals',
        'people.name as owner',
      ])
      .where('business_operations.org_id', '=', orgId)
      .where('business_operations.name', '=', '入館受付（チェックイン）')
      .executeTakeFirstOrThrow();
    expect(checkin).toMatchObject({ importance: 3, dependency_level: 3, owner: '原田 大輔' });
    expect(JSON.parse(checkin.needs_terminals)).toContain('各店舗の受付PC');
    const vpn = await t.db.kysely
      .selectFrom('it_systems')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('name', '=', nameOf('sys-vpn'))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(vpn.declared_rto ?? 'null')).toEqual({ kind: 'duration', minutes: 72 * 60 });
    expect(vpn.hosting).toBe('on_premises');
  });

  it('derives a priority for every operation and leaves one RTO inversion to find: the VPN behind check-in', async () => {
    t = await createTestApp();
    const { orgId } = await loadDemo(t.db);
    const settings = await getSettings(t.db.kysely, orgId);
    expect(settings).toMatchObject({ scale: 3, rtoPreset: 'example-2', version: 1 });
    expect(settings.matrix).toEqual([
      ['D', 'C', 'B'],
      ['C', 'B', 'A'],
      ['B', 'A', 'S'],
    ]);

    const v = await view(t.db, orgId);
    expect(v.unassessed).toEqual([]);
    const byName = new Map(v.operations.map((o) => [o.name, o]));
    for (const o of v.operations) expect(o.priority, o.name).not.toBeNull();
    expect(byName.get('入館受付（チェックイン）')).toMatchObject({
      priority: 'S',
      rto: { kind: 'duration', minutes: 180 },
    });
    expect(byName.get('会員の入会手続き')?.priority).toBe('A');
    // Raised from importance 2 (B) after the sign-off; payroll stays B.
    expect(byName.get('月会費の請求・口座振替')).toMatchObject({
      priority: 'A',
      rto: { kind: 'duration', minutes: 360 },
    });
    expect(byName.get('給与計算')?.priority).toBe('B');
    expect(byName.get('仕入れ・物販')).toMatchObject({ priority: 'D', rto: { kind: 'not_set' } });
    // 経理・決算 takes its dependency level from its systems (both level 2) → 1 + 2 = C.
    expect(byName.get('経理・決算')).toMatchObject({
      dependencySource: 'systems',
      dependency: 2,
      priority: 'C',
    });
    expect(new Set(v.operations.map((o) => o.priority))).toEqual(new Set(['S', 'A', 'B', 'C', 'D']));

    // The inversion: check-in (S, 3 h) → reception PCs → VPN declared at 72 h.
    const names = new Map([...v.operations, ...v.nodes].map((n) => [n.id, n.name]));
    const found = v.inversions.map((i) => ({
      chain: i.chain.map((id) => names.get(id)),
      dependantRto: i.dependantRto,
      dependencyRto: i.dependencyRto,
      dependencySource: i.dependencySource,
    }));
    expect(found).toEqual([
      {
        chain: [nameOf('op-checkin'), nameOf('sys-reception-pc'), nameOf('sys-vpn')],
        dependantRto: { kind: 'duration', minutes: 180 },
        dependencyRto: { kind: 'duration', minutes: 4320 },
        dependencySource: 'declared',
      },
    ]);

    // The member server inherits S from check-in; the backup PC on the network carries it too.
    const node = (key: string) => v.nodes.find((n) => n.name === nameOf(key));
    expect(node('sys-members')).toMatchObject({
      priority: 'S',
      requiredRto: { kind: 'duration', minutes: 180 },
    });
    expect(node('cmp-backup-pc')?.priority).toBe('S');
    expect(node('sup-power')?.priority).toBe('S');

    // Failure impact: the VPN going down stops check-in and sign-up at the gyms.
    const vpn = node('sys-vpn');
    const impact = await failureImpact.impact(t.db, orgId, { nodeType: 'system', nodeId: vpn?.id ?? '' });
    expect(impact.operations.map((o) => o.name).sort()).toEqual(
      [nameOf('op-checkin'), nameOf('op-signup')].sort(),
    );
    expect(impact.highestPriority).toBe('S');
  });

  it('serves the demo BIA, registers and damage estimate over HTTP to the demo owner', async () => {
    t = await createTestApp();
    const client = new TestClient(t.app);
    expect((await client.post(`${API}/setup/demo`)).statusCode).toBe(200);
    const view = await client.get(`${API}/bia`);
    expect(view.statusCode).toBe(200);
    expect(view.json().inversions).toHaveLength(1);
    const systems = await client.get(`${API}/inventory/systems?limit=200`);
    expect(systems.statusCode).toBe(200);
    expect(systems.json().items).toHaveLength(demoContent().bia.systems.length);
    const pc = systems.json().items.find((s: { name: string }) => s.name === nameOf('sys-reception-pc'));
    expect(pc).toMatchObject({ eolDate: '2025-10-14', ownerPersonName: '原田 大輔', hosting: 'on_premises' });
    const damage = await client.get(`${API}/damage/estimates`);
    expect(damage.statusCode).toBe(200);
    const [estimate] = damage.json().items;
    // The retailer case scaled to the gym: ¥27.4M of ¥500M sales.
    expect(estimate).toMatchObject({
      presetId: 'retailer-member-data-leak',
      totalYen: 27_400_000,
      shareOfSalesBasisPoints: 548,
    });
    const members = systems.json().items.find((s: { name: string }) => s.name === nameOf('sys-members'));
    expect(estimate.systemId).toBe(members.id);
  });

  it('has a BIA signed off by the owner days ago, and a later change the diff shows', async () => {
    t = await createTestApp();
    const client = new TestClient(t.app);
    const before = Date.now();
    expect((await client.post(`${API}/setup/demo`)).statusCode).toBe(200);
    const signoffs = await client.get(`${API}/bia/signoffs`);
    expect(signoffs.statusCode, signoffs.body).toBe(200);
    expect(signoffs.json().items).toHaveLength(1);
    const [signoff] = signoffs.json().items;
    expect(signoff).toMatchObject({
      signedByName: '岡田 誠一',
      note: '経営会議で、業務の優先度と目標復旧時間をこの内容で承認した。',
    });
    const ageDays = (before - Date.parse(signoff.signedAt)) / (24 * 60 * 60 * 1000);
    expect(ageDays).toBeGreaterThan(11);
    expect(ageDays).toBeLessThan(13);
    const owner = await t.db.kysely
      .selectFrom('memberships')
      .select(['user_id', 'role'])
      .where('user_id', '=', signoff.signedBy)
      .executeTakeFirstOrThrow();
    expect(owner.role).toBe('owner');

    // Since then billing went from importance 2 to 3: B (24 h) → A (6 h). Nothing else moved.
    const diff = await client.get(`${API}/bia/diff`);
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json()).toMatchObject({ signoff: { id: signoff.id }, added: [], removed: [] });
    expect(diff.json().changed).toEqual([
      expect.objectContaining({
        type: 'operation',
        name: nameOf('op-billing'),
        before: { priority: 'B', rto: { kind: 'duration', minutes: 24 * 60 } },
        after: { priority: 'A', rto: { kind: 'duration', minutes: 6 * 60 } },
      }),
    ]);
    // The change is an ordinary edit: version 2, and the inversion left to find is still there.
    const ops = (await client.get(`${API}/inventory/operations?limit=200`)).json().items;
    expect(ops.find((o: { name: string }) => o.name === nameOf('op-billing'))).toMatchObject({
      importance: 3,
      version: 2,
    });
    expect((await client.get(`${API}/bia`)).json().inversions).toHaveLength(1);
  });

  it('has a past 竹 diagnosis with its tasks and the management checklist half done', async () => {
    t = await createTestApp();
    const client = new TestClient(t.app);
    expect((await client.post(`${API}/setup/demo`)).statusCode).toBe(200);
    const results = (await client.get(`${API}/diagnosis/results`)).json();
    expect(results.items).toHaveLength(1);
    expect(results.items[0]).toMatchObject({ tier: 'take', scores: { take: 10, matsu: 4, ume: 0 } });
    const tasks = (await client.get(`${API}/diagnosis/tasks`)).json().items;
    expect(tasks.map((x: { status: string }) => x.status).sort()).toEqual([
      'done',
      'in_progress',
      'open',
      'open',
    ]);
    expect(tasks.every((x: { resultId: string }) => x.resultId === results.items[0].id)).toBe(true);
    expect(tasks.find((x: { measureId: string }) => x.measureId === 'take-3-2-1-backup')).toMatchObject({
      ownerPersonName: '守屋 拓也',
      status: 'in_progress',
    });
    const checklist = (await client.get(`${API}/diagnosis/checklist`)).json().items;
    expect(checklist).toHaveLength(10);
    const done = checklist.filter((i: { done: boolean }) => i.done);
    expect(done).toHaveLength(5);
    expect(done.find((i: { itemId: string }) => i.itemId === 'principle-leadership')?.doneByName).toBe(
      '岡田 誠一',
    );
  });

  it('refuses diagnosis answers that do not give the tier the file expects', async () => {
    t = await createTestApp();
    const c = demoContent();
    const diagnosis = c.bia.diagnosis;
    if (!diagnosis) throw new Error('demo has a diagnosis');
    const wrong = { ...c, bia: { ...c.bia, diagnosis: { ...diagnosis, expected_tier: 'matsu' as const } } };
    await expect(loadDemo(t.db, { content: wrong })).rejects.toThrow(/gives take, the file expects matsu/);
    expect((await t.db.kysely.selectFrom('diagnosis_results').selectAll().execute()).length).toBe(0);
  });

  it('fails loudly and writes nothing when the domain refuses the graph', async () => {
    t = await createTestApp();
    const c = demoContent();
    const withCycle = {
      ...c,
      bia: {
        ...c.bia,
        systems: c.bia.systems.map((s) =>
          s.key === 'sys-members' ? { ...s, depends_on: [...s.depends_on, 'sys-reception-pc'] } : s,
        ),
      },
    };
    await expect(loadDemo(t.db, { content: withCycle })).rejects.toThrow(
      /graph_cycle (sys-members → sys-reception-pc → sys-members|sys-reception-pc → sys-members → sys-reception-pc)/,
    );
    const wrongKind = {
      ...c,
      bia: {
        ...c.bia,
        components: c.bia.components.map((k) =>
          k.key === 'cmp-nas' ? { ...k, depends_on: ['sys-file-server'] } : k,
        ),
      },
    };
    await expect(loadDemo(t.db, { content: wrongKind })).rejects.toThrow(/edge_kind_not_allowed/);
    for (const table of [
      'organizations',
      'users',
      'business_operations',
      'dependency_edges',
      'audit_log',
    ] as const)
      expect((await t.db.kysely.selectFrom(table).selectAll().execute()).length, table).toBe(0);
  });
});
