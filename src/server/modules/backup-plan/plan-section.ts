import {
  BACKUP_CONNECTION_LABELS,
  BACKUP_LOCATION_LABELS,
  BACKUP_MEDIUM_LABELS,
  BACKUP_METHOD_LABELS,
  dataLossSentence,
  durationWords,
  findingWords,
  frequencyWords,
  RESTORE_RESULT_LABELS,
} from '../../../domain/backup-plan.js';
import type { Locale } from '../../../domain/organization.js';
import type { PlanBlock, PlanSection } from '../../../domain/plan-document.js';
import type { BackupPlan } from '../../../shared/backup-plan.js';
import type { PlanSectionContributor } from '../types.js';
import { overview } from './service.js';

const W = {
  ja: {
    title: 'バックアップ計画',
    intro:
      '3-2-1ルール：データを本番を含めて3つ以上持ち、2種類以上の媒体に置き、そのうち1つはネットワークから切り離して別の場所に保管します。あわせて、本番と一緒に壊れる写し（同じネットワーク・同じアカウント・同じ保守作業・同じ業者）と、復元テストを確かめています。',
    summary: (total: number, planned: number, passing: number) =>
      `対象${total}件のうち、計画があるのは${planned}件、すべての確認を満たすのは${passing}件です。`,
    unplanned: (names: string) => `バックアップ計画がないもの：${names}`,
    empty: 'まだバックアップ計画がありません。',
    strategy: 'システム・データごとの方針',
    strategyColumns: ['対象', '優先度', '取り方', '頻度', '目標復旧時点（RPO）', '3-2-1', '最後の復元テスト'],
    copies: '写しの一覧（写し1は本番）',
    copyColumns: [
      '対象',
      '写し',
      '媒体',
      '場所',
      '接続',
      '本番のネットワークから届く',
      '本番と同じアカウント',
      '本番と同じ保守',
      '業者',
      '暗号化',
    ],
    production: '1（本番）',
    yes: 'はい',
    no: 'いいえ',
    meets: '満たす',
    fails: '満たさない',
    none: '—',
    allGood: 'すべての確認を満たしています。',
    problems: '直すこと',
    priorityNone: 'なし',
    restore: (date: string | null, result: string) => (date ? `${date}（${result}）` : result),
    restoreNote: (text: string) => `復元テストのメモ：${text}`,
    note: (text: string) => `メモ：${text}`,
  },
  en: {
    title: 'Backup plan',
    intro:
      'The 3-2-1 rule: keep at least three copies of the data, production included, on at least two kinds of media, and one of them off the network at another place. The plan also checks for copies that would fail with production (same network, same account, same maintenance, same provider) and for restore tests.',
    summary: (total: number, planned: number, passing: number) =>
      `Systems and data sets: ${total}. With a plan: ${planned}. Meeting every check: ${passing}.`,
    unplanned: (names: string) => `No backup plan: ${names}`,
    empty: 'There is no backup plan yet.',
    strategy: 'Strategy per system and data set',
    strategyColumns: [
      'System or data',
      'Priority',
      'Method',
      'Frequency',
      'RPO',
      '3-2-1',
      'Last restore test',
    ],
    copies: 'Copies (copy 1 is production)',
    copyColumns: [
      'System or data',
      'Copy',
      'Medium',
      'Location',
      'Connection',
      "Reachable from production's network",
      'Same account as production',
      'Same maintenance as production',
      'Provider',
      'Encrypted',
    ],
    production: '1 (production)',
    yes: 'yes',
    no: 'no',
    meets: 'met',
    fails: 'not met',
    none: '—',
    allGood: 'Every check is met.',
    problems: 'To fix',
    priorityNone: 'none',
    restore: (date: string | null, result: string) => (date ? `${date} (${result})` : result),
    restoreNote: (text: string) => `Restore test notes: ${text}`,
    note: (text: string) => `Notes: ${text}`,
  },
} as const;

const yesNo = (v: boolean, locale: Locale) => (v ? W[locale].yes : W[locale].no);

function planBlocks(p: BackupPlan, locale: Locale): PlanBlock[] {
  const w = W[locale];
  const blocks: PlanBlock[] = [
    { kind: 'subheading', text: p.name },
    { kind: 'paragraph', text: dataLossSentence(p.verdict.dataLoss, locale) },
  ];
  if (p.restoreNote) blocks.push({ kind: 'paragraph', text: w.restoreNote(p.restoreNote) });
  if (p.note) blocks.push({ kind: 'paragraph', text: w.note(p.note) });
  const problems = p.verdict.findings.map((f) => {
    const words = findingWords(f, locale);
    return `${words.problem} ${words.todo}`;
  });
  if (problems.length === 0) blocks.push({ kind: 'note', tone: 'info', text: w.allGood });
  else
    blocks.push(
      { kind: 'note', tone: 'warning', text: w.problems },
      { kind: 'list', ordered: false, items: problems },
    );
  return blocks;
}

/**
 * The IT-BCP document's backup section (id 'backup'): the organization's standing, the strategy
 * per system, each plan's data-loss window and failed checks, and every copy. Plain text only.
 */
export const backupPlanSection: PlanSectionContributor = async ({ db, orgId, locale, today }) => {
  const o = await overview(db, orgId, today);
  const w = W[locale];
  const blocks: PlanBlock[] = [{ kind: 'paragraph', text: w.intro }];
  if (o.plans.length === 0) {
    blocks.push({ kind: 'note', tone: 'warning', text: w.empty });
    return [{ id: 'backup', title: w.title, blocks }];
  }
  blocks.push({ kind: 'paragraph', text: w.summary(o.summary.total, o.summary.planned, o.summary.passing) });
  if (o.summary.unplanned.length > 0)
    blocks.push({
      kind: 'note',
      tone: 'warning',
      text: w.unplanned(
        o.summary.unplanned
          .map((u) =>
            u.priority ? `${u.name}${locale === 'ja' ? `（${u.priority}）` : ` (${u.priority})`}` : u.name,
          )
          .join(locale === 'ja' ? '、' : ', '),
      ),
    });
  blocks.push({
    kind: 'table',
    caption: w.strategy,
    columns: w.strategyColumns,
    rows: o.plans.map((p) => [
      p.name,
      p.priority ?? w.priorityNone,
      BACKUP_METHOD_LABELS[p.method][locale],
      frequencyWords(p.frequency, locale),
      p.rpoMinutes === null ? w.none : durationWords(p.rpoMinutes, locale),
      p.verdict.passes321 ? w.meets : w.fails,
      w.restore(p.restoreTestedOn, RESTORE_RESULT_LABELS[p.restoreResult][locale]),
    ]),
  });
  for (const p of o.plans) blocks.push(...planBlocks(p, locale));
  blocks.push({
    kind: 'table',
    caption: w.copies,
    columns: w.copyColumns,
    rows: o.plans.flatMap((p) => [
      [
        p.name,
        w.production,
        BACKUP_MEDIUM_LABELS[p.production.medium][locale],
        BACKUP_LOCATION_LABELS[p.production.location][locale],
        w.none,
        w.none,
        w.none,
        w.none,
        p.production.provider ?? '',
        w.none,
      ],
      ...p.copies.map((c, i) => [
        p.name,
        String(i + 2),
        BACKUP_MEDIUM_LABELS[c.medium][locale],
        BACKUP_LOCATION_LABELS[c.location][locale],
        BACKUP_CONNECTION_LABELS[c.connection][locale],
        yesNo(c.reachableFromProduction, locale),
        yesNo(c.sameCredentials, locale),
        yesNo(c.sameMaintenance, locale),
        c.provider ?? '',
        yesNo(c.encrypted, locale),
      ]),
    ]),
  });
  const section: PlanSection = { id: 'backup', title: w.title, blocks };
  return [section];
};
