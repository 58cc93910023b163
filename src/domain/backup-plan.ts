/**
 * A company's backup plan per system or data set (PRODUCT.md module 5; 001 §情報バックアップ, 002,
 * 003) and the rules that judge it. Pure: no I/O. Not keizoku's own backups (backup-schedule.ts).
 *
 * Production counts as copy 1 (001: "3、本番以外2つのバックアップコピー").
 */

import type { Labels, Locale } from './organization.js';

export const BACKUP_METHODS = [
  'full',
  'incremental',
  'differential',
  'snapshot',
  'replication',
  'sync',
  'manual_copy',
] as const;
export type BackupMethod = (typeof BACKUP_METHODS)[number];

export const BACKUP_MEDIA = ['disk', 'nas', 'tape', 'removable', 'cloud', 'server', 'paper'] as const;
export type BackupMedium = (typeof BACKUP_MEDIA)[number];

export const BACKUP_LOCATIONS = ['same_room', 'same_building', 'other_site', 'provider_dc'] as const;
export type BackupLocation = (typeof BACKUP_LOCATIONS)[number];

export const BACKUP_CONNECTIONS = ['online', 'offline', 'immutable'] as const;
export type BackupConnection = (typeof BACKUP_CONNECTIONS)[number];

export const RESTORE_RESULTS = ['success', 'partial', 'failed', 'never'] as const;
export type RestoreResult = (typeof RESTORE_RESULTS)[number];

/** How often a backup is taken: continuously (replication, sync) or every `minutes`. */
export type BackupFrequency = { kind: 'continuous' } | { kind: 'every'; minutes: number };

/** Longest interval or RPO accepted: one year (anything longer is a typing mistake). */
const BACKUP_MAX_MINUTES = 365 * 1_440;
/** A plan holds at most this many backup copies besides production. */
export const BACKUP_MAX_COPIES = 20;
/** A restore test older than this many days no longer proves the backup works. */
const RESTORE_TEST_MAX_AGE_DAYS = 365;

/** Where production (copy 1) lives. */
interface ProductionCopy {
  medium: BackupMedium;
  location: BackupLocation;
  /** Who runs it (a supplier's name), or null when the company runs it itself. */
  provider: string | null;
}

/** One backup copy besides production. */
export interface BackupCopy {
  medium: BackupMedium;
  location: BackupLocation;
  connection: BackupConnection;
  /** It can be reached over production's network (a PC or NAS on the same LAN, a mapped drive). */
  reachableFromProduction: boolean;
  /** It is opened with the same account or password as production. */
  sameCredentials: boolean;
  /** The same maintenance job or vendor changes it and production (003: one update erased both). */
  sameMaintenance: boolean;
  provider: string | null;
  encrypted: boolean;
}

export interface BackupPlanFacts {
  method: BackupMethod;
  /** null: not decided (a copy made when someone remembers). */
  frequency: BackupFrequency | null;
  /** How much data loss is acceptable, in minutes; null when not set. */
  rpoMinutes: number | null;
  production: ProductionCopy;
  copies: readonly BackupCopy[];
  /** Last restore test: its date (YYYY-MM-DD) and result. */
  restoreTest: { date: string | null; result: RestoreResult };
}

/** The three parts of the 3-2-1 rule. 001: 3 copies, 2 media, 1 offline and off-site. */
export const RULE_321_PARTS = ['three_copies', 'two_media', 'offline_offsite'] as const;
type Rule321Part = (typeof RULE_321_PARTS)[number];

/** Everything the rules can find, most serious first. */
export const BACKUP_FINDING_CODES = [
  'three_copies',
  'two_media',
  'offline_offsite',
  'reachable_not_offline',
  'same_credentials_not_offline',
  'same_maintenance',
  'same_provider_only',
  'restore_failed',
  'restore_never',
  'restore_stale',
  'restore_partial',
  'frequency_misses_rpo',
  'frequency_missing',
  'rpo_missing',
] as const;
type BackupFindingCode = (typeof BACKUP_FINDING_CODES)[number];

export interface BackupFinding {
  code: BackupFindingCode;
  /** 'fail': the plan does not pass; 'info': worth knowing, the plan may still pass. */
  severity: 'fail' | 'info';
  /** The backup copy it is about (1-based number, production being copy 1), if any. */
  copy?: number;
  params?: Record<string, number | string>;
}

/** The worst-case data-loss window: what a restore from the newest backup loses. */
export type DataLossWindow =
  | { kind: 'unknown' }
  | { kind: 'continuous' }
  | { kind: 'window'; minutes: number };

export interface BackupVerdict {
  /** Every rule is met: 3-2-1 and no correlated failure, restore tested, frequency meets the RPO. */
  passes: boolean;
  passes321: boolean;
  rules: Record<Rule321Part, boolean>;
  copyCount: number;
  mediaCount: number;
  findings: BackupFinding[];
  dataLoss: DataLossWindow;
}

/**
 * A backup interval against the RPO: how often backups run, how much loss is acceptable, and how
 * much more than that a restore can lose (the gap).
 * @example rpoGap(1440, 240) // { every: 1440, rpo: 240, gap: 1200 }
 */
function rpoGap(every: number, rpo: number): { every: number; rpo: number; gap: number } {
  return { every, rpo, gap: Math.max(0, every - rpo) };
}

const OFF_SITE: ReadonlySet<BackupLocation> = new Set(['other_site', 'provider_dc']);

const sameProvider = (a: string | null, b: string | null): boolean =>
  a !== null &&
  b !== null &&
  a.trim().normalize('NFKC').toLowerCase() === b.trim().normalize('NFKC').toLowerCase();

/**
 * Whether a copy really is out of an attacker's or a faulty update's reach: the "1 offline" of
 * 3-2-1. A copy marked offline that production's network or credentials can reach is not (001: the
 * backup PC on the LAN was encrypted with the server).
 *
 * An immutable copy counts as offline even though the network reaches it. The point of offline
 * is that ransomware spreading over the network cannot encrypt or delete the copy; an immutable
 * copy (object lock, WORM) cannot be changed or deleted by anyone until its retention ends, so it
 * meets that point. It does not when it opens with production's account or password: whoever
 * takes over production could then shorten the retention or delete the bucket. Off-site is a
 * separate condition (a fire takes an immutable NAS in the same room too).
 */
export function isEffectivelyOffline(c: BackupCopy): boolean {
  if (c.connection === 'online') return false;
  if (c.sameCredentials) return false;
  return c.connection === 'immutable' || !c.reachableFromProduction;
}

/** Days from `from` to `to` (YYYY-MM-DD), whole calendar days. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The data a restore from the newest backup loses at worst: one interval of the frequency. */
function dataLossWindow(frequency: BackupFrequency | null): DataLossWindow {
  if (!frequency) return { kind: 'unknown' };
  if (frequency.kind === 'continuous') return { kind: 'continuous' };
  return { kind: 'window', minutes: frequency.minutes };
}

/**
 * Judges one plan against 3-2-1 and the correlated-failure checks, relative to the organization's
 * `today` (YYYY-MM-DD).
 * @example evaluateBackupPlan({ ...plan, copies: [] }, '2026-12-07').rules.three_copies // false
 */
export function evaluateBackupPlan(plan: BackupPlanFacts, today: string): BackupVerdict {
  const findings: BackupFinding[] = [];
  const copyCount = 1 + plan.copies.length;
  const mediaCount = new Set([plan.production.medium, ...plan.copies.map((c) => c.medium)]).size;
  const rules: Record<Rule321Part, boolean> = {
    three_copies: copyCount >= 3,
    two_media: mediaCount >= 2,
    offline_offsite: plan.copies.some((c) => isEffectivelyOffline(c) && OFF_SITE.has(c.location)),
  };
  if (!rules.three_copies)
    findings.push({ code: 'three_copies', severity: 'fail', params: { count: copyCount } });
  if (!rules.two_media) findings.push({ code: 'two_media', severity: 'fail', params: { count: mediaCount } });
  if (!rules.offline_offsite) findings.push({ code: 'offline_offsite', severity: 'fail' });

  plan.copies.forEach((c, i) => {
    const copy = i + 2;
    if (c.connection !== 'online' && c.sameCredentials)
      findings.push({ code: 'same_credentials_not_offline', severity: 'fail', copy });
    else if (c.connection === 'offline' && c.reachableFromProduction)
      findings.push({ code: 'reachable_not_offline', severity: 'fail', copy });
    // 003: the maintenance that broke production broke this copy in the same stroke.
    if (c.sameMaintenance) findings.push({ code: 'same_maintenance', severity: 'fail', copy });
  });
  // 003: a provider whose fault erases production also erases every copy it alone holds.
  if (
    plan.copies.length > 0 &&
    plan.production.provider !== null &&
    plan.copies.every((c) => sameProvider(c.provider, plan.production.provider))
  )
    findings.push({
      code: 'same_provider_only',
      severity: 'fail',
      params: { provider: plan.production.provider },
    });

  const { date, result } = plan.restoreTest;
  if (result === 'failed') findings.push({ code: 'restore_failed', severity: 'fail' });
  else if (result === 'never' || date === null) findings.push({ code: 'restore_never', severity: 'fail' });
  else {
    const age = daysBetween(date, today);
    if (age > RESTORE_TEST_MAX_AGE_DAYS)
      findings.push({ code: 'restore_stale', severity: 'fail', params: { date } });
    if (result === 'partial') findings.push({ code: 'restore_partial', severity: 'fail', params: { date } });
  }

  if (plan.frequency === null) findings.push({ code: 'frequency_missing', severity: 'fail' });
  else if (plan.rpoMinutes === null) findings.push({ code: 'rpo_missing', severity: 'info' });
  else if (plan.frequency.kind === 'every' && plan.frequency.minutes > plan.rpoMinutes)
    findings.push({
      code: 'frequency_misses_rpo',
      severity: 'fail',
      params: rpoGap(plan.frequency.minutes, plan.rpoMinutes),
    });

  findings.sort((a, b) => BACKUP_FINDING_CODES.indexOf(a.code) - BACKUP_FINDING_CODES.indexOf(b.code));
  const passes321 = rules.three_copies && rules.two_media && rules.offline_offsite;
  return {
    passes: findings.every((f) => f.severity !== 'fail'),
    passes321,
    rules,
    copyCount,
    mediaCount,
    findings,
    dataLoss: dataLossWindow(plan.frequency),
  };
}

/** The fields of a copy an audit entry names when they change (production has the first three). */
const COPY_FIELDS = [
  'medium',
  'location',
  'provider',
  'connection',
  'reachableFromProduction',
  'sameCredentials',
  'sameMaintenance',
  'encrypted',
] as const;
type CopyField = (typeof COPY_FIELDS)[number];

/**
 * One change to a plan's copies, as the audit log keeps it: the copy's number (production is 1),
 * what changed, and the value before and after. A copy added or removed carries its medium.
 */
export type CopyChange =
  | [copy: number, field: CopyField, before: string | boolean | null, after: string | boolean | null]
  | [copy: number, change: 'added', before: null, after: BackupMedium]
  | [copy: number, change: 'removed', before: BackupMedium, after: null];

type AnyCopy = ProductionCopy | BackupCopy;

function fieldChanges(copy: number, before: AnyCopy, after: AnyCopy): CopyChange[] {
  const out: CopyChange[] = [];
  for (const field of COPY_FIELDS) {
    const b = field in before ? (before as BackupCopy)[field] : undefined;
    const a = field in after ? (after as BackupCopy)[field] : undefined;
    if (b === undefined && a === undefined) continue;
    if ((b ?? null) !== (a ?? null)) out.push([copy, field, b ?? null, a ?? null]);
  }
  return out;
}

/** Where a copy was removed from (or added to) `longer`, so that the rest line up best. */
function bestGap(longer: readonly BackupCopy[], shorter: readonly BackupCopy[]): number {
  let best = longer.length - 1;
  let fewest = Number.POSITIVE_INFINITY;
  for (let gap = 0; gap < longer.length; gap++) {
    const rest = longer.filter((_, i) => i !== gap);
    const count = rest.reduce((n, c, i) => n + fieldChanges(0, c, shorter[i] ?? c).length, 0);
    if (count < fewest) {
      fewest = count;
      best = gap;
    }
  }
  return best;
}

/**
 * What changed in a plan's copies, copy by copy and field by field, for the audit log. One copy
 * added or removed in the middle is found where it was, so the copies after it are not reported
 * as changed. Copies are numbered as in the plan (production is 1): a removed copy by its number
 * before the change, every other copy by its number after it.
 * @example diffCopies(p, { ...p, copies: [{ ...p.copies[0], medium: 'cloud' }] }) // [[2, 'medium', 'nas', 'cloud']]
 */
export function diffCopies(
  before: Pick<BackupPlanFacts, 'production' | 'copies'> | null,
  after: Pick<BackupPlanFacts, 'production' | 'copies'>,
): CopyChange[] {
  const out: CopyChange[] = before ? fieldChanges(1, before.production, after.production) : [];
  const b = before?.copies ?? [];
  const a = after.copies;
  let bi = 0;
  let ai = 0;
  const removeAt = b.length === a.length + 1 ? bestGap(b, a) : -1;
  const addAt = a.length === b.length + 1 && b.length > 0 ? bestGap(a, b) : -1;
  while (bi < b.length || ai < a.length) {
    const bc = b[bi];
    const ac = a[ai];
    if (bc && (bi === removeAt || !ac)) {
      out.push([bi + 2, 'removed', bc.medium, null]);
      bi++;
    } else if (ac && (ai === addAt || !bc)) {
      out.push([ai + 2, 'added', null, ac.medium]);
      ai++;
    } else if (bc && ac) {
      out.push(...fieldChanges(ai + 2, bc, ac));
      bi++;
      ai++;
    }
  }
  return out;
}

/** Problems with a plan as typed, before any rule is judged (the server refuses them). */
export interface BackupPlanIssue {
  path: (string | number)[];
  code: 'duration_negative' | 'duration_zero' | 'duration_not_integer' | 'duration_too_long';
}

/**
 * Checks a typed duration in minutes (frequency or RPO).
 * @example checkDuration(-60, ['rpoMinutes']) // { path: ['rpoMinutes'], code: 'duration_negative' }
 */
export function checkDuration(
  minutes: unknown,
  path: (string | number)[],
  { zeroAllowed }: { zeroAllowed: boolean },
): BackupPlanIssue | null {
  if (typeof minutes !== 'number' || !Number.isInteger(minutes))
    return { path, code: 'duration_not_integer' };
  if (minutes < 0) return { path, code: 'duration_negative' };
  if (minutes === 0 && !zeroAllowed) return { path, code: 'duration_zero' };
  if (minutes > BACKUP_MAX_MINUTES) return { path, code: 'duration_too_long' };
  return null;
}

/** An amount of time in the biggest unit that divides it: 1440 → { amount: 1, unit: 'days' }. */
export function durationParts(minutes: number): { amount: number; unit: 'minutes' | 'hours' | 'days' } {
  if (minutes > 0 && minutes % 1_440 === 0) return { amount: minutes / 1_440, unit: 'days' };
  if (minutes > 0 && minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

/** "24時間" / "24 hours": a duration in words. */
export function durationWords(minutes: number, locale: Locale): string {
  const { amount, unit } = durationParts(minutes);
  if (locale === 'ja') return `${amount}${{ minutes: '分', hours: '時間', days: '日' }[unit]}`;
  return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
}

/**
 * The data-loss window as one plain sentence (001 §第一段階: data entered after the backup is
 * gone after a restore and has to be typed in again).
 * @example dataLossSentence({ kind: 'window', minutes: 1440 }, 'ja') // "復元すると、最後のバックアップ後の最大24時間分の入力が失われ…"
 */
export function dataLossSentence(w: DataLossWindow, locale: Locale): string {
  if (locale === 'ja') {
    if (w.kind === 'unknown')
      return 'バックアップの頻度が決まっていないため、復元したときにどれだけの入力が失われるか分かりません。';
    if (w.kind === 'continuous')
      return '常に写しを取っているため、失われる入力は最後の数分ほどです。ただし本番で消えたり暗号化されたりしたデータも、すぐ写しに伝わります。';
    return `復元すると、最後のバックアップ後の最大${durationWords(w.minutes, 'ja')}分の入力が失われます。その分は紙の記録などから手で入れ直すことになります。`;
  }
  if (w.kind === 'unknown')
    return 'No backup frequency is set, so nobody knows how much work a restore would lose.';
  if (w.kind === 'continuous')
    return 'Copies are made continuously, so a restore loses only the last few minutes. But data deleted or encrypted in production reaches the copy just as fast.';
  return `A restore loses up to ${durationWords(w.minutes, 'en')} of entries made since the last backup; they have to be typed in again by hand, from paper records or memory.`;
}

/** Each finding as what is wrong and what to do, in plain words. */
export function findingWords(f: BackupFinding, locale: Locale): { problem: string; todo: string } {
  const p = f.params ?? {};
  const copy = f.copy ?? 0;
  const words = (locale === 'ja' ? JA : EN)[f.code];
  return {
    problem: words.problem(p, copy),
    todo: words.todo(p, copy),
  };
}

type Words = Record<
  BackupFindingCode,
  {
    problem: (p: Record<string, number | string>, copy: number) => string;
    todo: (p: Record<string, number | string>, copy: number) => string;
  }
>;

const minutesParam = (v: number | string | undefined, locale: Locale) =>
  typeof v === 'number' ? durationWords(v, locale) : '';

/** "4時間分" (so much data): a duration with 分, except one already in minutes ("30分"). */
const worthJa = (v: number | string | undefined) => {
  const words = minutesParam(v, 'ja');
  return words.endsWith('分') ? words : `${words}分`;
};

const JA: Words = {
  three_copies: {
    problem: (p) => `データが本番を含めて${p.count}つしかありません。3つ以上必要です。`,
    todo: () => '本番のほかに、バックアップをもう2つ用意してください。',
  },
  two_media: {
    problem: () => 'すべての写しが同じ種類の媒体にあります。媒体の故障や不具合で一度に失われます。',
    todo: () => '写しの1つを別の種類の媒体（クラウド、外付けディスク、テープなど）に置いてください。',
  },
  offline_offsite: {
    problem: () => 'ネットワークから切り離され、しかも別の場所にある写しが1つもありません。',
    todo: () =>
      '写しの1つを、ふだんはネットワークにつながず、別の建物や外部の保管サービスに置いてください（外付けディスクを持ち帰る、イミュータブルなクラウド保管など）。',
  },
  reachable_not_offline: {
    problem: (_, c) =>
      `写し${c}は「オフライン」とされていますが、本番のネットワークから届きます。ランサムウェアで本番と一緒に暗号化されます。`,
    todo: () =>
      'バックアップが終わったらネットワークから外す（ケーブルを抜く、電源を切る）運用にしてください。',
  },
  same_credentials_not_offline: {
    problem: (_, c) =>
      `写し${c}は本番と同じアカウント・パスワードで開けます。本番が乗っ取られると、写しも消されます。`,
    todo: () => 'バックアップの置き場所には、本番とは別のアカウントとパスワードを使ってください。',
  },
  same_maintenance: {
    problem: (_, c) =>
      `写し${c}は本番と同じ保守作業で変更されます。作業の不具合ひとつで本番と写しが同時に消えます。`,
    todo: () => '保守作業の対象にならない写し（別の業者、別の手順）を1つ持ってください。',
  },
  same_provider_only: {
    problem: (p) =>
      `写しはすべて本番と同じ業者（${p.provider}）のもとにあります。業者の事故で全部失われます。`,
    todo: () => '別の業者か自社の手元に、もう1つ写しを置いてください。',
  },
  restore_failed: {
    problem: () => '最後の復元テストが失敗しました。今のバックアップから戻せるとは限りません。',
    todo: () => '原因を直して、もう一度復元テストをしてください。',
  },
  restore_never: {
    problem: () => 'バックアップから戻せるか、一度も試していません。',
    todo: () => '別のパソコンなどに実際に戻して、使えることを確かめてください。',
  },
  restore_stale: {
    problem: (p) => `最後の復元テスト（${p.date}）から1年以上たっています。`,
    todo: () => '年に1回は復元テストをしてください。',
  },
  restore_partial: {
    problem: () => '最後の復元テストでは、一部しか戻せませんでした。',
    todo: () => '戻せなかった部分をバックアップに加え、もう一度試してください。',
  },
  frequency_misses_rpo: {
    problem: (p) =>
      `バックアップは${minutesParam(p.every, 'ja')}ごとですが、失ってよいのは${worthJa(p.rpo)}までです。復元すると、最大で${worthJa(p.gap)}多く失います。`,
    todo: (p) => `${minutesParam(p.rpo, 'ja')}ごと以上の頻度でバックアップを取ってください。`,
  },
  frequency_missing: {
    problem: () => 'バックアップをいつ取るかが決まっていません。',
    todo: () => '「毎日」「1時間ごと」のように頻度を決めてください。',
  },
  rpo_missing: {
    problem: () => 'どれだけのデータ損失まで許せるか（目標復旧時点）が決まっていません。',
    todo: () => '業務の担当者と、何時間分の入力なら入れ直せるかを決めてください。',
  },
};

const EN: Words = {
  three_copies: {
    problem: (p) => `There are only ${p.count} copies of the data, production included. Three are needed.`,
    todo: () => 'Keep two backups besides production.',
  },
  two_media: {
    problem: () => 'Every copy is on the same kind of medium: one fault of that medium can take them all.',
    todo: () => 'Put one copy on another kind of medium (cloud storage, a removable disk, tape…).',
  },
  offline_offsite: {
    problem: () => 'No copy is both cut off from the network and kept at another place.',
    todo: () =>
      'Keep one copy off the network and in another building or an outside storage service (a removable disk taken home, immutable cloud storage…).',
  },
  reachable_not_offline: {
    problem: (_, c) =>
      `Copy ${c} is marked offline but production's network can reach it: ransomware would encrypt it with production.`,
    todo: () => 'Disconnect it once each backup is done (unplug the cable or switch it off).',
  },
  same_credentials_not_offline: {
    problem: (_, c) =>
      `Copy ${c} opens with the same account or password as production: whoever takes over production can delete it.`,
    todo: () => 'Give the backup storage its own account and password.',
  },
  same_maintenance: {
    problem: (_, c) =>
      `Copy ${c} is changed by the same maintenance work as production: one faulty update erases both at once.`,
    todo: () => 'Keep one copy that this maintenance never touches (another vendor, another procedure).',
  },
  same_provider_only: {
    problem: (p) =>
      `Every copy is held by production's own provider (${p.provider}): one accident there loses them all.`,
    todo: () => 'Keep one more copy with another provider or on your own premises.',
  },
  restore_failed: {
    problem: () => 'The last restore test failed: these backups may not bring the data back.',
    todo: () => 'Fix the cause and test a restore again.',
  },
  restore_never: {
    problem: () => 'Nobody has ever tried restoring from these backups.',
    todo: () => 'Restore onto another computer and check that the data can be used.',
  },
  restore_stale: {
    problem: (p) => `The last restore test (${p.date}) is more than a year old.`,
    todo: () => 'Test a restore at least once a year.',
  },
  restore_partial: {
    problem: () => 'The last restore test brought back only part of the data.',
    todo: () => 'Add what was missing to the backup and test again.',
  },
  frequency_misses_rpo: {
    problem: (p) =>
      `Backups run every ${minutesParam(p.every, 'en')}, but at most ${minutesParam(p.rpo, 'en')} of data may be lost: a restore can lose up to ${minutesParam(p.gap, 'en')} more than that.`,
    todo: (p) => `Back up at least every ${minutesParam(p.rpo, 'en')}.`,
  },
  frequency_missing: {
    problem: () => 'Nobody has decided when backups are taken.',
    todo: () => 'Set a frequency, such as every day or every hour.',
  },
  rpo_missing: {
    problem: () => 'How much data loss is acceptable (the RPO) is not decided.',
    todo: () => "Agree with the people doing the work how many hours' entries they could type in again.",
  },
};

const BACKUP_PRIORITY_NONE = 'none';

/** One system (or data set) of the organization and its plan's verdict, if it has a plan. */
export interface SummaryItem {
  id: string;
  name: string;
  /** BIA priority (S…D) or null when the BIA gives none. */
  priority: string | null;
  verdict: BackupVerdict | null;
}

interface PriorityCount {
  priority: string;
  total: number;
  planned: number;
  passing: number;
}

export interface BackupSummary {
  total: number;
  planned: number;
  passing: number;
  /** Per priority in the order given, then systems without one ('none'). */
  byPriority: PriorityCount[];
  /** Systems with no plan at all, highest priority first. */
  unplanned: { id: string; name: string; priority: string | null }[];
  /** Problems across plans, the most frequent code first: how many plans have each. */
  topProblems: { code: BackupFindingCode; count: number }[];
}

/**
 * The organization's standing: how many systems pass, by BIA priority, and which have no plan.
 * `priorities` is the BIA's order (S first).
 */
export function summarizeBackupPlans(
  items: readonly SummaryItem[],
  priorities: readonly string[],
): BackupSummary {
  const rank = (p: string | null) => (p === null ? priorities.length : priorities.indexOf(p));
  const byPriority: PriorityCount[] = [...priorities, BACKUP_PRIORITY_NONE].map((priority) => ({
    priority,
    total: 0,
    planned: 0,
    passing: 0,
  }));
  const counts = new Map<BackupFindingCode, number>();
  for (const it of items) {
    const row = byPriority[rank(it.priority) < 0 ? priorities.length : rank(it.priority)];
    if (!row) continue;
    row.total++;
    if (!it.verdict) continue;
    row.planned++;
    if (it.verdict.passes) row.passing++;
    for (const code of new Set(it.verdict.findings.filter((f) => f.severity === 'fail').map((f) => f.code)))
      counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const unplanned = items
    .filter((it) => !it.verdict)
    .map(({ id, name, priority }) => ({ id, name, priority }))
    .sort((a, b) => rank(a.priority) - rank(b.priority) || a.name.localeCompare(b.name));
  const topProblems = [...counts.entries()]
    .map(([code, count]) => ({ code, count }))
    .sort(
      (a, b) =>
        b.count - a.count || BACKUP_FINDING_CODES.indexOf(a.code) - BACKUP_FINDING_CODES.indexOf(b.code),
    );
  return {
    total: items.length,
    planned: items.filter((i) => i.verdict).length,
    passing: items.filter((i) => i.verdict?.passes).length,
    byPriority: byPriority.filter((r) => r.total > 0),
    unplanned,
    topProblems,
  };
}

export const BACKUP_METHOD_LABELS: Labels<BackupMethod> = {
  full: { ja: 'フル（全体を毎回）', en: 'Full (everything each time)' },
  incremental: { ja: '増分（前回からの変更）', en: 'Incremental (changes since the last backup)' },
  differential: { ja: '差分（最後のフルからの変更）', en: 'Differential (changes since the last full)' },
  snapshot: { ja: 'スナップショット', en: 'Snapshot' },
  replication: { ja: 'レプリケーション（別の機械へ複製）', en: 'Replication (to another machine)' },
  sync: { ja: '同期（フォルダの同期など）', en: 'Sync (folder sync and the like)' },
  manual_copy: { ja: '手作業のコピー', en: 'Manual copy' },
};

export const BACKUP_MEDIUM_LABELS: Labels<BackupMedium> = {
  disk: { ja: 'パソコン・サーバーの内蔵ディスク', en: 'Internal disk of a PC or server' },
  nas: { ja: 'NAS（ネットワーク上のディスク）', en: 'NAS (network disk)' },
  tape: { ja: 'テープ', en: 'Tape' },
  removable: { ja: '外付けディスク・USBメモリ', en: 'Removable disk or USB stick' },
  cloud: { ja: 'クラウドストレージ', en: 'Cloud storage' },
  server: { ja: '別のサーバー', en: 'Another server' },
  paper: { ja: '紙', en: 'Paper' },
};

export const BACKUP_LOCATION_LABELS: Labels<BackupLocation> = {
  same_room: { ja: '本番と同じ部屋', en: 'Same room as production' },
  same_building: { ja: '同じ建物の別の場所', en: 'Elsewhere in the same building' },
  other_site: { ja: '別の拠点・自宅など', en: 'Another site (another office, home…)' },
  provider_dc: { ja: '業者のデータセンター', en: "A provider's data centre" },
};

export const BACKUP_CONNECTION_LABELS: Labels<BackupConnection> = {
  online: { ja: 'オンライン（いつもつながっている）', en: 'Online (always connected)' },
  offline: { ja: 'オフライン（ふだんは切り離す）', en: 'Offline (disconnected between backups)' },
  immutable: {
    ja: 'イミュータブル（消せない・書き換えられない）',
    en: 'Immutable (cannot be changed or deleted)',
  },
};

export const RESTORE_RESULT_LABELS: Labels<RestoreResult> = {
  success: { ja: '成功', en: 'Succeeded' },
  partial: { ja: '一部だけ戻せた', en: 'Partly restored' },
  failed: { ja: '失敗', en: 'Failed' },
  never: { ja: '未実施', en: 'Never tested' },
};

/** "1日ごと" / "every 1 day", "常に" / "continuously", or "未定" / "not set". */
export function frequencyWords(f: BackupFrequency | null, locale: Locale): string {
  if (!f) return locale === 'ja' ? '未定' : 'not set';
  if (f.kind === 'continuous') return locale === 'ja' ? '常に（連続）' : 'continuously';
  return locale === 'ja'
    ? `${durationWords(f.minutes, 'ja')}ごと`
    : `every ${durationWords(f.minutes, 'en')}`;
}
