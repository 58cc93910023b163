import { type Kysely, sql } from 'kysely';
import type { Locale, Role } from '../../../domain/organization.js';
import type { Db } from '../../db/database.js';
import type { Database, UserRow } from '../../db/schema.js';
import { newId, nowIso } from '../../ids.js';

/** SQL for accounts: users, their memberships, recovery codes. `q` is the database or a transaction. */
type Q = Kysely<Database>;

/** True when a user exists (with one of these emails, when given). */
export async function anyUser(q: Q, emails?: readonly string[]): Promise<boolean> {
  let query = q.selectFrom('users').select('id');
  if (emails) query = query.where('email', 'in', emails);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

export async function countUsers(q: Q): Promise<number> {
  const r = await q
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Block other writers of users until this transaction ends (PostgreSQL; SQLite writes are serial). */
export async function lockUsersTable(q: Q, engine: Db['engine']): Promise<void> {
  if (engine === 'pg') await sql`lock table users in share row exclusive mode`.execute(q);
}

export const findUserByEmail = (q: Q, email: string): Promise<UserRow | undefined> =>
  q.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

/** Some user's encrypted two-step secret, if any user has one (a restore checks it decrypts). */
export async function anyMfaSecret(q: Q): Promise<string | null> {
  const row = await q
    .selectFrom('users')
    .select('mfa_secret')
    .where('mfa_secret', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row?.mfa_secret ?? null;
}

export const findUserById = (q: Q, id: string): Promise<UserRow | undefined> =>
  q.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertUser(
  q: Q,
  id: string,
  u: { email: string; displayName: string; passwordHash: string; locale: Locale },
): Promise<void> {
  const now = nowIso();
  await q
    .insertInto('users')
    .values({
      id,
      email: u.email.toLowerCase(),
      display_name: u.displayName,
      password_hash: u.passwordHash,
      locale: u.locale,
      mfa_secret: null,
      mfa_enabled_at: null,
      failed_login_count: 0,
      locked_until: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function updateUser(
  q: Q,
  id: string,
  set: Partial<
    Pick<
      UserRow,
      | 'display_name'
      | 'locale'
      | 'password_hash'
      | 'password_changed_at'
      | 'mfa_secret'
      | 'mfa_enabled_at'
      | 'mfa_last_step'
      | 'failed_login_count'
      | 'locked_until'
    >
  >,
): Promise<void> {
  await q
    .updateTable('users')
    .set({ ...set, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

/** Count one failed attempt; returns the new count. */
export async function incrementFailedLogins(q: Q, id: string): Promise<number> {
  await q
    .updateTable('users')
    .set((eb) => ({ failed_login_count: eb('failed_login_count', '+', 1) }))
    .where('id', '=', id)
    .execute();
  const r = await q
    .selectFrom('users')
    .select('failed_login_count')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return r.failed_login_count;
}

/** Record a TOTP step as used; false when that step (or a later one) was already used. */
export async function claimTotpStep(q: Q, id: string, step: number): Promise<boolean> {
  const r = await q
    .updateTable('users')
    .set({ mfa_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export interface UserOrg {
  id: string;
  name: string;
  role: Role;
}

/** The organizations a user belongs to, oldest membership first. */
export async function listUserOrgs(q: Q, userId: string): Promise<UserOrg[]> {
  const rows = await q
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.org_id')
    .select(['organizations.id as id', 'organizations.name as name', 'memberships.role as role'])
    .where('memberships.user_id', '=', userId)
    .orderBy('memberships.created_at')
    .orderBy('memberships.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role }));
}

/** Ids of the organizations a user belongs to, in a fixed order (so chain heads lock in order). */
export async function listUserOrgIds(q: Q, userId: string): Promise<string[]> {
  const rows = await q
    .selectFrom('memberships')
    .select('org_id')
    .where('user_id', '=', userId)
    .orderBy('org_id')
    .execute();
  return rows.map((r) => r.org_id);
}

/** Members of one organization whose account is locked now (lock end after `now`). */
export async function listLockedMembers(
  q: Q,
  orgId: string,
  now: string,
): Promise<{ id: string; display_name: string; locked_until: string }[]> {
  const rows = await q
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.display_name', 'users.locked_until'])
    .where('memberships.org_id', '=', orgId)
    .where('users.locked_until', '>', now)
    .orderBy('users.locked_until')
    .orderBy('users.id')
    .execute();
  return rows.map((r) => ({ ...r, locked_until: r.locked_until as string }));
}

export async function replaceRecoveryCodes(q: Q, userId: string, hashes: string[]): Promise<void> {
  await q.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (hashes.length === 0) return;
  await q
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ id: newId(), user_id: userId, code_hash, used_at: null })))
    .execute();
}

/** Use an unused recovery code; false when none matches. */
export async function consumeRecoveryCode(q: Q, userId: string, codeHash: string): Promise<boolean> {
  const r = await q
    .updateTable('recovery_codes')
    .set({ used_at: nowIso() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

// ---- Organizations and memberships, for setup and invitations -------------------------------

export async function insertOrganization(
  q: Q,
  id: string,
  name: string,
  timezone = 'Asia/Tokyo',
  annualSalesYen: number | null = null,
): Promise<void> {
  const now = nowIso();
  await q
    .insertInto('organizations')
    .values({
      id,
      name,
      timezone,
      annual_sales_yen: annualSalesYen,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
}

export async function insertMembership(q: Q, orgId: string, userId: string, role: Role): Promise<string> {
  const id = newId();
  await q
    .insertInto('memberships')
    .values({ id, org_id: orgId, user_id: userId, role, created_at: nowIso() })
    .execute();
  return id;
}

export async function findMembership(q: Q, orgId: string, userId: string) {
  return q
    .selectFrom('memberships')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}
