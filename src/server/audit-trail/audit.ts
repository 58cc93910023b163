import type { Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { AuditRow, Database } from '../db/schema.js';
import { newId, nowIso, sha256Hex } from '../ids.js';
import { SECRET_FIELDS } from '../secret-fields.js';
import * as repo from './repo.js';

const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  orgId: string | null;
  actorUserId: string | null;
  /** Verb in dotted form: 'person.create', 'auth.login_failed', 'member.role_change' … */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Any other facts worth keeping (counts, reasons). */
  details?: Record<string, unknown>;
}

const REDACTED = '[redacted]';

/** Never let a secret reach the audit log, whatever a caller passes in (secret-fields.ts lists them). */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_FIELDS.has(k) ? REDACTED : redact(v);
    return out;
  }
  return value;
}

/** Hash of one entry: its fields in fixed order, chained to the previous entry's hash. */
function hashEntry(row: Omit<AuditRow, 'id' | 'hash'>): string {
  const fields = [
    row.seq,
    row.org_id,
    row.at,
    row.actor_user_id,
    row.action,
    row.entity_type,
    row.entity_id,
    row.summary,
  ];
  return sha256Hex(`${row.prev_hash}\n${JSON.stringify(fields)}`);
}

/**
 * Append entries to one chain (an organization's, or the system chain), in their order. Call inside
 * the transaction that makes the change, so the change and its record commit together. The chain's
 * head row is locked once on PostgreSQL so concurrent writers queue (SQLite transactions are
 * serialized already); a batch of safety answers writes all its entries with one lock.
 */
export async function recordAudits(
  trx: Kysely<Database>,
  engine: Db['engine'],
  entries: readonly AuditEntry[],
): Promise<void> {
  const first = entries[0];
  if (!first) return;
  const chain = first.orgId ?? '';
  if (entries.some((e) => (e.orgId ?? '') !== chain)) throw new Error('recordAudits: one chain at a time');
  const head = await repo.lockHead(trx, engine, chain, GENESIS_HASH);
  const at = nowIso();
  let { seq, hash } = head;
  const rows = entries.map((entry) => {
    const summary: Record<string, unknown> = {};
    if (entry.before !== undefined) summary.before = redact(entry.before);
    if (entry.after !== undefined) summary.after = redact(entry.after);
    if (entry.details !== undefined) summary.details = redact(entry.details);
    const row = {
      seq: seq + 1,
      org_id: entry.orgId,
      at,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      summary: JSON.stringify(summary),
      prev_hash: hash,
    };
    seq = row.seq;
    hash = hashEntry(row);
    return { id: newId(), ...row, hash };
  });
  await repo.appendEntries(trx, chain, rows);
}

export interface ChainBreak {
  chain: string;
  seq: number;
  entryId: string | null;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'missing_entry' | 'head_mismatch';
}

/**
 * Walk every chain in order and report the first broken link of each. An altered row fails its
 * own hash; a deleted row leaves a gap in seq or a prev_hash that no longer matches; a deleted
 * tail is caught by the head row.
 */
export async function verifyAuditChains(
  db: Kysely<Database>,
  opts: { chain?: string } = {},
): Promise<{ checked: number; breaks: ChainBreak[] }> {
  // One organization's chain only (the audit page); the CLI walks them all.
  const heads = await repo.listHeads(db, opts.chain);
  const breaks: ChainBreak[] = [];
  let checked = 0;
  for (const head of heads) {
    const chain = head.chain;
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let broken: ChainBreak | null = null;
    let lastId: string | null = null;
    const pageSize = 1000;
    for (let offset = 0; !broken; offset += pageSize) {
      const rows = await repo.chainPage(db, chain, pageSize, offset);
      for (const r of rows) {
        checked++;
        if (r.seq !== expectedSeq)
          broken = { chain, seq: expectedSeq, entryId: r.id, reason: 'missing_entry' };
        else if (r.prev_hash !== prev)
          broken = { chain, seq: r.seq, entryId: r.id, reason: 'prev_hash_mismatch' };
        else if (hashEntry(r) !== r.hash)
          broken = { chain, seq: r.seq, entryId: r.id, reason: 'hash_mismatch' };
        if (broken) break;
        prev = r.hash;
        lastId = r.id;
        expectedSeq++;
      }
      if (rows.length < pageSize) break;
    }
    if (!broken && (head.seq !== expectedSeq - 1 || head.hash !== prev)) {
      broken = { chain, seq: expectedSeq, entryId: lastId, reason: 'head_mismatch' };
    }
    if (broken) breaks.push(broken);
  }
  return { checked, breaks };
}
