import { describe, expect, it } from 'vitest';
import { UME_ANSWERS } from '../../../domain/test-fixtures.js';
import type { HomeFinding, HomeFindingsResponse, HomeStepsResponse } from '../../../shared/home.js';
import { backupPlanInput, createBackupPlan, createItem, linkNodes, node } from '../../test/factories.js';
import { addUserToOrg, createOrgWithUser, type TestClient, withTestApp } from '../../test/harness.js';

const t = withTestApp();

const API = '/api/v1';
const HOUR = 60;

async function steps(client: TestClient): Promise<HomeStepsResponse> {
  const res = await client.get(`${API}/home/steps`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function findings(client: TestClient, code: HomeFinding['code']): Promise<HomeFinding[]> {
  const res = await client.get(`${API}/home/findings`);
  expect(res.statusCode).toBe(200);
  return (res.json() as HomeFindingsResponse).items.filter((f) => f.code === code);
}

/** The steps in the order the home page walks them. */
const STEP_KEYS = [
  'diagnosis',
  'inventory',
  'bia',
  'signoff',
  'backup_plan',
  'recovery',
  'plan',
  'assessment',
  'drill',
] as const;

/** Every step's state: not started, but for those named. */
const statesWith = (named: Partial<Record<(typeof STEP_KEYS)[number], string>> = {}) =>
  Object.fromEntries(STEP_KEYS.map((k) => [k, named[k] ?? 'not_started']));

/** YYYY-MM-DD `days` from today (UTC; the tests keep a day's margin). */
function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('home steps', () => {
  it('walks the path: check → inventory → BIA → sign-off → backup plan → recovery plan → IT-BCP edition → security self-assessment → drill, each with its real state', async () => {
    const { client } = await createOrgWithUser(t);
    const state = (r: HomeStepsResponse) => Object.fromEntries(r.items.map((s) => [s.key, s.state]));

    const fresh = await steps(client);
    expect(fresh.items.map((s) => s.key)).toEqual(STEP_KEYS);
    expect(state(fresh)).toEqual(statesWith());
    expect(fresh.next).toBe('diagnosis');

    const taken = await client.post(`${API}/diagnosis/results`, { answers: UME_ANSWERS });
    expect(taken.statusCode).toBe(201);
    const checked = await steps(client);
    expect(checked.items[0]).toEqual({
      key: 'diagnosis',
      state: 'done',
      params: { date: taken.json().takenAt },
      link: '/diagnosis',
    });
    expect(checked.next).toBe('inventory');

    // An operation alone: the inventory is under way, the systems it uses are still missing.
    const reception = await createItem(client, 'operation', { name: '入館受付' });
    const begun = await steps(client);
    expect(begun.items[1]).toEqual({
      key: 'inventory',
      state: 'in_progress',
      params: { operations: 1, systems: 0, unlinked: 1 },
      link: '/inventory/systems',
    });
    expect(begun.next).toBe('inventory');

    const pc = await createItem(client, 'system', { name: '受付PC', dependencyLevel: 3 });
    await linkNodes(client, node('operation', reception), node('system', pc));
    const listed = await steps(client);
    expect(state(listed)).toMatchObject({ inventory: 'done', bia: 'not_started' });
    expect(listed.items[2]).toMatchObject({ params: { assessed: 0, total: 1 }, link: '/bia/results' });
    expect(listed.next).toBe('bia');

    await createItem(client, 'operation', { name: '給与計算', importance: 1 });
    const half = await steps(client);
    // The new operation uses no system yet: the inventory is back under way.
    expect(state(half)).toMatchObject({ inventory: 'in_progress', bia: 'in_progress' });
    expect(half.items[2]?.params).toEqual({ assessed: 1, total: 2 });

    const patched = await client.patch(
      `${API}/inventory/operations/${reception.id}`,
      { importance: 3 },
      { 'if-match': `"${reception.version}"` },
    );
    expect(patched.statusCode).toBe(200);
    const payroll = (await client.get(`${API}/inventory/operations?q=${encodeURIComponent('給与')}`)).json()
      .items[0];
    await linkNodes(client, node('operation', payroll), node('system', pc));
    const rated = await steps(client);
    expect(state(rated)).toEqual(statesWith({ diagnosis: 'done', inventory: 'done', bia: 'done' }));
    expect(rated.next).toBe('signoff');

    const signed = await client.post(`${API}/bia/signoffs`, { note: null });
    expect(signed.statusCode).toBe(201);
    const all = await steps(client);
    expect(all.items[3]).toEqual({
      key: 'signoff',
      state: 'done',
      params: { date: signed.json().signedAt, changes: 0 },
      link: '/bia/signoff',
    });
    expect(all.next).toBe('backup_plan');

    // The S system 受付PC gets a plan that fails 3-2-1 (one copy), then one that meets it.
    const plan = await createBackupPlan(client, { systemId: pc.id, copies: [] });
    expect((await steps(client)).items[4]).toEqual({
      key: 'backup_plan',
      state: 'in_progress',
      params: { planned: 1, total: 1, passing: 0 },
      link: '/backup-plan',
    });
    const fixed = await client.put(`${API}/backup-plans/${plan.id}`, backupPlanInput({ systemId: pc.id }), {
      'if-match': '"1"',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const planned = await steps(client);
    expect(planned.items[4]).toMatchObject({ state: 'done', params: { planned: 1, total: 1, passing: 1 } });
    expect(planned.next).toBe('recovery');

    // A procedure from the template: 4 hours of phase 1 against priority S's "immediately" (例1).
    const made = await client.post(`${API}/recovery/procedures`, { systemId: pc.id, template: 'ja' });
    expect(made.statusCode).toBe(201);
    const withProcedure = await steps(client);
    expect(withProcedure.items[5]).toEqual({
      key: 'recovery',
      state: 'in_progress',
      params: { total: 1, withProcedure: 1, misses: 1 },
      link: '/recovery',
    });

    await createItem(client, 'operation', { name: '月謝請求', importance: 2 });
    const changed = await steps(client);
    expect(changed.items[3]).toMatchObject({ state: 'in_progress', params: { changes: 1 } });
  });

  it('shows no path to a role that cannot read the inventory, and needs a session', async () => {
    const a = await createOrgWithUser(t);
    const member = await addUserToOrg(t, a.orgId, 'member');
    expect((await steps(member.client)).next).toBe('diagnosis');
    const anonymous = await t.app.inject({ method: 'GET', url: `${API}/home/steps` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('BIA sign-off of nothing', () => {
  it('is refused with bia_empty while no operation is entered', async () => {
    const { client } = await createOrgWithUser(t);
    await createItem(client, 'system', { name: '受付PC' });
    const res = await client.post(`${API}/bia/signoffs`, { note: null });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('bia_empty');
    expect((await client.get(`${API}/bia/signoffs`)).json().items).toEqual([]);
  });
});

describe('home findings', () => {
  it('names the operation that suffers an RTO inversion, its priority, its need and the promise', async () => {
    const { client } = await createOrgWithUser(t);
    const reception = await createItem(client, 'operation', { name: '入館受付', importance: 3 });
    const pc = await createItem(client, 'system', { name: '受付PC', dependencyLevel: 3 });
    const vpn = await createItem(client, 'system', {
      name: '拠点間VPN',
      declaredRto: { kind: 'duration', minutes: 24 * HOUR },
    });
    await linkNodes(client, node('operation', reception), node('system', pc));
    await linkNodes(client, node('system', pc), node('system', vpn));
    const bia = (await client.get(`${API}/bia`)).json();
    const op = bia.operations.find((o: { id: string }) => o.id === reception.id);
    expect(op.priority).toBe('S');

    expect(await findings(client, 'rto_inversion')).toEqual([
      {
        code: 'rto_inversion',
        severity: 'critical',
        params: {
          operation: '入館受付',
          priority: 'S',
          dependant: '受付PC',
          dependency: '拠点間VPN',
          need: op.rto,
          promise: { kind: 'duration', minutes: 24 * HOUR },
        },
        link: `/bia/inversions?fix=${encodeURIComponent(`${pc.id}>${vpn.id}`)}`,
      },
    ]);

    // The supplier promises less time: the finding goes away.
    const fixed = await client.patch(
      `${API}/inventory/systems/${vpn.id}`,
      { declaredRto: { kind: 'duration', minutes: 0 } },
      { 'if-match': `"${vpn.version}"` },
    );
    expect(fixed.statusCode).toBe(200);
    expect(await findings(client, 'rto_inversion')).toEqual([]);
  });

  it('tells when the BIA changed since its sign-off', async () => {
    const { client } = await createOrgWithUser(t);
    await createItem(client, 'operation', { name: '入館受付', importance: 3 });
    expect(await findings(client, 'bia_changed')).toEqual([]);
    const signed = (await client.post(`${API}/bia/signoffs`, { note: null })).json();
    expect(await findings(client, 'bia_changed')).toEqual([]);
    await createItem(client, 'operation', { name: '月謝請求', importance: 2 });
    expect(await findings(client, 'bia_changed')).toEqual([
      {
        code: 'bia_changed',
        severity: 'warning',
        params: { date: signed.signedAt, changes: 1 },
        link: '/bia/signoff',
      },
    ]);
  });

  it('lists tasks past their due date until they are done', async () => {
    const { client } = await createOrgWithUser(t);
    const [m1, m2] = (await client.post(`${API}/diagnosis/results`, { answers: UME_ANSWERS })).json()
      .measures;
    const made = await client.post(`${API}/diagnosis/tasks`, {
      items: [
        { measureId: m1.id, title: 'バックアップを外に持ち出す', dueDate: '2020-01-31' },
        { measureId: m2.id, title: '来年の見直し', dueDate: dayFromToday(30) },
      ],
    });
    expect(made.statusCode).toBe(201);
    expect(await findings(client, 'task_overdue')).toEqual([
      {
        code: 'task_overdue',
        severity: 'warning',
        params: { title: 'バックアップを外に持ち出す', due: '2020-01-31', owner: null },
        link: '/diagnosis#dx-tasks',
      },
    ]);
    const late = made.json().items.find((x: { title: string }) => x.title === 'バックアップを外に持ち出す');
    const done = await client.patch(
      `${API}/diagnosis/tasks/${late.id}`,
      { status: 'done' },
      { 'if-match': `"${late.version}"` },
    );
    expect(done.statusCode).toBe(200);
    expect(await findings(client, 'task_overdue')).toEqual([]);
  });

  it('tells which systems lost their support and which lose it soon', async () => {
    const { client } = await createOrgWithUser(t);
    await createItem(client, 'system', { name: '会計ソフト', eolDate: '2020-10-13' });
    await createItem(client, 'system', { name: '受付PC', eolDate: dayFromToday(60) });
    await createItem(client, 'system', { name: '会員Web', eolDate: dayFromToday(400) });
    const archived = await createItem(client, 'system', { name: '旧サーバー', eolDate: '2019-01-01' });
    const gone = await client.post(`${API}/inventory/systems/${archived.id}/archive`, undefined, {
      'if-match': `"${archived.version}"`,
    });
    expect(gone.statusCode).toBe(200);
    expect(await findings(client, 'support_ended')).toEqual([
      {
        code: 'support_ended',
        severity: 'warning',
        params: { name: '会計ソフト', date: '2020-10-13' },
        link: '/inventory/systems',
      },
    ]);
    expect(await findings(client, 'support_ending')).toEqual([
      {
        code: 'support_ending',
        severity: 'info',
        params: { name: '受付PC', date: dayFromToday(60) },
        link: '/inventory/systems',
      },
    ]);
  });

  it("tells owners and admins, not members, what is wrong with keizoku's own backups", async () => {
    const a = await createOrgWithUser(t);
    const member = await addUserToOrg(t, a.orgId, 'member');
    const problems = await findings(a.client, 'backup_problem');
    expect(problems).toContainEqual({
      code: 'backup_problem',
      severity: 'critical',
      params: { problem: 'no_backup_yet', days: null },
      link: '/backups',
    });
    expect(await findings(member.client, 'backup_problem')).toEqual([]);
    // Members still see what is theirs to know: an inversion, a late task …
    expect((await member.client.get(`${API}/home/findings`)).statusCode).toBe(200);
  });
});
