import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupPlanInput, createBackupPlan, createItem, linkNodes, node } from '../../test/factories.js';
import { addUserToOrg, createOrgWithUser, createTestApp, type TestApp } from '../../test/harness.js';
import { orgToday } from '../orgs/service.js';
import { backupPlanSection } from './plan-section.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const API = '/api/v1/backup-plans';

/** 001: the backup PC sits on the office LAN — marked offline, yet ransomware reaches it. */
const backupPcOnTheLan = {
  medium: 'disk' as const,
  location: 'same_building' as const,
  connection: 'offline' as const,
  reachableFromProduction: true,
  sameCredentials: true,
  sameMaintenance: false,
  provider: null,
  encrypted: false,
};

async function auditActions(orgId: string): Promise<string[]> {
  const rows = await t.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('org_id', '=', orgId)
    .where('action', 'like', 'backup_plan.%')
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

describe('backup plans', () => {
  it('creates a plan for a system, judges it, lists it with the summary by BIA priority', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const op = await createItem(client, 'operation', { name: '入館受付', importance: 3 });
    const members = await createItem(client, 'system', { name: '会員管理システム', dependencyLevel: 3 });
    const mail = await createItem(client, 'system', { name: 'メール', dependencyLevel: 1 });
    await linkNodes(client, node('operation', op), node('system', members));

    const res = await client.post(API, backupPlanInput({ systemId: members.id, copies: [backupPcOnTheLan] }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const plan = res.json();
    expect(plan).toMatchObject({ name: '会員管理システム', priority: 'S', version: 1 });
    expect(plan.verdict).toMatchObject({
      passes: false,
      passes321: false,
      rules: { three_copies: false, two_media: true, offline_offsite: false },
      dataLoss: { kind: 'window', minutes: 1440 },
    });
    expect(plan.verdict.findings.map((f: { code: string }) => f.code)).toEqual([
      'three_copies',
      'offline_offsite',
      'same_credentials_not_offline',
    ]);

    await createBackupPlan(client, { dataSetName: '会員データ（紙の申込書）' });
    const list = await client.get(API);
    expect(list.statusCode, list.body).toBe(200);
    const o = list.json();
    expect(o.plans.map((p: { name: string }) => p.name)).toEqual([
      '会員管理システム',
      '会員データ（紙の申込書）',
    ]);
    expect(o.systems.map((s: { name: string; planId: string | null }) => [s.name, s.planId])).toEqual([
      ['会員管理システム', plan.id],
      ['メール', null],
    ]);
    expect(o.summary).toMatchObject({ total: 3, planned: 2, passing: 1 });
    expect(o.summary.byPriority).toEqual([
      { priority: 'S', total: 1, planned: 1, passing: 0 },
      { priority: 'none', total: 2, planned: 1, passing: 1 },
    ]);
    expect(o.summary.unplanned).toEqual([{ id: mail.id, name: 'メール', priority: null }]);
    expect(await auditActions(orgId)).toEqual(['backup_plan.create', 'backup_plan.create']);
  });

  it('updates with If-Match: adding copies changes the verdict; a stale version is refused', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const sys = await createItem(client, 'system', { name: '会計' });
    const plan = await createBackupPlan(client, { systemId: sys.id, copies: [backupPcOnTheLan] });
    expect(plan.verdict.passes321).toBe(false);

    const missing = await client.put(`${API}/${plan.id}`, backupPlanInput({ systemId: sys.id }));
    expect(missing.statusCode).toBe(428);
    const ok = await client.put(`${API}/${plan.id}`, backupPlanInput({ systemId: sys.id }), {
      'if-match': '"1"',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, verdict: { passes: true, passes321: true, copyCount: 3 } });
    const stale = await client.put(`${API}/${plan.id}`, backupPlanInput({ systemId: sys.id }), {
      'if-match': '"1"',
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('version_conflict');

    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('org_id', '=', orgId)
      .where('action', '=', 'backup_plan.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.summary)).toMatchObject({
      before: { name: '会計', copies: 2, passes321: false },
      after: { name: '会計', copies: 3, passes321: true },
      // Which copy, which field, before and after (copy 1 is production).
      details: {
        copyChanges: [
          [2, 'medium', 'disk', 'nas'],
          [2, 'connection', 'offline', 'online'],
          [2, 'sameCredentials', true, false],
          [2, 'encrypted', false, true],
          [3, 'added', null, 'removable'],
        ],
      },
    });

    // Changing one field of one copy records just that.
    const current = (await client.get(`${API}/${plan.id}`)).json();
    const input = backupPlanInput({ systemId: sys.id });
    const edited = await client.put(
      `${API}/${plan.id}`,
      { ...input, copies: input.copies.map((c, i) => (i === 1 ? { ...c, provider: '倉庫会社' } : c)) },
      { 'if-match': `"${current.version}"` },
    );
    expect(edited.statusCode, edited.body).toBe(200);
    const entries = (await client.get('/api/v1/audit?limit=1')).json().items;
    expect(entries[0]).toMatchObject({
      action: 'backup_plan.update',
      changes: [],
      details: [{ field: 'copyChanges', value: [[3, 'provider', null, '倉庫会社']] }],
    });

    const del = await client.delete(`${API}/${plan.id}`);
    expect(del.statusCode).toBe(204);
    expect((await client.get(`${API}/${plan.id}`)).statusCode).toBe(404);
    expect(await auditActions(orgId)).toEqual([
      'backup_plan.create',
      'backup_plan.update',
      'backup_plan.update',
      'backup_plan.delete',
    ]);
  });

  it('refuses bad input with field errors and saves nothing', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const sys = await createItem(client, 'system', { name: '予約' });
    const other = await createOrgWithUser(t);
    const foreign = await createItem(other.client, 'system', { name: 'よその会社のシステム' });

    const negative = await client.post(
      API,
      backupPlanInput({ systemId: sys.id, frequency: { kind: 'every', minutes: -60 }, rpoMinutes: -1 }),
    );
    expect(negative.statusCode).toBe(400);
    expect(negative.json().issues).toEqual(
      expect.arrayContaining([
        { path: ['frequency', 'minutes'], code: 'duration_negative' },
        { path: ['rpoMinutes'], code: 'duration_negative' },
      ]),
    );
    const unparseable = await client.post(API, {
      ...backupPlanInput({ systemId: sys.id }),
      frequency: { kind: 'every', minutes: '毎日' },
    });
    expect(unparseable.statusCode).toBe(400);
    expect(unparseable.json().issues).toEqual([{ path: ['frequency', 'minutes'], code: 'invalid_type' }]);
    const zero = await client.post(
      API,
      backupPlanInput({ systemId: sys.id, frequency: { kind: 'every', minutes: 0 } }),
    );
    expect(zero.json().issues).toEqual([{ path: ['frequency', 'minutes'], code: 'duration_zero' }]);

    const noMedium = await client.post(
      API,
      backupPlanInput({
        systemId: sys.id,
        copies: [{ ...backupPcOnTheLan }, { ...backupPcOnTheLan, medium: null }],
      }),
    );
    expect(noMedium.statusCode).toBe(400);
    expect(noMedium.json().issues).toEqual([{ path: ['copies', 1, 'medium'], code: 'medium_missing' }]);

    const foreignSystem = await client.post(API, backupPlanInput({ systemId: foreign.id }));
    expect(foreignSystem.statusCode).toBe(400);
    expect(foreignSystem.json().issues).toEqual([{ path: ['systemId'], code: 'unknown_system' }]);

    const noTarget = await client.post(API, backupPlanInput());
    expect(noTarget.json().issues).toEqual([{ path: ['systemId'], code: 'target_missing' }]);

    const badDate = await client.post(
      API,
      backupPlanInput({ systemId: sys.id, restoreTestedOn: '2026-02-30' }),
    );
    expect(badDate.json().issues).toEqual([{ path: ['restoreTestedOn'], code: 'date_does_not_exist' }]);

    const plan = await createBackupPlan(client, { systemId: sys.id });
    const twice = await client.post(API, backupPlanInput({ systemId: sys.id }));
    expect(twice.json().issues).toEqual([{ path: ['systemId'], code: 'backup_plan_exists' }]);

    // A bad edit leaves the plan as it was.
    const badEdit = await client.put(
      `${API}/${plan.id}`,
      backupPlanInput({ systemId: sys.id, copies: [{ ...backupPcOnTheLan, medium: null }] }),
      { 'if-match': '"1"' },
    );
    expect(badEdit.statusCode).toBe(400);
    const after = (await client.get(`${API}/${plan.id}`)).json();
    expect(after).toMatchObject({ version: 1, copies: plan.copies });
    expect(await auditActions(orgId)).toEqual(['backup_plan.create']);
  });

  it('judges restore tests against the organization’s today', async () => {
    const { client } = await createOrgWithUser(t);
    const old = await createBackupPlan(client, { dataSetName: '顧客名簿', restoreTestedOn: '2020-01-01' });
    expect(old.verdict.findings.map((f) => f.code)).toEqual(['restore_stale']);
    const never = await createBackupPlan(client, {
      dataSetName: '見積書',
      restoreTestedOn: null,
      restoreResult: 'never',
    });
    expect(never.verdict.findings.map((f) => f.code)).toEqual(['restore_never']);
  });

  it('flags backups taken less often than the RPO, with the gap, on the plan, the IT-BCP and the home page', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    // 受注データ: backed up once a day, but at most 4 hours of orders may be lost.
    const plan = await createBackupPlan(client, { dataSetName: '受注データ', rpoMinutes: 240 });
    expect(plan.verdict.passes).toBe(false);
    expect(plan.verdict.findings).toEqual([
      { code: 'frequency_misses_rpo', severity: 'fail', params: { every: 1440, rpo: 240, gap: 1200 } },
    ]);

    const home = (await client.get('/api/v1/home/findings')).json().items;
    expect(home.filter((f: { code: string }) => f.code === 'backup_misses_rpo')).toEqual([
      {
        code: 'backup_misses_rpo',
        severity: 'warning',
        params: { name: '受注データ', every: 1440, rpo: 240, gap: 1200 },
        link: `/backup-plan/${plan.id}`,
      },
    ]);

    const today = await orgToday(t.db.kysely, orgId);
    const [ja] = await backupPlanSection({ db: t.db, orgId, locale: 'ja', today });
    expect(JSON.stringify(ja?.blocks)).toContain(
      'バックアップは1日ごとですが、失ってよいのは4時間分までです。復元すると、最大で20時間分多く失います。',
    );
    const [en] = await backupPlanSection({ db: t.db, orgId, locale: 'en', today });
    expect(JSON.stringify(en?.blocks)).toContain('a restore can lose up to 20 hours more than that');

    // Backing up every 4 hours meets it: the finding goes away everywhere.
    const fixed = await client.put(
      `${API}/${plan.id}`,
      backupPlanInput({
        dataSetName: '受注データ',
        rpoMinutes: 240,
        frequency: { kind: 'every', minutes: 240 },
      }),
      { 'if-match': `"${plan.version}"` },
    );
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().verdict.passes).toBe(true);
    const after = (await client.get('/api/v1/home/findings')).json().items;
    expect(after.map((f: { code: string }) => f.code)).not.toContain('backup_misses_rpo');
  });

  it('lets members read and refuses their writes', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    await createBackupPlan(client, { dataSetName: '会員データ' });
    const member = await addUserToOrg(t, orgId, 'member');
    expect((await member.client.get(API)).statusCode).toBe(200);
    const res = await member.client.post(API, backupPlanInput({ dataSetName: '別のデータ' }));
    expect(res.statusCode).toBe(403);
  });
});
