import type { Kysely } from 'kysely';
import { orgRowExists, orgRows } from '../../db/org-rows.js';
import type { DamageEstimateRow, Database } from '../../db/schema.js';
import { versionedUpdate } from '../../db/versioned.js';

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

const estimates = orgRows('damage_estimates');

export const find = estimates.find;
export const insert = estimates.insert;
export const update = versionedUpdate('damage_estimates');
export const remove = estimates.delete;

/** Whether the operation or system an estimate names is the organization's. */
export function exists(
  db: Q,
  orgId: string,
  table: 'business_operations' | 'it_systems',
  id: string,
): Promise<boolean> {
  return orgRowExists(db, table, orgId, id);
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
