import type { Kysely } from 'kysely';
import type { BackupPlanRow, Database } from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';

type Q = Kysely<Database>;

export async function list(db: Q, orgId: string): Promise<BackupPlanRow[]> {
  return db.selectFrom('backup_plans').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
}

export async function find(db: Q, orgId: string, id: string): Promise<BackupPlanRow | undefined> {
  return db
    .selectFrom('backup_plans')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The plan of a system or of a data set with that name, if there is one (each has at most one). */
export async function findByTarget(
  db: Q,
  orgId: string,
  target: { systemId: string | null; dataSetName: string | null },
): Promise<BackupPlanRow | undefined> {
  let q = db.selectFrom('backup_plans').selectAll().where('org_id', '=', orgId);
  if (target.systemId) q = q.where('system_id', '=', target.systemId);
  else q = q.where('data_set_name', '=', target.dataSetName ?? '');
  return q.executeTakeFirst();
}

export async function insert(db: Q, row: BackupPlanRow): Promise<void> {
  await db.insertInto('backup_plans').values(row).execute();
}

export function update(
  db: Q,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: Partial<Omit<BackupPlanRow, 'id' | 'org_id' | 'version'>>,
): Promise<number> {
  return updateVersioned(db, 'backup_plans', orgId, id, expectedVersion, changes);
}

export async function remove(db: Q, orgId: string, id: string): Promise<number> {
  const r = await db
    .deleteFrom('backup_plans')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The organization's systems in the inventory (names, vendors, archived or not). */
export async function systems(
  db: Q,
  orgId: string,
): Promise<{ id: string; name: string; vendor: string | null; archived_at: string | null }[]> {
  return db
    .selectFrom('it_systems')
    .select(['id', 'name', 'vendor', 'archived_at'])
    .where('org_id', '=', orgId)
    .orderBy('name')
    .execute();
}
