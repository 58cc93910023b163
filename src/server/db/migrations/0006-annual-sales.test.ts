import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, nowIso } from '../../ids.js';
import { createTestDb, type TestDb } from '../../test/harness.js';
import type { Database } from '../schema.js';
import { down, up } from './0006-annual-sales.js';

/**
 * Migration 0006 on the engine under test: the per-estimate annual sales of the data before it
 * become the company's figure; an estimate with sales of its own keeps the same share.
 */

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

async function org(q: Kysely<Database>): Promise<string> {
  const id = newId();
  const now = nowIso();
  await q
    .insertInto('organizations')
    .values({ id, name: `org ${id}`, timezone: 'Asia/Tokyo', created_at: now, updated_at: now, version: 1 })
    .execute();
  return id;
}

async function estimate(q: Kysely<Database>, orgId: string, sales: number | null, updatedAt: string) {
  const id = newId();
  await q
    .insertInto('damage_estimates')
    .values({
      id,
      org_id: orgId,
      name: id,
      scenario: null,
      annual_sales_yen: sales,
      amounts: '{}',
      preset_id: null,
      operation_id: null,
      system_id: null,
      created_at: updatedAt,
      updated_at: updatedAt,
      version: 1,
    })
    .execute();
  return id;
}

describe('migration 0006: annual sales move to the organization', () => {
  it("takes the latest estimate's sales for the company and keeps the estimates that differ", async () => {
    const q = t.db.kysely;
    await down(q as Kysely<unknown>);
    const a = await org(q);
    const b = await org(q);
    const older = await estimate(q, a, 500_000_000, '2026-01-01T00:00:00.000Z');
    const same = await estimate(q, a, 1_000_000_000, '2026-02-01T00:00:00.000Z');
    const latest = await estimate(q, a, 1_000_000_000, '2026-03-01T00:00:00.000Z');
    const none = await estimate(q, a, null, '2026-04-01T00:00:00.000Z');
    const other = await estimate(q, b, null, '2026-04-01T00:00:00.000Z');
    await up(q as Kysely<unknown>);

    const orgs = await q
      .selectFrom('organizations')
      .select(['id', 'annual_sales_yen'])
      .where('id', 'in', [a, b])
      .execute();
    expect(
      Object.fromEntries(
        orgs.map((o) => [o.id, o.annual_sales_yen === null ? null : Number(o.annual_sales_yen)]),
      ),
    ).toEqual({
      [a]: 1_000_000_000,
      [b]: null,
    });
    const rows = await q.selectFrom('damage_estimates').select(['id', 'annual_sales_yen']).execute();
    const sales = Object.fromEntries(
      rows.map((r) => [r.id, r.annual_sales_yen === null ? null : Number(r.annual_sales_yen)]),
    );
    expect(sales).toMatchObject({
      [older]: 500_000_000,
      [same]: null,
      [latest]: null,
      [none]: null,
      [other]: null,
    });
  });
});
