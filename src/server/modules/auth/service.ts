import type { Locale } from '../../../domain/organization.js';
import { checkPassword } from '../../../domain/password-policy.js';
import type {
  ChangePasswordRequest,
  LoginRequest,
  MfaSetupResponse,
  SessionResponse,
  SessionUser,
  SetupRequest,
  UpdateMeRequest,
} from '../../../shared/auth.js';
import { RECOVERY_CODE_COUNT } from '../../../shared/auth.js';
import { can, PERMISSIONS } from '../../../shared/roles.js';
import type { Db } from '../../db/database.js';
import type { UserRow } from '../../db/schema.js';
import { type AuditedTx, audited } from '../../db/tx.js';
import { conflict, invalid, locked, unauthenticated } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { AuthContext } from '../../security/auth-context.js';
import {
  hashRecoveryCode,
  looksLikeTotp,
  newRecoveryCode,
  newTotpSecret,
  otpauthUrl,
  qrSvg,
  totpStep,
} from '../../security/mfa.js';
import { hashPassword, verifyPassword } from '../../security/passwords.js';
import { decryptSecret, encryptSecret } from '../../security/secret-box.js';
import { destroyOtherSessions, markSessionVerified, setSessionOrg } from '../../security/sessions.js';
import * as repo from './repo.js';

/** Consecutive failed logins (password or second factor) that lock an account. */
const LOCKOUT_THRESHOLD = 10;
const LOCKOUT_MS = 30 * 60 * 1000;

// Unknown e-mail addresses still cost one hash verification, so timing does not tell them apart.
let dummyHash: Promise<string> | null = null;
const dummy = (): Promise<string> => {
  dummyHash ??= hashPassword('keizoku-timing-equaliser-not-a-password');
  return dummyHash;
};

/** Throw the policy's verdict as a 400 with a field issue on `field`. */
export function assertPasswordPolicy(password: string, email: string | null, field: string): void {
  const verdict = checkPassword(password, email);
  if (!verdict) return;
  throw invalid(verdict.code, {
    params: verdict.params,
    issues: [{ path: [field], code: verdict.code, ...(verdict.params ? { params: verdict.params } : {}) }],
  });
}

function presentUser(u: UserRow): SessionUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    locale: u.locale,
    mfaEnabled: u.mfa_enabled_at !== null,
  };
}

const isLocked = (u: UserRow): boolean => u.locked_until !== null && u.locked_until > nowIso();
const lockedError = (until: string) => locked('account_locked', { params: { until } });

/**
 * Record an event of a user's account (a lock, MFA, password, sessions) in the system chain and in
 * the chain of every organization the user belongs to, so each owner sees it in their own audit
 * log — and no organization sees another's members. Chains are locked in a fixed order.
 */
async function auditAccountEvent(
  { trx, audit }: AuditedTx,
  user: Pick<UserRow, 'id' | 'display_name'>,
  action: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const orgIds = await repo.listUserOrgIds(trx, user.id);
  for (const orgId of [null, ...orgIds]) {
    await audit({
      orgId,
      action,
      entityType: 'user',
      entityId: user.id,
      details: { displayName: user.display_name, ...details },
    });
  }
}

// ---- First-run setup ----------------------------------------------------------------------------

export async function setupStatus(db: Db): Promise<{ needsSetup: boolean }> {
  return { needsSetup: (await repo.countUsers(db.kysely)) === 0 };
}

/**
 * True when a user account exists (with one of these emails, when given); with a transaction, as
 * that transaction sees it.
 */
export async function hasUsers(q: Db['kysely'], emails?: readonly string[]): Promise<boolean> {
  return emails?.length === 0 ? false : repo.anyUser(q, emails);
}

/** Create the first organization and its owner. Refused once any user exists. */
export async function setup(db: Db, input: SetupRequest): Promise<{ userId: string; orgId: string }> {
  if ((await repo.countUsers(db.kysely)) > 0) throw conflict('setup_already_done');
  assertPasswordPolicy(input.password, input.email, 'password');
  const passwordHash = await hashPassword(input.password);
  const userId = newId();
  const orgId = newId();
  await audited(db, { userId, orgId }, async ({ trx, audit }) => {
    // Checked again inside the transaction: two racing setups cannot both win.
    await repo.lockUsersTable(trx, db.engine);
    if ((await repo.countUsers(trx)) > 0) throw conflict('setup_already_done');
    await repo.insertOrganization(trx, orgId, input.organizationName);
    await repo.insertUser(trx, userId, {
      email: input.email,
      displayName: input.displayName,
      passwordHash,
      locale: input.locale,
    });
    await repo.insertMembership(trx, orgId, userId, 'owner');
    await audit({
      action: 'organization.create',
      entityType: 'organization',
      entityId: orgId,
      after: { name: input.organizationName },
      details: { via: 'setup' },
    });
    await audit({
      action: 'user.create',
      entityType: 'user',
      entityId: userId,
      after: { email: input.email, displayName: input.displayName, locale: input.locale },
    });
    await audit({ action: 'member.add', entityType: 'user', entityId: userId, after: { role: 'owner' } });
  });
  return { userId, orgId };
}

/**
 * Create a user account with its audit entry inside the caller's transaction (the demo makes its
 * logins with a hash computed before the transaction); returns the user's id.
 */
export async function addUser(
  { trx, audit }: AuditedTx,
  u: { email: string; displayName: string; passwordHash: string; locale: Locale },
): Promise<string> {
  const userId = newId();
  await repo.insertUser(trx, userId, u);
  await audit({
    action: 'user.create',
    entityType: 'user',
    entityId: userId,
    after: { email: u.email.toLowerCase(), displayName: u.displayName, locale: u.locale },
  });
  return userId;
}

// ---- Login ------------------------------------------------------------------------------------

/** One failed attempt: counts it, locks the account at the threshold. Returns the lock end if locked. */
async function registerFailure(db: Db, user: UserRow, reason: string): Promise<string | null> {
  return audited(db, { userId: null, orgId: null }, async (tx) => {
    const { trx, audit } = tx;
    const failures = await repo.incrementFailedLogins(trx, user.id);
    await audit({
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: user.id,
      details: { reason, failures },
    });
    if (failures < LOCKOUT_THRESHOLD) return null;
    const until = new Date(Date.now() + LOCKOUT_MS).toISOString();
    await repo.updateUser(trx, user.id, { locked_until: until, failed_login_count: 0 });
    await auditAccountEvent(tx, user, 'auth.locked', { until, failures });
    return until;
  });
}

export interface LoginResult {
  userId: string;
  mfaRequired: boolean;
  orgId: string | null;
}

/**
 * Check e-mail and password. Unknown e-mail and wrong password answer the same (401
 * invalid_credentials); a locked account answers 423 account_locked even for the right password.
 */
export async function login(db: Db, input: LoginRequest, ip: string): Promise<LoginResult> {
  const user = await repo.findUserByEmail(db.kysely, input.email);
  if (!user) {
    await verifyPassword(await dummy(), input.password);
    await audited(db, { userId: null, orgId: null }, ({ audit }) =>
      audit({
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: null,
        details: { reason: 'unknown_user', ip },
      }),
    );
    throw unauthenticated('invalid_credentials');
  }
  if (isLocked(user)) {
    await verifyPassword(await dummy(), input.password);
    await audited(db, { userId: null, orgId: null }, ({ audit }) =>
      audit({
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        details: { reason: 'locked', ip },
      }),
    );
    throw lockedError(user.locked_until as string);
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const until = await registerFailure(db, user, 'wrong_password');
    if (until) throw lockedError(until);
    throw unauthenticated('invalid_credentials');
  }
  const mfaRequired = user.mfa_enabled_at !== null && user.mfa_secret !== null;
  const orgs = await repo.listUserOrgs(db.kysely, user.id);
  await audited(db, { userId: user.id, orgId: null }, async ({ trx, audit }) => {
    await repo.updateUser(trx, user.id, { failed_login_count: 0, locked_until: null });
    await audit({
      action: mfaRequired ? 'auth.password_ok' : 'auth.login',
      entityType: 'user',
      entityId: user.id,
      details: { ip, mfa: mfaRequired ? 'pending' : 'none' },
    });
  });
  return { userId: user.id, mfaRequired, orgId: orgs[0]?.id ?? null };
}

/**
 * The user's TOTP secret. A secret this server's key cannot decrypt (a database restored without
 * its secret.key) is a 409 that tells the user to use a recovery code, never a 500.
 */
function readMfaSecret(key: Buffer, stored: string): string {
  try {
    return decryptSecret(key, stored);
  } catch {
    throw conflict('mfa_secret_unreadable');
  }
}

/** Finish a login with a TOTP code or an unused recovery code. */
export async function verifyMfa(
  db: Db,
  key: Buffer,
  auth: AuthContext,
  code: string,
  ip: string,
): Promise<void> {
  if (auth.session.verified_at) return;
  const user = auth.user;
  if (!user.mfa_enabled_at || !user.mfa_secret) throw conflict('mfa_not_enabled');
  if (isLocked(user)) throw lockedError(user.locked_until as string);
  let method: 'totp' | 'recovery_code';
  let ok: boolean;
  if (looksLikeTotp(code)) {
    method = 'totp';
    const step = totpStep(readMfaSecret(key, user.mfa_secret), code);
    ok = step !== null && (await repo.claimTotpStep(db.kysely, user.id, step));
  } else {
    method = 'recovery_code';
    ok = await repo.consumeRecoveryCode(db.kysely, user.id, hashRecoveryCode(code));
  }
  if (!ok) {
    const until = await registerFailure(db, user, 'wrong_mfa_code');
    if (until) throw lockedError(until);
    throw invalid('mfa_invalid');
  }
  await audited(db, { userId: user.id, orgId: null }, async ({ trx, audit }) => {
    await repo.updateUser(trx, user.id, { failed_login_count: 0 });
    await audit({
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      details: { ip, mfa: method },
    });
  });
  await markSessionVerified(db, auth.session.id);
}

export async function recordLogout(db: Db, userId: string): Promise<void> {
  await audited(db, { userId, orgId: null }, ({ audit }) =>
    audit({ action: 'auth.logout', entityType: 'user', entityId: userId }),
  );
}

// ---- Session ------------------------------------------------------------------------------------

/** The web app's boot call: who is logged in, their organizations and the current one. */
export async function sessionView(
  db: Db,
  auth: AuthContext | null,
  csrfToken: string,
): Promise<SessionResponse> {
  if (!auth) return { authenticated: false };
  const user = presentUser(auth.user);
  if (!auth.session.verified_at) {
    return { authenticated: true, mfaPending: true, user, organizations: [], currentOrg: null, csrfToken };
  }
  const orgs = await repo.listUserOrgs(db.kysely, auth.user.id);
  let current = auth.org ? orgs.find((o) => o.id === auth.org?.id) : undefined;
  if (!current && orgs[0]) {
    current = orgs[0];
    await setSessionOrg(db, auth.session.id, current.id);
  }
  return {
    authenticated: true,
    mfaPending: false,
    user,
    organizations: orgs,
    currentOrg: current ? { ...current, permissions: PERMISSIONS.filter((p) => can(current.role, p)) } : null,
    csrfToken,
  };
}

// ---- Account ------------------------------------------------------------------------------------

export async function updateMe(db: Db, user: UserRow, input: UpdateMeRequest): Promise<SessionUser> {
  const set: { display_name?: string; locale?: Locale } = {};
  if (input.displayName !== undefined) set.display_name = input.displayName;
  if (input.locale !== undefined) set.locale = input.locale;
  if (Object.keys(set).length > 0) {
    await audited(db, { userId: user.id, orgId: null }, async ({ trx, audit }) => {
      await repo.updateUser(trx, user.id, set);
      await audit({
        action: 'user.update',
        entityType: 'user',
        entityId: user.id,
        before: { displayName: user.display_name, locale: user.locale },
        after: { displayName: set.display_name ?? user.display_name, locale: set.locale ?? user.locale },
      });
    });
  }
  // The user was just read in this request; only a concurrent delete (none exists) could remove them.
  return presentUser((await repo.findUserById(db.kysely, user.id)) as UserRow);
}

const wrongPassword = (field: string) =>
  invalid('password_wrong', { issues: [{ path: [field], code: 'password_wrong' }] });

/** Change the password and end every other session of the user. */
export async function changePassword(db: Db, auth: AuthContext, input: ChangePasswordRequest): Promise<void> {
  const user = auth.user;
  if (!(await verifyPassword(user.password_hash, input.currentPassword)))
    throw wrongPassword('currentPassword');
  assertPasswordPolicy(input.newPassword, user.email, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await audited(db, { userId: user.id, orgId: null }, async (tx) => {
    await repo.updateUser(tx.trx, user.id, { password_hash: passwordHash, password_changed_at: nowIso() });
    await auditAccountEvent(tx, user, 'user.password_change');
    const sessionsEnded = await destroyOtherSessions(tx.trx, user.id, auth.session.id);
    if (sessionsEnded > 0)
      await auditAccountEvent(tx, user, 'user.sessions_end', { reason: 'password_change', sessionsEnded });
  });
}

/** Start MFA enrolment: a new secret, kept (encrypted) until enable confirms a code from it. */
export async function mfaSetup(db: Db, key: Buffer, user: UserRow): Promise<MfaSetupResponse> {
  if (user.mfa_enabled_at) throw conflict('mfa_already_enabled');
  const secret = newTotpSecret();
  await audited(db, { userId: user.id, orgId: null }, async ({ trx, audit }) => {
    await repo.updateUser(trx, user.id, { mfa_secret: encryptSecret(key, secret), mfa_last_step: null });
    await audit({ action: 'user.mfa_setup', entityType: 'user', entityId: user.id });
  });
  const url = otpauthUrl(secret, user.email);
  return { secret, otpauthUrl: url, qrSvg: await qrSvg(url) };
}

async function issueRecoveryCodes(trxOrDb: Parameters<typeof repo.replaceRecoveryCodes>[0], userId: string) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await repo.replaceRecoveryCodes(trxOrDb, userId, codes.map(hashRecoveryCode));
  return codes;
}

export async function mfaEnable(db: Db, key: Buffer, user: UserRow, code: string): Promise<string[]> {
  if (user.mfa_enabled_at) throw conflict('mfa_already_enabled');
  if (!user.mfa_secret) throw conflict('mfa_not_enabled');
  const step = totpStep(readMfaSecret(key, user.mfa_secret), code);
  if (step === null) throw invalid('mfa_invalid', { issues: [{ path: ['code'], code: 'mfa_invalid' }] });
  return audited(db, { userId: user.id, orgId: null }, async (tx) => {
    await repo.updateUser(tx.trx, user.id, { mfa_enabled_at: nowIso(), mfa_last_step: step });
    const codes = await issueRecoveryCodes(tx.trx, user.id);
    await auditAccountEvent(tx, user, 'user.mfa_enable');
    return codes;
  });
}

export async function mfaDisable(db: Db, user: UserRow, password: string): Promise<void> {
  if (!(await verifyPassword(user.password_hash, password))) throw wrongPassword('password');
  if (!user.mfa_enabled_at) throw conflict('mfa_not_enabled');
  await audited(db, { userId: user.id, orgId: null }, async (tx) => {
    await repo.updateUser(tx.trx, user.id, { mfa_secret: null, mfa_enabled_at: null, mfa_last_step: null });
    await repo.replaceRecoveryCodes(tx.trx, user.id, []);
    await auditAccountEvent(tx, user, 'user.mfa_disable');
  });
}

export async function regenerateRecoveryCodes(db: Db, user: UserRow, password: string): Promise<string[]> {
  if (!(await verifyPassword(user.password_hash, password))) throw wrongPassword('password');
  if (!user.mfa_enabled_at) throw conflict('mfa_not_enabled');
  return audited(db, { userId: user.id, orgId: null }, async (tx) => {
    const codes = await issueRecoveryCodes(tx.trx, user.id);
    await auditAccountEvent(tx, user, 'user.recovery_codes_regenerate');
    return codes;
  });
}
