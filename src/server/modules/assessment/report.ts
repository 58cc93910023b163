import { REQUIREMENT_LEVEL_LABELS } from '../../../domain/checklist.js';
import type { Locale } from '../../../domain/organization.js';
import type { PlanBlock } from '../../../domain/plan-document.js';
import type { ActionPlan, Assessment, AssessmentResults, AssetList } from '../../../shared/assessment.js';
import { type BlockPdf, renderBlocksPdf } from '../../documents/block-pdf.js';

/**
 * The assessment's PDF report: results per category, the action plan, every item's decision and
 * the information assets, laid out and typeset by the IT-BCP's PDF renderer (Japanese font).
 */

const W = {
  ja: {
    title: 'セキュリティ自己評価 報告書',
    /** An empty section of the report: the owner has not filled it in. */
    placeholder: '未記入',
    status: (t: string, d: string) => `${t}（評価日 ${d}）`,
    results: '分類ごとの実施状況',
    resultsIntro: (p: string, done: number, all: number) =>
      `実施済みの割合は${p}です（当てはまる${all}項目のうち${done}項目）。`,
    resultCols: ['分類', '実施済み', '必須', '推奨', '任意', '期限切れ'],
    actions: '対策計画',
    actionCols: ['対策', '担当', '期限', '状態'],
    noActions: '「実施する」と決めた項目はまだありません。',
    overdue: '（期限切れ）',
    items: '項目ごとの判定',
    itemCols: ['対策項目', '要求レベル', '判定', '期限・理由'],
    assets: '情報資産',
    assetCols: ['名前', '種類', '機密度', '暗号化'],
    noAssets: '情報資産はまだ登録されていません。',
    decisions: { done: '実施済み', planned: '実施する', not_needed: '不要' },
    undecided: '未判定',
    statuses: { open: '未着手', in_progress: '対応中', done: '完了' },
    kinds: {
      hardware: 'ハードウェア',
      os: 'OS',
      network: 'ネットワーク',
      system: 'システム',
      development: '開発環境',
      data: 'データ',
    },
    secrecy: { top_secret: '極秘', partners_only: '関係社外秘', internal: '社外秘', public: '公開可能' },
    yes: '必要',
    no: '不要',
  },
  en: {
    title: 'Security self-assessment report',
    placeholder: 'Not filled in',
    status: (t: string, d: string) => `${t} (assessed on ${d})`,
    results: 'Implemented per category',
    resultsIntro: (p: string, done: number, all: number) =>
      `${p} implemented (${done} of the ${all} items that apply).`,
    resultCols: ['Category', 'Implemented', 'Required', 'Recommended', 'Optional', 'Overdue'],
    actions: 'Action plan',
    actionCols: ['Measure', 'Owner', 'Deadline', 'Status'],
    noActions: 'No item has been decided "will do" yet.',
    overdue: ' (overdue)',
    items: 'Decision per item',
    itemCols: ['Measure', 'Level', 'Decision', 'Deadline or reason'],
    assets: 'Information assets',
    assetCols: ['Name', 'Kind', 'Secrecy', 'Encryption'],
    noAssets: 'No information asset registered yet.',
    decisions: { done: 'Done', planned: 'Will do', not_needed: 'Not needed' },
    undecided: 'Undecided',
    statuses: { open: 'Not started', in_progress: 'In progress', done: 'Done' },
    kinds: {
      hardware: 'Hardware',
      os: 'OS',
      network: 'Network',
      system: 'System',
      development: 'Development',
      data: 'Data',
    },
    secrecy: {
      top_secret: 'Top secret',
      partners_only: 'Partners only',
      internal: 'Internal',
      public: 'Public',
    },
    yes: 'Required',
    no: 'Not required',
  },
} as const;

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

export function assessmentPdf(
  input: {
    organizationName: string;
    assessment: Assessment;
    results: AssessmentResults;
    plan: ActionPlan;
    assets: AssetList;
  },
  locale: Locale,
  generatedLocal: string,
): Promise<Buffer> {
  const w = W[locale];
  const { assessment: a, results: r, plan, assets } = input;
  const text = (t: { ja: string; en: string } | null) => (t ? t[locale] : '');
  const table = (caption: string, columns: readonly string[], rows: string[][]): PlanBlock => ({
    kind: 'table',
    caption,
    columns,
    rows,
  });
  const doc: BlockPdf = {
    locale,
    title: w.title,
    organizationName: input.organizationName,
    subtitle: [w.status(a.title, a.assessedOn)],
    placeholder: w.placeholder,
    contents: true,
    sections: [
      {
        id: 'results',
        title: w.results,
        blocks: [
          { kind: 'paragraph', text: w.resultsIntro(pct(r.total.percent), r.total.done, r.total.applicable) },
          table(
            w.results,
            w.resultCols,
            r.categories.map((c) => [
              text(c.title),
              pct(c.percent),
              pct(c.byLevel.SHALL?.percent ?? null),
              pct(c.byLevel.SHOULD?.percent ?? null),
              pct(c.byLevel.MAY?.percent ?? null),
              String(c.overdue),
            ]),
          ),
        ],
      },
      {
        id: 'actions',
        title: w.actions,
        blocks: plan.items.length
          ? [
              table(
                w.actions,
                w.actionCols,
                plan.items.map((x) => [
                  text(x.measure),
                  x.ownerName ?? '—',
                  `${x.dueDate}${x.overdue ? w.overdue : ''}`,
                  w.statuses[x.status],
                ]),
              ),
            ]
          : [{ kind: 'paragraph', text: w.noActions }],
      },
      {
        id: 'items',
        title: w.items,
        blocks: a.categories.flatMap((c): PlanBlock[] => {
          const items = a.items.filter((i) => i.categoryKey === c.key);
          if (!items.length) return [];
          return [
            { kind: 'subheading', text: text(c.title) },
            table(
              text(c.title),
              w.itemCols,
              items.map((i) => [
                text(i.measure),
                REQUIREMENT_LEVEL_LABELS[i.level][locale],
                i.answer.decision ? w.decisions[i.answer.decision] : w.undecided,
                i.answer.dueDate ?? i.answer.reason ?? '',
              ]),
            ),
          ];
        }),
      },
      {
        id: 'assets',
        title: w.assets,
        blocks: assets.items.length
          ? [
              table(
                w.assets,
                w.assetCols,
                assets.items.map((x) => [
                  x.name,
                  w.kinds[x.kind],
                  w.secrecy[x.secrecy],
                  x.mustEncrypt ? w.yes : w.no,
                ]),
              ),
            ]
          : [{ kind: 'paragraph', text: w.noAssets }],
      },
    ],
  };
  return renderBlocksPdf(doc, generatedLocal);
}
