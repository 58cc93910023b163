import { type Kysely, sql, type Updateable } from 'kysely';
import type { OutboundReason } from '../../../domain/outbound.js';
import type { Database, OutboundMessageRow } from '../../db/schema.js';

type Exec = Kysely<Database>;

export type NewOutboundRow = Omit<
  OutboundMessageRow,
  | 'status'
  | 'attempts'
  | 'claim_token'
  | 'locked_until'
  | 'last_reason'
  | 'last_detail'
  | 'sent_at'
  | 'failed_at'
>;

/**
 * Inserts the messages whose (org, dedupe key) is new; returns the ids of the rows now stored for
 * every key (new or already there), so a repeated enqueue answers the same ids.
 */
export async function insertMessages(
  db: Exec,
  orgId: string,
  rows: NewOutboundRow[],
): Promise<{ created: Set<string>; idByKey: Map<string, string> }> {
  const created = new Set<string>();
  // 500 rows a statement stays under SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const inserted = await db
      .insertInto('outbound_messages')
      .values(chunk.map((r) => ({ ...r, status: 'queued' as const, attempts: 0 })))
      .onConflict((oc) => oc.columns(['org_id', 'dedupe_key']).doNothing())
      .returning('id')
      .execute();
    for (const r of inserted) created.add(r.id);
  }
  const idByKey = new Map<string, string>();
  const keys = rows.map((r) => r.dedupe_key);
  for (let i = 0; i < keys.length; i += 500) {
    const found = await db
      .selectFrom('outbound_messages')
      .select(['id', 'dedupe_key'])
      .where('org_id', '=', orgId)
      .where('dedupe_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of found) idByKey.set(r.dedupe_key, r.id);
  }
  return { created, idByKey };
}

export type ClaimedMessage = Pick<
  OutboundMessageRow,
  'id' | 'org_id' | 'channel' | 'recipient' | 'subject' | 'body' | 'attempts' | 'max_attempts'
>;

/**
 * Takes up to `limit` due messages for this claim: queued ones whose time has come, and 'sending'
 * ones whose lease ran out (their process stopped mid-send). One UPDATE: on PostgreSQL the rows
 * are picked FOR UPDATE SKIP LOCKED, so two workers never take the same row; on SQLite the
 * statement runs under the single writer's lock.
 */
export async function claimDue(
  db: Exec,
  engine: 'sqlite' | 'pg',
  opts: { now: string; leaseUntil: string; token: string; limit: number },
): Promise<ClaimedMessage[]> {
  let due = db
    .selectFrom('outbound_messages')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', opts.now)]),
        eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', opts.now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(opts.limit);
  if (engine === 'pg') due = due.forUpdate().skipLocked();
  return db
    .updateTable('outbound_messages')
    .set({
      status: 'sending',
      claim_token: opts.token,
      locked_until: opts.leaseUntil,
      attempts: sql<number>`attempts + 1`,
      updated_at: opts.now,
    })
    .where('id', 'in', due)
    .returning(['id', 'org_id', 'channel', 'recipient', 'subject', 'body', 'attempts', 'max_attempts'])
    .execute();
}

/** Records delivered messages of this claim (a claim taken over by another worker changes nothing). */
export async function markSent(db: Exec, token: string, ids: string[], now: string): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const r = await db
      .updateTable('outbound_messages')
      .set({
        status: 'sent',
        sent_at: now,
        updated_at: now,
        claim_token: null,
        locked_until: null,
        last_reason: null,
        last_detail: null,
      })
      .where('claim_token', '=', token)
      .where('status', '=', 'sending')
      .where('id', 'in', ids.slice(i, i + 500))
      .executeTakeFirst();
    n += Number(r.numUpdatedRows);
  }
  return n;
}

/** Ends this claim on a message with these changes (a claim taken over by another worker changes nothing). */
async function endClaim(
  db: Exec,
  token: string,
  id: string,
  changes: Updateable<Database['outbound_messages']>,
): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({ ...changes, claim_token: null, locked_until: null })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .execute();
}

/** Puts a message back in the queue for a later attempt, with why this one failed. */
export function markRetry(
  db: Exec,
  token: string,
  id: string,
  f: { reason: OutboundReason; detail: string; nextAttemptAt: string; now: string },
): Promise<void> {
  return endClaim(db, token, id, {
    status: 'queued',
    next_attempt_at: f.nextAttemptAt,
    last_reason: f.reason,
    last_detail: f.detail,
    updated_at: f.now,
  });
}

/** Gives a message up for good. */
export function markFailed(
  db: Exec,
  token: string,
  id: string,
  f: { reason: OutboundReason; detail: string; now: string },
): Promise<void> {
  return endClaim(db, token, id, {
    status: 'failed',
    failed_at: f.now,
    last_reason: f.reason,
    last_detail: f.detail,
    updated_at: f.now,
  });
}

/** One organization's messages given up for good, newest first. */
export function listFailed(db: Exec, orgId: string, limit: number) {
  return db
    .selectFrom('outbound_messages')
    .select([
      'id',
      'channel',
      'dedupe_key',
      'recipient',
      'subject',
      'attempts',
      'last_reason',
      'last_detail',
      'failed_at',
    ])
    .where('org_id', '=', orgId)
    .where('status', '=', 'failed')
    .orderBy('failed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The state of one organization's messages whose dedupe key starts with `prefix` (no wildcards in it). */
export function statesByKeyPrefix(db: Exec, orgId: string, prefix: string) {
  return db
    .selectFrom('outbound_messages')
    .select(['dedupe_key', 'status', 'last_reason', 'failed_at'])
    .where('org_id', '=', orgId)
    .where('dedupe_key', 'like', `${prefix}%`)
    .execute();
}

/** How many of one organization's messages are in each state. */
export async function countByStatus(db: Exec, orgId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbound_messages')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
