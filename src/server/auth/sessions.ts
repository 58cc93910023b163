import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Role } from '../../domain/organization.js';
import type { Db } from '../db/database.js';
import type { Database, SessionRow } from '../db/schema.js';
import type { AuthContext } from '../http/auth-context.js';
import { newToken, nowIso, sha256Hex } from '../ids.js';

export const SESSION_COOKIE = 'keizoku_session';
/** Idle sessions end after 12 hours; any request extends them. */
const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** Sessions waiting for the second factor live 10 minutes. */
const PENDING_SESSION_MS = 10 * 60 * 1000;

const addMs = (ms: number) => new Date(Date.now() + ms).toISOString();

/** Create a session; returns the cookie token (only its hash is stored). */
export async function createSession(
  db: Db,
  userId: string,
  opts: { verified: boolean; orgId: string | null },
): Promise<string> {
  const token = newToken();
  const now = nowIso();
  await db.kysely
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      user_id: userId,
      current_org_id: opts.orgId,
      verified_at: opts.verified ? now : null,
      created_at: now,
      expires_at: addMs(opts.verified ? SESSION_IDLE_MS : PENDING_SESSION_MS),
      last_seen_at: now,
    })
    .execute();
  return token;
}

export async function markSessionVerified(db: Db, sessionId: string): Promise<void> {
  await db.kysely
    .updateTable('sessions')
    .set({ verified_at: nowIso(), expires_at: addMs(SESSION_IDLE_MS) })
    .where('id', '=', sessionId)
    .execute();
}

export async function destroySession(db: Db, sessionId: string): Promise<void> {
  await db.kysely.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/**
 * End every session of a user except (optionally) one — used on password change. `q` is the
 * database or the transaction that records it; returns how many sessions ended.
 */
export async function destroyOtherSessions(
  q: Kysely<Database>,
  userId: string,
  keepSessionId?: string,
): Promise<number> {
  let del = q.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) del = del.where('id', '!=', keepSessionId);
  const result = await del.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Load the caller from the session cookie; null for no, unknown or expired sessions. */
export async function resolveAuth(db: Db, token: string | undefined): Promise<AuthContext | null> {
  if (!token || token.length > 200) return null;
  const id = sha256Hex(token);
  const now = nowIso();
  const session = await db.kysely
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!session) return null;
  const user = await db.kysely
    .selectFrom('users')
    .selectAll()
    .where('id', '=', session.user_id)
    .executeTakeFirst();
  if (!user) return null;
  let org: AuthContext['org'] = null;
  if (session.current_org_id) {
    const m = await db.kysely
      .selectFrom('memberships')
      .select('role')
      .where('org_id', '=', session.current_org_id)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (m) org = { id: session.current_org_id, role: m.role as Role };
  }
  await touchSession(db, session);
  return { user, session, org };
}

// Extend a verified session at most once a minute, so reads do not turn into writes.
async function touchSession(db: Db, session: SessionRow): Promise<void> {
  if (!session.verified_at) return;
  if (Date.now() - Date.parse(session.last_seen_at) < 60_000) return;
  await db.kysely
    .updateTable('sessions')
    .set({ last_seen_at: nowIso(), expires_at: addMs(SESSION_IDLE_MS) })
    .where('id', '=', session.id)
    .execute();
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export const sessionTokenOf = (request: FastifyRequest): string | undefined =>
  request.cookies[SESSION_COOKIE];

/** Point a session at another organization (the caller checked the membership). */
export async function setSessionOrg(db: Db, sessionId: string, orgId: string | null): Promise<void> {
  await db.kysely
    .updateTable('sessions')
    .set({ current_org_id: orgId })
    .where('id', '=', sessionId)
    .execute();
}
