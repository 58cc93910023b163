import { describe, expect, it } from 'vitest';
import type { HomeFinding, HomeFindingsResponse } from '../../../shared/home.js';
import { nowIso } from '../../ids.js';
import { addUserToOrg, createOrgWithUser, TestClient, withTestApp } from '../../test/harness.js';

const t = withTestApp();

const FINDINGS = '/api/v1/home/findings';

async function lockByWrongPasswords(email: string): Promise<string> {
  const c = new TestClient(t.app);
  let last = null;
  for (let i = 0; i < 10; i++)
    last = await c.post(
      '/api/v1/auth/login',
      { email, password: `wrong password ${i}` },
      { 'x-forwarded-for': `203.0.113.${i + 1}` },
    );
  expect(last?.statusCode).toBe(423);
  return last?.json().params.until;
}

async function lockedFindings(client: TestClient): Promise<HomeFinding[]> {
  return codes(client, 'account_locked');
}

async function codes(client: TestClient, code: HomeFinding['code']): Promise<HomeFinding[]> {
  const res = await client.get(FINDINGS);
  expect(res.statusCode).toBe(200);
  return (res.json() as HomeFindingsResponse).items.filter((f) => f.code === code);
}

describe('home findings', () => {
  it("tells the owners and admins, not the others, while a member's account is locked", async () => {
    const a = await createOrgWithUser(t, 'owner');
    const admin = await addUserToOrg(t, a.orgId, 'admin');
    const auditor = await addUserToOrg(t, a.orgId, 'auditor');
    const member = await addUserToOrg(t, a.orgId, 'member');
    const other = await createOrgWithUser(t, 'owner');
    expect(await lockedFindings(a.client)).toEqual([]);

    const until = await lockByWrongPasswords(member.email);
    const name = (
      await t.db.kysely
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', member.userId)
        .executeTakeFirstOrThrow()
    ).display_name;
    const finding = {
      code: 'account_locked',
      severity: 'warning',
      params: { name, until },
      link: '/members',
    };
    for (const viewer of [a, admin]) {
      expect((await viewer.client.get(FINDINGS)).statusCode).toBe(200);
      expect(await lockedFindings(viewer.client)).toEqual([finding]);
    }
    for (const viewer of [auditor, member, other]) expect(await lockedFindings(viewer.client)).toEqual([]);

    // When the half hour is over, the line goes away by itself.
    await t.db.kysely
      .updateTable('users')
      .set({ locked_until: nowIso() })
      .where('id', '=', member.userId)
      .execute();
    expect(await lockedFindings(a.client)).toEqual([]);
  });

  it('needs a session with an organization', async () => {
    expect((await new TestClient(t.app).get(FINDINGS)).statusCode).toBe(401);
  });
});
