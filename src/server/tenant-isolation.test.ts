import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from './ids.js';
import {
  createBackupPlan,
  createDamageEstimate,
  createInvitation,
  createItem,
  createProcedure,
  createRecoveryContact,
  createTasks,
  importPeopleFile,
  linkNodes,
  markChecklistItem,
  node,
  saveIncident,
  signOffBia,
  takeDiagnosis,
  updateBiaSettings,
} from './test/factories.js';
import { createOrgWithUser, type OrgFixture, withTestApp } from './test/harness.js';

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
  'recovery_procedures',
  'recovery_incidents',
  'recovery_contacts',
  'backup_plans',
  'plan_editions',
  'incidents',
  'incident_roster',
  'chronology_entries',
  'incident_tasks',
  'incident_decisions',
  'incident_systems',
  'assessments',
  'assessment_answers',
  'assessment_actions',
  'assessment_assets',
] as const;

const t = withTestApp();
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
  a = await createOrgWithUser(t, 'owner', `${marker} Org`);
  b = await createOrgWithUser(t, 'owner', 'Beta Org');
  // One row in every tenant table of A, written by A's owner through the API, the marker in its text.
  const site = await createItem(a.client, 'site', {
    name: `${marker} site`,
    kind: 'head_office',
    prefectureCode: '33',
  });
  const department = await createItem(a.client, 'department', { name: `${marker} dept` });
  const person = await createItem(a.client, 'person', {
    employeeNumber: 'A-001',
    name: `${marker} person`,
    email: `${marker.toLowerCase()}@example.test`,
    siteId: site.id,
    departmentId: department.id,
    homePrefecture: '33',
  });
  const invitation = await createInvitation(a.client, { role: 'member' });
  const job = await importPeopleFile(a.client, 'people.csv', `社員番号,氏名\nA-002,${marker} imported\n`);
  const operation = await createItem(a.client, 'operation', {
    name: `${marker} operation`,
    ownerPersonId: person.id,
    importance: 3,
  });
  const system = await createItem(a.client, 'system', {
    name: `${marker} system`,
    hosting: 'cloud',
    dependencyLevel: 3,
  });
  const component = await createItem(a.client, 'component', {
    name: `${marker} component`,
    layer: 3,
    side: 'server',
  });
  const supplier = await createItem(a.client, 'supplier', { name: `${marker} supplier`, kind: 'isp' });
  const edges = [
    await linkNodes(a.client, node('operation', operation), node('system', system)),
    await linkNodes(a.client, node('system', system), node('component', component)),
    await linkNodes(a.client, node('component', component), node('supplier', supplier)),
  ];
  await updateBiaSettings(a.client, {
    levelDefinitions: { importance: [{ level: 1, ja: marker, en: marker }], dependency: [] },
  });
  const signoff = await signOffBia(a.client, marker);
  const result = await takeDiagnosis(a.client);
  const tasks = await createTasks(a.client, {
    resultId: result.id,
    items: [{ measureId: result.measures[0]?.id ?? '', title: `${marker} task`, ownerPersonId: person.id }],
  });
  await markChecklistItem(a.client, 'principle-leadership', { done: true, note: marker });
  const estimate = await createDamageEstimate(a.client, {
    name: `${marker} estimate`,
    annualSalesYen: 1000,
    amounts: { lost_profit: 1 },
    operationId: operation.id,
    systemId: system.id,
  });
  const procedure = await createProcedure(a.client, {
    systemId: system.id,
    phase1: [
      {
        key: 'restore',
        title: `${marker} step`,
        duration: '1時間',
        ownerPersonId: person.id,
        contactSupplierIds: [supplier.id],
      },
    ],
    phase2: [],
  });
  const incident = await saveIncident(a.client, 'earthquake', { whatStops: marker });
  const contact = await createRecoveryContact(a.client, {
    target: 'power',
    targetNote: marker,
    ownerPersonId: person.id,
  });
  // One plan: a data set named with the marker (a plan of A's system would add nothing the system's id does not).
  const backupPlans = [await createBackupPlan(a.client, { dataSetName: `${marker} data set` })];
  // One issued edition of the IT-BCP (its document holds every marker above); B's edition 1 does not exist.
  await a.client.put(
    '/api/v1/plan/policy',
    { policy: marker, scope: marker, approver: marker },
    { 'if-match': '"0"' },
  );
  expect((await a.client.post('/api/v1/plan/editions', {})).statusCode).toBe(201);
  // An incident of A with a roster, a chronology entry, a task, a decision and a tracked system.
  const hq = await a.client.post('/api/v1/incidents', {
    type: 'ransomware',
    mode: 'drill',
    title: `${marker} incident`,
    siteIds: [site.id],
  });
  const hqIncident = hq.json() as { id: string };
  const roster = (
    await a.client.post(`/api/v1/incidents/${hqIncident.id}/roster`, { personId: person.id, role: 'chief' })
  ).json() as { roster: { id: string }[] };
  const entry = (
    await a.client.post(`/api/v1/incidents/${hqIncident.id}/chronology`, {
      occurredAt: new Date().toISOString(),
      kind: 'report',
      text: `${marker} entry`,
    })
  ).json() as { id: string };
  const hqTask = (
    await a.client.post(`/api/v1/incidents/${hqIncident.id}/tasks`, {
      title: `${marker} hq task`,
      entryIds: [entry.id],
    })
  ).json() as { id: string };
  const decision = (
    await a.client.post(`/api/v1/incidents/${hqIncident.id}/decisions`, {
      decidedAt: new Date().toISOString(),
      decision: `${marker} decision`,
    })
  ).json() as { id: string };
  // Ransomware touches every system (software, L4): A's system is on the tracker already.
  const tracked = (await a.client.get(`/api/v1/incidents/${hqIncident.id}/tracker`)).json() as {
    systems: { id: string }[];
  };
  aIds.push(hqIncident.id, ...roster.roster.map((r) => r.id), entry.id, hqTask.id, decision.id);
  aIds.push(...tracked.systems.map((s) => s.id));
  // Rows whose id the API does not show.
  const rowIds = async (table: 'bia_settings' | 'management_checklist' | 'recovery_incidents') =>
    (await t.db.kysely.selectFrom(table).select('id').where('org_id', '=', a.orgId).execute()).map(
      (r) => r.id,
    );
  aIds.push(a.orgId, a.userId, site.id, department.id, person.id, invitation.id, job.id);
  aIds.push(operation.id, system.id, component.id, supplier.id, ...edges.map((e) => e.id));
  aIds.push(...(await rowIds('bia_settings')), signoff.id, result.id, ...tasks.map((x) => x.id));
  aIds.push(...(await rowIds('management_checklist')), estimate.id);
  aIds.push(procedure.id, contact.id, ...(await rowIds('recovery_incidents')));
  void incident;
  aIds.push(...backupPlans.map((p) => p.id));
  // A security self-assessment with one "will do" (an action) and one information asset.
  const assessment = (
    await a.client.post('/api/v1/assessments', {
      title: `${marker} assessment`,
      checklistIds: ['five-rules'],
    })
  ).json() as { id: string; items: { answer: { id: string } }[] };
  const answerId = assessment.items[0]?.answer.id ?? '';
  const answered = (
    await a.client.patch(
      `/api/v1/assessment-answers/${answerId}`,
      { currentState: marker, decision: { status: 'planned', dueDate: '2999-12-31' } },
      { 'if-match': '"1"' },
    )
  ).json() as { answer: { actionId: string } };
  const asset = (
    await a.client.post(`/api/v1/assessments/${assessment.id}/assets`, {
      kind: 'data',
      name: `${marker} asset`,
      secrecy: 'top_secret',
      mustEncrypt: true,
      systemId: system.id,
    })
  ).json() as { id: string };
  aIds.push(assessment.id, answerId, answered.answer.actionId, asset.id);
});

function urlsFor(template: string): string[] {
  const params = template.match(/:[A-Za-z]+/g) ?? [];
  if (params.length === 0) return [template];
  let urls = [template];
  for (const p of params) urls = urls.flatMap((u) => aIds.map((id) => u.replace(p, id)));
  return urls;
}

describe('tenant isolation', () => {
  it('has a row of organization A in every tenant table', async () => {
    const empty: string[] = [];
    for (const table of TENANT_TABLES) {
      const row = await t.db.kysely
        .selectFrom(table)
        .select('id')
        .where('org_id', '=', a.orgId)
        .executeTakeFirst();
      if (!row) empty.push(table);
    }
    expect(empty).toEqual([]);
  });

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
    // Every route × every id of A: thousands of requests, more with each module (PostgreSQL is slower).
  }, 180_000);
});
