import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUserToOrg,
  createOrgWithUser,
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  TestClient,
} from '../../test/harness.js';
import { type Mailbox, startMailbox } from '../../test/mailbox.js';

/** "Forgot your password?" by email (issue 9 item 13), through a real SMTP server. */

const API = '/api/v1';
const NEW_PASSWORD = 'a mailed link set this password';
let t: TestApp;
let box: Mailbox;
let ipSeq = 0;
const nextIp = () => `198.51.100.${(++ipSeq % 250) + 1}`;

beforeAll(async () => {
  box = await startMailbox();
  t = await createTestApp({
    baseUrl: 'https://keizoku.example.jp/',
    trustProxy: ['127.0.0.1'],
    smtpUrl: box.url,
    mailFrom: '継続 事務局 <bcp@keizoku.example.jp>',
  });
});
afterAll(async () => {
  await t.close();
  await box.close();
});

const ask = (email: string, ip = nextIp()) =>
  new TestClient(t.app).post(`${API}/password-reset-requests`, { email }, { 'x-forwarded-for': ip });
/** The link's state as the reset page asks for it; a link never made (or replaced) is a 404. */
const status = async (token: string) => {
  const res = await new TestClient(t.app).get(`${API}/password-reset/${token}`, {
    'x-forwarded-for': nextIp(),
  });
  if (res.statusCode === 404) return { status: 'unknown', code: res.json().code };
  expect(res.statusCode).toBe(200);
  return res.json();
};
const spend = (token: string, password: string) =>
  new TestClient(t.app).post(`${API}/password-reset/${token}`, { password }, { 'x-forwarded-for': nextIp() });
const login = (email: string, password: string) =>
  new TestClient(t.app).post(`${API}/auth/login`, { email, password }, { 'x-forwarded-for': nextIp() });

const linkIn = (text: string | undefined) => {
  const m = /https:\/\/keizoku\.example\.jp\/reset\/([A-Za-z0-9_-]{43})/.exec(text ?? '');
  if (!m?.[1]) throw new Error(`no reset link in: ${text}`);
  return m[1];
};

/** Wait until the app has finished its mails in the background. */
const settle = () => new Promise((r) => setTimeout(r, 400));

describe('password reset by email', () => {
  it('says mail is available, mails a link in the account language, and the link sets a new password', async () => {
    expect((await new TestClient(t.app).get(`${API}/password-reset-requests/options`)).json()).toEqual({
      byEmail: true,
    });
    const owner = await createOrgWithUser(t, 'owner');
    const second = await createOrgWithUser(t, 'owner');
    await t.db.kysely
      .insertInto('memberships')
      .values({
        id: `m-${owner.userId}`,
        org_id: second.orgId,
        user_id: owner.userId,
        role: 'member',
        created_at: new Date().toISOString(),
      })
      .execute();

    // Any spelling of the address; the answer comes at once and says only that mail is used.
    const res = await ask(`  ${owner.email.toUpperCase()} `);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ byEmail: true });

    const mail = await box.waitFor(owner.email);
    expect(mail.subject).toBe('【keizoku】パスワードの再設定');
    expect(mail.from?.value[0]).toEqual({ name: '継続 事務局', address: 'bcp@keizoku.example.jp' });
    expect(mail.text).toContain('1回だけ');
    expect(mail.text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} JST まで（24時間）/);
    const token = linkIn(mail.text);
    expect(await status(token)).toEqual({ status: 'valid' });

    // The same code path as an owner's link: only the hash is stored, made by nobody in particular.
    const rows = await t.db.kysely
      .selectFrom('password_resets')
      .selectAll()
      .where('user_id', '=', owner.userId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ org_id: null, created_by: null, used_at: null });
    expect(rows[0]?.token_hash).not.toBe(token);

    expect((await spend(token, NEW_PASSWORD)).statusCode).toBe(200);
    expect(await status(token)).toEqual({ status: 'used' });
    expect((await login(owner.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(owner.email, NEW_PASSWORD)).statusCode).toBe(200);

    // Audited with no actor in both organizations and the system chain; the token nowhere.
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'org_id', 'actor_user_id', 'summary'])
      .where('entity_id', '=', owner.userId)
      .where('action', 'in', ['user.password_reset_request', 'user.password_reset'])
      .execute();
    const chains = (action: string) =>
      audit
        .filter((a) => a.action === action)
        .map((a) => a.org_id ?? 'system')
        .sort();
    const expected = ['system', owner.orgId, second.orgId].sort();
    expect(chains('user.password_reset_request')).toEqual(expected);
    expect(chains('user.password_reset')).toEqual(expected);
    const request = audit.find((a) => a.action === 'user.password_reset_request');
    expect(request?.actor_user_id).toBeNull();
    const reset = audit.find((a) => a.action === 'user.password_reset');
    expect(JSON.parse(String(reset?.summary)).details).toMatchObject({ via: 'email' });
    expect(audit.some((a) => String(a.summary).includes(token))).toBe(false);
  });

  it('writes in English to an English-speaking account', async () => {
    const member = await createOrgWithUser(t, 'member');
    await t.db.kysely.updateTable('users').set({ locale: 'en' }).where('id', '=', member.userId).execute();
    await ask(member.email);
    const mail = await box.waitFor(member.email);
    expect(mail.subject).toBe('keizoku: reset your password');
    expect(mail.text).toMatch(/works once, until \d{1,2} \w+ \d{4} at \d{2}:\d{2} GMT\+9 \(24 hours\)/);
    linkIn(mail.text);
  });

  it('answers an unknown address exactly the same and sends nothing', async () => {
    const known = await createOrgWithUser(t, 'member');
    const unknownAddress = 'nobody-here@example.test';
    const a = await ask(known.email);
    const b = await ask(unknownAddress);
    expect(b.statusCode).toBe(a.statusCode);
    expect(b.body).toBe(a.body);
    expect(b.headers['content-type']).toBe(a.headers['content-type']);
    await box.waitFor(known.email);
    await settle();
    expect(box.to(unknownAddress)).toEqual([]);

    // An account in no organization (removed from its last one) gets nothing either.
    const owner = await createOrgWithUser(t, 'owner');
    const gone = await addUserToOrg(t, owner.orgId, 'member');
    expect((await owner.client.delete(`${API}/org/members/${gone.userId}`)).statusCode).toBe(204);
    expect((await ask(gone.email)).json()).toEqual({ byEmail: true });
    await settle();
    expect(box.to(gone.email)).toEqual([]);
  });

  it('mails one link a minute per account; a newer mailed link replaces the older', async () => {
    const member = await createOrgWithUser(t, 'member');
    await ask(member.email);
    const first = linkIn((await box.waitFor(member.email)).text);
    await ask(member.email);
    await settle();
    expect(box.to(member.email)).toHaveLength(1);

    // A minute later (moved back in the table), a second request mails a new link; the first stops.
    await t.db.kysely
      .updateTable('password_resets')
      .set({ created_at: new Date(Date.now() - 61_000).toISOString() })
      .where('user_id', '=', member.userId)
      .execute();
    await ask(member.email);
    for (let i = 0; i < 50 && box.to(member.email).length < 2; i++) await settle();
    const mails = box.to(member.email);
    expect(mails).toHaveLength(2);
    const second = linkIn(mails[1]?.text);
    expect(await status(first)).toEqual({ status: 'unknown', code: 'reset_link_invalid' });
    expect(await status(second)).toEqual({ status: 'valid' });
  });

  it('tells a used, expired or unknown link apart before the form is shown', async () => {
    const member = await createOrgWithUser(t, 'member');
    await ask(member.email);
    const token = linkIn((await box.waitFor(member.email)).text);
    await t.db.kysely
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', member.userId)
      .execute();
    expect(await status(token)).toEqual({ status: 'expired' });
    expect((await spend(token, NEW_PASSWORD)).json().code).toBe('reset_link_invalid');
    expect(await status('no-such-token')).toEqual({ status: 'unknown', code: 'reset_link_invalid' });
  });

  it('needs the CSRF token and limits requests per client address like login', async () => {
    const noCsrf = await new TestClient(t.app).post(
      `${API}/password-reset-requests`,
      { email: 'x@example.test' },
      { 'x-csrf-token': 'forged', 'x-forwarded-for': nextIp() },
    );
    expect(noCsrf.statusCode).toBe(403);
    const bad = await ask('not an address');
    expect(bad.statusCode).toBe(400);

    const ip = '203.0.113.77';
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) codes.push((await ask(`guess-${i}@example.test`, ip)).statusCode);
    expect(codes.every((c) => c === 202)).toBe(true);
    const limited = await ask('guess-last@example.test', ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
  });
});

describe('password reset without mail', () => {
  it('says so, accepts the request and sends nothing', async () => {
    const plain = await createTestApp({ trustProxy: ['127.0.0.1'] });
    try {
      const client = new TestClient(plain.app);
      expect((await client.get(`${API}/password-reset-requests/options`)).json()).toEqual({ byEmail: false });
      const owner = await createOrgWithUser(plain, 'owner');
      const res = await client.post(`${API}/password-reset-requests`, { email: owner.email });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ byEmail: false });
      await settle();
      expect(box.to(owner.email)).toEqual([]);
      expect(
        await plain.db.kysely
          .selectFrom('password_resets')
          .select('id')
          .where('user_id', '=', owner.userId)
          .execute(),
      ).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
