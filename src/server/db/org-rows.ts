import type { Insertable, Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.js';

/**
 * The plain queries of a repo over a table whose rows belong to one organization and are named by
 * an id: find by id, reference check, list, insert and delete. A repo wraps them in functions of
 * its own (`findTask(db, orgId, id)`), so services keep calling the repo.
 *
 * Typed without casts: the query names the union of such tables as its FROM (`selectFrom<OrgTable>`),
 * where `org_id` and `id` are columns of every member, and selects the columns of the one table
 * asked for (`selectAll(table)`), so the row type is that table's.
 */

/** Tables whose rows belong to one organization and are named by an id. */
export type OrgTable = {
  [K in keyof Database]: Database[K] extends { id: string; org_id: string } ? K : never;
}[keyof Database];

/** A column of `T` a list may be filtered or ordered by. */
type Column<T extends OrgTable> = keyof Selectable<Database[T]> & string;

/** Filter of a list: column = value, every entry must hold (`{ incident_id: id }`); null is IS NULL. */
type Filter<T extends OrgTable> = { [C in Column<T>]?: Selectable<Database[T]>[C] };

interface ListOptions<T extends OrgTable> {
  where?: Filter<T>;
  /** Columns to order by, first to last; `[column, 'desc']` for a descending one. */
  orderBy?: readonly (Column<T> | readonly [Column<T>, 'asc' | 'desc'])[];
  limit?: number;
}

/** The query narrowed to rows whose `column` equals `value` (IS NULL for null, as SQL needs). */
function whereEquals<O>(
  db: Kysely<Database>,
  q: SelectQueryBuilder<Database, OrgTable, O>,
  column: string,
  value: unknown,
): SelectQueryBuilder<Database, OrgTable, O> {
  return value === null
    ? q.where(db.dynamic.ref(column), 'is', null)
    : q.where(db.dynamic.ref(column), '=', value);
}

/**
 * The organization's row of `table` with that id, or with those column values (a table also keyed by
 * something else, e.g. a recovery procedure by its `system_id`); undefined when there is none, or it is
 * another organization's.
 * @example await findOrgRow(db, 'sites', orgId, id) // SELECT sites.* FROM sites WHERE org_id = ? AND id = ?
 * @example await findOrgRow(db, 'recovery_procedures', orgId, { system_id }) // … WHERE org_id = ? AND system_id = ?
 */
export async function findOrgRow<T extends OrgTable>(
  db: Kysely<Database>,
  table: T,
  orgId: string,
  key: string | Filter<T>,
): Promise<Selectable<Database[T]> | undefined> {
  let q = db.selectFrom<OrgTable>(table).selectAll(table).where('org_id', '=', orgId);
  if (typeof key === 'string') return q.where('id', '=', key).executeTakeFirst();
  const where = Object.entries(key).filter(([, v]) => v !== undefined);
  // An empty key would answer any row of the organization.
  if (where.length === 0) throw new Error(`findOrgRow(${table}): empty key`);
  for (const [column, value] of where) q = whereEquals(db, q, column, value);
  return q.executeTakeFirst();
}

/**
 * The organization's rows of `table` matching `where`, in `orderBy` order (then at most `limit`).
 * The row type is inferred; a repo declares it (`Promise<IncidentTaskRow[]>`), which checks it.
 * @example await listOrgRows(db, 'incident_tasks', orgId, { where: { incident_id }, orderBy: ['created_at', 'id'] })
 */
export function listOrgRows<T extends OrgTable>(
  db: Kysely<Database>,
  table: T,
  orgId: string,
  options: ListOptions<T>,
) {
  let q = db.selectFrom<OrgTable>(table).selectAll(table).where('org_id', '=', orgId);
  for (const [column, value] of Object.entries(options.where ?? {})) {
    if (value !== undefined) q = whereEquals(db, q, column, value);
  }
  for (const order of options.orderBy ?? []) {
    q =
      typeof order === 'string'
        ? q.orderBy(db.dynamic.ref(order))
        : q.orderBy(db.dynamic.ref(order[0]), order[1]);
  }
  if (options.limit !== undefined) q = q.limit(options.limit);
  return q.execute();
}

/**
 * Insert one row of `table` (its `org_id` is part of the row).
 * @example await insertOrgRow(db, 'incident_tasks', row)
 */
export async function insertOrgRow<T extends OrgTable>(
  db: Kysely<Database>,
  table: T,
  row: Insertable<Database[T]>,
): Promise<void> {
  await db.insertInto(table).values(row).execute();
}

/** True when the organization has a row of `table` with that id (a reference check). */
export async function orgRowExists(
  db: Kysely<Database>,
  table: OrgTable,
  orgId: string,
  id: string,
): Promise<boolean> {
  const row = await db
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
  const r = await db.deleteFrom(table).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Tables of an organization whose rows have a name. */
type NamedOrgTable = { [K in OrgTable]: Database[K] extends { name: string } ? K : never }[OrgTable];

/**
 * Names of the organization's rows of `table` among `ids`, by id (ids of other organizations are
 * simply absent). Asked in chunks that keep the parameter count well below both engines' limits.
 */
export async function orgRowNames(
  db: Kysely<Database>,
  table: NamedOrgTable,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'name'])
      .where('org_id', '=', orgId)
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

/**
 * The plain queries above bound to one table, for a repo to export under its own names:
 * @example const tasks = orgRows('incident_tasks');
 * export const findTask = tasks.find; // (db, orgId, id) => Promise<IncidentTaskRow | undefined>
 * export const insertTask = tasks.insert;
 */
export function orgRows<T extends OrgTable>(table: T) {
  return {
    find: (db: Kysely<Database>, orgId: string, key: string | Filter<T>) => findOrgRow(db, table, orgId, key),
    list: (db: Kysely<Database>, orgId: string, options: ListOptions<T>) =>
      listOrgRows(db, table, orgId, options),
    insert: (db: Kysely<Database>, row: Insertable<Database[T]>) => insertOrgRow(db, table, row),
    exists: (db: Kysely<Database>, orgId: string, id: string) => orgRowExists(db, table, orgId, id),
    delete: (db: Kysely<Database>, orgId: string, id: string) => deleteOrgRow(db, table, orgId, id),
  };
}
