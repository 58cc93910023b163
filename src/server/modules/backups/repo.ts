import type { Insertable, Kysely } from 'kysely';
import type { BackupRunRow, BackupRunsTable, Database } from '../../db/schema.js';

/**
 * SQL for backup runs. Unlike tenant repos these take no org id: a backup holds the whole
 * installation, and its runs belong to the installation, not to one organization.
 */

export async function insertRun(db: Kysely<Database>, row: Insertable<BackupRunsTable>): Promise<void> {
  await db.insertInto('backup_runs').values(row).execute();
}

export function recentRuns(db: Kysely<Database>, limit: number): Promise<BackupRunRow[]> {
  return db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
}

/** The newest run matching a condition, e.g. the last one whose test restore passed. */
export function lastRunWhere(
  db: Kysely<Database>,
  where: 'ok' | 'verified' | 'copied',
): Promise<BackupRunRow | undefined> {
  let q = db.selectFrom('backup_runs').selectAll();
  if (where === 'ok') q = q.where('status', '=', 'ok');
  if (where === 'verified') q = q.where('verify_status', '=', 'ok');
  if (where === 'copied') q = q.where('copy_status', '=', 'ok');
  return q.orderBy('started_at', 'desc').limit(1).executeTakeFirst();
}

export function runById(db: Kysely<Database>, id: string): Promise<BackupRunRow | undefined> {
  return db.selectFrom('backup_runs').selectAll().where('id', '=', id).executeTakeFirst();
}
