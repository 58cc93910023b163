import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { newId, nowIso } from '../ids.js';
import { withTestDb } from '../test/harness.js';
import { audited } from './tx.js';
import { changeVersioned, ORG_ROW, updateVersioned } from './versioned.js';

const t = withTestDb();

async function org(): Promise<string> {
  const id = newId();
  const now = nowIso();
  await t.db.kysely
    .insertInto('organizations')
    .values({ id, name: `Org ${id}`, timezone: 'Asia/Tokyo', created_at: now, updated_at: now, version: 1 })
    .execute();
  return id;
}

async function checklistRow(orgId: string, itemId: string): Promise<void> {
  await t.db.kysely
    .insertInto('management_checklist')
    .values({
      id: newId(),
      org_id: orgId,
      item_id: itemId,
      done_at: null,
      done_by: null,
      note: null,
      updated_at: nowIso(),
      version: 1,
    })
    .execute();
}

const checklistOf = (orgId: string) =>
  t.db.kysely
    .selectFrom('management_checklist')
    .select(['item_id', 'note', 'version'])
    .where('org_id', '=', orgId)
    .orderBy('item_id')
    .execute();

describe('updateVersioned', () => {
  it('updates a row by id only at the expected version and only in its organization', async () => {
    const a = await org();
    const b = await org();
    const id = newId();
    const now = nowIso();
    await t.db.kysely
      .insertInto('departments')
      .values({
        id,
        org_id: a,
        name: '総務',
        archived_at: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    expect(await updateVersioned(t.db.kysely, 'departments', b, id, 1, { name: '他社' })).toBe(0);
    expect(await updateVersioned(t.db.kysely, 'departments', a, id, 2, { name: '古い版' })).toBe(0);
    expect(await updateVersioned(t.db.kysely, 'departments', a, id, 1, { name: '総務部' })).toBe(1);
    const row = await t.db.kysely
      .selectFrom('departments')
      .select(['name', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '総務部', version: 2 });

    // A column given as undefined is left as it is; one given as null is cleared.
    const archivedAt = nowIso();
    expect(await updateVersioned(t.db.kysely, 'departments', a, id, 2, { archived_at: archivedAt })).toBe(1);
    expect(
      await updateVersioned(t.db.kysely, 'departments', a, id, 3, { name: undefined, archived_at: null }),
    ).toBe(1);
    const after = await t.db.kysely
      .selectFrom('departments')
      .select(['name', 'archived_at', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ name: '総務部', archived_at: null, version: 4 });
  });

  it('updates a row named by another column (the checklist by item_id), leaving its siblings alone', async () => {
    const a = await org();
    const b = await org();
    await checklistRow(a, 'principle-1');
    await checklistRow(a, 'action-1');
    await checklistRow(b, 'principle-1');
    const update = (orgId: string, version: number) =>
      updateVersioned(t.db.kysely, 'management_checklist', orgId, { item_id: 'principle-1' }, version, {
        note: '周知済み',
      });
    expect(await update(a, 2)).toBe(0);
    expect(await update(a, 1)).toBe(1);
    expect(await update(a, 1)).toBe(0);
    expect(await checklistOf(a)).toEqual([
      { item_id: 'action-1', note: null, version: 1 },
      { item_id: 'principle-1', note: '周知済み', version: 2 },
    ]);
    expect(await checklistOf(b)).toEqual([{ item_id: 'principle-1', note: null, version: 1 }]);
  });

  it('refuses an empty key rather than updating every row of the organization', async () => {
    const a = await org();
    await checklistRow(a, 'action-2');
    await expect(
      updateVersioned(t.db.kysely, 'management_checklist', a, {}, 1, { note: 'x' }),
    ).rejects.toThrow(/empty key/);
    expect(await checklistOf(a)).toEqual([{ item_id: 'action-2', note: null, version: 1 }]);
  });

  it('updates the one row of an organization by ORG_ROW: the organization itself, keyed by its id', async () => {
    const a = await org();
    const b = await org();
    expect(await updateVersioned(t.db.kysely, 'organizations', a, ORG_ROW, 2, { name: '古い版' })).toBe(0);
    expect(await updateVersioned(t.db.kysely, 'organizations', a, ORG_ROW, 1, { name: '新社名' })).toBe(1);
    const names = await t.db.kysely
      .selectFrom('organizations')
      .select(['id', 'name', 'version'])
      .where('id', 'in', [a, b])
      .execute();
    expect(names.find((o) => o.id === a)).toEqual({ id: a, name: '新社名', version: 2 });
    expect(names.find((o) => o.id === b)).toEqual({ id: b, name: `Org ${b}`, version: 1 });
  });
});

describe('changeVersioned', () => {
  const actor = (orgId: string) => ({ orgId, userId: null });
  const change = (orgId: string, itemId: string, expectedVersion: number | undefined, note: string | null) =>
    audited(t.db, actor(orgId), (tx) =>
      changeVersioned(tx, {
        load: () =>
          tx.trx
            .selectFrom('management_checklist')
            .selectAll()
            .where('org_id', '=', orgId)
            .where('item_id', '=', itemId)
            .executeTakeFirst(),
        expectedVersion,
        write: async (before, version) =>
          before.note === note
            ? null
            : updateVersioned(tx.trx, 'management_checklist', orgId, { item_id: itemId }, version, { note }),
        audit: (before, after) => ({
          action: 'checklist.update',
          entityType: 'management_checklist',
          entityId: itemId,
          before: { note: before.note },
          after: { note: after.note },
        }),
      }),
    );
  const auditOf = (orgId: string) =>
    t.db.kysely.selectFrom('audit_log').select(['action', 'summary']).where('org_id', '=', orgId).execute();
  const kindOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (err) => (err instanceof DomainError ? `${err.kind} ${err.code}` : String(err)),
    );

  it('loads, checks the version, writes, reads back and audits before and after', async () => {
    const a = await org();
    await checklistRow(a, 'principle-2');
    const after = await change(a, 'principle-2', 1, '周知済み');
    expect({ note: after.note, version: after.version }).toEqual({ note: '周知済み', version: 2 });
    const entries = await auditOf(a);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.action).toBe('checklist.update');
  });

  it('answers not_found for no row and stale for another version, writing and recording nothing', async () => {
    const a = await org();
    await checklistRow(a, 'principle-3');
    expect(await kindOf(change(a, 'no-such-item', 1, 'x'))).toBe('not_found not_found');
    expect(await kindOf(change(a, 'principle-3', 2, 'x'))).toBe('stale version_conflict');
    expect(await checklistOf(a)).toEqual([{ item_id: 'principle-3', note: null, version: 1 }]);
    expect(await auditOf(a)).toEqual([]);
  });

  it('takes the loaded version when none is given, and records nothing when nothing is written', async () => {
    const a = await org();
    await checklistRow(a, 'principle-4');
    expect((await change(a, 'principle-4', undefined, null)).version).toBe(1);
    expect(await auditOf(a)).toEqual([]);
    expect((await change(a, 'principle-4', undefined, '済')).version).toBe(2);
    expect(await auditOf(a)).toHaveLength(1);
  });
});
