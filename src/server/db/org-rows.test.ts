import { describe, expect, it } from 'vitest';
import { newId, nowIso } from '../ids.js';
import { insertOrganization } from '../modules/auth/repo.js';
import { withTestDb } from '../test/harness.js';
import {
  deleteOrgRow,
  findOrgRow,
  insertOrgRow,
  listOrgRows,
  orgRowExists,
  orgRowNames,
} from './org-rows.js';
import type { SiteRow } from './schema.js';

const t = withTestDb();

/** A new organization of its own, with nothing in it. */
async function org(): Promise<string> {
  const id = newId();
  await insertOrganization(t.db.kysely, id, `Org ${id}`);
  return id;
}

function site(orgId: string, name: string, kind: SiteRow['kind'] = 'shop', createdAt = nowIso()): SiteRow {
  return {
    id: newId(),
    org_id: orgId,
    name,
    kind,
    prefecture_code: null,
    address: null,
    archived_at: null,
    created_at: createdAt,
    updated_at: createdAt,
    version: 1,
  };
}

describe('org rows', () => {
  it('finds, checks and deletes a row of the organization only, by id or by other columns', async () => {
    const [a, b] = [await org(), await org()];
    const row = site(a, '本社');
    await insertOrgRow(t.db.kysely, 'sites', row);

    expect(await findOrgRow(t.db.kysely, 'sites', a, row.id)).toEqual(row);
    expect(await findOrgRow(t.db.kysely, 'sites', a, { name: '本社' })).toEqual(row);
    expect(await findOrgRow(t.db.kysely, 'sites', b, row.id)).toBeUndefined();
    expect(await findOrgRow(t.db.kysely, 'sites', b, { name: '本社' })).toBeUndefined();
    await expect(findOrgRow(t.db.kysely, 'sites', a, {})).rejects.toThrow('empty key');
    expect(await orgRowExists(t.db.kysely, 'sites', a, row.id)).toBe(true);
    expect(await orgRowExists(t.db.kysely, 'sites', b, row.id)).toBe(false);

    expect(await deleteOrgRow(t.db.kysely, 'sites', b, row.id)).toBe(0);
    expect(await deleteOrgRow(t.db.kysely, 'sites', a, row.id)).toBe(1);
    expect(await findOrgRow(t.db.kysely, 'sites', a, row.id)).toBeUndefined();
  });

  it('lists the organization’s rows, filtered, in the order asked for, at most the limit', async () => {
    const [a, b] = [await org(), await org()];
    const rows = [
      site(a, 'A', 'shop', '2026-01-01T00:00:00.000Z'),
      site(a, 'B', 'factory', '2026-01-02T00:00:00.000Z'),
      site(a, 'C', 'shop', '2026-01-03T00:00:00.000Z'),
      site(b, 'D', 'shop', '2026-01-04T00:00:00.000Z'),
    ];
    for (const r of rows) await insertOrgRow(t.db.kysely, 'sites', r);
    const names = (list: SiteRow[]) => list.map((r) => r.name);

    expect(names(await listOrgRows(t.db.kysely, 'sites', a, { orderBy: ['created_at'] }))).toEqual([
      'A',
      'B',
      'C',
    ]);
    expect(
      names(
        await listOrgRows(t.db.kysely, 'sites', a, { where: { kind: 'shop' }, orderBy: [['name', 'desc']] }),
      ),
    ).toEqual(['C', 'A']);
    expect(
      names(
        await listOrgRows(t.db.kysely, 'sites', a, { orderBy: ['kind', ['created_at', 'desc']], limit: 2 }),
      ),
    ).toEqual(['B', 'C']);
    expect(names(await listOrgRows(t.db.kysely, 'sites', b, { where: { kind: 'factory' } }))).toEqual([]);
    await t.db.kysely
      .updateTable('sites')
      .set({ archived_at: nowIso() })
      .where('id', '=', rows[0]?.id ?? '')
      .execute();
    expect(
      names(await listOrgRows(t.db.kysely, 'sites', a, { where: { archived_at: null }, orderBy: ['name'] })),
    ).toEqual(['B', 'C']);
    expect(
      names(await listOrgRows(t.db.kysely, 'sites', a, { where: { archived_at: undefined } })),
    ).toHaveLength(3);
  });

  it('names the organization’s rows among the ids asked for, and no other organization’s', async () => {
    const [a, b] = [await org(), await org()];
    const [mine, theirs] = [site(a, '本社'), site(b, '支店')];
    for (const r of [mine, theirs]) await insertOrgRow(t.db.kysely, 'sites', r);

    const names = await orgRowNames(t.db.kysely, 'sites', a, [mine.id, theirs.id, mine.id, 'unknown']);
    expect([...names]).toEqual([[mine.id, '本社']]);
    expect(await orgRowNames(t.db.kysely, 'sites', a, [])).toEqual(new Map());
  });
});
