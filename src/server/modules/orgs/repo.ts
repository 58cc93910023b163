import type { Kysely } from 'kysely';
import type { Role } from '../../../domain/organization.js';
import type { Db } from '../../db/database.js';
import type { Database, InvitationRow, OrganizationRow, PasswordResetRow } from '../../db/schema.js';
import { ORG_ROW, updateVersioned } from '../../db/versioned.js';
import { nowIso } from '../../ids.js';

/** SQL for organizations, memberships and invitations. Tenant queries take orgId first. */
type Q = Kysely<Database>;

export const findOrg = (q: Q, orgId: string): Promise<OrganizationRow | undefined> =>
  q.selectFrom('organizations').selectAll().where('id', '=', orgId).executeTakeFirst();

/** Serialize membership changes of one organization (PostgreSQL row lock; SQLite is serial anyway). */
export async function lockOrg(q: Q, engine: Db['engine'], orgId: string): Promise<void> {
  if (engine !== 'pg') return;
  await q.selectFrom('organizations').select('id').where('id', '=', orgId).forUpdate().execute();
}

export interface OrgChanges {
  name?: string;
  timezone?: string;
  annual_sales_yen?: number | null;
}

/** Optimistic update: only when the version still matches; the rows changed (0 = stale). */
export const updateOrg = (q: Q, orgId: string, version: number, set: OrgChanges): Promise<number> =>
  updateVersioned(q, 'organizations', orgId, ORG_ROW, version, { ...set, updated_at: nowIso() });

/** Active (not archived) rows per organization of one table, for the given organizations. */
async function countsBy(q: Q, table: 'people' | 'sites', orgIds: string[]): Promise<Map<string, number>> {
  if (orgIds.length === 0) return new Map();
  const rows = await q
    .selectFrom(table)
    .select((eb) => ['org_id', eb.fn.countAll<number>().as('n')])
    .where('org_id', 'in', orgIds)
    .where('archived_at', 'is', null)
    .groupBy('org_id')
    .execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
}

async function memberCounts(q: Q, orgIds: string[]): Promise<Map<string, number>> {
  if (orgIds.length === 0) return new Map();
  const rows = await q
    .selectFrom('memberships')
    .select((eb) => ['org_id', eb.fn.countAll<number>().as('n')])
    .where('org_id', 'in', orgIds)
    .groupBy('org_id')
    .execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
}

export interface OverviewRow {
  id: string;
  name: string;
  role: Role;
  peopleCount: number;
  sitesCount: number;
  membersCount: number;
}

/** Every organization of a user with its counts, by name. Only the user's own organizations. */
export async function overviewForUser(q: Q, userId: string): Promise<OverviewRow[]> {
  const orgs = await q
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.org_id')
    .select(['organizations.id as id', 'organizations.name as name', 'memberships.role as role'])
    .where('memberships.user_id', '=', userId)
    .orderBy('organizations.name')
    .orderBy('organizations.id')
    .execute();
  const ids = orgs.map((o) => o.id);
  const [people, sites, members] = await Promise.all([
    countsBy(q, 'people', ids),
    countsBy(q, 'sites', ids),
    memberCounts(q, ids),
  ]);
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    role: o.role,
    peopleCount: people.get(o.id) ?? 0,
    sitesCount: sites.get(o.id) ?? 0,
    membersCount: members.get(o.id) ?? 0,
  }));
}

// ---- Members ------------------------------------------------------------------------------------

export interface MemberRow {
  membership_id: string;
  user_id: string;
  display_name: string;
  email: string;
  role: Role;
  mfa_enabled_at: string | null;
  created_at: string;
}

function membersQuery(q: Q, orgId: string) {
  return q
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'memberships.id as membership_id',
      'memberships.user_id as user_id',
      'users.display_name as display_name',
      'users.email as email',
      'memberships.role as role',
      'users.mfa_enabled_at as mfa_enabled_at',
      'memberships.created_at as created_at',
    ])
    .where('memberships.org_id', '=', orgId);
}

/** Members in joining order (membership ids are UUIDv7); cursor = last membership id seen. */
export async function listMembers(
  q: Q,
  orgId: string,
  cursor: string | undefined,
  limit: number,
): Promise<MemberRow[]> {
  let query = membersQuery(q, orgId);
  if (cursor) query = query.where('memberships.id', '>', cursor);
  const rows = await query.orderBy('memberships.id').limit(limit).execute();
  return rows;
}

export async function findMember(q: Q, orgId: string, userId: string): Promise<MemberRow | undefined> {
  const row = await membersQuery(q, orgId).where('memberships.user_id', '=', userId).executeTakeFirst();
  return row;
}

export async function countOwners(q: Q, orgId: string): Promise<number> {
  const r = await q
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function updateMemberRole(q: Q, orgId: string, userId: string, role: Role): Promise<void> {
  await q
    .updateTable('memberships')
    .set({ role })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMember(q: Q, orgId: string, userId: string): Promise<void> {
  await q.deleteFrom('memberships').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

// ---- Invitations --------------------------------------------------------------------------------

export async function insertInvitation(
  q: Q,
  orgId: string,
  row: Omit<InvitationRow, 'org_id'>,
): Promise<void> {
  await q
    .insertInto('invitations')
    .values({ ...row, org_id: orgId })
    .execute();
}

export interface InvitationListRow extends InvitationRow {
  inviter_name: string;
}

/** Newest first; cursor = last invitation id seen. */
export async function listInvitations(
  q: Q,
  orgId: string,
  cursor: string | undefined,
  limit: number,
): Promise<InvitationListRow[]> {
  let query = q
    .selectFrom('invitations')
    .innerJoin('users', 'users.id', 'invitations.invited_by')
    .selectAll('invitations')
    .select('users.display_name as inviter_name')
    .where('invitations.org_id', '=', orgId);
  if (cursor) query = query.where('invitations.id', '<', cursor);
  return query.orderBy('invitations.id', 'desc').limit(limit).execute();
}

export const findInvitation = (q: Q, orgId: string, id: string): Promise<InvitationRow | undefined> =>
  q.selectFrom('invitations').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export async function revokeInvitation(q: Q, orgId: string, id: string): Promise<void> {
  await q
    .updateTable('invitations')
    .set({ revoked_at: nowIso() })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('accepted_at', 'is', null)
    .execute();
}

/**
 * The invitation a link's token stands for. Not filtered by organization: the token itself is the
 * capability, and its organization is read from the row.
 */
export const findInvitationByTokenHash = (q: Q, tokenHash: string): Promise<InvitationRow | undefined> =>
  q.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

/** Mark accepted, once: false when it was accepted or revoked meanwhile. */
export async function markInvitationAccepted(
  q: Q,
  orgId: string,
  id: string,
  userId: string,
): Promise<boolean> {
  const r = await q
    .updateTable('invitations')
    .set({ accepted_at: nowIso(), accepted_by: userId })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

// ---- Password reset links ------------------------------------------------------------------------

export async function insertPasswordReset(q: Q, row: PasswordResetRow): Promise<void> {
  await q.insertInto('password_resets').values(row).execute();
}

export const findPasswordResetByTokenHash = (
  q: Q,
  tokenHash: string,
): Promise<PasswordResetRow | undefined> =>
  q.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

/** Mark a link used, once, while it is still open: false when it was used or expired meanwhile. */
export async function markPasswordResetUsed(q: Q, id: string, now: string): Promise<boolean> {
  const r = await q
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/**
 * Drop a user's links that were made in this organization (orgId null: the ones asked for by
 * email) and not used yet.
 */
export async function deleteOpenPasswordResets(q: Q, orgId: string | null, userId: string): Promise<void> {
  await q
    .deleteFrom('password_resets')
    .where((eb) => (orgId === null ? eb('org_id', 'is', null) : eb('org_id', '=', orgId)))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** Whether a link asked for by email was made for the user since `since` and is still unused. */
export async function recentEmailPasswordReset(q: Q, userId: string, since: string): Promise<boolean> {
  const row = await q
    .selectFrom('password_resets')
    .select('id')
    .where('user_id', '=', userId)
    .where('org_id', 'is', null)
    .where('used_at', 'is', null)
    .where('created_at', '>', since)
    .executeTakeFirst();
  return row !== undefined;
}
