import { NODE_KINDS } from '../../../domain/dependency-graph.js';
import { PLAN_SECTION_TITLES, type PlanBlock } from '../../../domain/plan-document.js';
import { graph } from '../inventory/service.js';
import type { PlanSectionContributor } from '../types.js';
import { tierMeasures } from './content.js';
import * as repo from './repo.js';
import { checklist } from './service.js';

const WORDS = {
  ja: {
    tier: 'ITへの依存度',
    notTaken: 'ITへの依存度（松竹梅）の診断がまだです。「ITへの依存度」のページで診断してください。',
    result: (label: string, date: string) => `診断の結果は「${label}」です（${date}に診断）。`,
    measures: 'この依存度で勧められる対策',
    checklist: (done: number, total: number) =>
      `経営者がやるべきことのチェックリスト：${total}項目のうち${done}項目が済んでいます。`,
    dependencies: '依存関係のまとめ',
    counts: '台帳の件数',
    countColumns: ['台帳', '件数'],
    kinds: { operation: '業務', system: 'システム', component: '構成要素', supplier: '取引先' },
    edges: 'つながり（依存関係）',
    mostNeeded: '多くのものから頼られているもの（止まると影響が広い）',
    neededColumns: ['名前', '種類', '頼っているものの数'],
  },
  en: {
    tier: 'IT dependency tier',
    notTaken:
      'The IT dependency check (Matsu, Take, Ume) has not been taken yet. Take it on the IT dependency page.',
    result: (label: string, date: string) => `The result is "${label}" (checked on ${date}).`,
    measures: 'Measures recommended for this tier',
    checklist: (done: number, total: number) => `Management checklist: ${done} of ${total} items done.`,
    dependencies: 'Dependencies in short',
    counts: 'Register counts',
    countColumns: ['Register', 'Count'],
    kinds: { operation: 'Operations', system: 'Systems', component: 'Components', supplier: 'Suppliers' },
    edges: 'Links (dependencies)',
    mostNeeded: 'What many others rely on (a stop there reaches far)',
    neededColumns: ['Name', 'Kind', 'Relied on by'],
  },
} as const;

/** Tier (松竹梅) and a summary of the dependency graph (001 §松竹梅, the inventory's links). */
export const tierSection: PlanSectionContributor = async ({ db, orgId, locale }) => {
  const w = WORDS[locale];
  const blocks: PlanBlock[] = [{ kind: 'subheading', text: w.tier }];
  const latest = (await repo.listResults(db.kysely, orgId))[0];
  if (!latest) blocks.push({ kind: 'note', tone: 'warning', text: w.notTaken });
  else {
    const tier = tierMeasures().tiers.find((t) => t.tier === latest.tier);
    blocks.push({
      kind: 'paragraph',
      text: w.result(tier?.label[locale] ?? latest.tier, latest.taken_at.slice(0, 10)),
    });
    if (tier) {
      blocks.push({ kind: 'paragraph', text: tier.profile[locale] });
      blocks.push({ kind: 'list', ordered: false, items: tier.measures.map((m) => m.title[locale]) });
    }
  }
  const list = await checklist(db.kysely, orgId);
  blocks.push({
    kind: 'paragraph',
    text: w.checklist(list.items.filter((i) => i.done).length, list.items.length),
  });

  const g = await graph(db, orgId);
  blocks.push({ kind: 'subheading', text: w.dependencies });
  blocks.push({
    kind: 'table',
    caption: w.counts,
    columns: [...w.countColumns],
    rows: [
      ...NODE_KINDS.map((k) => [w.kinds[k], String(g.nodes.filter((n) => n.type === k).length)]),
      [w.edges, String(g.edges.length)],
    ],
  });
  const reliedOn = new Map<string, number>();
  for (const e of g.edges) reliedOn.set(e.toId, (reliedOn.get(e.toId) ?? 0) + 1);
  const top = g.nodes
    .filter((n) => (reliedOn.get(n.id) ?? 0) > 1)
    .sort((a, b) => (reliedOn.get(b.id) ?? 0) - (reliedOn.get(a.id) ?? 0) || a.name.localeCompare(b.name))
    .slice(0, 10);
  if (top.length)
    blocks.push({
      kind: 'table',
      caption: w.mostNeeded,
      columns: [...w.neededColumns],
      rows: top.map((n) => [n.name, w.kinds[n.type], String(reliedOn.get(n.id) ?? 0)]),
    });
  return [{ id: 'tier', title: PLAN_SECTION_TITLES.tier[locale], blocks }];
};
