import type { Kysely, Updateable } from 'kysely';
import type { Database } from './schema.js';

/** Tenant tables edited under optimistic concurrency: each has id, org_id and version. */
export type VersionedTable = {
  [K in keyof Database]: Database[K] extends { id: string; org_id: string; version: number } ? K : never;
}[keyof Database];

/**
 * Which row of the organization: its id, or other text columns that together name one row (a
 * table keyed by something else, e.g. the management checklist by `item_id`).
 */
export type VersionedKey<T extends VersionedTable> =
  | string
  | Partial<{ [C in keyof Database[T] & string as Database[T][C] extends string ? C : never]: string }>;

/**
 * Update one row of an organization when its version still matches, bumping the version; returns
 * the number of rows changed (0 = stale version or not this organization's row).
 * @example await updateVersioned(db, 'sites', orgId, id, 3, { name: '本社' }) // UPDATE … WHERE org_id = ? AND id = ? AND version = 3
 * @example await updateVersioned(db, 'management_checklist', orgId, { item_id: 'p1' }, 2, { note: null }) // … AND item_id = 'p1' AND version = 2
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  orgId: string,
  key: VersionedKey<T>,
  expectedVersion: number,
  changes: Omit<Updateable<Database[T]>, 'id' | 'org_id' | 'version'>,
): Promise<number> {
  const where = Object.entries(typeof key === 'string' ? { id: key } : key).filter(
    ([, v]) => v !== undefined,
  );
  // An empty key would update every row of the organization at that version.
  if (where.length === 0) throw new Error(`updateVersioned(${table}): empty key`);
  // Kysely cannot follow a generic table name through its column types; the signature above keeps
  // callers typed, so the query itself runs on the untyped builder.
  // biome-ignore lint/suspicious/noExplicitAny: see the comment above
  const untyped = db as unknown as Kysely<any>;
  let q = untyped
    .updateTable(table as string)
    .set((eb) => ({ ...(changes as Record<string, unknown>), version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('version', '=', expectedVersion);
  for (const [column, value] of where) q = q.where(column, '=', value);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
