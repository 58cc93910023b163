import type { Kysely } from 'kysely';
import type { Database, ImportJobsTable } from '../db/schema.js';
import { newId } from '../ids.js';

/**
 * An import job (people, unless `kind` says otherwise) as a server left it — e.g. `running`, silent since `updatedAt`, with the
 * uploaded rows still in its payload — for tests of what happens to it afterwards. Returns its id.
 */
export async function insertImportJob(
  db: Kysely<Database>,
  job: {
    orgId: string;
    status: ImportJobsTable['status'];
    /** ISO time of the last progress (also its creation). */
    updatedAt: string;
    userId?: string;
    kind?: ImportJobsTable['kind'];
    totalRows?: number;
    processedRows?: number;
    /** Left out: two uploaded rows waiting to be checked. */
    payload?: string | null;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('import_jobs')
    .values({
      id,
      org_id: job.orgId,
      user_id: job.userId ?? 'someone',
      kind: job.kind ?? 'people',
      status: job.status,
      total_rows: job.totalRows ?? 2,
      processed_rows: job.processedRows ?? 0,
      report: null,
      payload:
        job.payload === undefined
          ? JSON.stringify({
              fields: ['employeeNumber'],
              rows: [
                [2, ['E1']],
                [3, ['E2']],
              ],
            })
          : job.payload,
      created_at: job.updatedAt,
      updated_at: job.updatedAt,
    })
    .execute();
  return id;
}
