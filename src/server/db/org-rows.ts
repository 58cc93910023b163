import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';

/** Tables whose rows belong to one organization and are named by an id. */
export type OrgTable = {
  [K in keyof Database]: Database[K] extends { id: string; org_id: string } ? K : never;
}[keyof Database];

// Kysely cannot follow a generic table name through its column types; the signatures below keep
// callers typed, so the queries themselves run on the untyped builder (as updateVersioned does).
// biome-ignore lint/suspicious/noExplicitAny: see the comment above
const untyped = (db: Kysely<Database>) => db as unknown as Kysely<any>;

/**
 * The organization's row of `table` with that id, or undefined (none, or another organization's).
 * @example await findOrgRow(db, 'sites', orgId, id) // SELECT * FROM sites WHERE org_id = ? AND id = ?
 */
export async function findOrgRow<T extends OrgTable>(
  db: Kysely<Database>,
  table: T,
  orgId: string,
  id: string,
): Promise<Selectable<Database[T]> | undefined> {
  const row = await untyped(db)
    .selectFrom(table)
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  // Every column of `table` (selectAll), as its row type says.
  return row as Selectable<Database[T]> | undefined;
}

/** True when the organization has a row of `table` with that id (a reference check). */
export async function orgRowExists(
  db: Kysely<Database>,
  table: OrgTable,
  orgId: string,
  id: string,
): Promise<boolean> {
  const row: unknown = await untyped(db)
    .selectFrom(table)
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** Delete the organization's row of `table` with that id; returns the rows deleted (0 or 1). */
export async function deleteOrgRow(
  db: Kysely<Database>,
  table: OrgTable,
  orgId: string,
  id: string,
): Promise<number> {
  const r = await untyped(db)
    .deleteFrom(table)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
