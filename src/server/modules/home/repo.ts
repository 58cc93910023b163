import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

/** The organization's IANA time zone: its calendar decides what is overdue today. */
export async function orgTimeZone(db: Q, orgId: string): Promise<string> {
  const row = await db
    .selectFrom('organizations')
    .select('timezone')
    .where('id', '=', orgId)
    .executeTakeFirst();
  return row?.timezone ?? 'Asia/Tokyo';
}
