import { describe, expect, it } from 'vitest';
import { createSession } from '../../security/sessions.js';
import {
  addUserToOrg,
  auditEntries,
  BEHIND_LOOPBACK_PROXY,
  createOrgWithUser,
  nextClientAddress,
  TEST_PASSWORD,
  TestClient,
  withTestApp,
} from '../../test/harness.js';

/** Password reset links made by an owner or admin for a member (issue 9 item 13). */

const API = '/api/v1';
const NEW_PASSWORD = 'a brand new long password 2026';
const t = withTestApp({ ...BEHIND_LOOPBACK_PROXY, baseUrl: 'https://keizoku.example.jp/' });

const tokenOf = (url: string) => url.split('/reset/')[1] ?? '';

function spendLink(token: string, password: string, ip = nextClientAddress()) {
  return new TestClient(t.app).post(
    `${API}/password-reset/${token}`,
    { password },
    { 'x-forwarded-for': ip },
  );
}

function login(email: string, password: string) {
  return new TestClient(t.app).post(
    `${API}/auth/login`,
    { email, password },
    { 'x-forwarded-for': nextClientAddress() },
  );
}

describe('password reset links', () => {
  it('lets an owner make a link once; the member sets a password, is unlocked and logged out everywhere', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const member = await addUserToOrg(t, owner.orgId, 'member');
    await createSession(t.db, member.userId, { verified: true, orgId: owner.orgId });
    await t.db.kysely
      .updateTable('users')
      .set({ failed_login_count: 10, locked_until: new Date(Date.now() + 3_600_000).toISOString() })
      .where('id', '=', member.userId)
      .execute();

    const res = await owner.client.post(`${API}/org/members/${member.userId}/password-reset`);
    expect(res.statusCode).toBe(201);
    const { url, expiresAt } = res.json();
    expect(url).toMatch(/^https:\/\/keizoku\.example\.jp\/reset\/[A-Za-z0-9_-]{43}$/);
    const hours = (Date.parse(expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const token = tokenOf(url);

    // Only the hash is stored.
    const stored = await t.db.kysely
      .selectFrom('password_resets')
      .selectAll()
      .where('user_id', '=', member.userId)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ org_id: owner.orgId, created_by: owner.userId, used_at: null });
    expect(stored[0]?.token_hash).not.toBe(token);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);

    // The password rules apply, and a refused password leaves the link usable.
    const weak = await spendLink(token, 'short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('password_too_short');

    expect((await spendLink(token, NEW_PASSWORD)).statusCode).toBe(200);
    expect(
      await t.db.kysely.selectFrom('sessions').select('id').where('user_id', '=', member.userId).execute(),
    ).toEqual([]);
    const user = await t.db.kysely
      .selectFrom('users')
      .selectAll()
      .where('id', '=', member.userId)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ failed_login_count: 0, locked_until: null });
    expect((await member.client.get(`${API}/org/members`)).statusCode).toBe(401);
    expect((await login(member.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(member.email, NEW_PASSWORD)).statusCode).toBe(200);

    // Single use.
    const again = await spendLink(token, 'yet another long password');
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('reset_link_invalid');

    const audit = await auditEntries(t, { entityId: member.userId });
    const link = audit.find((a) => a.action === 'user.password_reset_link');
    const reset = audit.find((a) => a.action === 'user.password_reset');
    expect(link).toMatchObject({ orgId: owner.orgId, actorUserId: owner.userId });
    expect(link?.summary).toEqual({ details: { displayName: user.display_name, expiresAt } });
    expect(reset).toMatchObject({ orgId: owner.orgId, actorUserId: member.userId });
    expect(reset?.summary).toEqual({
      details: { displayName: user.display_name, via: 'link', sessionsEnded: 2 },
    });
    const all = await t.db.kysely.selectFrom('audit_log').select('summary').execute();
    expect(all.some((r) => String(r.summary).includes(token))).toBe(false);
  });

  it('refuses an unknown or expired link with the same answer', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const member = await addUserToOrg(t, owner.orgId, 'member');
    const { url } = (await owner.client.post(`${API}/org/members/${member.userId}/password-reset`)).json();
    await t.db.kysely
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', member.userId)
      .execute();
    for (const token of [tokenOf(url), 'no-such-token']) {
      const res = await spendLink(token, NEW_PASSWORD);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('reset_link_invalid');
    }
    expect((await login(member.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('is only for members of the actor organization, and only owners make one for an owner', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const admin = await addUserToOrg(t, owner.orgId, 'admin');
    const member = await addUserToOrg(t, owner.orgId, 'member');
    const stranger = await createOrgWithUser(t, 'member');
    const path = (userId: string) => `${API}/org/members/${userId}/password-reset`;

    expect((await owner.client.post(path(stranger.userId))).statusCode).toBe(404);
    expect((await admin.client.post(path(owner.userId))).statusCode).toBe(403);
    expect((await member.client.post(path(admin.userId))).statusCode).toBe(403);
    expect((await new TestClient(t.app).post(path(member.userId))).statusCode).toBe(401);
    expect((await admin.client.post(path(member.userId))).statusCode).toBe(201);
    expect((await owner.client.post(path(admin.userId))).statusCode).toBe(201);
    const n = await t.db.kysely
      .selectFrom('password_resets')
      .select('user_id')
      .where('user_id', 'in', [stranger.userId, owner.userId])
      .execute();
    expect(n).toEqual([]);
  });

  it('keeps only the newest link, and drops open links when the member is removed', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const member = await addUserToOrg(t, owner.orgId, 'member');
    const path = `${API}/org/members/${member.userId}/password-reset`;
    const first = tokenOf((await owner.client.post(path)).json().url);
    const second = tokenOf((await owner.client.post(path)).json().url);
    expect((await spendLink(first, NEW_PASSWORD)).json().code).toBe('reset_link_invalid');
    expect((await spendLink(second, NEW_PASSWORD)).statusCode).toBe(200);

    const third = tokenOf((await owner.client.post(path)).json().url);
    expect((await owner.client.delete(`${API}/org/members/${member.userId}`)).statusCode).toBe(204);
    expect((await spendLink(third, 'after removal password')).json().code).toBe('reset_link_invalid');
    const left = await t.db.kysely
      .selectFrom('password_resets')
      .select('used_at')
      .where('user_id', '=', member.userId)
      .execute();
    expect(left).toHaveLength(1);
    expect(left[0]?.used_at).not.toBeNull();
  });

  it('limits tries per client address like login', async () => {
    const ip = '203.0.113.91';
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) codes.push((await spendLink(`guess-${i}`, NEW_PASSWORD, ip)).statusCode);
    expect(codes.every((c) => c === 404)).toBe(true);
    const limited = await spendLink('guess-last', NEW_PASSWORD, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
  });
});
