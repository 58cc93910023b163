import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeKind } from '../domain/dependency-graph.js';
import { audited } from './db/tx.js';
import { newId, newToken, nowIso, sha256Hex } from './ids.js';
import { createOrgWithUser, createTestApp, type OrgFixture, type TestApp } from './test/harness.js';

/**
 * Walks EVERY registered API route as the owner of organization B, aiming each at organization A's
 * ids, and proves that B learns nothing of A and changes nothing of A. New routes are covered
 * automatically: a route is found through the registry, not listed here.
 */

const TENANT_TABLES = [
  'sites',
  'departments',
  'people',
  'invitations',
  'memberships',
  'import_jobs',
  'audit_log',
  'business_operations',
  'it_systems',
  'it_components',
  'suppliers',
  'dependency_edges',
  'bia_settings',
  'bia_signoffs',
  'diagnosis_results',
  'diagnosis_tasks',
  'management_checklist',
  'damage_estimates',
] as const;

let t: TestApp;
let a: OrgFixture;
let b: OrgFixture;
const marker = `ALPHA-${newId().slice(-8)}`;
const aIds: string[] = [];

async function snapshotOfA(): Promise<string> {
  const parts: unknown[] = [];
  for (const table of TENANT_TABLES) {
    const rows = await t.db.kysely
      .selectFrom(table)
      .selectAll()
      .where('org_id', '=', a.orgId)
      .orderBy('id')
      .execute();
    parts.push(table, rows);
  }
  parts.push(await t.db.kysely.selectFrom('organizations').selectAll().where('id', '=', a.orgId).execute());
  parts.push(
    await t.db.kysely
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'password_hash', 'locale', 'mfa_enabled_at'])
      .where('id', '=', a.userId)
      .execute(),
  );
  return JSON.stringify(parts);
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createOrgWithUser(t, 'owner', `${marker} Org`);
  b = await createOrgWithUser(t, 'owner', 'Beta Org');
  const now = nowIso();
  const siteId = newId();
  const departmentId = newId();
  const personId = newId();
  const invitationId = newId();
  const jobId = newId();
  const [operationId, systemId, componentId, supplierId] = [newId(), newId(), newId(), newId()];
  const edgeIds = [newId(), newId(), newId()];
  const [biaSettingsId, signoffId, resultId, taskId, checklistId, damageId] = [
    newId(),
    newId(),
    newId(),
    newId(),
    newId(),
    newId(),
  ];
  await audited(t.db, { userId: a.userId, orgId: a.orgId }, async ({ trx, audit }) => {
    await trx
      .insertInto('sites')
      .values({
        id: siteId,
        org_id: a.orgId,
        name: `${marker} site`,
        kind: 'head_office',
        prefecture_code: '33',
        address: null,
        archived_at: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('departments')
      .values({
        id: departmentId,
        org_id: a.orgId,
        name: `${marker} dept`,
        archived_at: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('people')
      .values({
        id: personId,
        org_id: a.orgId,
        employee_number: 'A-001',
        name: `${marker} person`,
        name_kana: null,
        email: `${marker.toLowerCase()}@example.test`,
        phone: null,
        chat_handle: null,
        site_id: siteId,
        department_id: departmentId,
        home_prefecture: '33',
        employment_status: 'full_time',
        archived_at: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('invitations')
      .values({
        id: invitationId,
        org_id: a.orgId,
        token_hash: sha256Hex(newToken()),
        email: null,
        role: 'member',
        invited_by: a.userId,
        expires_at: new Date(Date.now() + 86400000).toISOString(),
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('import_jobs')
      .values({
        id: jobId,
        org_id: a.orgId,
        user_id: a.userId,
        kind: 'people',
        status: 'done',
        total_rows: 1,
        processed_rows: 1,
        report: JSON.stringify({ errors: [] }),
        created_at: now,
        updated_at: now,
      })
      .execute();
    // Issue 3: one row in every inventory, BIA, diagnosis and damage table.
    const common = { org_id: a.orgId, archived_at: null, created_at: now, updated_at: now, version: 1 };
    await trx
      .insertInto('business_operations')
      .values({
        ...common,
        id: operationId,
        name: `${marker} operation`,
        description: null,
        owner_person_id: personId,
        owner_text: null,
        importance: 3,
        dependency_level: null,
        rto_override: null,
        needs_data: '[]',
        needs_terminals: '[]',
        needs_procedure_manuals: '[]',
        needs_user_manuals: '[]',
      })
      .execute();
    await trx
      .insertInto('it_systems')
      .values({
        ...common,
        id: systemId,
        name: `${marker} system`,
        description: null,
        owner_person_id: null,
        owner_text: null,
        vendor: null,
        hosting: 'cloud',
        data_location: null,
        eol_date: null,
        dependency_level: 3,
        declared_rto: null,
      })
      .execute();
    await trx
      .insertInto('it_components')
      .values({
        ...common,
        id: componentId,
        name: `${marker} component`,
        description: null,
        layer: 3,
        side: 'server',
        declared_rto: null,
      })
      .execute();
    await trx
      .insertInto('suppliers')
      .values({
        ...common,
        id: supplierId,
        name: `${marker} supplier`,
        description: null,
        kind: 'isp',
        contact: null,
        contract_notes: null,
        declared_rto: null,
      })
      .execute();
    const edges: [string, NodeKind, string, NodeKind, string][] = [
      [edgeIds[0]!, 'operation', operationId, 'system', systemId],
      [edgeIds[1]!, 'system', systemId, 'component', componentId],
      [edgeIds[2]!, 'component', componentId, 'supplier', supplierId],
    ];
    for (const [id, fromType, fromId, toType, toId] of edges)
      await trx
        .insertInto('dependency_edges')
        .values({
          id,
          org_id: a.orgId,
          from_type: fromType,
          from_id: fromId,
          to_type: toType,
          to_id: toId,
          created_at: now,
        })
        .execute();
    await trx
      .insertInto('bia_settings')
      .values({
        id: biaSettingsId,
        org_id: a.orgId,
        scale: 3,
        matrix: JSON.stringify([
          ['D', 'C', 'B'],
          ['C', 'B', 'A'],
          ['B', 'A', 'S'],
        ]),
        rto_preset: 'custom',
        rto_table: JSON.stringify({
          S: { kind: 'duration', minutes: 1 },
          A: { kind: 'duration', minutes: 2 },
          B: { kind: 'duration', minutes: 3 },
          C: { kind: 'duration', minutes: 4 },
          D: { kind: 'not_set' },
        }),
        level_definitions: JSON.stringify({
          importance: [{ level: 1, ja: marker, en: marker }],
          dependency: [],
        }),
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('bia_signoffs')
      .values({
        id: signoffId,
        org_id: a.orgId,
        signed_by: a.userId,
        signed_at: now,
        note: marker,
        snapshot: JSON.stringify({ entries: [] }),
      })
      .execute();
    await trx
      .insertInto('diagnosis_results')
      .values({
        id: resultId,
        org_id: a.orgId,
        taken_by: a.userId,
        taken_at: now,
        tier: 'matsu',
        answers: '{}',
        scores: JSON.stringify({ matsu: 1, take: 0, ume: 0 }),
        reasons: '[]',
        tie_broken: 0,
      })
      .execute();
    await trx
      .insertInto('diagnosis_tasks')
      .values({
        id: taskId,
        org_id: a.orgId,
        measure_id: null,
        result_id: resultId,
        title: `${marker} task`,
        owner_person_id: personId,
        due_date: null,
        status: 'open',
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('management_checklist')
      .values({
        id: checklistId,
        org_id: a.orgId,
        item_id: 'principle-leadership',
        done_at: now,
        done_by: a.userId,
        note: marker,
        updated_at: now,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('damage_estimates')
      .values({
        id: damageId,
        org_id: a.orgId,
        name: `${marker} estimate`,
        scenario: null,
        annual_sales_yen: 1000,
        amounts: JSON.stringify({ lost_profit: 1 }),
        preset_id: null,
        operation_id: operationId,
        system_id: systemId,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await audit({
      action: 'person.create',
      entityType: 'person',
      entityId: personId,
      after: { name: `${marker} person` },
    });
  });
  aIds.push(a.orgId, a.userId, siteId, departmentId, personId, invitationId, jobId);
  aIds.push(operationId, systemId, componentId, supplierId, ...edgeIds);
  aIds.push(biaSettingsId, signoffId, resultId, taskId, checklistId, damageId);
});

afterAll(async () => {
  await t.close();
});

function urlsFor(template: string): string[] {
  const params = template.match(/:[A-Za-z]+/g) ?? [];
  if (params.length === 0) return [template];
  let urls = [template];
  for (const p of params) urls = urls.flatMap((u) => aIds.map((id) => u.replace(p, id)));
  return urls;
}

describe('tenant isolation', () => {
  it('covers a meaningful number of routes', () => {
    expect(t.app.registeredRoutes.length).toBeGreaterThan(3);
  });

  it('gives organization B nothing of organization A, on every route', async () => {
    const before = await snapshotOfA();
    const routes = [...t.app.registeredRoutes].sort(
      (x, y) => Number(x.url.includes('logout')) - Number(y.url.includes('logout')),
    );
    const leaks: string[] = [];
    for (const route of routes) {
      const withParam = route.url.includes(':');
      for (const url of urlsFor(route.url)) {
        const res = await b.client.request(
          route.method as 'GET',
          url,
          route.method === 'GET' ? undefined : {},
        );
        const body = res.body;
        const leaked = [marker, ...aIds].filter((s) => body.includes(s));
        if (leaked.length)
          leaks.push(`${route.method} ${url} → ${res.statusCode} contains ${leaked.join(', ')}`);
        if (withParam && res.statusCode >= 200 && res.statusCode < 300) {
          leaks.push(`${route.method} ${url} → ${res.statusCode} (an A id was accepted)`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshotOfA()).toBe(before);
  });
});
