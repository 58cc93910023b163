import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanBlock } from '../../../domain/plan-document.js';
import type { HomeFinding, HomeStep } from '../../../shared/home.js';
import { createTestApp, type TestApp, TestClient } from '../../test/harness.js';
import { loadDemo } from '../demo/service.js';
import { orgToday } from '../orgs/service.js';
import { backupPlanSection } from './plan-section.js';

let t: TestApp;
let orgId: string;
let owner: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  const demo = await loadDemo(t.db);
  orgId = demo.orgId;
  owner = new TestClient(t.app);
  const login = await owner.post('/api/v1/auth/login', {
    email: demo.owner.email,
    password: demo.owner.password,
  });
  expect(login.statusCode, login.body).toBe(200);
});
afterAll(async () => {
  await t.close();
});

const tables = (blocks: readonly PlanBlock[]) =>
  blocks.filter((b): b is Extract<PlanBlock, { kind: 'table' }> => b.kind === 'table');

describe('the demo gym chain’s backup plan', () => {
  it('fails 3-2-1 for the member data because the backup PC is on the network; two systems pass 3-2-1', async () => {
    const res = await owner.get('/api/v1/backup-plans');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    const byName = new Map(o.plans.map((p: { name: string }) => [p.name, p]));
    const members = byName.get('会員管理システム（本社サーバー）') as {
      priority: string;
      verdict: { passes321: boolean; findings: { code: string }[] };
    };
    expect(members.priority).toBe('S');
    expect(members.verdict.passes321).toBe(false);
    expect(members.verdict.findings.map((f) => f.code)).toEqual([
      'three_copies',
      'offline_offsite',
      'same_credentials_not_offline',
      'restore_never',
    ]);
    const files = byName.get('ファイルサーバー') as { verdict: { passes: boolean } };
    expect(files.verdict.passes).toBe(true);
    const accounting = byName.get('会計ソフト（クラウド版）') as {
      verdict: { passes321: boolean; findings: { code: string }[] };
    };
    expect(accounting.verdict.passes321).toBe(true);
    expect(accounting.verdict.findings.map((f) => f.code)).toEqual(['same_maintenance']);
    expect(o.summary).toMatchObject({ planned: 3, passing: 1 });
    expect(o.summary.unplanned.length).toBe(o.summary.total - 3);
  });

  it('shows the step after the BIA’s and findings that link to the fix on the home page', async () => {
    const steps = (await owner.get('/api/v1/home/steps')).json().items as HomeStep[];
    expect(steps.map((s) => s.key).slice(-5)).toEqual([
      'backup_plan',
      'recovery',
      'plan',
      'assessment',
      'drill',
    ]);
    expect(steps.find((s) => s.key === 'backup_plan')).toMatchObject({
      state: 'in_progress',
      link: '/backup-plan',
    });
    const findings = (await owner.get('/api/v1/home/findings')).json().items as HomeFinding[];
    const ours = findings.filter((f) => f.code.startsWith('backup_') && f.code !== 'backup_problem');
    const members = ours.filter((f) => f.params.name === '会員管理システム（本社サーバー）');
    expect(members.map((f) => f.code).sort()).toEqual([
      'backup_321_failed',
      'backup_not_offline',
      'backup_restore_untested',
    ]);
    expect(members[0]?.link).toMatch(/^\/backup-plan\/[0-9a-f-]+$/);
    const missing = ours.filter((f) => f.code === 'backup_plan_missing');
    expect(missing.length).toBeGreaterThan(0);
    for (const f of missing) {
      expect(['S', 'A']).toContain(f.params.priority);
      expect(f.link).toMatch(/^\/backup-plan\/new\?system=/);
    }
  });

  it('writes the IT-BCP section in Japanese and English, with the strategy and copies tables', async () => {
    const today = await orgToday(t.db.kysely, orgId);
    const [ja] = await backupPlanSection({ db: t.db, orgId, locale: 'ja', today });
    expect(ja?.id).toBe('backup');
    expect(ja?.title).toBe('バックアップ計画');
    const [strategy, copies] = tables(ja?.blocks ?? []);
    expect(strategy?.columns).toHaveLength(7);
    expect(strategy?.rows).toContainEqual([
      '会員管理システム（本社サーバー）',
      'S',
      'フル（全体を毎回）',
      '1日ごと',
      '1日',
      '満たさない',
      '未実施',
    ]);
    expect(copies?.rows.filter((r) => r[0] === '会員管理システム（本社サーバー）')).toEqual([
      [
        '会員管理システム（本社サーバー）',
        '1（本番）',
        '別のサーバー',
        '同じ建物の別の場所',
        '—',
        '—',
        '—',
        '—',
        '',
        '—',
      ],
      [
        '会員管理システム（本社サーバー）',
        '2',
        'パソコン・サーバーの内蔵ディスク',
        '同じ建物の別の場所',
        'オフライン（ふだんは切り離す）',
        'はい',
        'はい',
        'いいえ',
        '',
        'いいえ',
      ],
    ]);
    for (const table of tables(ja?.blocks ?? []))
      for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
    const text = JSON.stringify(ja?.blocks);
    expect(text).toContain('最大1日分の入力が失われます');
    expect(text).toContain('本番と同じアカウント・パスワードで開けます');

    const [en] = await backupPlanSection({ db: t.db, orgId, locale: 'en', today });
    expect(en?.title).toBe('Backup plan');
    expect(JSON.stringify(en?.blocks)).toContain('A restore loses up to 1 day of entries');
    expect(JSON.stringify(en?.blocks)).toContain('No backup plan: 各店舗の受付PC（VPN接続） (S)');
  });

  it('is empty but present for an organization without plans', async () => {
    const other = await t.db.kysely
      .selectFrom('organizations')
      .select('id')
      .where('id', '!=', orgId)
      .executeTakeFirst();
    const [s] = await backupPlanSection({
      db: t.db,
      orgId: other?.id ?? 'none',
      locale: 'ja',
      today: '2026-12-07',
    });
    expect(s?.blocks.map((b) => b.kind)).toEqual(['paragraph', 'note']);
  });
});
