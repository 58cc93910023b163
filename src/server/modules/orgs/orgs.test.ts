import { describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../../security/sessions.js';
import { archive, createItem, createOrgWithMembers } from '../../test/factories.js';
import {
  addUserToOrg,
  auditActions,
  auditEntries,
  createOrgWithUser,
  joinOrg,
  TestClient,
  withTestApp,
} from '../../test/harness.js';

const API = '/api/v1';
const t = withTestApp({ baseUrl: 'https://keizoku.example.jp' });

describe('organizations', () => {
  it('lists every organization of an advisor with counts, and only theirs', async () => {
    const a = await createOrgWithUser(t, 'facilitator', 'B Gym');
    const other = await createOrgWithUser(t, 'owner', 'A Bakery');
    const stranger = await createOrgWithUser(t, 'owner', 'Stranger Co');
    await joinOrg(t, other.orgId, a.userId, 'auditor');
    await addUserToOrg(t, other.orgId, 'member');
    await createItem(other.client, 'site', { name: 'Okayama' });
    await createItem(other.client, 'site', { name: 'Kurashiki' });
    const closed = await createItem(other.client, 'site', { name: 'Closed' });
    await archive(other.client, `/sites/${closed.id}`);
    await createItem(other.client, 'person', { name: '山田' });
    await createItem(stranger.client, 'site', { name: 'Hidden' });

    const res = await a.client.get(`${API}/orgs`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { id: other.orgId, name: 'A Bakery', role: 'auditor', peopleCount: 1, sitesCount: 2, membersCount: 3 },
      { id: a.orgId, name: 'B Gym', role: 'facilitator', peopleCount: 0, sitesCount: 0, membersCount: 1 },
    ]);
    expect((await new TestClient(t.app).get(`${API}/orgs`)).statusCode).toBe(401);
  });

  it('creates an organization with the caller as owner and switches to it', async () => {
    const a = await createOrgWithUser(t, 'member');
    const created = await a.client.post(`${API}/orgs`, { name: '  新しい顧問先  ' });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({ name: '新しい顧問先', timezone: 'Asia/Tokyo', version: 1 });
    expect((await a.client.post(`${API}/orgs`, { name: '' })).statusCode).toBe(400);
    expect((await a.client.post(`${API}/orgs`, { name: 'x'.repeat(201) })).statusCode).toBe(400);

    // Still in the first organization, as a member: no settings rights.
    expect((await a.client.patch(`${API}/org`, { name: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(403);
    const sw = await a.client.post(`${API}/session/org`, { orgId: org.id });
    expect(sw.statusCode).toBe(200);
    const s = (await a.client.get(`${API}/session`)).json();
    expect(s.currentOrg).toMatchObject({ id: org.id, role: 'owner' });
    expect(s.organizations).toHaveLength(2);
    expect((await a.client.get(`${API}/org`)).json().id).toBe(org.id);

    expect(await auditActions(t, { orgId: org.id })).toEqual(['organization.create', 'member.add']);
  });

  it('refuses switching to an organization the caller is not a member of', async () => {
    const a = await createOrgWithUser(t);
    const b = await createOrgWithUser(t);
    const res = await a.client.post(`${API}/session/org`, { orgId: b.orgId });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    expect((await a.client.get(`${API}/org`)).json().id).toBe(a.orgId);
  });

  it('reads and updates the organization with If-Match and a valid time zone', async () => {
    const a = await createOrgWithUser(t, 'admin');
    const got = await a.client.get(`${API}/org`);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toMatchObject({ id: a.orgId, timezone: 'Asia/Tokyo', version: 1 });

    expect((await a.client.patch(`${API}/org`, { name: 'Renamed' })).statusCode).toBe(428);
    const badZone = await a.client.patch(`${API}/org`, { timezone: 'Mars/Olympus' }, { 'if-match': '"1"' });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().issues[0]).toMatchObject({ path: ['timezone'], code: 'timezone_invalid' });
    const ok = await a.client.patch(
      `${API}/org`,
      { name: 'Renamed', timezone: 'Asia/Seoul' },
      { 'if-match': '"1"' },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Renamed', timezone: 'Asia/Seoul', version: 2 });
    expect(ok.headers.etag).toBe('"2"');
    const stale = await a.client.patch(`${API}/org`, { name: 'Lost update' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('version_conflict');
    expect((await a.client.get(`${API}/org`)).json().name).toBe('Renamed');

    const { client: auditor } = await addUserToOrg(t, a.orgId, 'auditor');
    expect((await auditor.get(`${API}/org`)).statusCode).toBe(200);
    expect((await auditor.patch(`${API}/org`, { name: 'No' }, { 'if-match': '"2"' })).statusCode).toBe(403);

    const audit = await auditEntries(t, { orgId: a.orgId, action: 'organization.update' });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.summary).toMatchObject({
      before: { timezone: 'Asia/Tokyo' },
      after: { name: 'Renamed', timezone: 'Asia/Seoul' },
    });
  });
});

describe('members', () => {
  it('lists members with paging', async () => {
    const owner = await createOrgWithUser(t);
    const m = await addUserToOrg(t, owner.orgId, 'member');
    await addUserToOrg(t, owner.orgId, 'hq');
    const page1 = (await m.client.get(`${API}/org/members?limit=2`)).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]).toMatchObject({
      userId: owner.userId,
      email: owner.email,
      role: 'owner',
      mfaEnabled: false,
    });
    expect(page1.nextCursor).toMatch(/^[\w-]+$/); // opaque, safe in a query string as it is
    const page2 = (await m.client.get(`${API}/org/members?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((x: { role: string }) => x.role)).toEqual(['hq']);
    expect(page2.nextCursor).toBeNull();
    expect((await m.client.get(`${API}/org/members?limit=0`)).statusCode).toBe(400);
  });

  it('enforces who may change roles, and keeps the last owner', async () => {
    const {
      owner,
      members: { admin, member },
    } = await createOrgWithMembers(t, ['admin', 'member']);

    // Members cannot manage members at all.
    const byMember = await member.client.patch(`${API}/org/members/${admin.userId}`, { role: 'member' });
    expect(byMember.statusCode).toBe(403);
    // Admins manage non-owner roles…
    const promote = await admin.client.patch(`${API}/org/members/${member.userId}`, { role: 'facilitator' });
    expect(promote.statusCode).toBe(200);
    expect(promote.json()).toMatchObject({ userId: member.userId, role: 'facilitator' });
    expect(
      (await admin.client.patch(`${API}/org/members/${member.userId}`, { role: 'superuser' })).statusCode,
    ).toBe(400);
    // …but never grant or take away the owner role.
    expect(
      (await admin.client.patch(`${API}/org/members/${member.userId}`, { role: 'owner' })).statusCode,
    ).toBe(403);
    expect(
      (await admin.client.patch(`${API}/org/members/${owner.userId}`, { role: 'member' })).statusCode,
    ).toBe(403);
    expect(
      (await admin.client.patch(`${API}/org/members/${admin.userId}`, { role: 'owner' })).statusCode,
    ).toBe(403);

    // The only owner cannot step down.
    const last = await owner.client.patch(`${API}/org/members/${owner.userId}`, { role: 'admin' });
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('last_owner');
    // With a second owner, they can.
    expect(
      (await owner.client.patch(`${API}/org/members/${admin.userId}`, { role: 'owner' })).statusCode,
    ).toBe(200);
    expect(
      (await owner.client.patch(`${API}/org/members/${owner.userId}`, { role: 'admin' })).statusCode,
    ).toBe(200);
    const roles = (await admin.client.get(`${API}/org/members`))
      .json()
      .items.map((x: { role: string }) => x.role);
    expect(roles).toEqual(['admin', 'owner', 'facilitator']);

    // Unknown member (or one of another organization) is not found.
    const other = await createOrgWithUser(t);
    expect(
      (await admin.client.patch(`${API}/org/members/${other.userId}`, { role: 'member' })).statusCode,
    ).toBe(404);

    expect(await auditActions(t, { orgId: owner.orgId, action: 'member.role_change' })).toHaveLength(3);
  });

  it('keeps one owner when two owners step down at the same time', async () => {
    const a = await createOrgWithUser(t);
    const b = await addUserToOrg(t, a.orgId, 'owner');
    const [ra, rb] = await Promise.all([
      a.client.patch(`${API}/org/members/${a.userId}`, { role: 'admin' }),
      b.client.patch(`${API}/org/members/${b.userId}`, { role: 'admin' }),
    ]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
    const owners = await t.db.kysely
      .selectFrom('memberships')
      .select('user_id')
      .where('org_id', '=', a.orgId)
      .where('role', '=', 'owner')
      .execute();
    expect(owners).toHaveLength(1);
  });

  it('removes members under the same rules', async () => {
    const {
      owner,
      members: { admin, member },
    } = await createOrgWithMembers(t, ['admin', 'member']);

    expect((await member.client.delete(`${API}/org/members/${admin.userId}`)).statusCode).toBe(403);
    expect((await admin.client.delete(`${API}/org/members/${owner.userId}`)).statusCode).toBe(403);
    const self = await owner.client.delete(`${API}/org/members/${owner.userId}`);
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('last_owner');

    expect((await admin.client.delete(`${API}/org/members/${member.userId}`)).statusCode).toBe(204);
    // The removed member loses access to the organization at once.
    expect((await member.client.get(`${API}/org`)).statusCode).toBe(403);
    expect((await admin.client.delete(`${API}/org/members/${member.userId}`)).statusCode).toBe(404);
    const ids = (await owner.client.get(`${API}/org/members`))
      .json()
      .items.map((x: { userId: string }) => x.userId);
    expect(ids).toEqual([owner.userId, admin.userId]);

    // An owner may leave when another owner remains.
    await owner.client.patch(`${API}/org/members/${admin.userId}`, { role: 'owner' });
    expect((await owner.client.delete(`${API}/org/members/${owner.userId}`)).statusCode).toBe(204);
    expect(await auditActions(t, { orgId: owner.orgId, action: 'member.remove' })).toHaveLength(2);
  });
});

describe('invitations', () => {
  const tokenOf = (url: string) => url.split('/invite/')[1] as string;

  it('invites by link; a new person creates an account and is logged in; the link works once', async () => {
    const owner = await createOrgWithUser(t, 'owner', 'Invite Org');
    const created = await owner.client.post(`${API}/org/invitations`, { role: 'hq' });
    expect(created.statusCode).toBe(201);
    const { id, url, expiresAt } = created.json();
    expect(url).toMatch(/^https:\/\/keizoku\.example\.jp\/invite\/[A-Za-z0-9_-]{40,}$/);
    const days = (Date.parse(expiresAt) - Date.now()) / 86400000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const token = tokenOf(url);
    const row = await t.db.kysely
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toBe(token);
    expect(JSON.stringify(row)).not.toContain(token);

    const anon = new TestClient(t.app);
    const preview = await anon.get(`${API}/invitations/${token}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({ organizationName: 'Invite Org', role: 'hq', expiresAt });

    const missing = await anon.post(`${API}/invitations/${token}/accept`, { displayName: '新人' });
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json()
        .issues.map((i: { path: string[] }) => i.path[0])
        .sort(),
    ).toEqual(['email', 'locale', 'password']);
    const weak = await anon.post(`${API}/invitations/${token}/accept`, {
      displayName: '新人',
      email: 'new.person@example.test',
      password: 'short',
      locale: 'ja',
    });
    expect(weak.json()).toMatchObject({ code: 'password_too_short', issues: [{ path: ['password'] }] });
    const taken = await anon.post(`${API}/invitations/${token}/accept`, {
      displayName: '新人',
      email: owner.email,
      password: 'a fine long passphrase',
      locale: 'ja',
    });
    expect(taken.statusCode).toBe(409);

    const accepted = await anon.post(`${API}/invitations/${token}/accept`, {
      displayName: '新人',
      email: 'New.Person@example.test',
      password: 'a fine long passphrase',
      locale: 'en',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ organizationId: owner.orgId, accountCreated: true });
    expect(anon.cookies.has(SESSION_COOKIE)).toBe(true);
    const s = (await anon.get(`${API}/session`)).json();
    expect(s).toMatchObject({
      authenticated: true,
      user: { email: 'new.person@example.test', locale: 'en' },
      currentOrg: { id: owner.orgId, role: 'hq' },
    });

    // Single use.
    const again = await new TestClient(t.app).get(`${API}/invitations/${token}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('invitation_invalid');
    const reuse = await new TestClient(t.app).post(`${API}/invitations/${token}/accept`, {
      displayName: 'Other',
      email: 'other@example.test',
      password: 'a fine long passphrase',
      locale: 'ja',
    });
    expect(reuse.statusCode).toBe(404);

    const list = (await owner.client.get(`${API}/org/invitations`)).json();
    expect(list.items[0]).toMatchObject({
      id,
      role: 'hq',
      status: 'accepted',
      invitedBy: { userId: owner.userId },
    });
    expect(JSON.stringify(list)).not.toContain(token);
    expect(await auditActions(t, { orgId: owner.orgId })).toEqual([
      'invitation.create',
      'user.create',
      'invitation.accept',
      'member.add',
    ]);
  });

  it('lets a logged-in user join with their account, matching the invited address', async () => {
    const owner = await createOrgWithUser(t, 'owner', 'Client Co');
    const advisor = await createOrgWithUser(t, 'owner', 'Advisor Office');
    const forSomeoneElse = (
      await owner.client.post(`${API}/org/invitations`, {
        role: 'facilitator',
        email: 'someone@example.test',
      })
    ).json();
    expect(
      (await new TestClient(t.app).get(`${API}/invitations/${tokenOf(forSomeoneElse.url)}`)).json().email,
    ).toBe('someone@example.test');
    const mismatch = await advisor.client.post(
      `${API}/invitations/${tokenOf(forSomeoneElse.url)}/accept`,
      {},
    );
    expect(mismatch.statusCode).toBe(403);
    expect(mismatch.json().code).toBe('invitation_email_mismatch');
    const anonMismatch = await new TestClient(t.app).post(
      `${API}/invitations/${tokenOf(forSomeoneElse.url)}/accept`,
      {
        displayName: 'X',
        email: 'intruder@example.test',
        password: 'a fine long passphrase',
        locale: 'ja',
      },
    );
    expect(anonMismatch.json()).toMatchObject({
      code: 'invitation_email_mismatch',
      issues: [{ path: ['email'] }],
    });

    const inv = (
      await owner.client.post(`${API}/org/invitations`, {
        role: 'facilitator',
        email: advisor.email.toUpperCase(),
      })
    ).json();
    const res = await advisor.client.post(`${API}/invitations/${tokenOf(inv.url)}/accept`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ organizationId: owner.orgId, accountCreated: false });
    const s = (await advisor.client.get(`${API}/session`)).json();
    expect(s.currentOrg).toMatchObject({ id: owner.orgId, role: 'facilitator' });
    expect(s.organizations).toHaveLength(2);

    // Already a member: a second link does not add twice.
    const second = (await owner.client.post(`${API}/org/invitations`, { role: 'member' })).json();
    const dup = await advisor.client.post(`${API}/invitations/${tokenOf(second.url)}/accept`, {});
    expect(dup.statusCode).toBe(409);
  });

  it('expires and revokes invitations', async () => {
    const owner = await createOrgWithUser(t);
    const inv = (
      await owner.client.post(`${API}/org/invitations`, { role: 'member', expiresInDays: 1 })
    ).json();
    await t.db.kysely
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', inv.id)
      .execute();
    const expired = await new TestClient(t.app).get(`${API}/invitations/${tokenOf(inv.url)}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('invitation_expired');
    expect(
      (await new TestClient(t.app).post(`${API}/invitations/${tokenOf(inv.url)}/accept`, {})).statusCode,
    ).toBe(410);

    const toRevoke = (
      await owner.client.post(`${API}/org/invitations`, { role: 'auditor', expiresInDays: 30 })
    ).json();
    expect((await owner.client.delete(`${API}/org/invitations/${toRevoke.id}`)).statusCode).toBe(204);
    expect((await new TestClient(t.app).get(`${API}/invitations/${tokenOf(toRevoke.url)}`)).statusCode).toBe(
      404,
    );
    const statuses = (await owner.client.get(`${API}/org/invitations`))
      .json()
      .items.map((i: { status: string }) => i.status);
    expect(statuses).toEqual(['revoked', 'expired']);

    expect((await new TestClient(t.app).get(`${API}/invitations/not-a-real-token`)).json().code).toBe(
      'invitation_invalid',
    );
    const other = await createOrgWithUser(t);
    expect((await other.client.delete(`${API}/org/invitations/${toRevoke.id}`)).statusCode).toBe(404);
  });

  it('checks who may invite and the request', async () => {
    const {
      owner,
      members: { admin, member },
    } = await createOrgWithMembers(t, ['admin', 'member']);
    expect((await member.client.post(`${API}/org/invitations`, { role: 'member' })).statusCode).toBe(403);
    expect((await member.client.get(`${API}/org/invitations`)).statusCode).toBe(403);
    expect((await admin.client.post(`${API}/org/invitations`, { role: 'owner' })).statusCode).toBe(403);
    expect((await admin.client.post(`${API}/org/invitations`, { role: 'admin' })).statusCode).toBe(201);
    expect((await owner.client.post(`${API}/org/invitations`, { role: 'owner' })).statusCode).toBe(201);
    for (const bad of [
      { role: 'member', expiresInDays: 0 },
      { role: 'member', expiresInDays: 31 },
      { role: 'god' },
      {},
    ]) {
      expect((await owner.client.post(`${API}/org/invitations`, bad)).statusCode).toBe(400);
    }
    expect(
      (await owner.client.post(`${API}/org/invitations`, { role: 'member', email: 'nope' })).statusCode,
    ).toBe(400);
  });

  it('refuses a pending (second factor outstanding) session', async () => {
    const owner = await createOrgWithUser(t);
    const inv = (await owner.client.post(`${API}/org/invitations`, { role: 'member' })).json();
    const { userId } = await createOrgWithUser(t);
    const c = new TestClient(t.app);
    c.setCookie(SESSION_COOKIE, await createSession(t.db, userId, { verified: false, orgId: null }));
    const res = await c.post(`${API}/invitations/${tokenOf(inv.url)}/accept`, {});
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('mfa_required');
  });
});
