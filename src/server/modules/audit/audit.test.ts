import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit.js';
import { audited } from '../../db/tx.js';
import { newId, nowIso } from '../../ids.js';
import { createItem, linkNodes, node } from '../../test/factories.js';
import { addUserToOrg, createOrgWithUser, type OrgFixture, withTestApp } from '../../test/harness.js';

const t = withTestApp();

/** A real write (a site row) with its audit entry, as a module would do it. */
async function createSite(org: { orgId: string; userId: string }, name: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await audited(t.db, { userId: org.userId, orgId: org.orgId }, async ({ trx, audit }) => {
    await trx
      .insertInto('sites')
      .values({
        id,
        org_id: org.orgId,
        name,
        kind: 'branch',
        prefecture_code: '33',
        address: null,
        archived_at: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await audit({ action: 'site.create', entityType: 'site', entityId: id, after: { name, password: 'x' } });
  });
  return id;
}

async function renameSite(org: { orgId: string; userId: string }, id: string, name: string): Promise<void> {
  await audited(t.db, { userId: org.userId, orgId: org.orgId }, async ({ trx, audit }) => {
    await trx
      .updateTable('sites')
      .set({ name })
      .where('id', '=', id)
      .where('org_id', '=', org.orgId)
      .execute();
    await audit({ action: 'site.update', entityType: 'site', entityId: id, after: { name } });
  });
}

async function memberWrite(org: OrgFixture, entityType: string): Promise<void> {
  await audited(t.db, { userId: org.userId, orgId: org.orgId }, async ({ audit }) => {
    await audit({
      action: `${entityType}.create`,
      entityType,
      entityId: newId(),
      after: { name: entityType },
    });
  });
}

describe('GET /api/v1/audit', () => {
  it('lists the writes of the organization newest first, with actor and parsed summary', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const siteId = await createSite(owner, '倉敷店');
    await renameSite(owner, siteId, '倉敷中央店');

    const res = await owner.client.get('/api/v1/audit');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: AuditEntry[]; nextCursor: string | null };
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((i) => i.action)).toEqual(['site.update', 'site.create']);
    const [update, create] = body.items;
    expect(update?.seq).toBe(2);
    expect(create?.seq).toBe(1);
    expect(create?.entityType).toBe('site');
    expect(create?.entityId).toBe(siteId);
    expect(create?.actor?.id).toBe(owner.userId);
    expect(create?.actor?.displayName).toMatch(/^User /);
    expect(create?.summary).toEqual({ after: { name: '倉敷店', password: '[redacted]' } });
    expect(update?.summary).toEqual({ after: { name: '倉敷中央店' } });
  });

  it('shows a write made over HTTP by another module, with who made it', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const created = await owner.client.post('/api/v1/sites', { name: '総社店', kind: 'shop' });
    expect([200, 201]).toContain(created.statusCode);
    const res = await owner.client.get('/api/v1/audit?entityType=site');
    const items = res.json().items as AuditEntry[];
    expect(items).toHaveLength(1);
    expect(items[0]?.action).toBe('site.create');
    expect(items[0]?.actor?.id).toBe(owner.userId);
    expect(items[0]?.entityId).toBe(created.json().id);
    expect(JSON.stringify(items[0]?.summary)).toContain('総社店');
  });

  it('filters by action prefix, entity type, actor and time, and pages with a cursor', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const other = await addUserToOrg(t, owner.orgId, 'admin');
    const s1 = await createSite(owner, 'A');
    await createSite({ orgId: owner.orgId, userId: other.userId }, 'B');
    await renameSite(owner, s1, 'A2');
    await memberWrite(owner, 'person');
    const q = async (qs: string) => {
      const res = await owner.client.get(`/api/v1/audit${qs}`);
      expect(res.statusCode).toBe(200);
      return res.json() as { items: AuditEntry[]; nextCursor: string | null };
    };

    expect((await q('?action=site.')).items.map((i) => i.action)).toEqual([
      'site.update',
      'site.create',
      'site.create',
    ]);
    expect((await q('?action=site.create')).items).toHaveLength(2);
    // The prefix is literal: a LIKE wildcard matches nothing.
    expect((await q('?action=%25')).items).toHaveLength(0);
    expect((await q('?entityType=person')).items.map((i) => i.action)).toEqual(['person.create']);
    const byOther = await q(`?actorUserId=${other.userId}`);
    expect(byOther.items).toHaveLength(1);
    expect(byOther.items[0]?.actor?.id).toBe(other.userId);

    const all = await q('');
    // Newest first: person.create, site.update, site.create (B), site.create (A).
    const second = all.items[2];
    expect(second?.action).toBe('site.create');
    const fromSecond = await q(`?from=${encodeURIComponent(second?.at ?? '')}`);
    expect(fromSecond.items.length).toBeGreaterThanOrEqual(3);
    expect(fromSecond.items.every((i) => i.at >= (second?.at ?? ''))).toBe(true);
    expect((await q('?to=2000-01-01T00:00:00Z')).items).toHaveLength(0);
    expect((await q('?from=2000-01-01T09:00:00%2B09:00')).items).toHaveLength(4);

    // Pages of two, newest first, no gaps or repeats.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await q(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([4, 3, 2, 1]);
  });

  it('refuses bad filters with validation_failed', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    for (const qs of [
      '?cursor=abc',
      '?limit=0',
      '?limit=1000',
      '?from=yesterday',
      '?actorUserId=1',
      '?nope=1',
    ]) {
      const res = await owner.client.get(`/api/v1/audit${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
  });

  it('lets an auditor read, and refuses members and admins', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    await createSite(owner, 'X');
    const auditor = await addUserToOrg(t, owner.orgId, 'auditor');
    const member = await addUserToOrg(t, owner.orgId, 'member');
    const admin = await addUserToOrg(t, owner.orgId, 'admin');

    const ok = await auditor.client.get('/api/v1/audit');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items).toHaveLength(1);
    expect((await auditor.client.get('/api/v1/audit/verify')).statusCode).toBe(200);
    for (const c of [member.client, admin.client]) {
      for (const url of ['/api/v1/audit', '/api/v1/audit/verify']) {
        const res = await c.get(url);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
    }
  });

  it('never shows another organization’s entries', async () => {
    const a = await createOrgWithUser(t, 'owner');
    const b = await createOrgWithUser(t, 'owner');
    const aSite = await createSite(a, 'A-only');
    await createSite(b, 'B-only');
    const res = await b.client.get(`/api/v1/audit?limit=200&entityType=site`);
    const items = res.json().items as AuditEntry[];
    expect(items).toHaveLength(1);
    expect(items[0]?.summary).toEqual({ after: { name: 'B-only', password: '[redacted]' } });
    expect(res.body).not.toContain(aSite);
    expect(res.body).not.toContain(a.orgId);
    const filtered = await b.client.get(`/api/v1/audit?actorUserId=${a.userId}`);
    expect(filtered.json().items).toEqual([]);
  });
});

describe('GET /api/v1/audit/verify', () => {
  it('reports the organization’s chain intact, then the first broken link after tampering', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const other = await createOrgWithUser(t, 'owner');
    const id = await createSite(owner, 'A');
    await renameSite(owner, id, 'B');
    await renameSite(owner, id, 'C');
    await createSite(other, 'Z');

    expect((await owner.client.get('/api/v1/audit/verify')).json()).toEqual({ ok: true, checked: 3 });

    const row = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('org_id', '=', owner.orgId)
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    await t.db.kysely
      .updateTable('audit_log')
      .set({ summary: JSON.stringify({ after: { name: 'forged' } }) })
      .where('id', '=', row.id)
      .execute();

    const res = await owner.client.get('/api/v1/audit/verify');
    expect(res.json()).toEqual({
      ok: false,
      checked: 2,
      firstBreak: { seq: 2, entryId: row.id, reason: 'hash_mismatch' },
    });
    // The other organization's chain is untouched and reported alone.
    expect((await other.client.get('/api/v1/audit/verify')).json()).toEqual({ ok: true, checked: 1 });
  });
});

describe('the audit trail as an owner reads it', () => {
  const list = async (org: OrgFixture, query = '') => {
    const res = await org.client.get(`/api/v1/audit${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: AuditEntry[] }).items;
  };

  it('names the operation, lists only what changed and names the people instead of their ids', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const yamada = await createItem(owner.client, 'person', { name: '山田 太郎' });
    const sato = await createItem(owner.client, 'person', { name: '佐藤 花子' });
    const op = await createItem(owner.client, 'operation', {
      name: '入館受付',
      importance: 3,
      ownerPersonId: yamada.id,
    });
    const res = await owner.client.patch(
      `/api/v1/inventory/operations/${op.id}`,
      { importance: 2, ownerPersonId: sato.id },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode, res.body).toBe(200);

    const [update, create] = await list(owner, '?module=inventory');
    expect(update?.action).toBe('operation.update');
    expect(update?.entityName).toBe('入館受付');
    expect(update?.changes).toEqual([
      { field: 'ownerPersonId', before: yamada.id, after: sato.id },
      { field: 'importance', before: 3, after: 2 },
    ]);
    expect(update?.names).toEqual({ [yamada.id]: '山田 太郎', [sato.id]: '佐藤 花子' });
    // A creation lists what was filled in, never ids, versions or timestamps.
    expect(create?.changes.map((c) => c.field).sort()).toEqual(['importance', 'name', 'ownerPersonId']);
    expect(create?.changes.every((c) => !('before' in c))).toBe(true);
  });

  it('names an edge by its two ends and a deleted record by the name the trail recorded', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const op = await createItem(owner.client, 'operation', { name: '入館受付' });
    const sys = await createItem(owner.client, 'system', { name: '受付PC' });
    const edge = await linkNodes(owner.client, node('operation', op), node('system', sys));
    expect((await owner.client.delete(`/api/v1/inventory/edges/${edge.id}`)).statusCode).toBe(204);
    const est = (
      await owner.client.post('/api/v1/damage/estimates', {
        name: '会員情報漏えい',
        amounts: { compensation: 1000 },
      })
    ).json();
    expect((await owner.client.delete(`/api/v1/damage/estimates/${est.id}`)).statusCode).toBe(204);

    const [deleted] = await list(owner, '?entityType=damage_estimate');
    expect(deleted?.action).toBe('damage.delete');
    expect(deleted?.entityName).toBe('会員情報漏えい');
    const [unlinked, linked] = await list(owner, '?entityType=dependency_edge');
    expect(linked?.entityName).toBe('入館受付 → 受付PC');
    expect(linked?.changes).toEqual([
      { field: 'from', after: '入館受付' },
      { field: 'to', after: '受付PC' },
    ]);
    expect(unlinked?.entityName).toBe('入館受付 → 受付PC');
    expect(unlinked?.names).toEqual({ [op.id]: '入館受付', [sys.id]: '受付PC' });
  });

  it('never names another organization’s records', async () => {
    const a = await createOrgWithUser(t, 'owner');
    const b = await createOrgWithUser(t, 'owner');
    const secret = await createItem(b.client, 'person', { name: '他社の人' });
    await audited(t.db, { userId: a.userId, orgId: a.orgId }, async ({ audit }) => {
      await audit({
        action: 'task.update',
        entityType: 'diagnosis_task',
        entityId: secret.id,
        before: { ownerPersonId: null },
        after: { ownerPersonId: secret.id },
      });
    });
    const [entry] = await list(a);
    expect(entry?.names).toEqual({});
    expect(entry?.entityName).toBeNull();
  });

  it('finds entries by free text and by module, and lists who acted', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    await createItem(owner.client, 'person', { name: '岡田 50%_off' });
    await createItem(owner.client, 'operation', { name: '会員入会受付' });

    expect((await list(owner, `?q=${encodeURIComponent('入会')}`)).map((e) => e.action)).toEqual([
      'operation.create',
    ]);
    // LIKE wildcards are plain characters.
    expect((await list(owner, `?q=${encodeURIComponent('50%_')}`)).map((e) => e.action)).toEqual([
      'person.create',
    ]);
    expect((await list(owner, `?q=${encodeURIComponent('%')}`)).map((e) => e.action)).toEqual([
      'person.create',
    ]);
    expect((await list(owner, '?module=people')).map((e) => e.action)).toEqual(['person.create']);
    expect((await owner.client.get('/api/v1/audit?module=nope')).statusCode).toBe(400);

    const actors = await owner.client.get('/api/v1/audit/actors');
    expect(actors.statusCode).toBe(200);
    expect(actors.json().items.map((a: { id: string }) => a.id)).toEqual([owner.userId]);
  });
});
