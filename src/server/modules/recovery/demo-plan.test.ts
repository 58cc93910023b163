import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_NOTE_TONES, PLAN_SECTION_IDS, type PlanSection } from '../../../domain/plan-document.js';
import type { RecoveryOverview } from '../../../shared/recovery.js';
import { createTestApp, type TestApp, TestClient } from '../../test/harness.js';
import { loadDemo } from '../demo/service.js';
import { buildPlanDocument } from '../plan/service.js';
import type { PlanContext } from '../types.js';
import { recoveryPlanSections } from './index.js';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await loadDemo(t.db)).orgId;
});
afterAll(async () => {
  await t.close();
});

const text = (sections: readonly PlanSection[]) => JSON.stringify(sections);

describe('the demo company’s recovery plan', () => {
  it('has procedures for its key systems, one of which cannot meet its target recovery time', async () => {
    const client = new TestClient(t.app);
    const login = await client.post('/api/v1/auth/login', {
      email: 's.okada@example.jp',
      password: 'keizoku-demo-2026',
    });
    expect(login.statusCode, login.body).toBe(200);
    const o: RecoveryOverview = (await client.get('/api/v1/recovery')).json();
    expect(o.counts.withProcedure).toBe(4);
    const late = o.systems.filter((s) => s.feasibility.verdict === 'misses');
    expect(late.map((s) => s.name)).toEqual(['各店舗の受付PC（VPN接続）']);
    // No spare PC: five hours for a replacement, then the app — 6 h 15 min against 3 hours.
    expect(late[0]?.feasibility).toMatchObject({
      backAfterMinutes: 375,
      targetMinutes: 180,
      gapMinutes: 195,
    });
    const names = o.systems.map((s) => s.name);
    expect(names.indexOf('会員管理システム（本社サーバー）')).toBeLessThan(
      names.indexOf('各店舗の受付PC（VPN接続）'),
    );
    expect(names.indexOf('拠点間VPN（VPN装置）')).toBeLessThan(names.indexOf('各店舗の受付PC（VPN接続）'));
    expect(o.cycles).toEqual([]);
    const incidents = (await client.get('/api/v1/recovery/incidents')).json().items;
    expect(incidents.filter((i: { assumed: boolean }) => i.assumed)).toHaveLength(3);
    expect((await client.get('/api/v1/recovery/contacts')).json().items).toHaveLength(5);

    const home = (await client.get('/api/v1/home/findings')).json().items;
    const finding = home.find((f: { code: string }) => f.code === 'recovery_misses_target');
    expect(finding).toMatchObject({ severity: 'critical', params: { system: '各店舗の受付PC（VPN接続）' } });
    const steps = (await client.get('/api/v1/home/steps')).json().items;
    expect(steps.map((s: { key: string }) => s.key)).toEqual([
      'diagnosis',
      'inventory',
      'bia',
      'signoff',
      'backup_plan',
      'recovery',
      'plan',
      'assessment',
      'drill',
    ]);
  });

  it('writes the IT-BCP sections in Japanese and in English, as plain text', async () => {
    const ctx: PlanContext = { db: t.db, orgId, locale: 'ja', today: '2026-12-07' };
    const ja = await recoveryPlanSections(ctx);
    expect(ja.map((s) => s.id)).toEqual(['incidents', 'recovery', 'contacts', 'first-response']);
    expect(ja[0]?.title).toBe('想定するインシデント');
    expect(text(ja)).toContain('ランサムウェア');
    expect(text(ja)).toContain('目標復旧時間より3時間15分遅れます');
    expect(text(ja)).toContain('第一段階　緊急・暫定復旧');
    expect(text(ja)).toContain('個人情報保護委員会（確報）');
    expect(text(ja)).toContain('原田 大輔');
    const en = await recoveryPlanSections({ db: t.db, orgId, locale: 'en', today: '2026-12-07' });
    expect(en[1]?.title).toBe('Recovery order and procedures');
    expect(text(en)).toContain('Misses the target recovery time by 3 hours 15 min');
    expect(text(en)).toContain('Personal Information Protection Commission (final report)');
    // The IT-BCP document prints them in their places, every note with a known tone.
    const doc = await buildPlanDocument(t.db, orgId, 'ja');
    const ids = doc.sections.map((s) => s.id);
    expect(ids).toEqual([...PLAN_SECTION_IDS]);
    for (const s of ja) expect(doc.sections.find((d) => d.id === s.id)).toEqual(s);
    const tones = ja.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'note' ? [b.tone] : [])));
    for (const tone of tones) expect(PLAN_NOTE_TONES).toContain(tone);
    // Every table row has one cell per column.
    for (const s of [...ja, ...en])
      for (const b of s.blocks)
        if (b.kind === 'table') for (const r of b.rows) expect(r).toHaveLength(b.columns.length);
  });
});
