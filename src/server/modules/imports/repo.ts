import { type Kysely, sql } from 'kysely';
import type { ImportKind, ImportStatus } from '../../../domain/import-jobs.js';
import type { Database, ImportJobsTable } from '../../db/schema.js';

type Q = Kysely<Database>;

export type ImportJobStored = ImportJobsTable;

export async function insertImportJob(db: Q, row: ImportJobStored): Promise<void> {
  await db.insertInto('import_jobs').values(row).execute();
}

/** One job of the organization and of this kind (another kind's job is not found). */
export async function findImportJob(
  db: Q,
  orgId: string,
  kind: ImportKind,
  id: string,
  withPayload = false,
): Promise<ImportJobStored | undefined> {
  const base = db
    .selectFrom('import_jobs')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('kind', '=', kind);
  if (withPayload) return base.selectAll().executeTakeFirst();
  // The payload can be megabytes; progress polling does not need it.
  return base
    .select([
      'id',
      'org_id',
      'user_id',
      'kind',
      'status',
      'total_rows',
      'processed_rows',
      'report',
      'created_at',
      'updated_at',
      sql<string | null>`null`.as('payload'),
    ])
    .executeTakeFirst();
}

/** Update a job; with `fromStatus` only when it is still in that status. Returns rows changed. */
export async function updateImportJob(
  db: Q,
  orgId: string,
  id: string,
  changes: Partial<Omit<ImportJobStored, 'id' | 'org_id' | 'kind'>>,
  fromStatus?: ImportStatus,
): Promise<number> {
  let q = db.updateTable('import_jobs').set(changes).where('org_id', '=', orgId).where('id', '=', id);
  if (fromStatus) q = q.where('status', '=', fromStatus);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Jobs of every organization and kind in one of these statuses, untouched since `before` (ISO
 * time), for the maintenance sweep: id, organization, status and report, never the payload.
 */
export async function importJobsIdleSince(
  db: Q,
  statuses: readonly ImportStatus[],
  before: string,
): Promise<Pick<ImportJobStored, 'id' | 'org_id' | 'status' | 'report'>[]> {
  return db
    .selectFrom('import_jobs')
    .select(['id', 'org_id', 'status', 'report'])
    .where('status', 'in', statuses)
    .where('updated_at', '<', before)
    .execute();
}

/** Drop any payload a finished (committed or failed) job still holds; returns how many. */
export async function clearFinishedImportPayloads(db: Q): Promise<number> {
  const r = await db
    .updateTable('import_jobs')
    .set({ payload: null })
    .where('status', 'in', ['committed', 'failed'])
    .where('payload', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
