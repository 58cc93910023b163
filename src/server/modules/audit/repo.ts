import type { Db } from '../../db/database.js';
import type { AuditRow } from '../../db/schema.js';

export interface AuditFilter {
  actionPrefix?: string | undefined;
  entityType?: string | undefined;
  actorUserId?: string | undefined;
  /** Inclusive, normalized ISO-8601 UTC. */
  from?: string | undefined;
  /** Exclusive, normalized ISO-8601 UTC. */
  to?: string | undefined;
  /** Only entries with seq below this (the cursor). */
  beforeSeq?: number | undefined;
}

export type AuditRowWithActor = AuditRow & { actor_display_name: string | null };

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
  const prefix = filter.actionPrefix;
  if (prefix) {
    // substr instead of LIKE: no wildcard escaping, same meaning on both engines.
    q = q.where(
      (eb) => eb.fn<string>('substr', ['audit_log.action', eb.val(1), eb.val(prefix.length)]),
      '=',
      prefix,
    );
  }
  if (filter.entityType) q = q.where('audit_log.entity_type', '=', filter.entityType);
  if (filter.actorUserId) q = q.where('audit_log.actor_user_id', '=', filter.actorUserId);
  if (filter.from) q = q.where('audit_log.at', '>=', filter.from);
  if (filter.to) q = q.where('audit_log.at', '<', filter.to);
  if (filter.beforeSeq !== undefined) q = q.where('audit_log.seq', '<', filter.beforeSeq);
  return q.orderBy('audit_log.seq', 'desc').limit(limit).execute();
}
