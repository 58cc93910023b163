import type { Kysely } from 'kysely';
import type { BiaSettingsRow, BiaSignoffRow, Database } from '../../db/schema.js';
import { ORG_ROW, updateVersioned } from '../../db/versioned.js';

type Q = Kysely<Database>;

/**
 * The organization's data revision: the head of its audit chain. Every write appends to that
 * chain in its own transaction (src/server/db/tx.ts `audited`), so the head moves with any change
 * and a restore brings back the head that matches the restored data. '0' before any write.
 */
export async function revision(db: Q, orgId: string): Promise<string> {
  const head = await db
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('chain', '=', orgId)
    .executeTakeFirst();
  return head ? `${head.seq}:${head.hash}` : '0';
}

export async function findSettings(db: Q, orgId: string): Promise<BiaSettingsRow | undefined> {
  return db.selectFrom('bia_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function insertSettings(db: Q, row: BiaSettingsRow): Promise<void> {
  await db.insertInto('bia_settings').values(row).execute();
}

export const updateSettings = (
  db: Q,
  orgId: string,
  expectedVersion: number,
  changes: Partial<Omit<BiaSettingsRow, 'id' | 'org_id' | 'version'>>,
): Promise<number> => updateVersioned(db, 'bia_settings', orgId, ORG_ROW, expectedVersion, changes);

export type SignoffView = BiaSignoffRow & { signed_by_name: string | null };

function selectSignoffs(db: Q, orgId: string) {
  return db
    .selectFrom('bia_signoffs')
    .leftJoin('users', 'users.id', 'bia_signoffs.signed_by')
    .selectAll('bia_signoffs')
    .select('users.display_name as signed_by_name')
    .where('bia_signoffs.org_id', '=', orgId);
}

export async function insertSignoff(db: Q, row: BiaSignoffRow): Promise<void> {
  await db.insertInto('bia_signoffs').values(row).execute();
}

export async function listSignoffs(db: Q, orgId: string): Promise<SignoffView[]> {
  return selectSignoffs(db, orgId)
    .orderBy('bia_signoffs.signed_at', 'desc')
    .orderBy('bia_signoffs.id', 'desc')
    .limit(200)
    .execute();
}

export async function latestSignoff(db: Q, orgId: string): Promise<SignoffView | undefined> {
  return selectSignoffs(db, orgId)
    .orderBy('bia_signoffs.signed_at', 'desc')
    .orderBy('bia_signoffs.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
