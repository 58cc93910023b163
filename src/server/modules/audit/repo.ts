import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AuditRow } from '../../db/schema.js';

export interface AuditFilter {
  actionPrefix?: string | undefined;
  /** Any of these action prefixes (a module's actions). */
  actionPrefixes?: readonly string[] | undefined;
  entityType?: string | undefined;
  actorUserId?: string | undefined;
  /** Free text, matched in the recorded summary, the action and the actor's name. */
  text?: string | undefined;
  /** Inclusive, normalized ISO-8601 UTC. */
  from?: string | undefined;
  /** Exclusive, normalized ISO-8601 UTC. */
  to?: string | undefined;
  /** Only entries with seq below this (the cursor). */
  beforeSeq?: number | undefined;
}

export type AuditRowWithActor = AuditRow & { actor_display_name: string | null };

/** A LIKE pattern that finds `text` anywhere, its wildcards escaped with '\'. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One organization's entries, newest first (seq is the chain order). */
export async function listAuditEntries(
  db: Db,
  orgId: string,
  filter: AuditFilter,
  limit: number,
): Promise<AuditRowWithActor[]> {
  let q = db.kysely
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .selectAll('audit_log')
    .select('users.display_name as actor_display_name')
    .where('audit_log.org_id', '=', orgId);
  // substr instead of LIKE: no wildcard escaping, same meaning on both engines.
  const startsWith = (prefix: string) =>
    sql<boolean>`substr(audit_log.action, 1, ${prefix.length}) = ${prefix}`;
  const prefix = filter.actionPrefix;
  if (prefix) q = q.where(startsWith(prefix));
  const prefixes = filter.actionPrefixes;
  if (prefixes?.length) q = q.where((eb) => eb.or(prefixes.map(startsWith)));
  if (filter.entityType) q = q.where('audit_log.entity_type', '=', filter.entityType);
  if (filter.actorUserId) q = q.where('audit_log.actor_user_id', '=', filter.actorUserId);
  if (filter.text) {
    const pattern = containsPattern(filter.text);
    q = q.where((eb) =>
      eb.or(
        ['audit_log.summary', 'audit_log.action', 'users.display_name'].map(
          (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  if (filter.from) q = q.where('audit_log.at', '>=', filter.from);
  if (filter.to) q = q.where('audit_log.at', '<', filter.to);
  if (filter.beforeSeq !== undefined) q = q.where('audit_log.seq', '<', filter.beforeSeq);
  return q.orderBy('audit_log.seq', 'desc').limit(limit).execute();
}

/** Everyone who has acted in the organization's trail, by name. */
export async function listAuditActors(db: Db, orgId: string): Promise<{ id: string; displayName: string }[]> {
  return db.kysely
    .selectFrom('users')
    .select(['users.id', 'users.display_name as displayName'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('audit_log')
          .select('audit_log.id')
          .where('audit_log.org_id', '=', orgId)
          .whereRef('audit_log.actor_user_id', '=', 'users.id'),
      ),
    )
    .orderBy('users.display_name')
    .execute();
}

/** The tables whose rows an audit entry may name, with their name column (all organization-scoped). */
const NAMED_TABLES = [
  ['people', 'name'],
  ['sites', 'name'],
  ['departments', 'name'],
  ['business_operations', 'name'],
  ['it_systems', 'name'],
  ['it_components', 'name'],
  ['suppliers', 'name'],
  ['damage_estimates', 'name'],
  ['diagnosis_tasks', 'title'],
] as const;

/**
 * The current names of these records of the organization (people, sites, registers, estimates,
 * tasks, the organization itself, and users who acted in or were named by its trail).
 */
export async function currentNames(
  db: Db,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  for (const [table, column] of NAMED_TABLES) {
    const rows = await db.kysely
      .selectFrom(table)
      .select(['id', sql<string>`${sql.ref(column)}`.as('name')])
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  if (ids.includes(orgId)) {
    const org = await db.kysely
      .selectFrom('organizations')
      .select('name')
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (org) names.set(orgId, org.name);
  }
  // Users are not owned by one organization: only those the organization's own trail mentions.
  const users = await db.kysely
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('audit_log')
          .select('audit_log.id')
          .where('audit_log.org_id', '=', orgId)
          .where((w) =>
            w.or([
              w('audit_log.actor_user_id', '=', w.ref('users.id')),
              w('audit_log.entity_id', '=', w.ref('users.id')),
            ]),
          ),
      ),
    )
    .execute();
  for (const u of users) if (!names.has(u.id)) names.set(u.id, u.display_name);
  return names;
}

/** The organization's recorded summaries about these records, newest first (names of records deleted since). */
export async function summariesAbout(
  db: Db,
  orgId: string,
  ids: readonly string[],
): Promise<{ entity_id: string | null; summary: string }[]> {
  if (ids.length === 0) return [];
  return db.kysely
    .selectFrom('audit_log')
    .select(['entity_id', 'summary'])
    .where('org_id', '=', orgId)
    .where('entity_id', 'in', ids)
    .orderBy('seq', 'desc')
    .execute();
}
