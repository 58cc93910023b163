/** The readiness probe's query: the database answers and the schema is there. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export async function pingDatabase(q: Kysely<Database>): Promise<void> {
  await q.selectFrom('organizations').select('id').limit(1).execute();
}
