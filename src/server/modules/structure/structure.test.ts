import { describe, expect, it } from 'vitest';
import {
  addUserToOrg,
  auditActions,
  createOrgWithUser,
  expectJustNow,
  withTestApp,
} from '../../test/harness.js';

const t = withTestApp();

describe('sites', () => {
  it('creates, lists, reads, updates with If-Match, archives and unarchives, auditing each write', async () => {
    const { client, orgId } = await createOrgWithUser(t, 'admin');
    const created = await client.post('/api/v1/sites', {
      name: '岡山本社',
      kind: 'head_office',
      prefectureCode: '33',
      address: '岡山市北区1-1',
    });
    expect(created.statusCode).toBe(201);
    const site = created.json();
    expect(site).toMatchObject({ name: '岡山本社', kind: 'head_office', prefectureCode: '33', version: 1 });
    expect(created.headers.etag).toBe('"1"');

    const list = await client.get('/api/v1/sites');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([site.id]);

    expect((await client.get(`/api/v1/sites/${site.id}`)).json().name).toBe('岡山本社');

    const patched = await client.patch(
      `/api/v1/sites/${site.id}`,
      { name: '本社', address: null },
      { 'if-match': '"1"' },
    );
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: '本社', address: null, version: 2, prefectureCode: '33' });

    const stale = await client.patch(`/api/v1/sites/${site.id}`, { name: 'X' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('version_conflict');
    expect((await client.get(`/api/v1/sites/${site.id}`)).json().name).toBe('本社');

    const archived = await client.post(`/api/v1/sites/${site.id}/archive`);
    expect(archived.statusCode).toBe(200);
    expectJustNow(archived.json().archivedAt);
    expect((await client.get('/api/v1/sites')).json().items).toEqual([]);
    expect((await client.get('/api/v1/sites?includeArchived=true')).json().items).toHaveLength(1);

    const unarchived = await client.post(`/api/v1/sites/${site.id}/unarchive`);
    expect(unarchived.json().archivedAt).toBeNull();
    expect((await client.get('/api/v1/sites')).json().items).toHaveLength(1);

    expect(await auditActions(t, { orgId: orgId })).toEqual([
      'site.create',
      'site.update',
      'site.archive',
      'site.unarchive',
    ]);
  });

  it('refuses duplicate names with 409 duplicate naming the field, on create and rename', async () => {
    const { client } = await createOrgWithUser(t);
    await client.post('/api/v1/sites', { name: '倉敷店', kind: 'shop' });
    const dup = await client.post('/api/v1/sites', { name: '倉敷店', kind: 'branch' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'duplicate', params: { field: 'name' } });
    const other = (await client.post('/api/v1/sites', { name: '津山店', kind: 'shop' })).json();
    const rename = await client.patch(`/api/v1/sites/${other.id}`, { name: '倉敷店' }, { 'if-match': '"1"' });
    expect(rename.statusCode).toBe(409);
    // Another organization may use the same name.
    const { client: c2 } = await createOrgWithUser(t);
    expect((await c2.post('/api/v1/sites', { name: '倉敷店', kind: 'shop' })).statusCode).toBe(201);
  });

  it('validates input: kind, prefecture code, unknown fields, lengths', async () => {
    const { client } = await createOrgWithUser(t);
    for (const body of [
      { name: 'A', kind: 'castle' },
      { name: 'A', kind: 'shop', prefectureCode: '48' },
      { name: 'A', kind: 'shop', extra: 1 },
      { name: '', kind: 'shop' },
      { name: 'x'.repeat(101), kind: 'shop' },
      { kind: 'shop' },
    ]) {
      const res = await client.post('/api/v1/sites', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    expect((await client.get('/api/v1/sites')).json().items).toEqual([]);
  });

  it('requires If-Match on PATCH and answers 404 for unknown ids', async () => {
    const { client } = await createOrgWithUser(t);
    const site = (await client.post('/api/v1/sites', { name: 'A', kind: 'other' })).json();
    expect((await client.patch(`/api/v1/sites/${site.id}`, { name: 'B' })).statusCode).toBe(428);
    expect((await client.patch('/api/v1/sites/nope', { name: 'B' }, { 'if-match': '"1"' })).statusCode).toBe(
      404,
    );
    expect((await client.post('/api/v1/sites/nope/archive')).statusCode).toBe(404);
    expect((await client.get('/api/v1/sites/nope')).statusCode).toBe(404);
  });

  it('lets readers read but not write; auditors are read-only', async () => {
    const { orgId, client: owner } = await createOrgWithUser(t);
    const site = (await owner.post('/api/v1/sites', { name: 'A', kind: 'other' })).json();
    for (const role of ['member', 'auditor', 'hq', 'facilitator'] as const) {
      const { client } = await addUserToOrg(t, orgId, role);
      expect((await client.get('/api/v1/sites')).statusCode).toBe(200);
      expect((await client.post('/api/v1/sites', { name: 'B', kind: 'other' })).statusCode).toBe(403);
      expect(
        (await client.patch(`/api/v1/sites/${site.id}`, { name: 'C' }, { 'if-match': '"1"' })).statusCode,
      ).toBe(403);
      expect((await client.post(`/api/v1/sites/${site.id}/archive`)).statusCode).toBe(403);
      expect((await client.post('/api/v1/departments', { name: 'B' })).statusCode).toBe(403);
    }
  });

  it('hides another organization’s sites', async () => {
    const a = await createOrgWithUser(t);
    const b = await createOrgWithUser(t);
    const site = (await a.client.post('/api/v1/sites', { name: 'Secret', kind: 'other' })).json();
    expect((await b.client.get('/api/v1/sites')).json().items).toEqual([]);
    expect((await b.client.get(`/api/v1/sites/${site.id}`)).statusCode).toBe(404);
    expect(
      (await b.client.patch(`/api/v1/sites/${site.id}`, { name: 'X' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(404);
    expect((await b.client.post(`/api/v1/sites/${site.id}/archive`)).statusCode).toBe(404);
  });

  it('rejects unauthenticated callers', async () => {
    const res = await t.app.inject('/api/v1/sites');
    expect(res.statusCode).toBe(401);
  });
});

describe('departments', () => {
  it('creates, lists, updates, archives and refuses duplicates', async () => {
    const { client, orgId } = await createOrgWithUser(t, 'owner');
    const res = await client.post('/api/v1/departments', { name: '総務部' });
    expect(res.statusCode).toBe(201);
    const dept = res.json();
    expect(dept).toMatchObject({ name: '総務部', version: 1, archivedAt: null });

    const dup = await client.post('/api/v1/departments', { name: '総務部' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'duplicate', params: { field: 'name' } });

    const patched = await client.patch(
      `/api/v1/departments/${dept.id}`,
      { name: '管理部' },
      { 'if-match': 'W/"1"' },
    );
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: '管理部', version: 2 });
    const stale = await client.patch(`/api/v1/departments/${dept.id}`, { name: 'X' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);

    expectJustNow((await client.post(`/api/v1/departments/${dept.id}/archive`)).json().archivedAt);
    // Archiving twice is harmless and records nothing more.
    expect((await client.post(`/api/v1/departments/${dept.id}/archive`)).statusCode).toBe(200);
    expect((await client.get('/api/v1/departments')).json().items).toEqual([]);
    expect((await client.get('/api/v1/departments?includeArchived=true')).json().items).toHaveLength(1);
    expect((await client.post(`/api/v1/departments/${dept.id}/unarchive`)).json().archivedAt).toBeNull();
    expect((await client.get(`/api/v1/departments/${dept.id}`)).json().name).toBe('管理部');

    expect(await auditActions(t, { orgId: orgId })).toEqual([
      'department.create',
      'department.update',
      'department.archive',
      'department.unarchive',
    ]);

    expect((await client.post('/api/v1/departments', { name: '' })).statusCode).toBe(400);
    expect((await client.post('/api/v1/departments', { name: 'A', x: 1 })).statusCode).toBe(400);
    expect((await client.get('/api/v1/departments?includeArchived=maybe')).statusCode).toBe(400);
    expect(
      (await client.patch('/api/v1/departments/nope', { name: 'Z' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(404);
  });

  it('stores script and SQL payloads as plain text', async () => {
    const { client } = await createOrgWithUser(t);
    const names = ['<script>alert(1)</script>', "'; DROP TABLE departments; --"];
    for (const name of names)
      expect((await client.post('/api/v1/departments', { name })).statusCode).toBe(201);
    const got = (await client.get('/api/v1/departments')).json().items.map((d: { name: string }) => d.name);
    expect(got.sort()).toEqual([...names].sort());
  });
});
