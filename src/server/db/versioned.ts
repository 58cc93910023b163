import type { Kysely, Updateable } from 'kysely';
import { notFound, stale } from '../errors.js';
import { nowIso } from '../ids.js';
import type { Database } from './schema.js';
import type { AuditedTx } from './tx.js';

/**
 * Tables edited under optimistic concurrency: each has a version and belongs to one organization
 * (an `org_id` column, or the organization's own row).
 */
export type VersionedTable =
  | {
      [K in keyof Database]: Database[K] extends { id: string; org_id: string; version: number } ? K : never;
    }[keyof Database]
  | 'organizations';

/** The key of a table holding one row per organization (BIA settings, the organization itself). */
export const ORG_ROW = Symbol('the organization’s row');

/**
 * Which row of the organization: its id, other text columns that together name one row (a table
 * keyed by something else, e.g. the management checklist by `item_id`), or `ORG_ROW` for a table
 * with one row per organization.
 */
export type VersionedKey<T extends VersionedTable> =
  | string
  | typeof ORG_ROW
  | Partial<{ [C in keyof Database[T] & string as Database[T][C] extends string ? C : never]: string }>;

/** The columns of `T` a versioned update may set (never its id, organization or version). */
type VersionedChanges<T extends VersionedTable> = Omit<Updateable<Database[T]>, 'id' | 'org_id' | 'version'>;

/**
 * Update one row of an organization when its version still matches, bumping the version; returns
 * the number of rows changed (0 = stale version or not this organization's row).
 * @example await updateVersioned(db, 'sites', orgId, id, 3, { name: '本社' }) // UPDATE … WHERE org_id = ? AND id = ? AND version = 3
 * @example await updateVersioned(db, 'management_checklist', orgId, { item_id: 'p1' }, 2, { note: null }) // … AND item_id = 'p1' AND version = 2
 * @example await updateVersioned(db, 'bia_settings', orgId, ORG_ROW, 2, { scale: 5 }) // … WHERE org_id = ? AND version = 2
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  orgId: string,
  key: VersionedKey<T>,
  expectedVersion: number,
  changes: VersionedChanges<T>,
): Promise<number> {
  const where =
    key === ORG_ROW
      ? []
      : Object.entries(typeof key === 'string' ? { id: key } : key).filter(([, v]) => v !== undefined);
  // An empty key would update every row of the organization at that version.
  if (where.length === 0 && key !== ORG_ROW) throw new Error(`updateVersioned(${table}): empty key`);
  // The query names the union of versioned tables (whose `version` column they all have); the
  // changed columns go by name, typed by the signature above.
  let q = db
    .updateTable<VersionedTable>(table)
    .set((eb) => ({ version: eb(eb.ref('version'), '+', 1) }))
    .where(table === 'organizations' ? 'id' : 'org_id', '=', orgId)
    .where('version', '=', expectedVersion);
  for (const [column, value] of Object.entries(changes)) {
    // As in an update object, a column left undefined is not changed.
    if (value !== undefined) q = q.set(db.dynamic.ref(column), value);
  }
  for (const [column, value] of where) q = q.where(db.dynamic.ref(column), '=', value);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * A repo's update of one row of `T` by id at a version, limited to the columns `C` its service may
 * change; `versionedUpdate(table)` is one.
 * @example export const updateSite: VersionedUpdate<'sites', 'name' | 'updated_at'> = versionedUpdate('sites');
 */
export type VersionedUpdate<T extends VersionedTable, C extends keyof VersionedChanges<T>> = (
  db: Kysely<Database>,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: Pick<VersionedChanges<T>, C>,
) => Promise<number>;

/** updateVersioned bound to one table (a repo names it and narrows its columns with VersionedUpdate). */
export function versionedUpdate<T extends VersionedTable>(table: T) {
  return (
    db: Kysely<Database>,
    orgId: string,
    key: VersionedKey<T>,
    expectedVersion: number,
    changes: VersionedChanges<T>,
  ): Promise<number> => updateVersioned(db, table, orgId, key, expectedVersion, changes);
}

/** An audit entry as a service writes it (the organization and actor come from the transaction). */
type AuditInput = Parameters<AuditedTx['audit']>[0];

export interface VersionedChange<R extends { version: number }> {
  /** The row as it is now; none answers 404 `not_found`. */
  load: () => Promise<R | undefined>;
  /** The version the client edited (If-Match); omitted, the version just loaded (a server-side change). */
  expectedVersion?: number;
  /**
   * Check and write the change at `version` (usually with `updateVersioned`); returns the rows
   * changed, where 0 means someone else was first (412). Return null to change nothing: the row
   * is answered as it is and nothing is audited.
   */
  write: (before: R, version: number) => Promise<number | null>;
  /** The audit entry of the change, from the row before and after. */
  audit: (before: R, after: R) => AuditInput;
}

/**
 * The one way a service changes a versioned row, inside the caller's transaction: load it, check
 * the version the client edited (412 `version_conflict` when stale), write, read it back, and audit
 * before and after. Returns the row after the change.
 * @example
 * const after = await changeVersioned(tx, {
 *   load: () => repo.findSite(tx.trx, orgId, id),
 *   expectedVersion,
 *   write: (_, v) => repo.updateSite(tx.trx, orgId, id, v, { name }),
 *   audit: (b, a) => ({ action: 'site.update', entityType: 'site', entityId: id, before: presentSite(b), after: presentSite(a) }),
 * });
 */
export async function changeVersioned<R extends { version: number }>(
  tx: AuditedTx,
  change: VersionedChange<R>,
): Promise<R> {
  const before = await change.load();
  if (!before) throw notFound();
  const version = change.expectedVersion ?? before.version;
  if (before.version !== version) throw stale();
  const n = await change.write(before, version);
  if (n === null) return before;
  if (n === 0) throw stale();
  const after = await change.load();
  if (!after) throw notFound();
  await tx.audit(change.audit(before, after));
  return after;
}

/** A named row that can be archived (sites, departments, people, the inventory's registers). */
interface ArchivableRow {
  version: number;
  name: string;
  archived_at: string | null;
}

interface ArchiveChange<R extends ArchivableRow> {
  /** The audit entity type; the action is `<entityType>.archive` or `.unarchive`. */
  entityType: string;
  id: string;
  archived: boolean;
  /** As in changeVersioned: the version the client edited, else the one just loaded. */
  expectedVersion?: number;
  load: () => Promise<R | undefined>;
  /** Write the two columns at `version` (usually the repo's update, over `updateVersioned`). */
  update: (version: number, changes: { archived_at: string | null; updated_at: string }) => Promise<number>;
}

/**
 * Archive or unarchive a row through changeVersioned, auditing its name and archive time before and
 * after. Archiving twice changes nothing and records nothing.
 * @example await setArchivedVersioned(tx, { entityType: 'site', id, archived: true, load, update: (v, c) => repo.updateSite(tx.trx, orgId, id, v, c) })
 */
export function setArchivedVersioned<R extends ArchivableRow>(
  tx: AuditedTx,
  change: ArchiveChange<R>,
): Promise<R> {
  const { entityType, id, archived } = change;
  return changeVersioned(tx, {
    load: change.load,
    ...(change.expectedVersion === undefined ? {} : { expectedVersion: change.expectedVersion }),
    write: async (before, version) => {
      if ((before.archived_at !== null) === archived) return null;
      const now = nowIso();
      return change.update(version, { archived_at: archived ? now : null, updated_at: now });
    },
    audit: (before, after) => ({
      action: `${entityType}.${archived ? 'archive' : 'unarchive'}`,
      entityType,
      entityId: id,
      before: { name: before.name, archivedAt: before.archived_at },
      after: { name: after.name, archivedAt: after.archived_at },
    }),
  });
}
