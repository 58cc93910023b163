import { describe, expect, it } from 'vitest';
import type { Assessment, AssessmentItem } from '../../../shared/assessment.js';
import { createItem } from '../../test/factories.js';
import {
  addUserToOrg,
  auditActions,
  createOrgWithUser,
  type TestClient,
  withTestApp,
} from '../../test/harness.js';

const t = withTestApp();
const API = '/api/v1';

async function start(client: TestClient, body: Record<string, unknown> = {}): Promise<Assessment> {
  const res = await client.post(`${API}/assessments`, {
    title: 'テレワーク 2026',
    checklistIds: ['telework'],
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const itemOf = (a: Assessment, key: string): AssessmentItem => {
  const item = a.items.find((i) => i.key === key);
  if (!item) throw new Error(`no item ${key}`);
  return item;
};

const save = (client: TestClient, item: AssessmentItem, body: Record<string, unknown>, version?: number) =>
  client.patch(`${API}/assessment-answers/${item.answer.id}`, body, {
    'if-match': `"${version ?? item.answer.version}"`,
  });

describe('security self-assessment', () => {
  it('lists the shipped checklists to choose from', async () => {
    const { client } = await createOrgWithUser(t);
    const res = await client.get(`${API}/assessment/checklists`);
    expect(res.statusCode).toBe(200);
    const ids = res.json().checklists.map((c: { id: string }) => c.id);
    expect(ids).toEqual(['factory-entry-points', 'five-rules', 'telework', 'tier-security']);
    const telework = res.json().checklists.find((c: { id: string }) => c.id === 'telework');
    expect(telework.items).toHaveLength(59);
  });

  it('starts from several checklists, tailored, and refuses unknown checklists by name', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const bad = await client.post(`${API}/assessments`, {
      title: 'x',
      checklistIds: ['telework', 'no-such-list'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([
      { path: ['checklistIds', 1], code: 'unknown_checklist', params: { checklistId: 'no-such-list' } },
    ]);

    const noReason = await client.post(`${API}/assessments`, {
      title: 'x',
      checklistIds: ['telework'],
      tailoring: { dropped: [{ itemKey: 'telework/video-call-privacy' }], added: [] },
    });
    expect(noReason.statusCode).toBe(400);
    const catalog = (await client.get(`${API}/assessment/checklists`)).json();
    const videoCall = catalog.checklists
      .find((c: { id: string }) => c.id === 'telework')
      .items.find((i: { id: string }) => i.id === 'video-call-privacy');
    // Named for people by the measure (in both languages), for machines by the key.
    expect(noReason.json().issues[0]).toEqual({
      path: ['telework/video-call-privacy', 'reason'],
      code: 'tailoring_reason_required',
      params: {
        itemId: 'telework/video-call-privacy',
        item_ja: videoCall.measure.ja,
        item_en: videoCall.measure.en,
      },
    });
    const ownItem = await client.post(`${API}/assessments`, {
      title: 'x',
      checklistIds: ['telework'],
      tailoring: {
        dropped: [],
        added: [
          {
            checklistId: 'telework',
            category: 'no-such',
            id: 'own',
            level: 'MAY',
            measure: '鍵の管理',
            reason: 'r',
          },
        ],
      },
    });
    expect(ownItem.json().issues).toEqual([
      {
        path: ['telework/own', 'category'],
        code: 'tailoring_category_unknown',
        params: {
          itemId: 'telework/own',
          category: 'telework/no-such',
          item_ja: '鍵の管理',
          item_en: '鍵の管理',
        },
      },
    ]);
    expect(
      await t.db.kysely.selectFrom('assessments').select('id').where('org_id', '=', orgId).execute(),
    ).toEqual([]);

    const a = await start(client, {
      checklistIds: ['telework', 'five-rules'],
      tailoring: {
        dropped: [{ itemKey: 'telework/video-call-privacy', reason: 'ビデオ会議を使っていない' }],
        added: [
          {
            checklistId: 'telework',
            category: 'rules',
            id: 'gym-locker-keys',
            level: 'SHOULD',
            measure: '更衣室の鍵の管理表をつける',
            reason: '会員のロッカーの鍵を預かるため',
          },
        ],
      },
    });
    expect(a.itemCount).toBe(59 - 1 + 1 + 5);
    expect(a.items.some((i) => i.key === 'telework/video-call-privacy')).toBe(false);
    expect(a.dropped).toEqual([
      expect.objectContaining({ key: 'telework/video-call-privacy', reason: 'ビデオ会議を使っていない' }),
    ]);
    expect(itemOf(a, 'telework/gym-locker-keys')).toMatchObject({
      categoryKey: 'telework/rules',
      addedReason: '会員のロッカーの鍵を預かるため',
    });
    expect(a.checklists.map((c) => [c.id, c.version])).toEqual([
      ['telework', 1],
      ['five-rules', 1],
    ]);
    expect(await auditActions(t, { orgId })).toContain('assessment.create');
  });

  it('autosaves each item with its own version, so two people never overwrite each other', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const a = await start(client);
    const pcSetup = itemOf(a, 'telework/lent-pc-setup');
    const other = a.items.find((i) => i.key !== pcSetup.key) as AssessmentItem;

    // Two people, two items, both at version 1: both saves go through.
    const first = await save(client, pcSetup, {
      currentState: '初期化してから渡している',
      impact: { confidentiality: { level: 'critical', reason: '会員情報が入っている' } },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().answer).toMatchObject({ version: 2, currentState: '初期化してから渡している' });
    expect(first.json().urgency).toBe('immediate');
    const second = await save(client, other, { currentState: 'まだ' });
    expect(second.statusCode).toBe(200);

    // The same item edited from a stale copy: refused, not overwritten.
    const stale = await save(client, pcSetup, { currentState: '上書き' }, 1);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('version_conflict');
    const now = await client.get(`${API}/assessments/${a.id}`);
    expect(itemOf(now.json(), pcSetup.key).answer.currentState).toBe('初期化してから渡している');
    // Prioritized: the critical item ranks first.
    expect(itemOf(now.json(), pcSetup.key).rank).toBe(1);
    expect(await auditActions(t, { orgId })).toContain('assessment.answer_update');
  });

  it('refuses bad decisions and levels naming the item, and saves nothing of that answer', async () => {
    const { client } = await createOrgWithUser(t);
    const a = await start(client);
    const item = itemOf(a, 'telework/lent-pc-setup');
    const key = item.key;
    // The item by its measure, for people (both languages), and by its key, for machines.
    const named = { itemId: key, item_ja: item.measure.ja, item_en: item.measure.en };

    const noDate = await save(client, item, { currentState: '途中', decision: { status: 'planned' } });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().issues).toEqual([
      { path: [key, 'dueDate'], code: 'decision_due_date_required', params: named },
    ]);
    const noReason = await save(client, item, { decision: { status: 'not_needed', reason: '  ' } });
    expect(noReason.json().issues).toEqual([
      { path: [key, 'reason'], code: 'decision_reason_required', params: named },
    ]);
    const level = await save(client, item, { impact: { availability: { level: 'catastrophic' } } });
    expect(level.statusCode).toBe(400);
    expect(level.json().issues).toEqual([
      {
        path: [key, 'impact', 'availability'],
        code: 'impact_level_invalid',
        params: { ...named, level: 'catastrophic' },
      },
    ]);
    const past = await save(client, item, { decision: { status: 'planned', dueDate: '2000-01-01' } });
    expect(past.json().issues[0].code).toBe('decision_due_date_past');

    const after = itemOf((await client.get(`${API}/assessments/${a.id}`)).json(), key);
    expect(after.answer).toMatchObject({ version: 1, currentState: null, decision: null });
  });

  it('turns every "will do" into an action with owner and deadline, and the item follows its action', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const person = await createItem(client, 'person', { employeeNumber: 'E1', name: '藤原 真紀' });
    const a = await start(client);
    const item = itemOf(a, 'telework/lent-pc-setup');
    const due = '2999-03-31';
    const planned = await save(client, item, { decision: { status: 'planned', dueDate: due } });
    expect(planned.statusCode, planned.body).toBe(200);
    const actionId = planned.json().answer.actionId;
    expect(actionId).toBeTruthy();

    let plan = (await client.get(`${API}/assessments/${a.id}/actions`)).json();
    expect(plan.items).toEqual([
      expect.objectContaining({
        id: actionId,
        itemKey: item.key,
        dueDate: due,
        status: 'open',
        overdue: false,
      }),
    ]);
    expect(plan.burndown.at(-1)).toEqual({ date: plan.today, open: 1 });

    const unknown = await client.patch(
      `${API}/assessment-actions/${actionId}`,
      { ownerPersonId: 'nobody' },
      { 'if-match': '"1"' },
    );
    expect(unknown.json().issues).toEqual([{ path: ['ownerPersonId'], code: 'unknown_person' }]);
    const owned = await client.patch(
      `${API}/assessment-actions/${actionId}`,
      { ownerPersonId: person.id, status: 'done' },
      { 'if-match': '"1"' },
    );
    expect(owned.statusCode, owned.body).toBe(200);
    expect(owned.json()).toMatchObject({ ownerName: '藤原 真紀', status: 'done' });
    const sheet = (await client.get(`${API}/assessments/${a.id}`)).json();
    expect(itemOf(sheet, item.key).answer.decision).toBe('done');
    expect(sheet.percent).toBe(1);

    // Decided "not needed": the action goes.
    const fresh = itemOf(sheet, item.key);
    await save(client, fresh, { decision: { status: 'not_needed', reason: '貸与PCはない' } });
    plan = (await client.get(`${API}/assessments/${a.id}/actions`)).json();
    expect(plan.items).toEqual([]);
    const actions = await auditActions(t, { orgId });
    expect(actions).toEqual(
      expect.arrayContaining([
        'assessment.action_create',
        'assessment.action_update',
        'assessment.action_delete',
      ]),
    );
  });

  it('warns of overdue actions', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const a = await start(client);
    const item = itemOf(a, 'telework/lent-pc-setup');
    await save(client, item, { decision: { status: 'planned', dueDate: '2999-01-01' } });
    // The deadline passes (written directly: the API refuses a date already past).
    await t.db.kysely
      .updateTable('assessment_actions')
      .set({ due_date: '2020-01-01' })
      .where('org_id', '=', orgId)
      .execute();
    const plan = (await client.get(`${API}/assessments/${a.id}/actions`)).json();
    expect(plan.items[0].overdue).toBe(true);
    const list = (await client.get(`${API}/assessments`)).json();
    expect(list.items[0]).toMatchObject({ openActions: 1, overdueActions: 1 });
    const findings = (await client.get(`${API}/home/findings`)).json();
    expect(findings.items).toContainEqual(
      expect.objectContaining({ code: 'assessment_action_overdue', link: `/assessment/${a.id}/actions` }),
    );
  });

  it('summarizes per category and by level, and compares two assessments', async () => {
    const { client } = await createOrgWithUser(t);
    const last = await start(client, {
      title: '2025',
      assessedOn: '2025-04-01',
      checklistIds: ['five-rules'],
    });
    const now = await start(client, { title: '2026', checklistIds: ['five-rules'] });
    for (const item of now.items.slice(0, 2)) await save(client, item, { decision: { status: 'done' } });
    const res = await client.get(`${API}/assessments/${now.id}/results?with=${last.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.total).toMatchObject({ applicable: 5, done: 2, percent: 40 });
    expect(r.categories.map((c: { key: string }) => c.key)).toEqual([
      'five-rules/devices',
      'five-rules/accounts-and-sharing',
      'five-rules/people',
    ]);
    expect(r.categories[0].byLevel.SHALL).toBeDefined();
    expect(r.comparison).toMatchObject({ id: last.id, title: '2025', total: 0 });
  });

  it('keeps an information-asset register, linked to systems of the same organization only', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const other = await createOrgWithUser(t);
    const system = await createItem(client, 'system', { name: '会員管理', hosting: 'cloud' });
    const foreign = await createItem(other.client, 'system', { name: 'よそ', hosting: 'cloud' });
    const a = await start(client);
    const bad = await client.post(`${API}/assessments/${a.id}/assets`, {
      kind: 'data',
      name: '会員名簿',
      secrecy: 'top_secret',
      mustEncrypt: true,
      systemId: foreign.id,
    });
    expect(bad.json().issues).toEqual([{ path: ['systemId'], code: 'unknown_system' }]);
    const secrecy = await client.post(`${API}/assessments/${a.id}/assets`, {
      kind: 'data',
      name: '会員名簿',
      secrecy: 'very',
      mustEncrypt: true,
    });
    expect(secrecy.statusCode).toBe(400);
    const ok = await client.post(`${API}/assessments/${a.id}/assets`, {
      kind: 'data',
      name: '会員名簿',
      secrecy: 'top_secret',
      mustEncrypt: true,
      systemId: system.id,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ systemName: '会員管理', mustEncrypt: true });
    const patched = await client.patch(
      `${API}/assessment-assets/${ok.json().id}`,
      { secrecy: 'internal' },
      { 'if-match': '"1"' },
    );
    expect(patched.json()).toMatchObject({ secrecy: 'internal', version: 2 });
    expect((await client.get(`${API}/assessments/${a.id}/assets`)).json().items).toHaveLength(1);
    expect((await client.delete(`${API}/assessment-assets/${ok.json().id}`)).statusCode).toBe(204);
    expect(await auditActions(t, { orgId })).toEqual(
      expect.arrayContaining([
        'assessment.asset_create',
        'assessment.asset_update',
        'assessment.asset_delete',
      ]),
    );
  });

  it('renames under If-Match, and deletes with its answers, actions and assets, both audited', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const a = await start(client);
    const kept = await start(client, { title: '残す評価' });
    const stale = await client.patch(
      `${API}/assessments/${a.id}`,
      { title: '古い版から' },
      { 'if-match': '"0"' },
    );
    expect(stale.statusCode).toBe(412);
    const renamed = await client.patch(
      `${API}/assessments/${a.id}`,
      { title: 'テレワーク 2026 見直し' },
      { 'if-match': `"${a.version}"` },
    );
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ title: 'テレワーク 2026 見直し', version: a.version + 1 });
    const empty = await client.patch(
      `${API}/assessments/${a.id}`,
      { title: '  ' },
      { 'if-match': `"${a.version + 1}"` },
    );
    expect(empty.statusCode).toBe(400);

    const item = itemOf(a, 'telework/video-call-privacy');
    expect(
      (await save(client, item, { decision: { status: 'planned', dueDate: '2099-01-31' } })).statusCode,
    ).toBe(200);
    const asset = await client.post(`${API}/assessments/${a.id}/assets`, {
      kind: 'data',
      name: '会員名簿',
      secrecy: 'top_secret',
      mustEncrypt: true,
    });
    expect(asset.statusCode).toBe(201);
    expect((await client.delete(`${API}/assessments/${a.id}`)).statusCode).toBe(204);
    expect((await client.get(`${API}/assessments/${a.id}`)).statusCode).toBe(404);
    expect((await client.delete(`${API}/assessments/${a.id}`)).statusCode).toBe(404);
    for (const table of ['assessment_answers', 'assessment_actions', 'assessment_assets'] as const) {
      const rows = await t.db.kysely
        .selectFrom(table)
        .select('id')
        .where('assessment_id', '=', a.id)
        .execute();
      expect(rows, table).toEqual([]);
    }
    // The other assessment is untouched.
    expect((await client.get(`${API}/assessments/${kept.id}`)).json().items).toHaveLength(kept.items.length);
    expect(await auditActions(t, { orgId, entityId: a.id })).toEqual(
      expect.arrayContaining(['assessment.update', 'assessment.delete']),
    );
  });

  it('lets a member read but not write', async () => {
    const owner = await createOrgWithUser(t);
    const a = await start(owner.client);
    const member = await addUserToOrg(t, owner.orgId, 'member');
    expect((await member.client.get(`${API}/assessments/${a.id}`)).statusCode).toBe(200);
    const item = a.items[0] as AssessmentItem;
    expect((await save(member.client, item, { currentState: 'x' })).statusCode).toBe(403);
  });
});
