import type { Kysely } from 'kysely';
import { deleteOrgRow, findOrgRow } from '../../db/org-rows.js';
import type { DamageEstimateRow, Database } from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';

type Q = Kysely<Database>;

export async function list(
  db: Q,
  orgId: string,
  filter: { operationId?: string | undefined; systemId?: string | undefined },
  afterId: string | null,
  limit: number,
): Promise<DamageEstimateRow[]> {
  let q = db.selectFrom('damage_estimates').selectAll().where('org_id', '=', orgId);
  if (filter.operationId) q = q.where('operation_id', '=', filter.operationId);
  if (filter.systemId) q = q.where('system_id', '=', filter.systemId);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}

export function find(db: Q, orgId: string, id: string): Promise<DamageEstimateRow | undefined> {
  return findOrgRow(db, 'damage_estimates', orgId, id);
}

export async function insert(db: Q, row: DamageEstimateRow): Promise<void> {
  await db.insertInto('damage_estimates').values(row).execute();
}

export function update(
  db: Q,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: Partial<Omit<DamageEstimateRow, 'id' | 'org_id' | 'version'>>,
): Promise<number> {
  return updateVersioned(db, 'damage_estimates', orgId, id, expectedVersion, changes);
}

export function remove(db: Q, orgId: string, id: string): Promise<number> {
  return deleteOrgRow(db, 'damage_estimates', orgId, id);
}

export async function exists(
  db: Q,
  orgId: string,
  table: 'business_operations' | 'it_systems',
  id: string,
): Promise<boolean> {
  const r = await db
    .selectFrom(table)
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r !== undefined;
}

/** The company's annual sales (organization settings), which an estimate without its own uses. */
export async function organizationSales(db: Q, orgId: string): Promise<number | null> {
  const row = await db
    .selectFrom('organizations')
    .select('annual_sales_yen')
    .where('id', '=', orgId)
    .executeTakeFirst();
  return row?.annual_sales_yen === null || row?.annual_sales_yen === undefined
    ? null
    : Number(row.annual_sales_yen);
}
