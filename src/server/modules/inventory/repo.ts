import { type Kysely, sql, type Updateable } from 'kysely';
import { deleteOrgRow, findOrgRow, orgRowExists } from '../../db/org-rows.js';
import type { Database, DependencyEdgeRow } from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';
import type { ColumnValues, InventoryTable, TableRow } from './registers.js';

type Q = Kysely<Database>;
/** Every column of every register (the tables share the common ones). */
type WideRow = Database['business_operations'] &
  Database['it_systems'] &
  Database['it_components'] &
  Database['suppliers'];
/** The four register tables seen through their shared (wide) row type, for generic queries. */
type WideDb = Kysely<Record<InventoryTable, WideRow> & Pick<Database, 'people'>>;
// Kysely cannot follow a generic table name through its column types: the queries below run on
// one wide row type, and each function's signature gives back the row type of the table asked for.
const wide = (db: Q) => db as unknown as WideDb;

export type SortColumn = 'name' | 'created_at' | 'updated_at';

export interface ListFilter {
  q?: string | undefined;
  includeArchived: boolean;
  equals: [column: string, value: unknown][];
  eolBefore?: string | undefined;
}

/** '%text%' with LIKE wildcards in the text taken literally (escape character '\'). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function selectRows(db: Q, table: InventoryTable, orgId: string, hasOwner: boolean) {
  const base = wide(db).selectFrom(table).selectAll(table).where(`${table}.org_id`, '=', orgId);
  if (!hasOwner) return base.select(sql<string | null>`null`.as('owner_person_name'));
  return base
    .leftJoin('people', (j) =>
      j.onRef('people.id', '=', `${table}.owner_person_id`).on('people.org_id', '=', orgId),
    )
    .select('people.name as owner_person_name');
}

export async function listRows<T extends InventoryTable>(
  db: Q,
  orgId: string,
  table: T,
  hasOwner: boolean,
  filter: ListFilter,
  sort: { column: SortColumn; desc: boolean },
  after: { value: string; id: string } | null,
  limit: number,
): Promise<TableRow<T>[]> {
  const t: InventoryTable = table; // Kysely types a table of the four, not a generic one
  let q = selectRows(db, t, orgId, hasOwner);
  if (!filter.includeArchived) q = q.where(`${t}.archived_at`, 'is', null);
  for (const [column, value] of filter.equals) q = q.where(sql.ref(`${t}.${column}`), '=', value);
  if (filter.eolBefore) q = q.where(`${t}.eol_date`, '<=', filter.eolBefore);
  if (filter.q) {
    const p = containsPattern(filter.q);
    q = q.where((eb) =>
      eb.or(
        [`${t}.name`, `${t}.description`].map(
          (col) => sql<boolean>`lower(${sql.ref(col)}) like lower(${p}) escape '\\'`,
        ),
      ),
    );
  }
  const col = sql.ref(`${t}.${sort.column}`);
  const idCol = sql.ref(`${t}.id`);
  if (after) {
    const op = sort.desc ? '<' : '>';
    q = q.where((eb) =>
      eb.or([eb(col, op, after.value), eb.and([eb(col, '=', after.value), eb(idCol, op, after.id)])]),
    );
  }
  const dir = sort.desc ? 'desc' : 'asc';
  // The wide row read from `table` holds that table's columns (see `wide`).
  return (await q.orderBy(col, dir).orderBy(idCol, dir).limit(limit).execute()) as TableRow<T>[];
}

export async function findRow<T extends InventoryTable>(
  db: Q,
  orgId: string,
  table: T,
  hasOwner: boolean,
  id: string,
): Promise<TableRow<T> | undefined> {
  const t: InventoryTable = table; // Kysely types a table of the four, not a generic one
  // The wide row read from `table` holds that table's columns (see `wide`).
  return (await selectRows(db, t, orgId, hasOwner).where(`${t}.id`, '=', id).executeTakeFirst()) as
    | TableRow<T>
    | undefined;
}

export async function findByNames<T extends InventoryTable>(
  db: Q,
  orgId: string,
  table: T,
  names: string[],
): Promise<TableRow<T>[]> {
  const t: InventoryTable = table; // Kysely types a table of the four, not a generic one
  const out: TableRow<T>[] = [];
  for (let i = 0; i < names.length; i += 500) {
    const chunk = names.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await selectRows(db, t, orgId, false).where(`${t}.name`, 'in', chunk).execute();
    // The wide row read from `table` holds that table's columns (see `wide`).
    out.push(...(rows as TableRow<T>[]));
  }
  return out;
}

export async function insertRows(db: Q, table: InventoryTable, rows: ColumnValues[]): Promise<void> {
  const cols = rows[0] ? Object.keys(rows[0]).length : 1;
  const chunk = Math.max(1, Math.floor(30_000 / cols));
  for (let i = 0; i < rows.length; i += chunk)
    await wide(db)
      .insertInto(table)
      // The columns come from the register's spec (registers.ts), which names them per table.
      .values(rows.slice(i, i + chunk) as never)
      .execute();
}

/** Update one register row under its version (0 = stale version or not this organization's row). */
export function updateRow(
  db: Q,
  orgId: string,
  table: InventoryTable,
  id: string,
  expectedVersion: number,
  changes: ColumnValues,
): Promise<number> {
  // The columns come from the register's spec (registers.ts), which names them per table.
  return updateVersioned(db, table, orgId, id, expectedVersion, changes as Updateable<WideRow>);
}

export function personExists(db: Q, orgId: string, id: string): Promise<boolean> {
  return orgRowExists(db, 'people', orgId, id);
}

/** Every person of the organization (archived too) by name: an import links owners by name. */
export function peopleNames(
  db: Q,
  orgId: string,
): Promise<{ id: string; name: string; archived: boolean }[]> {
  return db
    .selectFrom('people')
    .select(['id', 'name', sql<boolean>`archived_at is not null`.as('archived')])
    .where('org_id', '=', orgId)
    .execute();
}

export async function nodeExists(db: Q, orgId: string, table: InventoryTable, id: string): Promise<boolean> {
  const r = await wide(db)
    .selectFrom(table)
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r !== undefined;
}

// --- Edges ---

export async function listEdges(
  db: Q,
  orgId: string,
  nodeId: string | undefined,
  afterId: string | null,
  limit: number,
): Promise<DependencyEdgeRow[]> {
  let q = db.selectFrom('dependency_edges').selectAll().where('org_id', '=', orgId);
  if (nodeId) q = q.where((eb) => eb.or([eb('from_id', '=', nodeId), eb('to_id', '=', nodeId)]));
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}

export function findEdge(db: Q, orgId: string, id: string): Promise<DependencyEdgeRow | undefined> {
  return findOrgRow(db, 'dependency_edges', orgId, id);
}

export async function insertEdge(db: Q, row: DependencyEdgeRow): Promise<void> {
  await db.insertInto('dependency_edges').values(row).execute();
}

export function deleteEdge(db: Q, orgId: string, id: string): Promise<number> {
  return deleteOrgRow(db, 'dependency_edges', orgId, id);
}

// --- Levels (the BIA's scale change remaps them) ---

/** Operation levels and system dependency levels, every row (archived too: levels are remapped). */
export async function levelledRows(db: Q, orgId: string) {
  const operations = await db
    .selectFrom('business_operations')
    .select(['id', 'name', 'importance', 'dependency_level', 'version'])
    .where('org_id', '=', orgId)
    .execute();
  const systems = await db
    .selectFrom('it_systems')
    .select(['id', 'name', 'dependency_level', 'version'])
    .where('org_id', '=', orgId)
    .execute();
  return { operations, systems };
}

export async function setOperationLevels(
  db: Q,
  orgId: string,
  id: string,
  levels: { importance: number | null; dependency_level: number | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('business_operations')
    .set((eb) => ({ ...levels, updated_at: now, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function setSystemLevel(db: Q, orgId: string, id: string, level: number | null, now: string) {
  await db
    .updateTable('it_systems')
    .set((eb) => ({ dependency_level: level, updated_at: now, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** The organization's BIA scale (3 until BIA settings say otherwise). */
export async function biaScale(db: Q, orgId: string): Promise<3 | 5> {
  const r = await db
    .selectFrom('bia_settings')
    .select('scale')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return r?.scale === 5 ? 5 : 3;
}

// --- Home page ---

/** How far the inventory has come: active operations and systems, and operations linked to nothing. */
export async function inventoryProgress(db: Q, orgId: string) {
  const operations = await db
    .selectFrom('business_operations')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('all'),
      eb.fn
        .count<number | string>('business_operations.id')
        .filterWhere((w) =>
          w.not(
            w.exists(
              w
                .selectFrom('dependency_edges')
                .select('dependency_edges.id')
                .where('dependency_edges.org_id', '=', orgId)
                .whereRef('dependency_edges.from_id', '=', 'business_operations.id'),
            ),
          ),
        )
        .as('unlinked'),
    ])
    .where('org_id', '=', orgId)
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  const systems = await db
    .selectFrom('it_systems')
    .select((eb) => eb.fn.countAll<number | string>().as('all'))
    .where('org_id', '=', orgId)
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    operations: Number(operations.all),
    unlinked: Number(operations.unlinked),
    systems: Number(systems.all),
  };
}

/** Active systems whose end of support is on or before `until` (YYYY-MM-DD), earliest first. */
export async function listSystemsEndingBy(db: Q, orgId: string, until: string) {
  return db
    .selectFrom('it_systems')
    .select(['id', 'name', 'eol_date'])
    .where('org_id', '=', orgId)
    .where('archived_at', 'is', null)
    .where('eol_date', 'is not', null)
    .where('eol_date', '<=', until)
    .orderBy('eol_date')
    .orderBy('name')
    .execute();
}
