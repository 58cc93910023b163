/**
 * IT-BCP document benchmark (issue 10, PRODUCT non-functional targets): an organization of 500
 * systems (200 operations, 300 components, 50 suppliers, ~1,600 dependency edges, BIA settings)
 * written to a temporary SQLite database, its plan built by buildPlanDocument, plus a synthetic
 * recovery section of the size the recovery plan will write (a table of 8 procedure steps per
 * system, 4,000 rows). Times each renderer on that one document (median of 3 after a warm-up):
 * PDF ≤ 5 s, DOCX ≤ 5 s, offline HTML ≤ 2 s. A miss prints FAIL and exits with code 1. The
 * process's CPU time is printed too: on a busy machine the wall-clock figure includes waiting.
 *
 * Run: npm run bench:plan
 */

import type { PlanBlock, PlanDocument } from '../src/domain/plan-document.js';
import { newId, nowIso } from '../src/server/ids.js';
import { buildPlanDocument, renderPlan } from '../src/server/modules/plan/service.js';
import { createOrgWithUser, createTestApp } from '../src/server/test/harness.js';

const SIZES = { systems: 500, operations: 200, components: 300, suppliers: 50 } as const;
const STEPS = [
  '状況の落ち着きを確かめる',
  '被害を調べる',
  'バックアップを手配する',
  '復旧作業',
  'サービスを戻す',
  '動作を確かめる',
  '利用者に知らせる',
  '記録を残す',
];

const t = await createTestApp();
const { orgId } = await createOrgWithUser(t, 'owner', '大規模ベンチ株式会社');
const now = nowIso();
const base = (name: string) => ({
  id: newId(),
  org_id: orgId,
  name,
  description: `${name}の説明。業務で使う。`,
  archived_at: null,
  created_at: now,
  updated_at: now,
  version: 1,
});
const rto = (h: number) => JSON.stringify({ kind: 'duration', minutes: h * 60 });
const ops = Array.from({ length: SIZES.operations }, (_, i) => ({
  ...base(`業務${i}`),
  owner_person_id: null,
  owner_text: `担当${i % 20}`,
  importance: 1 + (i % 5),
  dependency_level: null,
  rto_override: null,
  needs_data: '[]',
  needs_terminals: '[]',
  needs_procedure_manuals: '[]',
  needs_user_manuals: '[]',
}));
const systems = Array.from({ length: SIZES.systems }, (_, i) => ({
  ...base(`システム${i}`),
  owner_person_id: null,
  owner_text: `情報担当${i % 7}`,
  vendor: `ベンダー${i % 30}`,
  hosting: 'cloud',
  data_location: '東京',
  eol_date: '2030-03-31',
  dependency_level: 1 + (i % 5),
  declared_rto: i % 10 === 0 ? rto(72) : null,
}));
const comps = Array.from({ length: SIZES.components }, (_, i) => ({
  ...base(`構成要素${i}`),
  layer: 1 + (i % 5),
  side: i % 2 ? 'client' : 'server',
  declared_rto: null,
}));
const sups = Array.from({ length: SIZES.suppliers }, (_, i) => ({
  ...base(`取引先${i}`),
  kind: 'vendor',
  contact: `03-0000-${String(i).padStart(4, '0')}`,
  contract_notes: '平日9時〜18時',
  declared_rto: rto(24),
}));
const edges: Record<string, unknown>[] = [];
const edge = (ft: string, f: { id: string }, tt: string, to: { id: string }) =>
  edges.push({
    id: newId(),
    org_id: orgId,
    from_type: ft,
    from_id: f.id,
    to_type: tt,
    to_id: to.id,
    created_at: now,
  });
ops.forEach((o, i) => {
  edge('operation', o, 'system', systems[(i * 2) % 500]!);
  edge('operation', o, 'system', systems[(i * 2 + 1) % 500]!);
});
systems.forEach((s, i) => {
  edge('system', s, 'component', comps[i % 300]!);
  edge('system', s, 'supplier', sups[i % 50]!);
});
comps.forEach((c, i) => {
  edge('component', c, 'supplier', sups[(i * 7) % 50]!);
});
async function insert(table: string, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 200)
    await t.db.kysely
      .insertInto(table as 'it_systems')
      .values(rows.slice(i, i + 200) as never)
      .execute();
}
await insert('business_operations', ops);
await insert('it_systems', systems);
await insert('it_components', comps);
await insert('suppliers', sups);
await insert('dependency_edges', edges);

const t0 = performance.now();
const built = await buildPlanDocument(t.db, orgId, 'ja');
const buildMs = performance.now() - t0;
const recovery: PlanBlock[] = systems.flatMap((s, i): PlanBlock[] => [
  { kind: 'subheading', text: `${s.name}の復旧手順` },
  {
    kind: 'table',
    caption: `${s.name}：第一段階（緊急・暫定復旧）`,
    columns: ['順', '手順', '担当', '所要時間', '前提', '連絡先'],
    rows: STEPS.map((step, k) => [
      String(k + 1),
      `${step}。縮退運転になる場合は利用者に知らせ、手作業での代わりの方法を使う。`,
      `担当${(i + k) % 20}`,
      `${1 + k}時間`,
      k ? `手順${k}` : '',
      `取引先${i % 50}（03-0000-0000）`,
    ]),
  },
]);
const doc: PlanDocument = {
  ...built,
  sections: built.sections.map((s) => (s.id === 'recovery' ? { ...s, blocks: recovery } : s)),
};

const LIMITS = { pdf: 5000, docx: 5000, offline: 2000 } as const;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
let failed = false;
console.log(
  `plan of ${SIZES.systems} systems, ${edges.length} edges, ${doc.sections.reduce((n, s) => n + s.blocks.length, 0)} blocks (built in ${buildMs.toFixed(0)} ms)`,
);
for (const format of ['pdf', 'docx', 'offline'] as const) {
  await renderPlan(doc, format, 'Asia/Tokyo');
  const samples: number[] = [];
  const cpu: number[] = [];
  let size = 0;
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    const c = process.cpuUsage();
    size = (await renderPlan(doc, format, 'Asia/Tokyo')).body.length;
    samples.push(performance.now() - s);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const ms = median(samples);
  const over = ms > LIMITS[format];
  failed ||= over;
  console.log(
    `${over ? 'FAIL' : 'ok  '} ${`${format} (${(size / 1024).toFixed(0)} KB)`.padEnd(24)} ${ms.toFixed(0).padStart(6)} ms  (cpu ${median(cpu).toFixed(0)} ms; limit ${LIMITS[format]} ms)`,
  );
}
await t.close();
if (failed) {
  console.log('FAIL: at least one figure is over the limit');
  process.exit(1);
}
