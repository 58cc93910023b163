import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../audit-trail/audit.js';
import { createSession, SESSION_COOKIE } from '../../security/sessions.js';
import {
  addUserToOrg,
  auditActions,
  BEHIND_LOOPBACK_PROXY,
  createOrgWithUser,
  createTestApp,
  joinOrg,
  nextClientAddress,
  TEST_PASSWORD,
  TestClient,
  withTestApp,
} from '../../test/harness.js';

const API = '/api/v1';
/**
 * Each login gets its own client address unless told otherwise, so the per-IP limit stays out of the
 * way: the apps here sit behind a trusted proxy on loopback.
 */
const t = withTestApp(BEHIND_LOOPBACK_PROXY);

function login(client: TestClient, email: string, password: string, ip = nextClientAddress()) {
  return client.post(`${API}/auth/login`, { email, password }, { 'x-forwarded-for': ip });
}

const totpFor = (secret: string, offsetSeconds = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSeconds * 1000,
  });

describe('first-run setup', () => {
  it('creates the organization and its owner once, logs in, and refuses a second setup', async () => {
    const fresh = await createTestApp(BEHIND_LOOPBACK_PROXY);
    try {
      const c = new TestClient(fresh.app);
      expect((await c.get(`${API}/setup/status`)).json()).toEqual({ needsSetup: true });
      const body = {
        organizationName: '岡山フィットネス株式会社',
        displayName: '山田 太郎',
        email: 'Yamada@Example.JP',
        password: 'kiri-no-naka-no-tomoshibi',
        locale: 'ja',
      };

      const short = await c.post(`${API}/setup`, { ...body, password: 'short-pass' });
      expect(short.statusCode).toBe(400);
      expect(short.json().code).toBe('password_too_short');
      expect(short.json().issues).toEqual([
        { path: ['password'], code: 'password_too_short', params: { minimum: 12 } },
      ]);
      const common = await c.post(`${API}/setup`, { ...body, password: 'qazwsxedcrfv' });
      expect(common.json().issues[0]).toMatchObject({ path: ['password'], code: 'password_too_common' });
      const same = await c.post(`${API}/setup`, { ...body, password: 'yamada@example.jp' });
      expect(same.json().issues[0]).toMatchObject({ path: ['password'], code: 'password_same_as_email' });
      const unknown = await c.post(`${API}/setup`, { ...body, isAdmin: true });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().code).toBe('validation_failed');
      const badEmail = await c.post(`${API}/setup`, { ...body, email: 'not-an-address' });
      expect(badEmail.json().issues[0].path).toEqual(['email']);
      expect((await c.get(`${API}/setup/status`)).json()).toEqual({ needsSetup: true });

      const res = await c.post(`${API}/setup`, body);
      expect(res.statusCode).toBe(201);
      expect(c.cookies.has(SESSION_COOKIE)).toBe(true);
      const session = (await c.get(`${API}/session`)).json();
      expect(session).toMatchObject({
        authenticated: true,
        mfaPending: false,
        user: { email: 'yamada@example.jp', displayName: '山田 太郎', locale: 'ja', mfaEnabled: false },
        currentOrg: { name: '岡山フィットネス株式会社', role: 'owner' },
      });
      expect(session.currentOrg.permissions).toContain('members.manage');
      expect(session.organizations).toHaveLength(1);

      expect((await c.get(`${API}/setup/status`)).json()).toEqual({ needsSetup: false });
      const again = await new TestClient(fresh.app).post(`${API}/setup`, {
        ...body,
        email: 'other@example.jp',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('setup_already_done');

      const orgId = session.currentOrg.id as string;
      const audit = await fresh.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'summary'])
        .where('org_id', '=', orgId)
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['organization.create', 'user.create', 'member.add']);
      expect(JSON.stringify(audit)).not.toContain('kiri-no-naka');
      expect((await verifyAuditChains(fresh.db.kysely)).breaks).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe('first-run setup under concurrency', () => {
  it('lets exactly one of two simultaneous setups win', async () => {
    const fresh = await createTestApp(BEHIND_LOOPBACK_PROXY);
    try {
      const body = (email: string) => ({
        organizationName: 'Race Co',
        displayName: 'Racer',
        email,
        password: 'two horses one finish line',
        locale: 'en',
      });
      const [a, b] = await Promise.all([
        new TestClient(fresh.app).post(`${API}/setup`, body('a@example.test')),
        new TestClient(fresh.app).post(`${API}/setup`, body('b@example.test')),
      ]);
      expect([a?.statusCode, b?.statusCode].sort()).toEqual([201, 409]);
      const users = await fresh.db.kysely.selectFrom('users').select('id').execute();
      const orgs = await fresh.db.kysely.selectFrom('organizations').select('id').execute();
      expect(users).toHaveLength(1);
      expect(orgs).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });
});

describe('login', () => {
  it('answers unknown e-mail and wrong password alike, and logs in with the right one', async () => {
    const { email } = await createOrgWithUser(t);
    const c = new TestClient(t.app);
    const unknown = await login(c, 'nobody@example.test', TEST_PASSWORD);
    const wrong = await login(c, email, 'not the password at all');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().code).toBe('invalid_credentials');
    expect(wrong.json().code).toBe('invalid_credentials');
    expect(c.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await c.get(`${API}/session`)).json()).toEqual({ authenticated: false });

    const ok = await login(c, email.toUpperCase(), TEST_PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ mfaRequired: false });
    const cookie = ok.cookies.find((x) => x.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const session = (await c.get(`${API}/session`)).json();
    expect(session.authenticated).toBe(true);
    expect(session.user.email).toBe(email);
    expect(typeof session.csrfToken).toBe('string');
  });

  it('validates the body', async () => {
    const c = new TestClient(t.app);
    const res = await c.post(
      `${API}/auth/login`,
      { email: 'a@example.test' },
      { 'x-forwarded-for': nextClientAddress() },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toEqual(['password']);
  });

  it('locks the account for 30 minutes after 10 failures, even against the right password', async () => {
    const { userId, email } = await createOrgWithUser(t);
    const c = new TestClient(t.app);
    for (let i = 0; i < 9; i++) {
      const res = await login(c, email, `wrong password ${i}`);
      expect(res.statusCode).toBe(401);
    }
    const tenth = await login(c, email, 'wrong password 10');
    expect(tenth.statusCode).toBe(423);
    expect(tenth.json().code).toBe('account_locked');
    const until = Date.parse(tenth.json().params.until);
    expect(until - Date.now()).toBeGreaterThan(29 * 60 * 1000);
    expect(until - Date.now()).toBeLessThanOrEqual(30 * 60 * 1000);

    const right = await login(c, email, TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('account_locked');
    expect(c.cookies.has(SESSION_COOKIE)).toBe(false);

    const actions = await auditActions(t, { entityId: userId });
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(11);
    expect(actions).toContain('auth.locked');

    // Half an hour later the lock is gone.
    await t.db.kysely
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', userId)
      .execute();
    const after = await login(c, email, TEST_PASSWORD);
    expect(after.statusCode).toBe(200);
    const row = await t.db.kysely
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(row.failed_login_count).toBe(0);
    expect(row.locked_until).toBeNull();
  });

  it('resets the failure count on success (only consecutive failures lock)', async () => {
    const { email } = await createOrgWithUser(t);
    const c = new TestClient(t.app);
    for (let i = 0; i < 6; i++) expect((await login(c, email, `nope nope ${i}`)).statusCode).toBe(401);
    expect((await login(c, email, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login(c, email, `nope again ${i}`)).statusCode).toBe(401);
    expect((await login(c, email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('limits login attempts per client address', async () => {
    const c = new TestClient(t.app);
    const ip = '203.0.113.77';
    const codes: number[] = [];
    for (let i = 0; i < 31; i++)
      codes.push((await login(c, `nobody${i}@example.test`, 'whatever pass', ip)).statusCode);
    expect(codes.slice(0, 30).every((s) => s === 401)).toBe(true);
    const limited = await login(c, 'nobody@example.test', 'whatever pass', ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    // Another address is not affected.
    expect((await login(c, 'nobody@example.test', 'whatever pass', '203.0.113.78')).statusCode).toBe(401);
  });

  it('records logins and logouts in the audit log, never the password', async () => {
    const { userId, email } = await createOrgWithUser(t);
    const c = new TestClient(t.app);
    await login(c, email, 'wrong-password-secret-xyz');
    await login(c, email, TEST_PASSWORD);
    expect((await c.post(`${API}/auth/logout`)).statusCode).toBe(200);
    expect(await auditActions(t, { entityId: userId })).toEqual([
      'auth.login_failed',
      'auth.login',
      'auth.logout',
    ]);
    const all = await t.db.kysely.selectFrom('audit_log').select('summary').execute();
    expect(JSON.stringify(all)).not.toContain('wrong-password-secret-xyz');
    expect(JSON.stringify(all)).not.toContain(TEST_PASSWORD);
  });
});

describe('session and logout', () => {
  it('ends the session on logout', async () => {
    const { client } = await createOrgWithUser(t);
    expect((await client.get(`${API}/session`)).json().authenticated).toBe(true);
    const out = await client.post(`${API}/auth/logout`);
    expect(out.statusCode).toBe(200);
    expect((await client.get(`${API}/session`)).json()).toEqual({ authenticated: false });
    const me = await client.patch(`${API}/me`, { displayName: 'x' });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('unauthenticated');
    expect((await new TestClient(t.app).post(`${API}/auth/logout`)).statusCode).toBe(401);
  });

  it('picks the first organization when the session has none', async () => {
    const { userId, orgId } = await createOrgWithUser(t, 'admin');
    const c = new TestClient(t.app);
    c.setCookie(SESSION_COOKIE, await createSession(t.db, userId, { verified: true, orgId: null }));
    const s = (await c.get(`${API}/session`)).json();
    expect(s.currentOrg).toMatchObject({ id: orgId, role: 'admin' });
    expect(s.currentOrg.permissions).not.toContain('audit.read');
    // …and remembers it: permission routes now work.
    expect((await c.get(`${API}/org`)).statusCode).toBe(200);
  });

  it('answers currentOrg null for a user without organizations', async () => {
    const { userId, orgId } = await createOrgWithUser(t);
    await t.db.kysely.deleteFrom('memberships').where('org_id', '=', orgId).execute();
    const c = new TestClient(t.app);
    c.setCookie(SESSION_COOKIE, await createSession(t.db, userId, { verified: true, orgId: null }));
    const s = (await c.get(`${API}/session`)).json();
    expect(s).toMatchObject({ authenticated: true, organizations: [], currentOrg: null });
  });
});

describe('account', () => {
  it('updates the display name and language', async () => {
    const { client, userId } = await createOrgWithUser(t);
    const res = await client.patch(`${API}/me`, { displayName: '  佐藤 花子 ', locale: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '佐藤 花子', locale: 'en' });
    expect((await client.get(`${API}/session`)).json().user.locale).toBe('en');
    expect((await client.patch(`${API}/me`, { locale: 'fr' })).statusCode).toBe(400);
    expect((await client.patch(`${API}/me`, { displayName: '' })).statusCode).toBe(400);
    expect((await client.patch(`${API}/me`, { email: 'x@example.test' })).json().code).toBe(
      'validation_failed',
    );
    expect(await auditActions(t, { entityId: userId })).toEqual(['user.update']);
  });

  it('changes the password, ending the other sessions but not this one', async () => {
    const { email, userId } = await createOrgWithUser(t);
    const a = new TestClient(t.app);
    const b = new TestClient(t.app);
    expect((await login(a, email, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await login(b, email, TEST_PASSWORD)).statusCode).toBe(200);

    const wrong = await a.post(`${API}/me/password`, {
      currentPassword: 'not it at all',
      newPassword: 'a new long passphrase',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'password_wrong', issues: [{ path: ['currentPassword'] }] });
    const weak = await a.post(`${API}/me/password`, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'password1234',
    });
    expect(weak.json()).toMatchObject({ code: 'password_too_common', issues: [{ path: ['newPassword'] }] });
    const same = await a.post(`${API}/me/password`, { currentPassword: TEST_PASSWORD, newPassword: email });
    expect(same.json().code).toBe('password_same_as_email');
    expect((await b.get(`${API}/session`)).json().authenticated).toBe(true);

    const ok = await a.post(`${API}/me/password`, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a new long passphrase',
    });
    expect(ok.statusCode).toBe(200);
    expect((await a.get(`${API}/session`)).json().authenticated).toBe(true);
    expect((await b.get(`${API}/session`)).json()).toEqual({ authenticated: false });
    expect((await login(new TestClient(t.app), email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(new TestClient(t.app), email, 'a new long passphrase')).statusCode).toBe(200);
    expect(await auditActions(t, { entityId: userId })).toContain('user.password_change');
  });
});

describe('MFA', () => {
  it('enrols with a QR code, then asks for a second factor at login; codes work once', async () => {
    const { client, email, userId } = await createOrgWithUser(t);
    const setup = await client.post(`${API}/me/mfa/setup`);
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrSvg } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/keizoku:/);
    expect(otpauthUrl).toContain('issuer=keizoku');
    expect(qrSvg).toContain('<svg');
    // The secret is stored encrypted.
    const stored = await t.db.kysely
      .selectFrom('users')
      .select('mfa_secret')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(stored.mfa_secret).toMatch(/^v1:/);
    expect(stored.mfa_secret).not.toContain(secret);

    const bad = await client.post(`${API}/me/mfa/enable`, {
      code: '000000' === totpFor(secret) ? '111111' : '000000',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('mfa_invalid');
    const enabled = await client.post(`${API}/me/mfa/enable`, { code: totpFor(secret) });
    expect(enabled.statusCode).toBe(200);
    const recoveryCodes: string[] = enabled.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await client.get(`${API}/session`)).json().user.mfaEnabled).toBe(true);
    expect((await client.post(`${API}/me/mfa/setup`)).json().code).toBe('mfa_already_enabled');
    expect((await client.post(`${API}/me/mfa/enable`, { code: totpFor(secret) })).json().code).toBe(
      'mfa_already_enabled',
    );
    const codesStored = await t.db.kysely
      .selectFrom('recovery_codes')
      .select('code_hash')
      .where('user_id', '=', userId)
      .execute();
    expect(codesStored).toHaveLength(10);
    expect(JSON.stringify(codesStored)).not.toContain(recoveryCodes[0]);

    // Login now stops half-way.
    const c = new TestClient(t.app);
    expect((await login(c, email, TEST_PASSWORD)).json()).toEqual({ mfaRequired: true });
    const pending = (await c.get(`${API}/session`)).json();
    expect(pending).toMatchObject({
      authenticated: true,
      mfaPending: true,
      currentOrg: null,
      organizations: [],
    });
    const blocked = await c.get(`${API}/org`);
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().code).toBe('mfa_required');
    expect((await c.patch(`${API}/me`, { locale: 'en' })).json().code).toBe('mfa_required');

    // The code used for enrolment has been spent; the next step's code works once.
    const wrong = await c.post(`${API}/auth/mfa/verify`, { code: 'abcde-fghij' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('mfa_invalid');
    const next = totpFor(secret, 30);
    const verified = await c.post(`${API}/auth/mfa/verify`, { code: next });
    expect(verified.statusCode).toBe(200);
    const s = (await c.get(`${API}/session`)).json();
    expect(s.mfaPending).toBe(false);
    expect(s.currentOrg.role).toBe('owner');
    expect((await c.get(`${API}/org`)).statusCode).toBe(200);

    const c2 = new TestClient(t.app);
    await login(c2, email, TEST_PASSWORD);
    const reused = await c2.post(`${API}/auth/mfa/verify`, { code: next });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('mfa_invalid');
    // A recovery code works, once, however it is typed.
    const rc = recoveryCodes[0] as string;
    expect((await c2.post(`${API}/auth/mfa/verify`, { code: ` ${rc.toUpperCase()} ` })).statusCode).toBe(200);
    expect((await c2.get(`${API}/session`)).json().mfaPending).toBe(false);
    const c3 = new TestClient(t.app);
    await login(c3, email, TEST_PASSWORD);
    expect((await c3.post(`${API}/auth/mfa/verify`, { code: rc })).json().code).toBe('mfa_invalid');
    expect((await c3.post(`${API}/auth/mfa/verify`, { code: recoveryCodes[1] as string })).statusCode).toBe(
      200,
    );

    // A pending session can log out.
    const c4 = new TestClient(t.app);
    await login(c4, email, TEST_PASSWORD);
    expect((await c4.post(`${API}/auth/logout`)).statusCode).toBe(200);
    expect((await c4.get(`${API}/session`)).json()).toEqual({ authenticated: false });

    const actions = await auditActions(t, { entityId: userId });
    expect(actions).toEqual(
      expect.arrayContaining(['user.mfa_setup', 'user.mfa_enable', 'auth.login', 'auth.logout']),
    );
  });

  it('counts wrong second factors towards the lockout', async () => {
    const { client, email, userId } = await createOrgWithUser(t);
    const { secret } = (await client.post(`${API}/me/mfa/setup`)).json();
    await client.post(`${API}/me/mfa/enable`, { code: totpFor(secret) });
    const c = new TestClient(t.app);
    await login(c, email, TEST_PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await c.post(`${API}/auth/mfa/verify`, { code: `zzzzz-zzzz${i}` })).statusCode);
    expect(statuses.slice(0, 9).every((s) => s === 400)).toBe(true);
    expect(statuses[9]).toBe(423);
    expect((await c.post(`${API}/auth/mfa/verify`, { code: totpFor(secret, 30) })).statusCode).toBe(423);
    expect(await auditActions(t, { entityId: userId })).toContain('auth.locked');
  });

  it('regenerates recovery codes and disables MFA with the password', async () => {
    const { client, email } = await createOrgWithUser(t);
    expect((await client.post(`${API}/me/mfa/recovery-codes`, { password: TEST_PASSWORD })).json().code).toBe(
      'mfa_not_enabled',
    );
    expect((await client.post(`${API}/me/mfa/disable`, { password: TEST_PASSWORD })).json().code).toBe(
      'mfa_not_enabled',
    );
    expect((await client.post(`${API}/me/mfa/enable`, { code: '123456' })).json().code).toBe(
      'mfa_not_enabled',
    );
    const { secret } = (await client.post(`${API}/me/mfa/setup`)).json();
    const first: string[] = (await client.post(`${API}/me/mfa/enable`, { code: totpFor(secret) })).json()
      .recoveryCodes;

    const wrongPw = await client.post(`${API}/me/mfa/recovery-codes`, { password: 'not my password' });
    expect(wrongPw.statusCode).toBe(400);
    expect(wrongPw.json().code).toBe('password_wrong');
    const regen = await client.post(`${API}/me/mfa/recovery-codes`, { password: TEST_PASSWORD });
    expect(regen.statusCode).toBe(200);
    const second: string[] = regen.json().recoveryCodes;
    expect(second).toHaveLength(10);
    expect(second).not.toContain(first[0]);

    const c = new TestClient(t.app);
    await login(c, email, TEST_PASSWORD);
    expect((await c.post(`${API}/auth/mfa/verify`, { code: first[0] as string })).json().code).toBe(
      'mfa_invalid',
    );
    expect((await c.post(`${API}/auth/mfa/verify`, { code: second[0] as string })).statusCode).toBe(200);

    expect((await client.post(`${API}/me/mfa/disable`, { password: 'not my password' })).json().code).toBe(
      'password_wrong',
    );
    expect((await client.post(`${API}/me/mfa/disable`, { password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await client.get(`${API}/session`)).json().user.mfaEnabled).toBe(false);
    expect((await login(new TestClient(t.app), email, TEST_PASSWORD)).json()).toEqual({ mfaRequired: false });
  });

  it('refuses the second factor routes to anonymous callers', async () => {
    const c = new TestClient(t.app);
    expect((await c.post(`${API}/auth/mfa/verify`, { code: '123456' })).statusCode).toBe(401);
    expect((await c.post(`${API}/me/mfa/setup`)).statusCode).toBe(401);
    const { orgId } = await createOrgWithUser(t);
    const { client } = await addUserToOrg(t, orgId, 'auditor');
    // Account routes are for every role, auditors included.
    expect((await client.post(`${API}/me/mfa/setup`)).statusCode).toBe(200);
  });
});

describe("account events in each of the user's organizations", () => {
  it("shows a member's lock, MFA, password and session changes to the owners of the member's organizations only", async () => {
    const a = await createOrgWithUser(t, 'owner', 'Org A');
    const b = await createOrgWithUser(t, 'owner', 'Org B');
    const other = await createOrgWithUser(t, 'owner', 'Org C');
    const member = await addUserToOrg(t, a.orgId, 'member');
    await joinOrg(t, b.orgId, member.userId, 'admin');

    // The member turns MFA on, makes new recovery codes, turns it off, changes the password.
    const { secret } = (await member.client.post(`${API}/me/mfa/setup`)).json();
    expect((await member.client.post(`${API}/me/mfa/enable`, { code: totpFor(secret) })).statusCode).toBe(
      200,
    );
    await member.client.post(`${API}/me/mfa/recovery-codes`, { password: TEST_PASSWORD });
    await member.client.post(`${API}/me/mfa/disable`, { password: TEST_PASSWORD });
    await createSession(t.db, member.userId, { verified: true, orgId: a.orgId });
    const changed = await member.client.post(`${API}/me/password`, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a new long passphrase',
    });
    expect(changed.statusCode).toBe(200);
    // Then someone guesses at the account until it locks.
    const c = new TestClient(t.app);
    for (let i = 0; i < 10; i++) await login(c, member.email, `wrong password ${i}`);
    const until = (await login(c, member.email, 'wrong again')).json().params.until;

    const memberEvents = async (owner: { client: TestClient }) =>
      ((await owner.client.get(`${API}/audit?entityType=user&limit=200`)).json().items as AuditItem[])
        .filter((e) => e.entityId === member.userId)
        .map((e) => [e.action, e.summary.details ?? {}]);
    for (const owner of [a, b]) {
      expect((await memberEvents(owner)).reverse()).toEqual([
        ['user.mfa_enable', { displayName: expect.any(String) }],
        ['user.recovery_codes_regenerate', { displayName: expect.any(String) }],
        ['user.mfa_disable', { displayName: expect.any(String) }],
        ['user.password_change', { displayName: expect.any(String) }],
        [
          'user.sessions_end',
          { displayName: expect.any(String), reason: 'password_change', sessionsEnded: 1 },
        ],
        ['auth.locked', { displayName: expect.any(String), until, failures: 10 }],
      ]);
    }
    expect(await memberEvents(other)).toEqual([]);
    const chains = await verifyAuditChains(t.db.kysely);
    expect(chains.breaks).toEqual([]);
  });
});

type AuditItem = { action: string; entityId: string | null; summary: { details?: Record<string, unknown> } };
