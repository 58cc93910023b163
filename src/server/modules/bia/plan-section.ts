import { PRIORITIES, type Priority } from '../../../domain/bia.js';
import { PLAN_SECTION_TITLES, type PlanBlock } from '../../../domain/plan-document.js';
import { formatRtoCell } from '../../../domain/rto-text.js';
import type { PlanSectionContributor } from '../types.js';
import { getSettings } from './settings.js';
import { listSignoffs } from './signoffs.js';
import { view } from './view.js';

const WORDS = {
  ja: {
    intro:
      '業務ごとに、止まったときの影響（業務重要度）とシステムへの頼り方（システム依存度）から優先度を決め、優先度ごとに目標復旧時間を決めました。',
    noOperations:
      '業務がまだ登録されていません。「IT台帳」に業務を登録し、「業務影響分析」で評価してください。',
    unassessed: (n: number) =>
      `業務重要度が未入力の業務が${n}件あります。「業務影響分析」のページで入力してください。`,
    signedOff: (name: string, date: string) => `${date}に${name}が承認しました。`,
    notSignedOff: '業務影響分析はまだ経営者の承認を受けていません。',
    operations: '業務の優先度と目標復旧時間',
    operationColumns: ['業務', '業務重要度', 'システム依存度', '優先度', '目標復旧時間'],
    matrix: '優先度マトリクス（件数）',
    matrixCorner: 'システム依存度＼業務重要度',
    rtoTable: '優先度ごとの目標復旧時間',
    rtoColumns: ['優先度', '目標復旧時間'],
    systems: 'システム・構成要素・取引先の優先度',
    systemColumns: ['名前', '種類', '優先度', '目標復旧時間', '復旧見込み時間'],
    kinds: { operation: '業務', system: 'システム', component: '構成要素', supplier: '取引先' },
    inversions: '逆転（目標復旧時間に間に合わないもの）',
    inversionColumns: ['業務', '頼っている側', '目標復旧時間', '頼られている側', '復旧見込み時間'],
    inversionNote: (n: number) =>
      `逆転が${n}件あります。頼っているシステムや取引先が目標復旧時間までに戻りません。契約の見直しや代わりの手段を検討してください。`,
    none: 'なし',
    count: (p: string, n: number) => (n ? `${p}（${n}件）` : p),
  },
  en: {
    intro:
      'Each operation got a priority from how much its stop hurts (importance) and how much it relies on systems, and each priority a target recovery time.',
    noOperations:
      'No operations registered yet. Add them in the IT inventory and assess them in the business impact analysis.',
    unassessed: (n: number) =>
      `${n} operations have no importance yet. Set it on the business impact analysis page.`,
    signedOff: (name: string, date: string) => `Signed off by ${name} on ${date}.`,
    notSignedOff: 'The business impact analysis has not been signed off by the owner yet.',
    operations: 'Priority and target recovery time of each operation',
    operationColumns: ['Operation', 'Importance', 'Reliance on systems', 'Priority', 'Target recovery time'],
    matrix: 'Priority matrix (counts)',
    matrixCorner: 'Reliance \\ importance',
    rtoTable: 'Target recovery time per priority',
    rtoColumns: ['Priority', 'Target recovery time'],
    systems: 'Priority of systems, components and suppliers',
    systemColumns: ['Name', 'Kind', 'Priority', 'Target recovery time', 'Expected recovery time'],
    kinds: { operation: 'Operation', system: 'System', component: 'Component', supplier: 'Supplier' },
    inversions: 'Inversions (cannot meet the target recovery time)',
    inversionColumns: ['Operation', 'Relies', 'Target recovery time', 'Relied on', 'Expected recovery time'],
    inversionNote: (n: number) =>
      `${n} inversions: a system or supplier relied on comes back later than the target recovery time. Review its contract or find another way.`,
    none: 'none',
    count: (p: string, n: number) => (n ? `${p} (${n})` : p),
  },
} as const;

const priorityRank = (p: Priority | null) => (p === null ? 9 : PRIORITIES.indexOf(p));
/** Highest priority first (none last), then by name: the order of both priority tables. */
const byPriorityThenName = (
  a: { priority: Priority | null; name: string },
  b: { priority: Priority | null; name: string },
) => priorityRank(a.priority) - priorityRank(b.priority) || a.name.localeCompare(b.name);

/** The BIA: operations' priorities and RTOs, the matrix, what systems inherit, and the inversions. */
export const biaSection: PlanSectionContributor = async ({ db, orgId, locale }) => {
  const w = WORDS[locale];
  const v = await view(db, orgId);
  const settings = await getSettings(db.kysely, orgId);
  const blocks: PlanBlock[] = [{ kind: 'paragraph', text: w.intro }];
  const signoff = (await listSignoffs(db, orgId)).items[0];
  blocks.push(
    signoff
      ? { kind: 'paragraph', text: w.signedOff(signoff.signedByName ?? '—', signoff.signedAt.slice(0, 10)) }
      : { kind: 'note', tone: 'warning', text: w.notSignedOff },
  );
  if (v.operations.length === 0) {
    blocks.push({ kind: 'note', tone: 'warning', text: w.noOperations });
    return [{ id: 'bia', title: PLAN_SECTION_TITLES.bia[locale], blocks }];
  }
  if (v.unassessed.length)
    blocks.push({ kind: 'note', tone: 'warning', text: w.unassessed(v.unassessed.length) });
  const names = new Map<string, string>([
    ...v.operations.map((o) => [o.id, o.name] as const),
    ...v.nodes.map((n) => [n.id, n.name] as const),
  ]);
  const rto = (r: Parameters<typeof formatRtoCell>[0]) => formatRtoCell(r, locale);

  blocks.push({ kind: 'subheading', text: w.operations });
  blocks.push({
    kind: 'table',
    caption: w.operations,
    columns: [...w.operationColumns],
    rows: [...v.operations]
      .sort(byPriorityThenName)
      .map((o) => [
        o.name,
        o.importance === null ? '' : String(o.importance),
        String(o.dependency),
        o.priority ?? '',
        rto(o.rto),
      ]),
  });

  // Rows from the highest reliance down, columns from the lowest importance up, as on the BIA page.
  blocks.push({ kind: 'subheading', text: w.matrix });
  const levels = Array.from({ length: v.scale }, (_, i) => i + 1);
  const priorityAt = (dep: number, imp: number) => settings.matrix[dep - 1]?.[imp - 1] ?? null;
  blocks.push({
    kind: 'table',
    caption: w.matrix,
    columns: [w.matrixCorner, ...levels.map(String)],
    rows: [...levels].reverse().map((dep) => [
      String(dep),
      ...levels.map((imp) => {
        const n = v.heatmap.operations[dep - 1]?.[imp - 1]?.length ?? 0;
        const p = priorityAt(dep, imp);
        return p ? w.count(p, n) : n ? String(n) : '';
      }),
    ]),
  });

  blocks.push({
    kind: 'table',
    caption: w.rtoTable,
    columns: [...w.rtoColumns],
    rows: PRIORITIES.map((p) => [p, rto(settings.rtoTable[p])]),
  });

  blocks.push({ kind: 'subheading', text: w.systems });
  blocks.push({
    kind: 'table',
    caption: w.systems,
    columns: [...w.systemColumns],
    rows: [...v.nodes]
      .sort(byPriorityThenName)
      .map((n) => [n.name, w.kinds[n.type], n.priority ?? '', rto(n.requiredRto), rto(n.declaredRto)]),
  });

  blocks.push({ kind: 'subheading', text: w.inversions });
  if (v.inversions.length === 0) blocks.push({ kind: 'paragraph', text: w.none });
  else {
    blocks.push({ kind: 'note', tone: 'warning', text: w.inversionNote(v.inversions.length) });
    blocks.push({
      kind: 'table',
      caption: w.inversions,
      columns: [...w.inversionColumns],
      rows: v.inversions.map((i) => [
        i.operation ? (names.get(i.operation) ?? '') : '',
        names.get(i.dependant) ?? '',
        rto(i.dependantRto),
        names.get(i.dependency) ?? '',
        rto(i.dependencyRto),
      ]),
    });
  }
  return [{ id: 'bia', title: PLAN_SECTION_TITLES.bia[locale], blocks }];
};
