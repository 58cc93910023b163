/**
 * IT dependency tier (松竹梅, 001 §松竹梅のどこかに所属するのかを認識する): the questionnaire's answers
 * place the organization in one tier, with the answers that drove it. Pure: no I/O.
 *
 *   matsu (松): work cannot go on by hand once systems stop;
 *   take  (竹): could fall back to manual work if the data survives; email and web are enough;
 *   ume   (梅): expects to improvise; one PC does everything; little IT knowledge.
 */

export const TIERS = ['matsu', 'take', 'ume'] as const;
export type Tier = (typeof TIERS)[number];

/** Where a measure turned into a task stands. */
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

interface TierOption {
  id: string;
  points: Partial<Record<Tier, number>>;
}
interface TierQuestion {
  id: string;
  options: TierOption[];
}
export interface TierQuestionnaire {
  questions: TierQuestion[];
}

/** questionId → optionId. */
export type TierAnswers = Readonly<Record<string, string>>;

interface TierReason {
  questionId: string;
  optionId: string;
  /** Points the answer gave the chosen tier. */
  points: number;
}

export interface TierResult {
  tier: Tier;
  scores: Record<Tier, number>;
  /** The answers that pointed to the chosen tier, strongest first (question order on a tie). */
  reasons: TierReason[];
  /** True when another tier had the same score and the stricter one was chosen. */
  tieBroken: boolean;
}

type TierProblem = 'answer_missing' | 'answer_unknown' | 'question_unknown';

export interface TierIssue {
  path: string[];
  code: TierProblem;
  params?: Record<string, string>;
}

/**
 * Scores the answers: each option gives points to one or more tiers, the highest total wins.
 * A tie goes to the more IT-dependent tier (松 before 竹 before 梅): underestimating dependency
 * is the costlier mistake, since it leads to too little backup.
 * @example diagnoseTier(q, { 'manual-fallback': 'stops', … }) // { ok: true, result: { tier: 'matsu', … } }
 */
export function diagnoseTier(
  questionnaire: TierQuestionnaire,
  answers: TierAnswers,
): { ok: true; result: TierResult } | { ok: false; issues: TierIssue[] } {
  const issues: TierIssue[] = [];
  const known = new Set(questionnaire.questions.map((q) => q.id));
  for (const questionId of Object.keys(answers))
    if (!known.has(questionId))
      issues.push({ path: [questionId], code: 'question_unknown', params: { questionId } });

  const scores: Record<Tier, number> = { matsu: 0, take: 0, ume: 0 };
  const chosen: { questionId: string; option: TierOption }[] = [];
  for (const q of questionnaire.questions) {
    const optionId = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    if (optionId === undefined || optionId === '') {
      issues.push({ path: [q.id], code: 'answer_missing', params: { questionId: q.id } });
      continue;
    }
    const option = q.options.find((o) => o.id === optionId);
    if (!option) {
      issues.push({ path: [q.id], code: 'answer_unknown', params: { questionId: q.id, optionId } });
      continue;
    }
    chosen.push({ questionId: q.id, option });
    for (const t of TIERS) scores[t] += option.points[t] ?? 0;
  }
  if (issues.length > 0) return { ok: false, issues };

  let tier: Tier = TIERS[0];
  for (const t of TIERS) if (scores[t] > scores[tier]) tier = t;
  const tieBroken = TIERS.some((t) => t !== tier && scores[t] === scores[tier]);
  const reasons = chosen
    .map(({ questionId, option }) => ({ questionId, optionId: option.id, points: option.points[tier] ?? 0 }))
    .filter((r) => r.points > 0)
    .sort((a, b) => b.points - a.points); // stable: question order on a tie
  return { ok: true, result: { tier, scores, reasons, tieBroken } };
}

// ---------------------------------------------------------------------------------------------
// Where a measure is done in the app.

/**
 * The screens a recommended measure links to, so the owner goes from "do this" to where it is
 * done (a measure's `screen` in content/diagnosis/tier-measures.yaml; the web maps each to a page).
 */
export const MEASURE_SCREENS = ['inventory', 'bia', 'backups', 'people', 'damage'] as const;
export type MeasureScreen = (typeof MEASURE_SCREENS)[number];

// ---------------------------------------------------------------------------------------------
// Starter tasks from the measures the user picks on the result page.

export interface TierMeasure {
  id: string;
  suggestedDueDays: number;
}

export interface StarterTask {
  measureId: string;
  /** YYYY-MM-DD */
  dueDate: string;
}

/** YYYY-MM-DD plus n calendar days (UTC arithmetic, no time zone shift). */
export function addDays(isoDate: string, n: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a date: ${isoDate}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * Tasks for the picked measures, each due `suggestedDueDays` after `today` (the user may change
 * owner and date before saving). Unknown or repeated ids are refused, named.
 * @example planStarterTasks(measures, ['ume-external-media-backup'], '2026-04-01') // [{ measureId, dueDate: '2026-05-01' }]
 */
export function planStarterTasks(
  measures: readonly TierMeasure[],
  picked: readonly string[],
  today: string,
):
  | { ok: true; tasks: StarterTask[] }
  | {
      ok: false;
      issues: {
        path: (string | number)[];
        code: 'measure_unknown' | 'measure_repeated';
        params: { measureId: string };
      }[];
    } {
  const byId = new Map(measures.map((m) => [m.id, m]));
  const seen = new Set<string>();
  const issues: {
    path: (string | number)[];
    code: 'measure_unknown' | 'measure_repeated';
    params: { measureId: string };
  }[] = [];
  const tasks: StarterTask[] = [];
  picked.forEach((measureId, i) => {
    const m = byId.get(measureId);
    if (!m) issues.push({ path: ['measures', i], code: 'measure_unknown', params: { measureId } });
    else if (seen.has(measureId))
      issues.push({ path: ['measures', i], code: 'measure_repeated', params: { measureId } });
    else tasks.push({ measureId, dueDate: addDays(today, m.suggestedDueDays) });
    seen.add(measureId);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, tasks };
}
