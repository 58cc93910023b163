import { describe, expect, it } from 'vitest';
import { createItem } from '../../test/factories.js';
import {
  addUserToOrg,
  auditActions,
  auditEntries,
  createOrgWithUser,
  expectJustNow,
  type TestClient,
  withTestApp,
} from '../../test/harness.js';

const t = withTestApp();

/** A head office in Okayama and an IT department to place people in. */
async function structure(client: TestClient) {
  const site = await createItem(client, 'site', {
    name: '岡山本社',
    kind: 'head_office',
    prefectureCode: '33',
  });
  const department = await createItem(client, 'department', { name: '情報システム' });
  return { siteId: site.id, departmentId: department.id };
}

describe('people', () => {
  it('creates a person with every field and reads it back, audited', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const { siteId, departmentId } = await structure(client);
    const res = await client.post('/api/v1/people', {
      employeeNumber: 'E001',
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      email: 'taro@example.jp',
      phone: '+81 (86) 123-4567',
      chatHandle: '@taro',
      siteId,
      departmentId,
      homePrefecture: '33',
      employmentStatus: 'part_time',
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      employeeNumber: 'E001',
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      siteName: '岡山本社',
      departmentName: '情報システム',
      homePrefecture: '33',
      employmentStatus: 'part_time',
      version: 1,
      archivedAt: null,
    });
    const got = await client.get(`/api/v1/people/${p.id}`);
    expect(got.json()).toEqual(p);
    expect(got.headers.etag).toBe('"1"');
    const audit = await auditEntries(t, { orgId, entityType: 'person' });
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([['person.create', p.id]]);
  });

  it('defaults the employment status, accepts hiragana kana and treats blank strings as empty', async () => {
    const { client } = await createOrgWithUser(t);
    const res = await client.post('/api/v1/people', {
      name: '佐藤',
      nameKana: 'さとう',
      email: '',
      employeeNumber: '',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      employmentStatus: 'full_time',
      nameKana: 'さとう',
      email: null,
      employeeNumber: null,
    });
  });

  it('validates fields with stable issue codes', async () => {
    const { client } = await createOrgWithUser(t);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: 'A', nameKana: 'Yamada' }, 'nameKana', 'invalid_kana'],
      [{ name: 'A', nameKana: '山田' }, 'nameKana', 'invalid_kana'],
      [{ name: 'A', email: 'nope' }, 'email', 'invalid_email'],
      [{ name: 'A', phone: '086-123-ABCD' }, 'phone', 'invalid_phone'],
      [{ name: 'A', homePrefecture: '48' }, 'homePrefecture', 'invalid_value'],
      [{ name: 'A', employmentStatus: 'intern' }, 'employmentStatus', 'invalid_value'],
      [{ name: '' }, 'name', 'too_small'],
      [{ name: 'x'.repeat(201) }, 'name', 'too_big'],
      [{ name: 'A', hobby: 'golf' }, '', 'unrecognized_keys'],
    ];
    for (const [body, field, code] of cases) {
      const res = await client.post('/api/v1/people', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const issue = res.json().issues[0];
      expect(issue.code, JSON.stringify(body)).toBe(code);
      if (field) expect(issue.path).toEqual([field]);
    }
    expect((await client.get('/api/v1/people')).json().items).toEqual([]);
  });

  it('refuses a site or department of another organization (tenant isolation by construction)', async () => {
    const a = await createOrgWithUser(t);
    const b = await createOrgWithUser(t);
    const aStructure = await structure(a.client);
    const res = await b.client.post('/api/v1/people', { name: 'X', ...aStructure });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([
      { path: ['siteId'], code: 'unknown_site' },
      { path: ['departmentId'], code: 'unknown_department' },
    ]);
    const p = await createItem(b.client, 'person', { name: 'X' });
    const patch = await b.client.patch(
      `/api/v1/people/${p.id}`,
      { siteId: aStructure.siteId },
      { 'if-match': '"1"' },
    );
    expect(patch.statusCode).toBe(400);
    expect((await b.client.get(`/api/v1/people/${p.id}`)).json().siteId).toBeNull();
    // And A's people are invisible to B.
    const ap = await createItem(a.client, 'person', { name: 'Alpha' });
    expect((await b.client.get(`/api/v1/people/${ap.id}`)).statusCode).toBe(404);
    expect(
      (await b.client.patch(`/api/v1/people/${ap.id}`, { name: 'Z' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(404);
    expect((await b.client.post(`/api/v1/people/${ap.id}/archive`)).statusCode).toBe(404);
    expect((await b.client.get('/api/v1/people?q=Alpha')).json().items).toEqual([]);
  });

  it('refuses a duplicate employee number with 409 duplicate', async () => {
    const { client } = await createOrgWithUser(t);
    expect((await client.post('/api/v1/people', { name: 'A', employeeNumber: 'E1' })).statusCode).toBe(201);
    const dup = await client.post('/api/v1/people', { name: 'B', employeeNumber: 'E1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'duplicate', params: { field: 'employeeNumber' } });
    const b = await createItem(client, 'person', { name: 'B', employeeNumber: 'E2' });
    const clash = await client.patch(
      `/api/v1/people/${b.id}`,
      { employeeNumber: 'E1' },
      { 'if-match': '"1"' },
    );
    expect(clash.statusCode).toBe(409);
  });

  it('updates with If-Match, refusing stale and missing versions', async () => {
    const { client, orgId } = await createOrgWithUser(t, 'admin');
    const { siteId } = await structure(client);
    const p = await createItem(client, 'person', { name: '田中', email: 'tanaka@example.jp' });
    const res = await client.patch(`/api/v1/people/${p.id}`, { siteId, email: null }, { 'if-match': '"1"' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '田中', siteId, siteName: '岡山本社', email: null, version: 2 });
    expect(res.headers.etag).toBe('"2"');
    const stale = await client.patch(`/api/v1/people/${p.id}`, { name: 'X' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('version_conflict');
    expect((await client.patch(`/api/v1/people/${p.id}`, { name: 'X' })).statusCode).toBe(428);
    expect(
      (await client.patch(`/api/v1/people/${p.id}`, { name: 'X', bogus: 1 }, { 'if-match': '"2"' }))
        .statusCode,
    ).toBe(400);
    expect((await client.get(`/api/v1/people/${p.id}`)).json().name).toBe('田中');
    expect(await auditActions(t, { orgId })).toContain('person.update');
  });

  it('archives and unarchives; archived people are hidden unless asked for', async () => {
    const { client } = await createOrgWithUser(t);
    const p = await createItem(client, 'person', { name: '鈴木' });
    const archived = await client.post(`/api/v1/people/${p.id}/archive`);
    expect(archived.statusCode).toBe(200);
    expectJustNow(archived.json().archivedAt);
    expect((await client.get('/api/v1/people')).json().items).toEqual([]);
    expect((await client.get('/api/v1/people?includeArchived=true')).json().items).toHaveLength(1);
    expect((await client.post(`/api/v1/people/${p.id}/unarchive`)).json().archivedAt).toBeNull();
    expect((await client.get('/api/v1/people')).json().items).toHaveLength(1);
    expect((await client.post('/api/v1/people/nope/archive')).statusCode).toBe(404);
    expect((await client.get('/api/v1/people/nope')).statusCode).toBe(404);
  });

  it('searches name, kana (either script), email and employee number, case-insensitively, with filters', async () => {
    const { client } = await createOrgWithUser(t);
    const { siteId, departmentId } = await structure(client);
    const make = (body: Record<string, unknown>) => client.post('/api/v1/people', body);
    await make({ name: '山田 太郎', nameKana: 'ヤマダ タロウ', employeeNumber: 'E-100', siteId });
    await make({
      name: 'Hanako Sato',
      email: 'Hanako.Sato@Example.JP',
      departmentId,
      employmentStatus: 'contract',
    });
    await make({ name: '100% 本気', employeeNumber: 'X_1' });
    const names = async (qs: string) =>
      (await client.get(`/api/v1/people?${qs}`)).json().items.map((p: { name: string }) => p.name);
    expect(await names('q=やまだ')).toEqual(['山田 太郎']);
    expect(await names(`q=${encodeURIComponent('ヤマダ')}`)).toEqual(['山田 太郎']);
    expect(await names('q=hanako.sato%40example')).toEqual(['Hanako Sato']);
    expect(await names('q=HANAKO')).toEqual(['Hanako Sato']);
    expect(await names('q=e-1')).toEqual(['山田 太郎']);
    // LIKE wildcards are literal.
    expect(await names('q=%25')).toEqual(['100% 本気']);
    expect(await names('q=_')).toEqual(['100% 本気']);
    expect(await names(`siteId=${siteId}`)).toEqual(['山田 太郎']);
    expect(await names(`departmentId=${departmentId}`)).toEqual(['Hanako Sato']);
    expect(await names('employmentStatus=contract')).toEqual(['Hanako Sato']);
    expect((await client.get('/api/v1/people?employmentStatus=boss')).statusCode).toBe(400);
    expect((await client.get('/api/v1/people?limit=0')).statusCode).toBe(400);
    expect((await client.get('/api/v1/people?cursor=garbage')).statusCode).toBe(400);
  });

  it('pages by name then id with a cursor', async () => {
    const { client } = await createOrgWithUser(t);
    const all = ['A', 'B', 'B', 'C', 'D', 'E', 'F'];
    for (const name of all) await client.post('/api/v1/people', { name });
    const seen: string[] = [];
    const ids = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/people?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await client.get(url)).json();
      for (const p of page.items) {
        seen.push(p.name);
        ids.add(p.id);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    expect(ids.size).toBe(all.length);
  });

  it('stores script and SQL payloads as plain text in every text field', async () => {
    const { client } = await createOrgWithUser(t);
    const script = '<script>alert("x")</script>';
    const sqlText = "'; DROP TABLE people; --";
    const res = await client.post('/api/v1/people', {
      name: script,
      chatHandle: sqlText,
      employeeNumber: `${sqlText}1`,
    });
    expect(res.statusCode).toBe(201);
    const p = (await client.get(`/api/v1/people/${res.json().id}`)).json();
    expect(p).toMatchObject({ name: script, chatHandle: sqlText, employeeNumber: `${sqlText}1` });
    expect((await client.get(`/api/v1/people?q=${encodeURIComponent(sqlText)}`)).json().items).toHaveLength(
      1,
    );
    expect((await client.get('/api/v1/people')).statusCode).toBe(200);
  });

  it('enforces roles: readers read, only people.write changes', async () => {
    const { orgId, client: owner } = await createOrgWithUser(t);
    const p = await createItem(owner, 'person', { name: 'A' });
    for (const role of ['member', 'auditor', 'hq', 'facilitator'] as const) {
      const { client } = await addUserToOrg(t, orgId, role);
      expect((await client.get('/api/v1/people')).statusCode).toBe(200);
      expect((await client.get(`/api/v1/people/${p.id}`)).statusCode).toBe(200);
      expect((await client.post('/api/v1/people', { name: 'B' })).statusCode).toBe(403);
      expect(
        (await client.patch(`/api/v1/people/${p.id}`, { name: 'C' }, { 'if-match': '"1"' })).statusCode,
      ).toBe(403);
      expect((await client.post(`/api/v1/people/${p.id}/archive`)).statusCode).toBe(403);
    }
    const { client: admin } = await addUserToOrg(t, orgId, 'admin');
    expect((await admin.post('/api/v1/people', { name: 'B' })).statusCode).toBe(201);
    expect((await t.app.inject('/api/v1/people')).statusCode).toBe(401);
  });
});
