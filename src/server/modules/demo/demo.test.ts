import { afterEach, describe, expect, it } from 'vitest';
import { checkPassword } from '../../../domain/password-policy.js';
import { verifyAuditChains } from '../../audit-trail/audit.js';
import { verifyPassword } from '../../security/passwords.js';
import { createOrgWithUser, createTestApp, type TestApp, TestClient } from '../../test/harness.js';
import { demoContent, demoOwnerLogin } from './content.js';
import { DemoAlreadyLoadedError, loadDemo } from './service.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const count = async (
  app: TestApp,
  table: 'sites' | 'departments' | 'people' | 'memberships',
  orgId: string,
) => (await app.db.kysely.selectFrom(table).select('id').where('org_id', '=', orgId).execute()).length;

describe('demo content', () => {
  it('describes the 001 gym chain: Okayama head office, nearby gyms, a few dozen people, one part-time IT person', () => {
    const c = demoContent();
    expect(c.source).toContain('001_b3826bec74ea1c12');
    expect(c.sites.filter((s) => s.kind === 'head_office')).toHaveLength(1);
    expect(c.sites.every((s) => s.prefecture === '33')).toBe(true);
    expect(c.sites.filter((s) => s.kind === 'shop').length).toBeGreaterThanOrEqual(3);
    expect(c.people.length).toBeGreaterThanOrEqual(30);
    expect(c.people.length).toBeLessThanOrEqual(45);
    const it = c.people.filter((p) => p.title?.ja.includes('情報システム'));
    expect(it).toHaveLength(1);
    expect(it[0]?.department).toBe('admin');
    const homes = new Set(c.people.map((p) => p.home_prefecture));
    expect([...homes].sort()).toEqual(['33', '34', '37']);
    expect(new Set(c.people.map((p) => p.employment_status)).size).toBeGreaterThanOrEqual(5);
    expect(c.people.every((p) => p.email.endsWith('@example.jp'))).toBe(true);
    expect(c.users.map((u) => u.role).sort()).toEqual(['admin', 'auditor', 'owner']);
  });

  it('has a demo password the password policy accepts', () => {
    const { email, password } = demoOwnerLogin();
    expect(checkPassword(password, email)).toBeNull();
  });
});

describe('loadDemo', () => {
  it('writes the organization, people and logins in one audited transaction, once', async () => {
    t = await createTestApp();
    const c = demoContent();
    const result = await loadDemo(t.db);
    expect(await count(t, 'sites', result.orgId)).toBe(c.sites.length);
    expect(await count(t, 'departments', result.orgId)).toBe(c.departments.length);
    expect(await count(t, 'people', result.orgId)).toBe(c.people.length);
    expect(await count(t, 'memberships', result.orgId)).toBe(c.users.length);

    const org = await t.db.kysely
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', result.orgId)
      .executeTakeFirstOrThrow();
    expect(org.name).toBe('さくらフィットネス株式会社');
    // 年商 5億円, so damage amounts and the lost-profit helper read as % of sales.
    expect(Number(org.annual_sales_yen)).toBe(500_000_000);
    expect(c.organization.annual_sales_yen).toBe(500_000_000);
    const itPerson = await t.db.kysely
      .selectFrom('people')
      .selectAll()
      .where('email', '=', 't.moriya@example.jp')
      .executeTakeFirstOrThrow();
    const dept = await t.db.kysely
      .selectFrom('departments')
      .select('name')
      .where('id', '=', itPerson.department_id ?? '')
      .executeTakeFirstOrThrow();
    expect(dept.name).toBe('総務・人事部');
    expect(itPerson.home_prefecture).toBe('33');
    expect(itPerson.name_kana).toBe('モリヤ タクヤ');

    const owner = await t.db.kysely
      .selectFrom('users')
      .selectAll()
      .where('id', '=', result.ownerUserId)
      .executeTakeFirstOrThrow();
    expect(owner.email).toBe(result.owner.email);
    expect(await verifyPassword(owner.password_hash, result.owner.password)).toBe(true);

    const entries = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', result.orgId)
      .orderBy('seq')
      .execute();
    expect(entries.at(-1)?.action).toBe('demo.load');
    expect(entries.filter((e) => e.action === 'person.create')).toHaveLength(c.people.length);
    expect(entries.every((e) => !e.summary.includes('argon2'))).toBe(true);
    expect((await verifyAuditChains(t.db.kysely)).breaks).toEqual([]);

    await expect(loadDemo(t.db)).rejects.toBeInstanceOf(DemoAlreadyLoadedError);
    expect((await t.db.kysely.selectFrom('organizations').select('id').execute()).length).toBe(1);
  });

  it('writes nothing when a section fails half way', async () => {
    t = await createTestApp();
    const c = demoContent();
    // A person pointing at a site key that does not exist fails inside the transaction.
    const broken = {
      ...c,
      people: [
        ...c.people,
        { ...c.people[0], key: 'ghost', email: 'ghost@example.jp', employee_number: 'X', site: 'nowhere' },
      ],
    } as typeof c;
    await expect(loadDemo(t.db, { content: broken })).rejects.toThrow(/unknown key nowhere/);
    for (const table of ['organizations', 'users', 'people', 'sites', 'audit_log', 'audit_heads'] as const) {
      expect((await t.db.kysely.selectFrom(table).selectAll().execute()).length, table).toBe(0);
    }
  });
});

describe('POST /api/v1/setup/demo', () => {
  it('loads the demo on a fresh installation and logs the caller in as the demo owner', async () => {
    t = await createTestApp();
    const client = new TestClient(t.app);
    const res = await client.post('/api/v1/setup/demo');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ email: demoOwnerLogin().email });
    expect(res.body).not.toContain(demoOwnerLogin().password);
    const cookie = res.cookies.find((c) => c.name === 'keizoku_session');
    expect(cookie?.httpOnly).toBe(true);

    // The session is the owner's, in the demo organization: the audit trail is readable.
    const audit = await client.get('/api/v1/audit?action=demo.');
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items.map((i: { action: string }) => i.action)).toEqual(['demo.load']);
    expect((await client.get('/api/v1/audit/verify')).json().ok).toBe(true);

    const again = await new TestClient(t.app).post('/api/v1/setup/demo');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('setup_already_done');
  });

  it('is refused once any account exists', async () => {
    t = await createTestApp();
    await createOrgWithUser(t, 'owner');
    const res = await new TestClient(t.app).post('/api/v1/setup/demo');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('setup_already_done');
    expect(res.cookies.find((c) => c.name === 'keizoku_session')).toBeUndefined();
    expect((await t.db.kysely.selectFrom('people').select('id').execute()).length).toBe(0);
  });

  it('takes no body, or an empty JSON body, as "no options" (curl -X POST)', async () => {
    for (const headers of [{}, { 'content-type': 'application/json' }] as Record<string, string>[]) {
      t = await createTestApp();
      const client = new TestClient(t.app);
      const res = await client.request('POST', '/api/v1/setup/demo', undefined, headers);
      expect(res.statusCode, `${JSON.stringify(headers)} ${res.body}`).toBe(200);
      expect(res.json()).toEqual({ email: demoOwnerLogin().email });
      expect((await client.get('/api/v1/session')).statusCode).toBe(200);
      await t.close();
      t = null;
    }
  });

  it('still refuses malformed JSON', async () => {
    t = await createTestApp();
    const res = await new TestClient(t.app).request('POST', '/api/v1/setup/demo', '{"x": ', {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('malformed_json');
    expect((await t.db.kysely.selectFrom('users').select('id').execute()).length).toBe(0);
  });

  it('refuses unknown fields in the body', async () => {
    t = await createTestApp();
    const res = await new TestClient(t.app).post('/api/v1/setup/demo', { orgName: 'x' });
    expect(res.statusCode).toBe(400);
    expect((await t.db.kysely.selectFrom('users').select('id').execute()).length).toBe(0);
  });
});
