import type { Role } from '../../../domain/organization.js';
import { fileDate } from '../../../domain/spreadsheet.js';
import type {
  AcceptInvitationRequest,
  AcceptInvitationResponse,
  InvitationPreview,
  PasswordResetLinkStatus,
} from '../../../shared/auth.js';
import type {
  CreateInvitationResponse,
  Invitation,
  InvitationListResponse,
  InvitationStatus,
  ListQuery,
  Member,
  MemberListResponse,
  Org,
  OrgOverviewResponse,
  PasswordResetLinkResponse,
  UpdateOrgRequest,
} from '../../../shared/orgs.js';
import type { FieldIssue } from '../../../shared/problem.js';
import type { Db } from '../../db/database.js';
import type { InvitationRow, OrganizationRow } from '../../db/schema.js';
import { type AuditedTx, audited, isUniqueViolation } from '../../db/tx.js';
import { changeVersioned } from '../../db/versioned.js';
import { conflict, forbidden, gone, invalid, notFound, unauthenticated } from '../../errors.js';
import { newId, newToken, nowIso, sha256Hex } from '../../ids.js';
import type { Mailer, SendResult } from '../../mail/mailer.js';
import { passwordResetMail } from '../../mail/texts.js';
import type { AuthContext } from '../../security/auth-context.js';
import { hashPassword } from '../../security/passwords.js';
import { setSessionOrg } from '../../security/sessions.js';
import { deleteUserSessions } from '../../security/sessions-repo.js';
import * as authRepo from '../auth/repo.js';
import { assertPasswordPolicy } from '../auth/service.js';
import type { MemberActor } from '../types.js';
import * as repo from './repo.js';

const presentOrg = (o: OrganizationRow): Org => ({
  id: o.id,
  name: o.name,
  timezone: o.timezone,
  annualSalesYen: o.annual_sales_yen === null ? null : Number(o.annual_sales_yen),
  version: o.version,
});

// ---- Organizations ------------------------------------------------------------------------------

export async function overview(db: Db, userId: string): Promise<OrgOverviewResponse> {
  return { items: await repo.overviewForUser(db.kysely, userId) };
}

/** A new organization with the caller as its owner. */
export async function createOrg(db: Db, userId: string, name: string): Promise<Org> {
  const orgId = newId();
  await audited(db, { userId, orgId }, async (tx) => {
    await addOrganization(tx, orgId, { name });
    await addMember(tx, orgId, userId, 'owner');
  });
  // Created just above in this call; organizations are never deleted.
  return presentOrg((await repo.findOrg(db.kysely, orgId)) as OrganizationRow);
}

/** Create an organization with its audit entry inside the caller's transaction (whose chain is its own). */
export async function addOrganization(
  { trx, audit }: AuditedTx,
  orgId: string,
  org: { name: string; timezone?: string; annualSalesYen?: number },
): Promise<void> {
  await authRepo.insertOrganization(trx, orgId, org.name, org.timezone, org.annualSalesYen ?? null);
  await audit({
    action: 'organization.create',
    entityType: 'organization',
    entityId: orgId,
    after: {
      name: org.name,
      ...(org.annualSalesYen === undefined ? {} : { annualSalesYen: org.annualSalesYen }),
    },
  });
}

/** Make a user a member of the organization with a role, with its audit entry, in the caller's transaction. */
export async function addMember(
  { trx, audit }: AuditedTx,
  orgId: string,
  userId: string,
  role: Role,
): Promise<void> {
  await authRepo.insertMembership(trx, orgId, userId, role);
  await audit({ action: 'member.add', entityType: 'user', entityId: userId, after: { role } });
}

/** Make another of the caller's organizations the current one. */
export async function switchOrg(db: Db, auth: AuthContext, orgId: string): Promise<void> {
  const m = await authRepo.findMembership(db.kysely, orgId, auth.user.id);
  if (!m) throw forbidden();
  await setSessionOrg(db, auth.session.id, orgId);
}

export async function getOrg(db: Db, orgId: string): Promise<Org> {
  const org = await repo.findOrg(db.kysely, orgId);
  if (!org) throw notFound();
  return presentOrg(org);
}

/**
 * The file name of an export: `<base>-YYYY-MM-DD.<ext>`, dated in the organization's time zone.
 * Every export names its file here, so all use one date format.
 */
export async function exportFileName(db: Db, orgId: string, base: string, ext: string): Promise<string> {
  const org = await repo.findOrg(db.kysely, orgId);
  return `${base}-${fileDate(new Date(), org?.timezone ?? 'Asia/Tokyo')}.${ext}`;
}

/** Today (YYYY-MM-DD) in the organization's calendar: what is overdue, ended or a year old is relative to it. */
export async function orgToday(db: Db['kysely'], orgId: string, now = new Date()): Promise<string> {
  const org = await repo.findOrg(db, orgId);
  return fileDate(now, org?.timezone ?? 'Asia/Tokyo');
}

export async function updateOrg(
  db: Db,
  actor: MemberActor,
  version: number,
  input: UpdateOrgRequest,
): Promise<Org> {
  const sales = (o: { annual_sales_yen?: number | null }) =>
    o.annual_sales_yen === undefined || o.annual_sales_yen === null ? null : Number(o.annual_sales_yen);
  await audited(db, actor, (tx) =>
    changeVersioned(tx, {
      load: () => repo.findOrg(tx.trx, actor.orgId),
      expectedVersion: version,
      write: (_, v) => {
        const set: repo.OrgChanges = {};
        if (input.name !== undefined) set.name = input.name;
        if (input.timezone !== undefined) set.timezone = input.timezone;
        if (input.annualSalesYen !== undefined) set.annual_sales_yen = input.annualSalesYen;
        return repo.updateOrg(tx.trx, actor.orgId, v, set);
      },
      audit: (before, after) => ({
        action: 'organization.update',
        entityType: 'organization',
        entityId: actor.orgId,
        before: { name: before.name, timezone: before.timezone, annualSalesYen: sales(before) },
        after: { name: after.name, timezone: after.timezone, annualSalesYen: sales(after) },
      }),
    }),
  );
  return getOrg(db, actor.orgId);
}

// ---- Members ------------------------------------------------------------------------------------

const presentMember = (m: repo.MemberRow): Member => ({
  userId: m.user_id,
  displayName: m.display_name,
  email: m.email,
  role: m.role,
  mfaEnabled: m.mfa_enabled_at !== null,
  joinedAt: m.created_at,
});

export async function listMembers(db: Db, orgId: string, query: ListQuery): Promise<MemberListResponse> {
  const rows = await repo.listMembers(db.kysely, orgId, query.cursor, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(presentMember),
    nextCursor: rows.length > query.limit ? (page[page.length - 1]?.membership_id ?? null) : null,
  };
}

/**
 * Change a member's role. Only owners grant or take away the owner role; the last owner keeps it.
 */
export async function changeRole(db: Db, actor: MemberActor, userId: string, role: Role): Promise<Member> {
  return audited(db, actor, async ({ trx, audit }) => {
    await repo.lockOrg(trx, db.engine, actor.orgId);
    const target = await repo.findMember(trx, actor.orgId, userId);
    if (!target) throw notFound();
    if ((target.role === 'owner' || role === 'owner') && actor.role !== 'owner') throw forbidden();
    if (target.role === role) return presentMember(target);
    if (target.role === 'owner' && (await repo.countOwners(trx, actor.orgId)) <= 1) {
      throw conflict('last_owner');
    }
    await repo.updateMemberRole(trx, actor.orgId, userId, role);
    await audit({
      action: 'member.role_change',
      entityType: 'user',
      entityId: userId,
      before: { role: target.role },
      after: { role },
    });
    return presentMember({ ...target, role });
  });
}

/** Remove a member. Only owners remove owners; the last owner cannot be removed (not even by themself). */
export async function removeMember(db: Db, actor: MemberActor, userId: string): Promise<void> {
  await audited(db, actor, async ({ trx, audit }) => {
    await repo.lockOrg(trx, db.engine, actor.orgId);
    const target = await repo.findMember(trx, actor.orgId, userId);
    if (!target) throw notFound();
    if (target.role === 'owner' && actor.role !== 'owner') throw forbidden();
    if (target.role === 'owner' && (await repo.countOwners(trx, actor.orgId)) <= 1) {
      throw conflict('last_owner');
    }
    await repo.deleteMember(trx, actor.orgId, userId);
    await repo.deleteOpenPasswordResets(trx, actor.orgId, userId);
    await audit({
      action: 'member.remove',
      entityType: 'user',
      entityId: userId,
      before: { role: target.role, email: target.email },
    });
  });
}

// ---- Invitations --------------------------------------------------------------------------------

const DAY_MS = 24 * 60 * 60 * 1000;

function invitationStatus(i: InvitationRow, now = nowIso()): InvitationStatus {
  if (i.revoked_at) return 'revoked';
  if (i.accepted_at) return 'accepted';
  if (i.expires_at <= now) return 'expired';
  return 'pending';
}

const presentInvitation = (i: repo.InvitationListRow): Invitation => ({
  id: i.id,
  email: i.email,
  role: i.role,
  status: invitationStatus(i),
  expiresAt: i.expires_at,
  createdAt: i.created_at,
  invitedBy: { userId: i.invited_by, displayName: i.inviter_name },
  acceptedAt: i.accepted_at,
});

export async function createInvitation(
  db: Db,
  actor: MemberActor,
  baseUrl: string,
  input: { email?: string | undefined; role: Role; expiresInDays: number },
): Promise<CreateInvitationResponse> {
  if (input.role === 'owner' && actor.role !== 'owner') throw forbidden();
  const token = newToken();
  const id = newId();
  const now = nowIso();
  const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS).toISOString();
  await audited(db, actor, async ({ trx, audit }) => {
    await repo.insertInvitation(trx, actor.orgId, {
      id,
      token_hash: sha256Hex(token),
      email: input.email ?? null,
      role: input.role,
      invited_by: actor.userId,
      expires_at: expiresAt,
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
      created_at: now,
    });
    await audit({
      action: 'invitation.create',
      entityType: 'invitation',
      entityId: id,
      after: { email: input.email ?? null, role: input.role, expiresAt },
    });
  });
  return { id, url: `${baseUrl.replace(/\/+$/, '')}/invite/${token}`, expiresAt };
}

export async function listInvitations(
  db: Db,
  orgId: string,
  query: ListQuery,
): Promise<InvitationListResponse> {
  const rows = await repo.listInvitations(db.kysely, orgId, query.cursor, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(presentInvitation),
    nextCursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

export async function revokeInvitation(db: Db, actor: MemberActor, id: string): Promise<void> {
  await audited(db, actor, async ({ trx, audit }) => {
    const inv = await repo.findInvitation(trx, actor.orgId, id);
    if (!inv) throw notFound();
    if (inv.accepted_at) throw conflict('conflict');
    if (inv.revoked_at) return;
    await repo.revokeInvitation(trx, actor.orgId, id);
    await audit({
      action: 'invitation.revoke',
      entityType: 'invitation',
      entityId: id,
      before: { email: inv.email, role: inv.role },
    });
  });
}

/** The open invitation behind a link token, or the reason it cannot be used. */
async function openInvitation(db: Db, token: string): Promise<InvitationRow> {
  const inv = await repo.findInvitationByTokenHash(db.kysely, sha256Hex(token));
  if (!inv || inv.revoked_at || inv.accepted_at) throw notFound('invitation_invalid');
  if (inv.expires_at <= nowIso()) throw gone('invitation_expired');
  return inv;
}

export async function previewInvitation(db: Db, token: string): Promise<InvitationPreview> {
  const inv = await openInvitation(db, token);
  const org = await repo.findOrg(db.kysely, inv.org_id);
  if (!org) throw notFound('invitation_invalid');
  return {
    organizationName: org.name,
    role: inv.role,
    expiresAt: inv.expires_at,
    ...(inv.email ? { email: inv.email } : {}),
  };
}

export interface AcceptResult extends AcceptInvitationResponse {
  /** Set when a new account was created: the route logs it in. */
  newUserId: string | null;
}

/**
 * Accept an invitation (single use). A caller with a verified session joins with their account;
 * anyone else creates an account from the body.
 */
export async function acceptInvitation(
  db: Db,
  auth: AuthContext | null,
  token: string,
  body: AcceptInvitationRequest,
): Promise<AcceptResult> {
  const inv = await openInvitation(db, token);
  const orgId = inv.org_id;

  if (auth) {
    if (!auth.session.verified_at) throw unauthenticated('mfa_required');
    const user = auth.user;
    if (inv.email && inv.email !== user.email) throw forbidden('invitation_email_mismatch');
    if (await authRepo.findMembership(db.kysely, orgId, user.id)) throw conflict('duplicate');
    await audited(db, { userId: user.id, orgId }, async ({ trx, audit }) => {
      if (!(await repo.markInvitationAccepted(trx, orgId, inv.id, user.id))) {
        throw notFound('invitation_invalid');
      }
      await authRepo.insertMembership(trx, orgId, user.id, inv.role);
      await audit({ action: 'invitation.accept', entityType: 'invitation', entityId: inv.id });
      await audit({ action: 'member.add', entityType: 'user', entityId: user.id, after: { role: inv.role } });
    });
    await setSessionOrg(db, auth.session.id, orgId);
    return { organizationId: orgId, accountCreated: false, newUserId: null };
  }

  const missing: FieldIssue[] = (['displayName', 'email', 'password', 'locale'] as const)
    .filter((k) => body[k] === undefined)
    .map((k) => ({ path: [k], code: 'required' }));
  if (missing.length) throw invalid('validation_failed', { issues: missing });
  // Every field was checked present just above (missing → 400).
  const { displayName, email, password, locale } = body as Required<AcceptInvitationRequest>;
  if (inv.email && inv.email !== email) {
    throw invalid('invitation_email_mismatch', {
      issues: [{ path: ['email'], code: 'invitation_email_mismatch' }],
    });
  }
  assertPasswordPolicy(password, email, 'password');
  const duplicate = () => conflict('duplicate', { issues: [{ path: ['email'], code: 'duplicate' }] });
  if (await authRepo.findUserByEmail(db.kysely, email)) throw duplicate();
  const passwordHash = await hashPassword(password);
  const userId = newId();
  try {
    await audited(db, { userId, orgId }, async ({ trx, audit }) => {
      await authRepo.insertUser(trx, userId, { email, displayName, passwordHash, locale });
      if (!(await repo.markInvitationAccepted(trx, orgId, inv.id, userId))) {
        throw notFound('invitation_invalid');
      }
      await authRepo.insertMembership(trx, orgId, userId, inv.role);
      await audit({
        action: 'user.create',
        entityType: 'user',
        entityId: userId,
        after: { email, displayName, locale },
      });
      await audit({ action: 'invitation.accept', entityType: 'invitation', entityId: inv.id });
      await audit({ action: 'member.add', entityType: 'user', entityId: userId, after: { role: inv.role } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
  return { organizationId: orgId, accountCreated: true, newUserId: userId };
}

// ---- Password reset links -----------------------------------------------------------------------

const RESET_LINK_HOURS = 24;
const RESET_LINK_MS = RESET_LINK_HOURS * 60 * 60 * 1000;
/** One mailed link per account at most this often: the request form cannot flood a mailbox. */
const EMAIL_RESET_QUIET_MS = 60 * 1000;

const resetUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/+$/, '')}/reset/${token}`;

/**
 * A new one-time reset token for a user, in the caller's transaction: the one way links are made,
 * by an owner or admin (`orgId` their organization) and by email (`orgId` null). Only its hash is
 * stored; it replaces the user's earlier unused links of the same origin, so only the newest
 * works (one made earlier and perhaps sent to the wrong place stops).
 */
async function issuePasswordReset(
  trx: AuditedTx['trx'],
  link: { userId: string; orgId: string | null; createdBy: string | null },
): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + RESET_LINK_MS).toISOString();
  await repo.deleteOpenPasswordResets(trx, link.orgId, link.userId);
  await repo.insertPasswordReset(trx, {
    id: newId(),
    token_hash: sha256Hex(token),
    user_id: link.userId,
    org_id: link.orgId,
    created_by: link.createdBy,
    expires_at: expiresAt,
    used_at: null,
    created_at: nowIso(),
  });
  return { token, expiresAt };
}

/**
 * A one-time link with which a member sets a new password (issue 9 item 13). Only for a member of
 * the actor's organization; only owners make one for an owner. The answer is the only place the
 * token appears: the table keeps its hash, the audit entry neither. A new link replaces the
 * member's earlier unused ones; removing the member from the organization drops them.
 */
export async function createPasswordResetLink(
  db: Db,
  actor: MemberActor,
  baseUrl: string,
  userId: string,
): Promise<PasswordResetLinkResponse> {
  const { token, expiresAt } = await audited(db, actor, async ({ trx, audit }) => {
    const target = await repo.findMember(trx, actor.orgId, userId);
    if (!target) throw notFound();
    if (target.role === 'owner' && actor.role !== 'owner') throw forbidden();
    const issued = await issuePasswordReset(trx, { userId, orgId: actor.orgId, createdBy: actor.userId });
    await audit({
      action: 'user.password_reset_link',
      entityType: 'user',
      entityId: userId,
      details: { displayName: target.display_name, expiresAt: issued.expiresAt },
    });
    return issued;
  });
  return { url: resetUrl(baseUrl, token), expiresAt };
}

/**
 * "Forgot your password?" on the login page: when the address belongs to an account that is a
 * member of an organization, mail it a reset link in the account's language. The caller answers
 * the same whatever happens here (and before it happens), so nobody learns whether an address has
 * an account. Nothing is sent when mail is not configured, or when a mailed link was made for the
 * account within the last minute. The request is audited in the account's organizations (and the
 * system chain) with no actor: whoever typed the address is not known.
 */
export async function requestPasswordResetByEmail(
  db: Db,
  mailer: Mailer,
  baseUrl: string,
  email: string,
): Promise<SendResult | null> {
  if (!mailer.configured) return null;
  const user = await authRepo.findUserByEmail(db.kysely, email);
  if (!user) return null;
  const orgs = await authRepo.listUserOrgs(db.kysely, user.id);
  const first = orgs[0];
  if (!first) return null;
  const since = new Date(Date.now() - EMAIL_RESET_QUIET_MS).toISOString();
  if (await repo.recentEmailPasswordReset(db.kysely, user.id, since)) return null;
  const { token, expiresAt } = await audited(db, { userId: null, orgId: null }, async ({ trx, audit }) => {
    const issued = await issuePasswordReset(trx, { userId: user.id, orgId: null, createdBy: null });
    for (const orgId of [null, ...(await authRepo.listUserOrgIds(trx, user.id))]) {
      await audit({
        orgId,
        action: 'user.password_reset_request',
        entityType: 'user',
        entityId: user.id,
        details: { displayName: user.display_name, expiresAt: issued.expiresAt },
      });
    }
    return issued;
  });
  const org = await repo.findOrg(db.kysely, first.id);
  return mailer.send(
    passwordResetMail({
      to: user.email,
      locale: user.locale,
      displayName: user.display_name,
      url: resetUrl(baseUrl, token),
      expiresAt,
      hours: RESET_LINK_HOURS,
      timeZone: org?.timezone ?? 'Asia/Tokyo',
    }),
  );
}

/**
 * Whether a reset link can still be used; the web page asks before it shows the form. A token
 * that was never made (or was replaced) is refused as on use: 404 reset_link_invalid.
 */
export async function passwordResetLinkStatus(db: Db, token: string): Promise<PasswordResetLinkStatus> {
  const link = await repo.findPasswordResetByTokenHash(db.kysely, sha256Hex(token));
  if (!link) throw notFound('reset_link_invalid');
  if (link.used_at) return { status: 'used' };
  if (link.expires_at <= nowIso()) return { status: 'expired' };
  return { status: 'valid' };
}

export async function usePasswordResetLink(db: Db, token: string, password: string): Promise<void> {
  const invalidLink = () => notFound('reset_link_invalid');
  const link = await repo.findPasswordResetByTokenHash(db.kysely, sha256Hex(token));
  const now = nowIso();
  if (!link || link.used_at || link.expires_at <= now) throw invalidLink();
  const user = await authRepo.findUserById(db.kysely, link.user_id);
  if (!user) throw invalidLink();
  assertPasswordPolicy(password, user.email, 'password');
  const hash = await hashPassword(password);
  await audited(db, { userId: user.id, orgId: link.org_id }, async ({ trx, audit }) => {
    if (!(await repo.markPasswordResetUsed(trx, link.id, nowIso()))) throw invalidLink();
    await authRepo.updateUser(trx, user.id, {
      password_hash: hash,
      password_changed_at: nowIso(),
      failed_login_count: 0,
      locked_until: null,
    });
    const sessionsEnded = await deleteUserSessions(trx, user.id);
    // A link from an organization's owner or admin is recorded there; a mailed one, like the
    // request, in every organization of the account and the system chain.
    const chains = link.org_id ? [link.org_id] : [null, ...(await authRepo.listUserOrgIds(trx, user.id))];
    for (const orgId of chains) {
      await audit({
        orgId,
        action: 'user.password_reset',
        entityType: 'user',
        entityId: user.id,
        details: { displayName: user.display_name, via: link.org_id ? 'link' : 'email', sessionsEnded },
      });
    }
  });
}
