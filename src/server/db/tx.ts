import type { Kysely } from 'kysely';
import { type AuditEntry, recordAudits } from '../audit-trail/audit.js';
import { conflict } from '../errors.js';
import type { Db } from './database.js';
import type { Database } from './schema.js';

export interface Actor {
  userId: string | null;
  orgId: string | null;
}

export interface AuditedTx {
  trx: Kysely<Database>;
  /** Record an audit entry in this transaction; org and actor default to the caller's. */
  audit(entry: TxAuditEntry): Promise<void>;
  /** Several entries of one organization at once, in order (one lock of the chain's head). */
  auditMany(entries: readonly TxAuditEntry[]): Promise<void>;
}

type TxAuditEntry = Omit<AuditEntry, 'orgId' | 'actorUserId'> & Partial<Pick<AuditEntry, 'orgId'>>;

/**
 * Run a write in one transaction together with its audit entries: either the change and its
 * record both commit, or neither does.
 * @example await audited(db, actor, async ({ trx, audit }) => { …; await audit({ action: 'site.create', … }) })
 */
export function audited<T>(db: Db, actor: Actor, fn: (tx: AuditedTx) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => {
    const full = (entry: TxAuditEntry): AuditEntry => ({
      orgId: actor.orgId,
      actorUserId: actor.userId,
      ...entry,
    });
    return fn({
      trx,
      audit: (entry) => recordAudits(trx, db.engine, [full(entry)]),
      auditMany: (entries) => recordAudits(trx, db.engine, entries.map(full)),
    });
  });
}

/** True when a database error is a unique-constraint violation (both engines). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint/.test(e?.message ?? '')
  );
}

/**
 * Run `work`; a unique-constraint violation in it becomes 409 `duplicate` naming `field` (a second
 * site of the same name, a second person with the same employee number).
 * @example await duplicateAs409('name', () => audited(db, actor, (tx) => addSite(tx, actor, input)))
 */
export async function duplicateAs409<T>(field: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('duplicate', { params: { field } });
    throw err;
  }
}
