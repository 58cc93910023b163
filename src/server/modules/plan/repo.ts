import type { Kysely } from 'kysely';
import type { Database, PlanPolicyRow } from '../../db/schema.js';
import { ORG_ROW, updateVersioned } from '../../db/versioned.js';

/** SQL of the IT-BCP document: the organization's policy, scope and approver. */
type Q = Kysely<Database>;

export const findPolicy = (q: Q, orgId: string): Promise<PlanPolicyRow | undefined> =>
  q.selectFrom('plan_policies').selectAll().where('org_id', '=', orgId).executeTakeFirst();

export async function insertPolicy(q: Q, row: PlanPolicyRow): Promise<void> {
  await q.insertInto('plan_policies').values(row).execute();
}

export const updatePolicy = (
  q: Q,
  orgId: string,
  version: number,
  set: { policy: string; scope: string; approver: string; updated_at: string },
): Promise<number> => updateVersioned(q, 'plan_policies', orgId, ORG_ROW, version, set);
