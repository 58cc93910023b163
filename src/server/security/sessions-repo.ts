/** SQL of the sessions table (and the lookups that resolve a session to its user and role). */
import type { Kysely } from 'kysely';
import type { Role } from '../../domain/organization.js';
import type { Database, SessionRow, UserRow } from '../db/schema.js';

type Q = Kysely<Database>;

export async function insertSession(q: Q, row: SessionRow): Promise<void> {
  await q.insertInto('sessions').values(row).execute();
}

export async function updateSession(
  q: Q,
  id: string,
  set: Partial<Pick<SessionRow, 'verified_at' | 'expires_at' | 'last_seen_at' | 'current_org_id'>>,
): Promise<void> {
  await q.updateTable('sessions').set(set).where('id', '=', id).execute();
}

export async function deleteSession(q: Q, id: string): Promise<void> {
  await q.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Delete every session of a user except (optionally) one; returns how many were deleted. */
export async function deleteUserSessions(q: Q, userId: string, keepId?: string): Promise<number> {
  let del = q.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) del = del.where('id', '!=', keepId);
  const result = await del.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A session that has not expired at `now`. */
export async function findLiveSession(q: Q, id: string, now: string): Promise<SessionRow | undefined> {
  return q
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function findUser(q: Q, id: string): Promise<UserRow | undefined> {
  return q.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The user's role in the organization; undefined when not (or no longer) a member. */
export async function findRole(q: Q, orgId: string, userId: string): Promise<Role | undefined> {
  const m = await q
    .selectFrom('memberships')
    .select('role')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return m?.role;
}
