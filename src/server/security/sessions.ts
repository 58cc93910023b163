import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database, SessionRow } from '../db/schema.js';
import { newToken, nowIso, sha256Hex } from '../ids.js';
import type { AuthContext } from './auth-context.js';
import * as repo from './sessions-repo.js';

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
  await repo.insertSession(db.kysely, {
    id: sha256Hex(token),
    user_id: userId,
    current_org_id: opts.orgId,
    verified_at: opts.verified ? now : null,
    created_at: now,
    expires_at: addMs(opts.verified ? SESSION_IDLE_MS : PENDING_SESSION_MS),
    last_seen_at: now,
  });
  return token;
}

export async function markSessionVerified(db: Db, sessionId: string): Promise<void> {
  await repo.updateSession(db.kysely, sessionId, {
    verified_at: nowIso(),
    expires_at: addMs(SESSION_IDLE_MS),
  });
}

export async function destroySession(db: Db, sessionId: string): Promise<void> {
  await repo.deleteSession(db.kysely, sessionId);
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
  return repo.deleteUserSessions(q, userId, keepSessionId);
}

/** Load the caller from the session cookie; null for no, unknown or expired sessions. */
export async function resolveAuth(db: Db, token: string | undefined): Promise<AuthContext | null> {
  if (!token || token.length > 200) return null;
  const id = sha256Hex(token);
  const session = await repo.findLiveSession(db.kysely, id, nowIso());
  if (!session) return null;
  const user = await repo.findUser(db.kysely, session.user_id);
  if (!user) return null;
  let org: AuthContext['org'] = null;
  if (session.current_org_id) {
    const role = await repo.findRole(db.kysely, session.current_org_id, user.id);
    if (role) org = { id: session.current_org_id, role };
  }
  await touchSession(db, session);
  return { user, session, org };
}

// Extend a verified session at most once a minute, so reads do not turn into writes.
async function touchSession(db: Db, session: SessionRow): Promise<void> {
  if (!session.verified_at) return;
  if (Date.now() - Date.parse(session.last_seen_at) < 60_000) return;
  await repo.updateSession(db.kysely, session.id, {
    last_seen_at: nowIso(),
    expires_at: addMs(SESSION_IDLE_MS),
  });
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
  await repo.updateSession(db.kysely, sessionId, { current_org_id: orgId });
}
