import type { Kysely, Updateable } from 'kysely';
import type { Database } from './schema.js';

/** Tenant tables edited under optimistic concurrency: each has id, org_id and version. */
export type VersionedTable = {
  [K in keyof Database]: Database[K] extends { id: string; org_id: string; version: number } ? K : never;
}[keyof Database];

/**
 * Update one row of an organization when its version still matches, bumping the version; returns
 * the number of rows changed (0 = stale version or not this organization's row).
 * @example await updateVersioned(db, 'sites', orgId, id, 3, { name: '本社' }) // UPDATE … WHERE org_id = ? AND id = ? AND version = 3
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: Omit<Updateable<Database[T]>, 'id' | 'org_id' | 'version'>,
): Promise<number> {
  // Kysely cannot follow a generic table name through its column types; the signature above keeps
  // callers typed, so the query itself runs on the untyped builder.
  // biome-ignore lint/suspicious/noExplicitAny: see the comment above
  const untyped = db as unknown as Kysely<any>;
  const r = await untyped
    .updateTable(table as string)
    .set((eb) => ({ ...(changes as Record<string, unknown>), version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
