/**
 * The security self-assessment's rules (PRODUCT.md module 9; 004 §4.5, §11.2): which items to do
 * first, how far each category is, which items a company leaves out or adds (tailoring), and what a
 * decision on an item must say. Pure: no I/O. The items come from content/checklists
 * (checklist-schemas.ts); the screens that use these rules keep the answers.
 */

import { REQUIREMENT_LEVELS, type RequirementLevel } from './checklist.js';
import { checkMultilineText, isRealDate } from './text-rules.js';

/**
 * What a missing measure would harm (004 §11.2.2): confidentiality (情報の漏洩), integrity (改ざん・消去),
 * availability (業務・事業の停止), and accountability (否認防止・責任追跡性: proving who changed what).
 */
export const IMPACT_ASPECTS = ['confidentiality', 'integrity', 'availability', 'accountability'] as const;
type ImpactAspect = (typeof IMPACT_ASPECTS)[number];

/** Three levels per aspect (004 §11.2.2: "3段階で評価"), mildest first: 軽微 / 重大 / 極めて重大. */
export const IMPACT_LEVELS = ['minor', 'serious', 'critical'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

/** The aspects assessed so far; an aspect left out is not assessed yet. */
export type ImpactAssessment = Partial<Record<ImpactAspect, ImpactLevel>>;

/** How soon an item should be done, most urgent first. */
export const URGENCIES = ['immediate', 'soon', 'planned', 'optional'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * Urgency by the worst impact (rows) and the requirement level (columns). Impact leads (004
 * §11.2.2: plan from the items that would hurt the business most; a minor one may wait or be
 * dropped), the level moves an item by one step at most.
 */
export const URGENCY_MATRIX: Record<ImpactLevel, Record<RequirementLevel, Urgency>> = {
  critical: { SHALL: 'immediate', SHOULD: 'immediate', MAY: 'soon' },
  serious: { SHALL: 'immediate', SHOULD: 'soon', MAY: 'planned' },
  minor: { SHALL: 'planned', SHOULD: 'planned', MAY: 'optional' },
};

const rankOf = <T>(list: readonly T[], value: T) => list.indexOf(value);

/** The worst level among the assessed aspects, or null when none is assessed. */
export function worstImpact(impact: ImpactAssessment | undefined): ImpactLevel | null {
  let worst: ImpactLevel | null = null;
  for (const aspect of IMPACT_ASPECTS) {
    const level = impact?.[aspect];
    if (level && (worst === null || rankOf(IMPACT_LEVELS, level) > rankOf(IMPACT_LEVELS, worst)))
      worst = level;
  }
  return worst;
}

interface PrioritizableItem {
  id: string;
  level: RequirementLevel;
  impact?: ImpactAssessment;
}

export interface PrioritizedItem {
  id: string;
  level: RequirementLevel;
  /** null: no aspect assessed yet — such items come last, strictest level first. */
  urgency: Urgency | null;
  worstImpact: ImpactLevel | null;
  /** 1-based place in the list. */
  rank: number;
}

/**
 * Orders items for the action plan: by urgency (URGENCY_MATRIX), then worst impact, then how many
 * aspects are hurt and how badly (the sum of levels), then the stricter requirement level, then the
 * checklist's own order. Items with no impact assessed come after all assessed ones.
 * @example prioritizeItems([{ id: 'a', level: 'MAY', impact: { availability: 'critical' } }, { id: 'b', level: 'SHALL' }])
 * // [{ id: 'a', urgency: 'soon', rank: 1, … }, { id: 'b', urgency: null, rank: 2, … }]
 */
export function prioritizeItems(items: readonly PrioritizableItem[]): PrioritizedItem[] {
  const keyed = items.map((item, order) => {
    const worst = worstImpact(item.impact);
    const sum = IMPACT_ASPECTS.reduce((n, a) => {
      const level = item.impact?.[a];
      return n + (level ? rankOf(IMPACT_LEVELS, level) + 1 : 0);
    }, 0);
    return {
      item,
      order,
      worst,
      sum,
      urgency: worst === null ? null : URGENCY_MATRIX[worst][item.level],
    };
  });
  keyed.sort((a, b) => {
    if ((a.urgency === null) !== (b.urgency === null)) return a.urgency === null ? 1 : -1;
    if (a.urgency !== null && b.urgency !== null && a.urgency !== b.urgency)
      return rankOf(URGENCIES, a.urgency) - rankOf(URGENCIES, b.urgency);
    if (a.worst !== b.worst) return rankOf(IMPACT_LEVELS, b.worst) - rankOf(IMPACT_LEVELS, a.worst);
    if (a.sum !== b.sum) return b.sum - a.sum;
    if (a.item.level !== b.item.level)
      return rankOf(REQUIREMENT_LEVELS, a.item.level) - rankOf(REQUIREMENT_LEVELS, b.item.level);
    return a.order - b.order;
  });
  return keyed.map((k, i) => ({
    id: k.item.id,
    level: k.item.level,
    urgency: k.urgency,
    worstImpact: k.worst,
    rank: i + 1,
  }));
}

// Decisions (004 §11.2.2 実施判定: 実施済み・する（期限）・不要) ----------------------------------------

export const DECISION_STATUSES = ['done', 'planned', 'not_needed'] as const;
type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** A decision on one item, as it is kept once valid. */
export type Decision =
  | { status: 'done' }
  | { status: 'planned'; dueDate: string }
  | { status: 'not_needed'; reason: string };

/** A decision as typed: the fields the status does not use are ignored. */
export interface DecisionInput {
  status: DecisionStatus;
  dueDate?: string | null;
  reason?: string | null;
}

/** Longest free-text reason (a decision or a tailoring). */
export const ASSESSMENT_REASON_MAX = 2000;

type AssessmentProblem =
  | 'decision_item_unknown'
  | 'decision_due_date_required'
  | 'decision_due_date_invalid'
  | 'decision_due_date_past'
  | 'decision_reason_required'
  | 'reason_too_long'
  | 'reason_invalid'
  | 'tailoring_item_unknown'
  | 'tailoring_item_duplicate'
  | 'tailoring_category_unknown'
  | 'tailoring_reason_required';

/** A refusal naming the item it is about (params.itemId) and the field (path: [itemId, field]). */
export interface AssessmentIssue {
  path: string[];
  code: AssessmentProblem;
  params: { itemId: string } & Record<string, string>;
}

/** A reason's problem, or null: required (not blank), one text of at most ASSESSMENT_REASON_MAX characters. */
function reasonProblem(reason: string | null | undefined): 'required' | AssessmentProblem | null {
  const text = reason?.trim() ?? '';
  if (text === '') return 'required';
  if (text.length > ASSESSMENT_REASON_MAX) return 'reason_too_long';
  if (checkMultilineText(text)) return 'reason_invalid';
  return null;
}

/**
 * Checks one decision: "done" needs nothing more; "planned" (will do) needs a real date, not
 * before `today` when given (YYYY-MM-DD, the organization's calendar day); "not needed" needs a
 * reason (004 §11.2.2: the company records why).
 * @example validateDecision('ad-password-policy', { status: 'planned' })
 * // { ok: false, issues: [{ path: ['ad-password-policy', 'dueDate'], code: 'decision_due_date_required', params: { itemId: 'ad-password-policy' } }] }
 */
export function validateDecision(
  itemId: string,
  input: DecisionInput,
  opts: { today?: string } = {},
): { ok: true; decision: Decision } | { ok: false; issues: AssessmentIssue[] } {
  const fail = (field: string, code: AssessmentProblem, extra: Record<string, string> = {}) => ({
    ok: false as const,
    issues: [{ path: [itemId, field], code, params: { itemId, ...extra } }],
  });
  switch (input.status) {
    case 'done':
      return { ok: true, decision: { status: 'done' } };
    case 'planned': {
      const due = input.dueDate?.trim() ?? '';
      if (due === '') return fail('dueDate', 'decision_due_date_required');
      if (!isRealDate(due)) return fail('dueDate', 'decision_due_date_invalid');
      if (opts.today !== undefined && due < opts.today)
        return fail('dueDate', 'decision_due_date_past', { today: opts.today });
      return { ok: true, decision: { status: 'planned', dueDate: due } };
    }
    case 'not_needed': {
      const problem = reasonProblem(input.reason);
      if (problem === 'required') return fail('reason', 'decision_reason_required');
      if (problem) return fail('reason', problem);
      return { ok: true, decision: { status: 'not_needed', reason: (input.reason ?? '').trim() } };
    }
  }
}

/**
 * Checks a set of decisions at once, keyed by item id: every item must belong to the checklist
 * (as tailored), and every decision must be valid. All problems are reported, each naming its item.
 */
export function validateDecisions(
  itemIds: readonly string[],
  inputs: Readonly<Record<string, DecisionInput>>,
  opts: { today?: string } = {},
): { ok: true; decisions: Record<string, Decision> } | { ok: false; issues: AssessmentIssue[] } {
  const known = new Set(itemIds);
  const decisions: Record<string, Decision> = {};
  const issues: AssessmentIssue[] = [];
  for (const [itemId, input] of Object.entries(inputs)) {
    if (!known.has(itemId)) {
      issues.push({ path: [itemId], code: 'decision_item_unknown', params: { itemId } });
      continue;
    }
    const checked = validateDecision(itemId, input, opts);
    if (checked.ok) decisions[itemId] = checked.decision;
    else issues.push(...checked.issues);
  }
  return issues.length ? { ok: false, issues } : { ok: true, decisions };
}

// Tailoring (004 §4.5: add what is missing, drop what is excessive — based on a risk analysis) ---------

interface TailorableItem {
  id: string;
  category: string;
  level: RequirementLevel;
}

export interface Tailoring<T extends TailorableItem> {
  /** Items of the checklist the company leaves out, each with the reason. */
  dropped: readonly { itemId: string; reason?: string | null }[];
  /** The company's own items, each with the reason it is added. */
  added: readonly { item: T; reason?: string | null }[];
}

/**
 * The items a company assesses: the checklist's, minus the dropped ones, plus its own. A dropped
 * or added item needs a reason (004 §4.5 wants tailoring grounded in the risks); a dropped item
 * must exist; an added item needs a new id and one of the checklist's categories.
 * @example tailorItems(items, categories, { dropped: [{ itemId: 'video-call-privacy' }], added: [] })
 * // { ok: false, issues: [{ path: ['video-call-privacy', 'reason'], code: 'tailoring_reason_required', … }] }
 */
export function tailorItems<T extends TailorableItem>(
  items: readonly T[],
  categoryIds: readonly string[],
  tailoring: Tailoring<T>,
): { ok: true; items: T[] } | { ok: false; issues: AssessmentIssue[] } {
  const issues: AssessmentIssue[] = [];
  const push = (
    itemId: string,
    field: string | null,
    code: AssessmentProblem,
    extra: Record<string, string> = {},
  ) => issues.push({ path: field ? [itemId, field] : [itemId], code, params: { itemId, ...extra } });
  const reasonCheck = (itemId: string, reason: string | null | undefined) => {
    const problem = reasonProblem(reason);
    if (problem === 'required') push(itemId, 'reason', 'tailoring_reason_required');
    else if (problem) push(itemId, 'reason', problem);
  };

  const existing = new Set(items.map((i) => i.id));
  const dropped = new Set<string>();
  for (const d of tailoring.dropped) {
    if (!existing.has(d.itemId)) push(d.itemId, null, 'tailoring_item_unknown');
    else if (dropped.has(d.itemId)) push(d.itemId, null, 'tailoring_item_duplicate');
    else dropped.add(d.itemId);
    reasonCheck(d.itemId, d.reason);
  }
  const categories = new Set(categoryIds);
  const addedIds = new Set<string>();
  for (const a of tailoring.added) {
    const id = a.item.id;
    if (existing.has(id) || addedIds.has(id)) push(id, 'id', 'tailoring_item_duplicate');
    addedIds.add(id);
    if (!categories.has(a.item.category))
      push(id, 'category', 'tailoring_category_unknown', { category: a.item.category });
    reasonCheck(id, a.reason);
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    items: [...items.filter((i) => !dropped.has(i.id)), ...tailoring.added.map((a) => a.item)],
  };
}

// Progress ----------------------------------------------------------------------------------------

interface Counts {
  /** Items that apply: in scope after tailoring, not decided "not needed". */
  applicable: number;
  done: number;
  planned: number;
  /** Planned items whose date is before today. */
  overdue: number;
  undecided: number;
  notNeeded: number;
  /** done / applicable, rounded down (100 only when all are done); null when nothing applies. */
  percent: number | null;
}

export interface CategoryProgress extends Counts {
  category: string;
  byLevel: Record<RequirementLevel, Counts>;
}

const emptyCounts = (): Counts => ({
  applicable: 0,
  done: 0,
  planned: 0,
  overdue: 0,
  undecided: 0,
  notNeeded: 0,
  percent: null,
});

function count(into: Counts, decision: Decision | undefined, today: string | undefined) {
  if (decision?.status === 'not_needed') {
    into.notNeeded++;
    return;
  }
  into.applicable++;
  if (!decision) into.undecided++;
  else if (decision.status === 'done') into.done++;
  else {
    into.planned++;
    if (today !== undefined && decision.dueDate < today) into.overdue++;
  }
}

const finish = (c: Counts): Counts => ({
  ...c,
  percent: c.applicable === 0 ? null : Math.floor((c.done * 100) / c.applicable),
});

/**
 * Progress of each category (in the given order), overall and by requirement level: how many of
 * the items that apply are done, planned (and overdue against `today`), or still undecided. An item
 * decided "not needed" no longer applies; pass the tailored items so dropped ones are left out.
 * @example categoryProgress(['logs'], items, { 'logs-central': { status: 'done' } })[0].percent // 25 when logs has four items
 */
export function categoryProgress(
  categoryIds: readonly string[],
  items: readonly TailorableItem[],
  decisions: Readonly<Record<string, Decision>>,
  opts: { today?: string } = {},
): CategoryProgress[] {
  return categoryIds.map((category) => {
    const total = emptyCounts();
    const byLevel = Object.fromEntries(REQUIREMENT_LEVELS.map((l) => [l, emptyCounts()])) as Record<
      RequirementLevel,
      Counts
    >;
    for (const item of items) {
      if (item.category !== category) continue;
      const decision = Object.hasOwn(decisions, item.id) ? decisions[item.id] : undefined;
      count(total, decision, opts.today);
      count(byLevel[item.level], decision, opts.today);
    }
    return {
      category,
      ...finish(total),
      byLevel: Object.fromEntries(REQUIREMENT_LEVELS.map((l) => [l, finish(byLevel[l])])) as Record<
        RequirementLevel,
        Counts
      >,
    };
  });
}

// Information assets (004 §11.2.1: 情報資産の洗い出しと機密度) ------------------------------------

/** What an information asset is: hardware, OS, network, system (programs, middleware), development environment, data. */
export const ASSET_KINDS = ['hardware', 'os', 'network', 'system', 'development', 'data'] as const;

/** How secret an asset is, strictest first: 極秘 / 関係社外秘 / 社外秘 / 公開可能. */
export const SECRECY_LEVELS = ['top_secret', 'partners_only', 'internal', 'public'] as const;

// Action plan -------------------------------------------------------------------------------------

/** Where an action of the plan is: not started, under way, done. */
export const ACTION_STATUSES = ['open', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

interface BurndownAction {
  /** When the action was created (ISO time or YYYY-MM-DD). */
  createdOn: string;
  /** The day it was done (ISO time or YYYY-MM-DD), or null while open. */
  doneOn: string | null;
}

/**
 * Open actions at the end of each day from `from` to `to` (YYYY-MM-DD, both included): created on
 * or before that day and not yet done by then. Days are compared as the first ten characters.
 * @example burndown([{ createdOn: '2026-04-01', doneOn: '2026-04-03' }], '2026-04-01', '2026-04-03')
 * // [{ date: '2026-04-01', open: 1 }, { date: '2026-04-02', open: 1 }, { date: '2026-04-03', open: 0 }]
 */
export function burndown(
  actions: readonly BurndownAction[],
  from: string,
  to: string,
): { date: string; open: number }[] {
  const out: { date: string; open: number }[] = [];
  const day = (s: string) => s.slice(0, 10);
  const cursor = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  // At most about three years of days: a chart has no use for more.
  for (let n = 0; cursor <= end && n < 1200; n++) {
    const date = cursor.toISOString().slice(0, 10);
    const open = actions.filter(
      (a) => day(a.createdOn) <= date && (a.doneOn === null || day(a.doneOn) > date),
    ).length;
    out.push({ date, open });
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return out;
}

/** True when an action that is not done has a deadline before `today` (YYYY-MM-DD). */
export const isOverdue = (a: { status: ActionStatus; dueDate: string }, today: string): boolean =>
  a.status !== 'done' && a.dueDate < today;
