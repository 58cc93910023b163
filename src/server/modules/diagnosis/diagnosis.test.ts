import { describe, expect, it } from 'vitest';
import { UME_ANSWERS } from '../../../domain/test-fixtures.js';
import { createItem } from '../../test/factories.js';
import {
  addUserToOrg,
  auditActions,
  createOrgWithUser,
  expectJustNow,
  withTestApp,
} from '../../test/harness.js';

const t = withTestApp();

const API = '/api/v1/diagnosis';

const MATSU = {
  'manual-fallback': 'stops',
  devices: 'servers-and-systems',
  'it-use': 'business-systems',
  'customer-channel': 'online-transactions',
  'personal-data': 'thousands',
  'it-staff': 'dedicated',
  'tolerable-outage': 'under-a-day',
};

describe('tier diagnosis', () => {
  it('serves the questionnaire without the scoring', async () => {
    const { client } = await createOrgWithUser(t);
    const q = (await client.get(`${API}/questionnaire`)).json();
    expect(q.questions).toHaveLength(7);
    expect(q.questions[0].options[0]).toEqual({
      id: 'stops',
      text: expect.objectContaining({ ja: expect.any(String) }),
    });
    expect(JSON.stringify(q)).not.toContain('points');
    const m = (await client.get(`${API}/measures`)).json();
    expect(m.tiers.map((x: { tier: string }) => x.tier).sort()).toEqual(['matsu', 'take', 'ume']);
  });

  it('places the organization in a tier with reasons and keeps history', async () => {
    const { client, userId, orgId } = await createOrgWithUser(t);
    const first = await client.post(`${API}/results`, { answers: MATSU });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ tier: 'matsu', takenBy: userId, tieBroken: false });
    expect(first.json().reasons[0]).toEqual({ questionId: 'manual-fallback', optionId: 'stops', points: 3 });
    expect(first.json().measures.length).toBeGreaterThan(0);
    expect(first.json().measures[0].id).toMatch(/^matsu-/);
    const second = await client.post(`${API}/results`, { answers: UME_ANSWERS });
    expect(second.json().tier).toBe('ume');
    const hist = (await client.get(`${API}/results`)).json();
    expect(hist.items.map((r: { tier: string }) => r.tier)).toEqual(['ume', 'matsu']);
    const member = await addUserToOrg(t, orgId, 'member');
    expect((await member.client.get(`${API}/results`)).json().items).toHaveLength(2);
    expect((await member.client.post(`${API}/results`, { answers: UME_ANSWERS })).statusCode).toBe(403);
  });

  it('refuses missing, unknown and extra answers naming the question', async () => {
    const { client } = await createOrgWithUser(t);
    const { devices: _d, ...missing } = MATSU;
    const res = await client.post(`${API}/results`, {
      answers: { ...missing, 'it-use': 'telepathy', 'shoe-size': '42' },
    });
    expect(res.statusCode).toBe(400);
    const issues = res.json().issues;
    expect(issues).toContainEqual({
      path: ['answers', 'devices'],
      code: 'answer_missing',
      params: { questionId: 'devices' },
    });
    expect(issues).toContainEqual(
      expect.objectContaining({ path: ['answers', 'it-use'], code: 'answer_unknown' }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ path: ['answers', 'shoe-size'], code: 'question_unknown' }),
    );
    expect((await client.get(`${API}/results`)).json().items).toEqual([]);
  });

  it('turns picked measures into tasks with owners and due dates, then updates them', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const result = (await client.post(`${API}/results`, { answers: MATSU })).json();
    const person = await createItem(client, 'person', { name: '情シス 一郎' });
    const [m1, m2] = result.measures;
    const res = await client.post(`${API}/tasks`, {
      resultId: result.id,
      items: [
        { measureId: m1.id, ownerPersonId: person.id },
        { measureId: m2.id, title: 'バックアップ契約を見直す', dueDate: '2027-01-31' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const [a, b] = res.json().items;
    expect(a).toMatchObject({
      measureId: m1.id,
      title: m1.title.ja,
      ownerPersonId: person.id,
      ownerPersonName: '情シス 一郎',
      status: 'open',
      resultId: result.id,
    });
    expect(a.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(b).toMatchObject({
      title: 'バックアップ契約を見直す',
      dueDate: '2027-01-31',
      ownerPersonId: null,
    });

    const upd = await client.patch(`${API}/tasks/${a.id}`, { status: 'done' }, { 'if-match': '"1"' });
    expect(upd.json()).toMatchObject({ status: 'done', version: 2 });
    expect(
      (await client.patch(`${API}/tasks/${a.id}`, { status: 'open' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(412);
    expect(
      (await client.patch(`${API}/tasks/${a.id}`, { ownerPersonId: 'x' }, { 'if-match': '"2"' })).statusCode,
    ).toBe(400);
    expect((await client.get(`${API}/tasks?status=done`)).json().items).toHaveLength(1);
    const page = (await client.get(`${API}/tasks?limit=1`)).json();
    expect(page.items).toHaveLength(1);
    expect((await client.get(`${API}/tasks?limit=1&cursor=${page.nextCursor}`)).json().items[0].id).toBe(
      b.id,
    );

    const bad = await client.post(`${API}/tasks`, {
      resultId: 'nope',
      items: [{ measureId: 'no-such-measure' }, { measureId: m1.id, ownerPersonId: 'ghost' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([
      { path: ['items', 0, 'measureId'], code: 'measure_unknown', params: { measureId: 'no-such-measure' } },
      { path: ['resultId'], code: 'unknown_result' },
      { path: ['items', 1, 'ownerPersonId'], code: 'unknown_person' },
    ]);
    const repeated = await client.post(`${API}/tasks`, {
      items: [{ measureId: m1.id }, { measureId: m1.id }],
    });
    expect(repeated.json().issues[0].code).toBe('measure_repeated');
    expect((await client.get(`${API}/tasks`)).json().items).toHaveLength(2);
    expect(await auditActions(t, { orgId, entityType: 'diagnosis_task' })).toHaveLength(3);
  });
});

describe('a measure becomes one task', () => {
  it('refuses to make a measure a task twice, naming the task it already is, and writes nothing', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const result = (await client.post(`${API}/results`, { answers: MATSU })).json();
    const [m1, m2] = result.measures;
    const made = (
      await client.post(`${API}/tasks`, { resultId: result.id, items: [{ measureId: m1.id }] })
    ).json();
    const task = made.items[0];
    // Done or not, the measure stays made: ticked again (with a new one), nothing is added.
    await client.patch(`${API}/tasks/${task.id}`, { status: 'done' }, { 'if-match': '"1"' });
    const again = await client.post(`${API}/tasks`, {
      resultId: result.id,
      items: [{ measureId: m2.id }, { measureId: m1.id }],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'measure_already_task',
      params: { taskId: task.id, title: m1.title.ja },
      issues: [
        { path: ['items', 1, 'measureId'], code: 'measure_already_task', params: { taskId: task.id } },
      ],
    });
    expect((await client.get(`${API}/tasks`)).json().items).toHaveLength(1);
    expect(await auditActions(t, { orgId, entityType: 'diagnosis_task' })).toEqual([
      'task.create',
      'task.update',
    ]);
    // Another organization may make the same measure a task.
    const other = await createOrgWithUser(t);
    const theirs = (await other.client.post(`${API}/results`, { answers: MATSU })).json();
    expect(
      (await other.client.post(`${API}/tasks`, { items: [{ measureId: m1.id }], resultId: theirs.id }))
        .statusCode,
    ).toBe(201);
  });

  it('names the screen where a measure is done', async () => {
    const { client } = await createOrgWithUser(t);
    const result = (await client.post(`${API}/results`, { answers: MATSU })).json();
    const screens = Object.fromEntries(
      result.measures.map((m: { id: string; screen?: string }) => [m.id, m.screen ?? null]),
    );
    expect(screens).toMatchObject({
      'matsu-system-register': 'inventory',
      'matsu-3-2-1-backup': 'backups',
      'matsu-zero-trust': null,
    });
  });
});

describe('management checklist', () => {
  it('tracks each of the 3 principles and 7 actions per organization: who, when, note', async () => {
    const { client, userId } = await createOrgWithUser(t);
    const list = (await client.get(`${API}/checklist`)).json();
    expect(list.items).toHaveLength(10);
    expect(list.items.filter((i: { kind: string }) => i.kind === 'principle')).toHaveLength(3);
    const item = list.items[0];
    expect(item).toMatchObject({ done: false, doneBy: null, version: 0 });

    const done = await client.put(
      `${API}/checklist/${item.itemId}`,
      { done: true, note: '朝礼で周知' },
      { 'if-match': '"0"' },
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ done: true, doneBy: userId, note: '朝礼で周知', version: 1 });
    expectJustNow(done.json().doneAt);
    expect(
      (await client.put(`${API}/checklist/${item.itemId}`, { done: false }, { 'if-match': '"0"' }))
        .statusCode,
    ).toBe(412);
    const undone = await client.put(
      `${API}/checklist/${item.itemId}`,
      { done: false },
      { 'if-match': '"1"' },
    );
    expect(undone.json()).toMatchObject({ done: false, doneAt: null, note: '朝礼で周知', version: 2 });
    expect(
      (await client.put(`${API}/checklist/no-such-item`, { done: true }, { 'if-match': '"0"' })).statusCode,
    ).toBe(404);

    const other = await createOrgWithUser(t);
    expect((await other.client.get(`${API}/checklist`)).json().items[0].version).toBe(0);
  });
});

describe('task due dates', () => {
  it('refuses a due date that is not on the calendar when tasks are made or edited', async () => {
    const { client } = await createOrgWithUser(t);
    const result = (await client.post(`${API}/results`, { answers: MATSU })).json();
    const [m1] = result.measures;
    const bad = await client.post(`${API}/tasks`, {
      resultId: result.id,
      items: [{ measureId: m1.id, dueDate: '2023-02-29' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([{ path: ['items', '0', 'dueDate'], code: 'date_does_not_exist' }]);
    const ok = await client.post(`${API}/tasks`, {
      resultId: result.id,
      items: [{ measureId: m1.id, dueDate: '2028-02-29' }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const task = ok.json().items[0];
    const upd = await client.patch(
      `${API}/tasks/${task.id}`,
      { dueDate: '2027-02-29' },
      { 'if-match': '"1"' },
    );
    expect(upd.statusCode).toBe(400);
    expect(upd.json().issues).toEqual([{ path: ['dueDate'], code: 'date_does_not_exist' }]);
  });
});
