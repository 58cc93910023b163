/** SQL of the audit chains: audit_log (append-only) and audit_heads (each chain's tip). */
import type { Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { AuditRow, Database } from '../db/schema.js';

type Q = Kysely<Database>;

/** The chain's head, created at `genesis` when the chain is new; locked on PostgreSQL so writers queue. */
export async function lockHead(
  trx: Q,
  engine: Db['engine'],
  chain: string,
  genesis: string,
): Promise<{ seq: number; hash: string }> {
  await trx
    .insertInto('audit_heads')
    .values({ chain, seq: 0, hash: genesis })
    .onConflict((oc) => oc.column('chain').doNothing())
    .execute();
  let headQuery = trx.selectFrom('audit_heads').select(['seq', 'hash']).where('chain', '=', chain);
  if (engine === 'pg') headQuery = headQuery.forUpdate();
  return headQuery.executeTakeFirstOrThrow();
}

/** Rows written by one INSERT: well below the bound-parameter limits of both engines. */
const INSERT_CHUNK = 200;

/** Append entries (in seq order) and move their chain's head to the last one. */
export async function appendEntries(trx: Q, chain: string, rows: readonly AuditRow[]): Promise<void> {
  const last = rows.at(-1);
  if (!last) return;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  await trx
    .updateTable('audit_heads')
    .set({ seq: last.seq, hash: last.hash })
    .where('chain', '=', chain)
    .execute();
}

/** Every chain's head (or one chain's), in chain order. */
export async function listHeads(q: Q, chain?: string) {
  let headsQuery = q.selectFrom('audit_heads').selectAll();
  if (chain !== undefined) headsQuery = headsQuery.where('chain', '=', chain);
  return headsQuery.orderBy('chain').execute();
}

/** Every chain's head with its organization's name (null for the system chain). */
export async function listHeadsWithNames(q: Q) {
  return q
    .selectFrom('audit_heads')
    .leftJoin('organizations', 'organizations.id', 'audit_heads.chain')
    .select(['audit_heads.chain', 'audit_heads.seq', 'audit_heads.hash', 'organizations.name'])
    .orderBy('audit_heads.chain')
    .execute();
}

const inChain = (q: Q, chain: string) => {
  const all = q.selectFrom('audit_log');
  // The system chain is '' and its entries have no organization.
  return chain === '' ? all.where('org_id', 'is', null) : all.where('org_id', '=', chain);
};

/** One page of a chain's entries in seq order. */
export async function chainPage(q: Q, chain: string, limit: number, offset: number): Promise<AuditRow[]> {
  return inChain(q, chain).selectAll().orderBy('seq').limit(limit).offset(offset).execute();
}

/** How many entries of a chain have seq ≤ `upTo`, and the hash of the one at `upTo` (if present). */
export async function chainUpTo(
  q: Q,
  chain: string,
  upTo: number,
): Promise<{ present: number; hashAt: string | undefined }> {
  const upToQuery = inChain(q, chain).where('seq', '<=', upTo);
  const { n } = await upToQuery.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const at = await upToQuery.select('hash').where('seq', '=', upTo).executeTakeFirst();
  return { present: Number(n), hashAt: at?.hash };
}

/** Every organization's name by id (the chain of an organization is its id). */
export async function organizationNames(q: Q): Promise<Map<string, string>> {
  const rows = await q.selectFrom('organizations').select(['id', 'name']).execute();
  return new Map(rows.map((o) => [o.id, o.name]));
}
