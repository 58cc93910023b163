import {
  type ActionStatus,
  burndown,
  categoryProgress,
  DECISION_STATUSES,
  type Decision,
  IMPACT_ASPECTS,
  IMPACT_LEVELS,
  type ImpactAssessment,
  isOverdue,
  prioritizeItems,
  tailorItems,
  validateDecision,
} from '../../../domain/assessment.js';
import { localDay, localTime } from '../../../domain/local-time.js';
import type { Locale } from '../../../domain/organization.js';
import type {
  ActionPlan,
  ActionUpdate,
  AnswerUpdate,
  Assessment,
  AssessmentAction,
  AssessmentCreate,
  AssessmentItem,
  AssessmentList,
  AssessmentResults,
  AssessmentSummary,
  AssessmentUpdate,
  Asset,
  AssetCreate,
  AssetList,
  AssetUpdate,
  ChecklistCatalog,
  ImportResult,
} from '../../../shared/assessment.js';
import { AnswerUpdateSchema, StoredImpactSchema } from '../../../shared/assessment.js';
import type { FieldIssue } from '../../../shared/problem.js';
import type { Db } from '../../db/database.js';
import { decodeJsonColumn } from '../../db/json-column.js';
import type {
  AssessmentActionRow,
  AssessmentAnswerRow,
  AssessmentAssetRow,
  AssessmentRow,
} from '../../db/schema.js';
import { type AuditedTx, audited } from '../../db/tx.js';
import { changeVersioned } from '../../db/versioned.js';
import { invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { orgToday } from '../orgs/service.js';
import type { OrgActor } from '../types.js';
import { checkAssetRows } from './asset-sheet.js';
import { securityChecklists } from './content.js';
import * as repo from './repo.js';
import { assessmentPdf } from './report.js';
import {
  checklistById,
  checklistItems,
  keyOf,
  measuresOf,
  nameItems,
  type SheetItem,
  StoredChecklistsSchema,
  type StoredTailoring,
  StoredTailoringSchema,
  sheetCategories,
  sheetItems,
} from './sheet.js';
import { assessmentWorkbook, readAssessmentWorkbook } from './workbook.js';

type Trx = AuditedTx['trx'];
type Q = Db['kysely'];

const yen = (v: number | string | null): number | null => (v === null ? null : Number(v));

// Reading ------------------------------------------------------------------------------------------

/** The checklists a company may assess against (content/checklists). */
export function catalog(): ChecklistCatalog {
  return {
    checklists: securityChecklists().map((c) => ({
      id: c.id,
      version: c.version,
      source: c.source,
      title: c.title,
      intro: c.intro ?? null,
      categories: c.categories.map((x) => ({ id: x.id, title: x.title })),
      items: c.items.map((i) => ({ id: i.id, category: i.category, level: i.level, measure: i.measure })),
    })),
  };
}

function storedChecklists(row: AssessmentRow) {
  return decodeJsonColumn(StoredChecklistsSchema, row.checklists, 'assessments.checklists');
}
function storedTailoring(row: AssessmentRow): StoredTailoring {
  return decodeJsonColumn(StoredTailoringSchema, row.tailoring, 'assessments.tailoring');
}
function storedImpact(row: AssessmentAnswerRow) {
  return decodeJsonColumn(StoredImpactSchema, row.impact, 'assessment_answers.impact');
}

function decisionOf(row: AssessmentAnswerRow): Decision | undefined {
  if (row.decision === 'done') return { status: 'done' };
  if (row.decision === 'planned' && row.due_date) return { status: 'planned', dueDate: row.due_date };
  if (row.decision === 'not_needed') return { status: 'not_needed', reason: row.reason ?? '' };
  return undefined;
}

const impactLevels = (row: AssessmentAnswerRow): ImpactAssessment =>
  Object.fromEntries(Object.entries(storedImpact(row)).map(([aspect, v]) => [aspect, v?.level]));

/** Everything one assessment shows, computed once: items with answers, priorities, progress. */
interface Loaded {
  row: AssessmentRow;
  items: SheetItem[];
  answers: Map<string, AssessmentAnswerRow>;
  actions: AssessmentActionRow[];
  today: string;
}

async function load(db: Q, orgId: string, id: string): Promise<Loaded> {
  const row = await repo.findAssessment(db, orgId, id);
  if (!row) throw notFound();
  return loadRows(db, orgId, [row]).then((l) => l[0] as Loaded);
}

async function loadRows(db: Q, orgId: string, rows: AssessmentRow[]): Promise<Loaded[]> {
  const ids = rows.map((r) => r.id);
  const [answers, actions, today] = await Promise.all([
    repo.answersOf(db, orgId, ids),
    repo.actionsOf(db, orgId, ids),
    orgToday(db, orgId),
  ]);
  return rows.map((row) => ({
    row,
    items: sheetItems(
      storedChecklists(row).map((c) => c.id),
      storedTailoring(row),
    ),
    answers: new Map(answers.filter((a) => a.assessment_id === row.id).map((a) => [a.item_key, a])),
    actions: actions.filter((a) => a.assessment_id === row.id),
    today,
  }));
}

function decisionsOf(l: Loaded): Record<string, Decision> {
  const out: Record<string, Decision> = {};
  for (const item of l.items) {
    const a = l.answers.get(item.key);
    const d = a && decisionOf(a);
    if (d) out[item.key] = d;
  }
  return out;
}

function progressOf(l: Loaded) {
  const categories = sheetCategories(storedChecklists(l.row).map((c) => c.id));
  const decisions = decisionsOf(l);
  const flat = l.items.map((i) => ({ id: i.key, category: i.categoryKey, level: i.level }));
  const perCategory = categoryProgress(
    categories.map((c) => c.key),
    flat,
    decisions,
    { today: l.today },
  );
  // The whole assessment as one category.
  const [total] = categoryProgress(
    ['*'],
    flat.map((i) => ({ ...i, category: '*' })),
    decisions,
    { today: l.today },
  );
  return { categories, perCategory, total: total as NonNullable<typeof total>, decisions };
}

function presentSummary(l: Loaded): AssessmentSummary {
  const { total, decisions } = progressOf(l);
  const open = l.actions.filter((a) => a.status !== 'done');
  return {
    id: l.row.id,
    title: l.row.title,
    assessedOn: l.row.assessed_on,
    checklists: storedChecklists(l.row).map((c) => ({
      id: c.id,
      version: c.version,
      title: checklistById(c.id)?.title ?? { ja: c.id, en: c.id },
    })),
    itemCount: l.items.length,
    decided: Object.keys(decisions).length,
    percent: total.percent,
    openActions: open.length,
    overdueActions: open.filter((a) => isOverdue({ status: a.status, dueDate: a.due_date }, l.today)).length,
    createdAt: l.row.created_at,
    updatedAt: l.row.updated_at,
    version: l.row.version,
  };
}

function presentAnswer(a: AssessmentAnswerRow, actionId: string | null): AssessmentItem['answer'] {
  return {
    id: a.id,
    version: a.version,
    currentState: a.current_state,
    impact: storedImpact(a),
    decision: a.decision,
    dueDate: a.due_date,
    reason: a.reason,
    damageYen: yen(a.damage_yen),
    costYen: yen(a.cost_yen),
    updatedAt: a.updated_at,
    actionId,
  };
}

function presentItems(l: Loaded): AssessmentItem[] {
  const ranked = new Map(
    prioritizeItems(
      l.items.map((i) => {
        const a = l.answers.get(i.key);
        return { id: i.key, level: i.level, impact: a ? impactLevels(a) : {} };
      }),
    ).map((p) => [p.id, p]),
  );
  const actionOf = new Map(l.actions.map((x) => [x.answer_id, x.id]));
  return l.items.flatMap((item) => {
    const a = l.answers.get(item.key);
    if (!a) return [];
    const p = ranked.get(item.key);
    return [
      {
        ...item,
        urgency: p?.urgency ?? null,
        rank: p?.rank ?? 0,
        answer: presentAnswer(a, actionOf.get(a.id) ?? null),
      },
    ];
  });
}

function presentAssessment(l: Loaded): Assessment {
  const tailoring = storedTailoring(l.row);
  const all = new Map(
    checklistItems(storedChecklists(l.row).map((c) => c.id)).map((i) => [i.key, i.measure]),
  );
  return {
    ...presentSummary(l),
    categories: progressOf(l).categories,
    items: presentItems(l),
    dropped: tailoring.dropped.map((d) => ({
      key: d.itemKey,
      measure: all.get(d.itemKey) ?? { ja: d.itemKey, en: d.itemKey },
      reason: d.reason,
    })),
    today: l.today,
  };
}

export async function list(db: Db, orgId: string): Promise<AssessmentList> {
  const rows = await repo.listAssessments(db.kysely, orgId);
  return { items: (await loadRows(db.kysely, orgId, rows)).map(presentSummary) };
}

export async function get(db: Db, orgId: string, id: string): Promise<Assessment> {
  return presentAssessment(await load(db.kysely, orgId, id));
}

/** Progress per category and by level; with `withId`, the other assessment's per category (year on year). */
export async function results(
  db: Db,
  orgId: string,
  id: string,
  withId: string | undefined,
): Promise<AssessmentResults> {
  const l = await load(db.kysely, orgId, id);
  const p = progressOf(l);
  const categories = p.perCategory.map((c, i) => ({
    ...c,
    key: c.category,
    title: p.categories[i]?.title ?? { ja: c.category, en: c.category },
  }));
  let comparison: AssessmentResults['comparison'] = null;
  if (withId) {
    const other = await load(db.kysely, orgId, withId);
    const q = progressOf(other);
    const percentOf = new Map(q.perCategory.map((c) => [c.category, c.percent]));
    comparison = {
      id: other.row.id,
      title: other.row.title,
      assessedOn: other.row.assessed_on,
      categories: p.categories.map((c) => ({ key: c.key, percent: percentOf.get(c.key) ?? null })),
      total: q.total.percent,
    };
  }
  const { category: _c, byLevel: _b, ...total } = p.total;
  return { categories: categories.map(({ category: _x, ...c }) => c), total, comparison };
}

// Starting and editing an assessment ---------------------------------------------------------------

/** Check the chosen checklists and the tailoring; returns what to store or throws naming each problem. */
function checkStart(input: AssessmentCreate) {
  const issues: FieldIssue[] = [];
  const ids: string[] = [];
  input.checklistIds.forEach((id, i) => {
    if (!checklistById(id))
      issues.push({ path: ['checklistIds', i], code: 'unknown_checklist', params: { checklistId: id } });
    else if (ids.includes(id))
      issues.push({ path: ['checklistIds', i], code: 'duplicate_checklist', params: { checklistId: id } });
    else ids.push(id);
  });
  if (issues.length) throw invalid('validation_failed', { issues });
  const items = checklistItems(ids);
  const added = (input.tailoring?.added ?? []).map((a) => ({
    checklistId: a.checklistId,
    category: a.category,
    id: a.id,
    level: a.level,
    measure: a.measure,
    detail: a.detail ?? null,
    reason: a.reason?.trim() ?? '',
  }));
  const tailored = tailorItems(
    items.map((i) => ({ id: i.key, category: i.categoryKey, level: i.level })),
    sheetCategories(ids).map((c) => c.key),
    {
      dropped: (input.tailoring?.dropped ?? []).map((d) => ({ itemId: d.itemKey, reason: d.reason })),
      added: added.map((a) => ({
        item: { id: keyOf(a.checklistId, a.id), category: keyOf(a.checklistId, a.category), level: a.level },
        reason: a.reason,
      })),
    },
  );
  if (!tailored.ok) {
    const measures = measuresOf([...items, ...sheetItems([], { dropped: [], added })]);
    throw invalid('validation_failed', { issues: nameItems(tailored.issues, measures) });
  }
  const tailoring: StoredTailoring = {
    dropped: (input.tailoring?.dropped ?? []).map((d) => ({
      itemKey: d.itemKey,
      reason: d.reason?.trim() ?? '',
    })),
    added,
  };
  return { ids, tailoring };
}

export async function create(db: Db, actor: OrgActor, input: AssessmentCreate): Promise<Assessment> {
  const id = await audited(db, actor, (tx) => startAssessment(tx, actor, input));
  return get(db, actor.orgId, id);
}

/** Start an assessment inside the caller's transaction (the demo starts its own); returns its id. */
export async function startAssessment(
  { trx, audit }: AuditedTx,
  actor: OrgActor,
  input: AssessmentCreate,
): Promise<string> {
  const { ids, tailoring } = checkStart(input);
  const now = nowIso();
  const row: AssessmentRow = {
    id: newId(),
    org_id: actor.orgId,
    title: input.title,
    assessed_on: input.assessedOn ?? (await orgToday(trx, actor.orgId)),
    checklists: JSON.stringify(ids.map((id) => ({ id, version: checklistById(id)?.version ?? 1 }))),
    tailoring: JSON.stringify(tailoring),
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await repo.insertAssessment(trx, row);
  const items = sheetItems(ids, tailoring);
  await repo.insertAnswers(
    trx,
    items.map((item, position) => ({
      id: newId(),
      org_id: actor.orgId,
      assessment_id: row.id,
      item_key: item.key,
      position,
      current_state: null,
      impact: '{}',
      decision: null,
      due_date: null,
      reason: null,
      damage_yen: null,
      cost_yen: null,
      updated_by: actor.userId,
      updated_at: now,
      version: 1,
    })),
  );
  await audit({
    action: 'assessment.create',
    entityType: 'assessment',
    entityId: row.id,
    after: {
      title: row.title,
      assessedOn: row.assessed_on,
      checklists: ids,
      dropped: tailoring.dropped.map((d) => `${d.itemKey}: ${d.reason}`),
      added: tailoring.added.map((a) => `${keyOf(a.checklistId, a.id)}: ${a.reason}`),
    },
  });
  return row.id;
}

export async function update(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: AssessmentUpdate,
): Promise<Assessment> {
  await audited(db, actor, (tx) =>
    changeVersioned(tx, {
      load: () => repo.findAssessment(tx.trx, actor.orgId, id),
      expectedVersion,
      write: (_, version) =>
        repo.updateAssessment(tx.trx, actor.orgId, id, version, {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.assessedOn !== undefined ? { assessed_on: input.assessedOn } : {}),
          updated_at: nowIso(),
        }),
      audit: (b, a) => ({
        action: 'assessment.update',
        entityType: 'assessment',
        entityId: id,
        before: { title: b.title, assessedOn: b.assessed_on },
        after: { title: a.title, assessedOn: a.assessed_on },
      }),
    }),
  );
  return get(db, actor.orgId, id);
}

export async function remove(db: Db, actor: OrgActor, id: string): Promise<void> {
  await audited(db, actor, async ({ trx, audit }) => {
    const before = await repo.findAssessment(trx, actor.orgId, id);
    if (!before) throw notFound();
    await repo.deleteAssessment(trx, actor.orgId, id);
    await audit({
      action: 'assessment.delete',
      entityType: 'assessment',
      entityId: id,
      before: { title: before.title, assessedOn: before.assessed_on },
    });
  });
}

// Answers ------------------------------------------------------------------------------------------

type AnswerChanges = Partial<Omit<AssessmentAnswerRow, 'id' | 'org_id' | 'version'>>;

/**
 * The changes an answer input makes, checked by the rules; every refusal names the item
 * (path [itemKey, field], params.itemId). `today` is checked only for a due date that changes, so an
 * answer whose date has passed can still be edited elsewhere.
 */
function answerChanges(
  before: AssessmentAnswerRow,
  input: AnswerUpdate,
  today: string,
): { ok: true; changes: AnswerChanges } | { ok: false; issues: FieldIssue[] } {
  const key = before.item_key;
  const issues: FieldIssue[] = [];
  const changes: AnswerChanges = {};
  if (input.currentState !== undefined) changes.current_state = input.currentState || null;
  if (input.impact !== undefined) {
    const impact = storedImpact(before);
    for (const aspect of IMPACT_ASPECTS) {
      const v = input.impact[aspect];
      if (v === undefined) continue;
      if (v === null) {
        delete impact[aspect];
        continue;
      }
      const level = IMPACT_LEVELS.find((l) => l === v.level);
      if (!level)
        issues.push({
          path: [key, 'impact', aspect],
          code: 'impact_level_invalid',
          params: { itemId: key, level: v.level },
        });
      else impact[aspect] = { level, reason: v.reason?.trim() || null };
    }
    changes.impact = JSON.stringify(impact);
  }
  if (input.decision !== undefined) {
    const d = input.decision;
    if (d === null) Object.assign(changes, { decision: null, due_date: null, reason: null });
    else {
      const status = DECISION_STATUSES.find((s) => s === d.status);
      if (!status)
        issues.push({
          path: [key, 'decision'],
          code: 'decision_status_invalid',
          params: { itemId: key, status: d.status },
        });
      else {
        const dateChanged = (d.dueDate ?? null) !== before.due_date;
        const checked = validateDecision(
          key,
          { status, dueDate: d.dueDate ?? null, reason: d.reason ?? null },
          dateChanged ? { today } : {},
        );
        if (!checked.ok) issues.push(...checked.issues);
        else {
          const v = checked.decision;
          changes.decision = v.status;
          changes.due_date = v.status === 'planned' ? v.dueDate : null;
          changes.reason = v.status === 'not_needed' ? v.reason : null;
        }
      }
    }
  }
  if (input.damageYen !== undefined) changes.damage_yen = input.damageYen;
  if (input.costYen !== undefined) changes.cost_yen = input.costYen;
  return issues.length ? { ok: false, issues } : { ok: true, changes };
}

/** The answer as the audit log keeps it. */
function auditedAnswer(a: AssessmentAnswerRow) {
  return {
    item: a.item_key,
    currentState: a.current_state,
    impact: Object.fromEntries(
      Object.entries(storedImpact(a)).map(([k, v]) => [
        k,
        v ? `${v.level}${v.reason ? `: ${v.reason}` : ''}` : null,
      ]),
    ),
    decision: a.decision,
    dueDate: a.due_date,
    reason: a.reason,
    damageYen: yen(a.damage_yen),
    costYen: yen(a.cost_yen),
  };
}

/**
 * Keep the answer's action in step with its decision: a "will do" gets an action (its deadline the
 * decision's date), "done" closes it, anything else removes it.
 */
async function syncAction(tx: AuditedTx, orgId: string, answer: AssessmentAnswerRow): Promise<void> {
  const { trx, audit } = tx;
  const action = await repo.actionOfAnswer(trx, orgId, answer.id);
  const now = nowIso();
  if (answer.decision === 'planned' && answer.due_date) {
    if (!action) {
      const row: AssessmentActionRow = {
        id: newId(),
        org_id: orgId,
        assessment_id: answer.assessment_id,
        answer_id: answer.id,
        owner_person_id: null,
        owner_user_id: null,
        due_date: answer.due_date,
        status: 'open',
        done_at: null,
        note: null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await repo.insertAction(trx, row);
      await audit({
        action: 'assessment.action_create',
        entityType: 'assessment_action',
        entityId: row.id,
        after: { item: answer.item_key, dueDate: row.due_date, status: row.status },
      });
    } else if (action.due_date !== answer.due_date || action.status === 'done') {
      await repo.updateAction(trx, orgId, action.id, action.version, {
        due_date: answer.due_date,
        status: action.status === 'done' ? 'open' : action.status,
        done_at: null,
        updated_at: now,
      });
    }
  } else if (answer.decision === 'done') {
    if (action && action.status !== 'done')
      await repo.updateAction(trx, orgId, action.id, action.version, {
        status: 'done',
        done_at: now,
        updated_at: now,
      });
  } else if (action) {
    await repo.deleteAction(trx, orgId, action.id);
    await audit({
      action: 'assessment.action_delete',
      entityType: 'assessment_action',
      entityId: action.id,
      before: { item: answer.item_key, dueDate: action.due_date, status: action.status },
    });
  }
}

/** The measure of each item of an assessment, to name items in refusals. */
async function itemMeasures(trx: Trx, orgId: string, assessmentId: string) {
  const row = await repo.findAssessment(trx, orgId, assessmentId);
  if (!row) return new Map<string, { ja: string; en: string }>();
  return measuresOf(
    sheetItems(
      storedChecklists(row).map((c) => c.id),
      storedTailoring(row),
    ),
  );
}

/** Apply checked changes to one answer at `version` and keep its action in step. */
async function writeAnswer(
  tx: AuditedTx,
  actor: OrgActor,
  id: string,
  expectedVersion: number | undefined,
  input: AnswerUpdate,
  today: string,
): Promise<AssessmentAnswerRow> {
  const after = await changeVersioned(tx, {
    load: () => repo.findAnswer(tx.trx, actor.orgId, id),
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
    write: async (before, version) => {
      const checked = answerChanges(before, input, today);
      if (!checked.ok)
        throw invalid('validation_failed', {
          issues: nameItems(checked.issues, await itemMeasures(tx.trx, actor.orgId, before.assessment_id)),
        });
      return repo.updateAnswer(tx.trx, actor.orgId, id, version, {
        ...checked.changes,
        updated_by: actor.userId,
        updated_at: nowIso(),
      });
    },
    audit: (b, a) => ({
      action: 'assessment.answer_update',
      entityType: 'assessment_answer',
      entityId: id,
      before: auditedAnswer(b),
      after: auditedAnswer(a),
    }),
  });
  await syncAction(tx, actor.orgId, after);
  return after;
}

/** Autosave of one item: only the fields sent change; If-Match is the answer's own version. */
export async function updateAnswer(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: AnswerUpdate,
): Promise<AssessmentItem> {
  const today = await orgToday(db.kysely, actor.orgId);
  const after = await audited(db, actor, (tx) => writeAnswer(tx, actor, id, expectedVersion, input, today));
  const l = await load(db.kysely, actor.orgId, after.assessment_id);
  const item = presentItems(l).find((i) => i.answer.id === id);
  if (!item) throw notFound();
  return item;
}

/**
 * Several answers of one assessment at once (the XLSX import), all or nothing: every answer's
 * problems are collected first, each naming its item, and nothing is written when there is one.
 */
async function writeAnswers(
  tx: AuditedTx,
  actor: OrgActor,
  assessmentId: string,
  inputs: ReadonlyMap<string, AnswerUpdate>,
  today: string,
  /** Problems found elsewhere in the same file (the asset sheet), refused together. */
  otherIssues: readonly FieldIssue[] = [],
): Promise<number> {
  const rows = await repo.answersOf(tx.trx, actor.orgId, [assessmentId]);
  const byKey = new Map(rows.map((r) => [r.item_key, r]));
  const issues: FieldIssue[] = [];
  for (const [key, input] of inputs) {
    const row = byKey.get(key);
    if (!row) {
      issues.push({ path: [key], code: 'decision_item_unknown', params: { itemId: key } });
      continue;
    }
    // A filled sheet did not pass the API's schema: check it the same way, naming the item (and
    // saying how long a text may be, the one thing an owner can fix from the message alone).
    const parsed = AnswerUpdateSchema.safeParse(input);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const path = [key, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
        if (i.code === 'too_big' && i.origin === 'string')
          issues.push({
            path,
            code: 'item_text_too_long',
            params: { itemId: key, maximum: Number(i.maximum) },
          });
        else issues.push({ path, code: 'item_value_invalid', params: { itemId: key } });
      }
      continue;
    }
    const checked = answerChanges(row, parsed.data, today);
    if (!checked.ok) issues.push(...checked.issues);
  }
  if (issues.length || otherIssues.length)
    throw invalid('validation_failed', {
      issues: [...nameItems(issues, await itemMeasures(tx.trx, actor.orgId, assessmentId)), ...otherIssues],
    });
  let changed = 0;
  for (const [key, input] of inputs) {
    const row = byKey.get(key) as AssessmentAnswerRow;
    const after = await writeAnswer(tx, actor, row.id, row.version, input, today);
    if (after.version !== row.version) changed++;
  }
  return changed;
}

// Action plan --------------------------------------------------------------------------------------

async function presentActions(db: Q, l: Loaded): Promise<AssessmentAction[]> {
  const names = await repo.namesOf(db, l.row.org_id, {
    people: l.actions.flatMap((a) => (a.owner_person_id ? [a.owner_person_id] : [])),
    users: l.actions.flatMap((a) => (a.owner_user_id ? [a.owner_user_id] : [])),
    systems: [],
  });
  const items = new Map(presentItems(l).map((i) => [i.answer.id, i]));
  return l.actions
    .map((a) => {
      const item = items.get(a.answer_id);
      return {
        id: a.id,
        answerId: a.answer_id,
        itemKey: item?.key ?? '',
        measure: item?.measure ?? { ja: '', en: '' },
        level: item?.level ?? 'SHALL',
        urgency: item?.urgency ?? null,
        ownerPersonId: a.owner_person_id,
        ownerUserId: a.owner_user_id,
        ownerName:
          (a.owner_person_id && names.get(a.owner_person_id)) ||
          (a.owner_user_id && names.get(a.owner_user_id)) ||
          null,
        dueDate: a.due_date,
        status: a.status,
        overdue: isOverdue({ status: a.status, dueDate: a.due_date }, l.today),
        doneAt: a.done_at,
        note: a.note,
        version: a.version,
      };
    })
    .sort((x, y) => Number(y.overdue) - Number(x.overdue) || x.dueDate.localeCompare(y.dueDate));
}

export async function actionPlan(db: Db, orgId: string, id: string): Promise<ActionPlan> {
  const l = await load(db.kysely, orgId, id);
  // Days in the organization's calendar, as "today" is.
  const zone = (await repo.organization(db.kysely, orgId))?.timezone ?? 'Asia/Tokyo';
  const day = (at: string) => localDay(at, zone);
  const first = l.actions.map((a) => day(a.created_at)).sort()[0] ?? l.today;
  return {
    items: await presentActions(db.kysely, l),
    burndown: burndown(
      l.actions.map((a) => ({ createdOn: day(a.created_at), doneOn: a.done_at ? day(a.done_at) : null })),
      [first, l.today].sort()[0] ?? l.today,
      l.today,
    ),
    today: l.today,
  };
}

function auditedAction(a: AssessmentActionRow) {
  return {
    ownerPersonId: a.owner_person_id,
    ownerUserId: a.owner_user_id,
    dueDate: a.due_date,
    status: a.status,
    note: a.note,
  };
}

/**
 * Change an action: owner (a person of the directory or a member), deadline, status, note. Done
 * marks its item done; reopened, the item is "will do" again by the action's deadline.
 */
export async function updateAction(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: ActionUpdate,
): Promise<AssessmentAction> {
  const assessmentId = await audited(db, actor, async (tx) => {
    const { trx } = tx;
    const issues: FieldIssue[] = [];
    if (input.ownerPersonId && !(await repo.personExists(trx, actor.orgId, input.ownerPersonId)))
      issues.push({ path: ['ownerPersonId'], code: 'unknown_person' });
    if (input.ownerUserId && !(await repo.memberExists(trx, actor.orgId, input.ownerUserId)))
      issues.push({ path: ['ownerUserId'], code: 'unknown_member' });
    const after = await changeVersioned(tx, {
      load: () => repo.findAction(trx, actor.orgId, id),
      expectedVersion,
      write: (before, version) => {
        if (issues.length) throw invalid('validation_failed', { issues });
        const status: ActionStatus = input.status ?? before.status;
        const now = nowIso();
        return repo.updateAction(trx, actor.orgId, id, version, {
          ...(input.ownerPersonId !== undefined ? { owner_person_id: input.ownerPersonId || null } : {}),
          ...(input.ownerUserId !== undefined ? { owner_user_id: input.ownerUserId || null } : {}),
          ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
          ...(input.note !== undefined ? { note: input.note || null } : {}),
          status,
          done_at: status === 'done' ? (before.done_at ?? now) : null,
          updated_at: now,
        });
      },
      audit: (b, a) => ({
        action: 'assessment.action_update',
        entityType: 'assessment_action',
        entityId: id,
        before: auditedAction(b),
        after: auditedAction(a),
      }),
    });
    // The item follows its action: done, or "will do" by the action's deadline.
    const answer = await repo.findAnswer(trx, actor.orgId, after.answer_id);
    if (answer) {
      const decision = after.status === 'done' ? 'done' : 'planned';
      if (answer.decision !== decision || (decision === 'planned' && answer.due_date !== after.due_date))
        await changeVersioned(tx, {
          load: () => repo.findAnswer(trx, actor.orgId, answer.id),
          write: (_, version) =>
            repo.updateAnswer(trx, actor.orgId, answer.id, version, {
              decision,
              due_date: decision === 'planned' ? after.due_date : null,
              reason: null,
              updated_by: actor.userId,
              updated_at: nowIso(),
            }),
          audit: (b, a) => ({
            action: 'assessment.answer_update',
            entityType: 'assessment_answer',
            entityId: answer.id,
            before: auditedAnswer(b),
            after: auditedAnswer(a),
          }),
        });
    }
    return after.assessment_id;
  });
  const plan = await actionPlan(db, actor.orgId, assessmentId);
  const action = plan.items.find((a) => a.id === id);
  if (!action) throw notFound();
  return action;
}

// Information assets ---------------------------------------------------------------------------------

function presentAsset(a: AssessmentAssetRow, names: Map<string, string>): Asset {
  return {
    id: a.id,
    kind: a.kind as Asset['kind'],
    name: a.name,
    secrecy: a.secrecy as Asset['secrecy'],
    mustEncrypt: a.must_encrypt === 1,
    systemId: a.system_id,
    systemName: a.system_id ? (names.get(a.system_id) ?? null) : null,
    note: a.note,
    version: a.version,
  };
}

async function presentAssets(db: Q, orgId: string, rows: AssessmentAssetRow[]): Promise<Asset[]> {
  const names = await repo.namesOf(db, orgId, {
    people: [],
    users: [],
    systems: rows.flatMap((r) => (r.system_id ? [r.system_id] : [])),
  });
  return rows.map((r) => presentAsset(r, names));
}

export async function assets(db: Db, orgId: string, assessmentId: string): Promise<AssetList> {
  if (!(await repo.findAssessment(db.kysely, orgId, assessmentId))) throw notFound();
  return {
    items: await presentAssets(db.kysely, orgId, await repo.assetsOf(db.kysely, orgId, assessmentId)),
  };
}

async function checkSystem(trx: Trx, orgId: string, systemId: string | null | undefined): Promise<void> {
  if (systemId && !(await repo.systemExists(trx, orgId, systemId)))
    throw invalid('validation_failed', { issues: [{ path: ['systemId'], code: 'unknown_system' }] });
}

const auditedAsset = (a: AssessmentAssetRow) => ({
  name: a.name,
  kind: a.kind,
  secrecy: a.secrecy,
  mustEncrypt: a.must_encrypt === 1,
  systemId: a.system_id,
  note: a.note,
});

export async function createAsset(
  db: Db,
  actor: OrgActor,
  assessmentId: string,
  input: AssetCreate,
): Promise<Asset> {
  const row = await audited(db, actor, (tx) => addAsset(tx, actor, assessmentId, input));
  return (await presentAssets(db.kysely, actor.orgId, [row]))[0] as Asset;
}

/** Add an information asset inside the caller's transaction (the demo adds its own). */
export async function addAsset(
  { trx, audit }: AuditedTx,
  actor: OrgActor,
  assessmentId: string,
  input: AssetCreate,
): Promise<AssessmentAssetRow> {
  if (!(await repo.findAssessment(trx, actor.orgId, assessmentId))) throw notFound();
  await checkSystem(trx, actor.orgId, input.systemId);
  const now = nowIso();
  const row: AssessmentAssetRow = {
    id: newId(),
    org_id: actor.orgId,
    assessment_id: assessmentId,
    kind: input.kind,
    name: input.name,
    secrecy: input.secrecy,
    must_encrypt: input.mustEncrypt ? 1 : 0,
    system_id: input.systemId || null,
    note: input.note || null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await repo.insertAsset(trx, row);
  await audit({
    action: 'assessment.asset_create',
    entityType: 'assessment_asset',
    entityId: row.id,
    after: auditedAsset(row),
  });
  return row;
}

export async function updateAsset(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: AssetUpdate,
): Promise<Asset> {
  const row = await audited(db, actor, (tx) => changeAsset(tx, actor, id, expectedVersion, input));
  return (await presentAssets(db.kysely, actor.orgId, [row as AssessmentAssetRow]))[0] as Asset;
}

const sameAsset = (row: AssessmentAssetRow, input: AssetUpdate): boolean =>
  (input.kind === undefined || input.kind === row.kind) &&
  (input.name === undefined || input.name === row.name) &&
  (input.secrecy === undefined || input.secrecy === row.secrecy) &&
  (input.mustEncrypt === undefined || (input.mustEncrypt ? 1 : 0) === row.must_encrypt) &&
  (input.systemId === undefined || (input.systemId || null) === row.system_id) &&
  (input.note === undefined || (input.note || null) === row.note);

/**
 * Change an asset inside the caller's transaction, at `expectedVersion` (the page's If-Match) or
 * the current one (the import). With `onlyIfChanged`, an input that changes nothing leaves the
 * asset and its version as they are and returns null.
 */
async function changeAsset(
  tx: AuditedTx,
  actor: OrgActor,
  id: string,
  expectedVersion: number | undefined,
  input: AssetUpdate,
  { onlyIfChanged = false } = {},
): Promise<AssessmentAssetRow | null> {
  await checkSystem(tx.trx, actor.orgId, input.systemId);
  if (onlyIfChanged) {
    const current = await repo.findAsset(tx.trx, actor.orgId, id);
    if (current && sameAsset(current, input)) return null;
  }
  return changeVersioned(tx, {
    load: () => repo.findAsset(tx.trx, actor.orgId, id),
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
    write: (_, version) =>
      repo.updateAsset(tx.trx, actor.orgId, id, version, {
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.secrecy !== undefined ? { secrecy: input.secrecy } : {}),
        ...(input.mustEncrypt !== undefined ? { must_encrypt: input.mustEncrypt ? 1 : 0 } : {}),
        ...(input.systemId !== undefined ? { system_id: input.systemId || null } : {}),
        ...(input.note !== undefined ? { note: input.note || null } : {}),
        updated_at: nowIso(),
      }),
    audit: (b, a) => ({
      action: 'assessment.asset_update',
      entityType: 'assessment_asset',
      entityId: id,
      before: auditedAsset(b),
      after: auditedAsset(a),
    }),
  });
}

export async function removeAsset(db: Db, actor: OrgActor, id: string): Promise<void> {
  await audited(db, actor, async ({ trx, audit }) => {
    const before = await repo.findAsset(trx, actor.orgId, id);
    if (!before) throw notFound();
    await repo.deleteAsset(trx, actor.orgId, id);
    await audit({
      action: 'assessment.asset_delete',
      entityType: 'assessment_asset',
      entityId: id,
      before: auditedAsset(before),
    });
  });
}

// Home page ----------------------------------------------------------------------------------------

/** The newest assessment's progress and the overdue actions of every assessment (home page). */
export async function homeOverview(db: Db, orgId: string) {
  const rows = await repo.listAssessments(db.kysely, orgId);
  const latest = rows[0] ? (await loadRows(db.kysely, orgId, [rows[0]]))[0] : undefined;
  const today = await orgToday(db.kysely, orgId);
  const overdue = (await repo.openActions(db.kysely, orgId)).filter((a) =>
    isOverdue({ status: a.status, dueDate: a.due_date }, today),
  );
  return {
    latest: latest ? presentSummary(latest) : null,
    overdue: overdue.map((a) => ({ assessmentId: a.assessment_id, dueDate: a.due_date })),
    titles: new Map(rows.map((r) => [r.id, r.title])),
  };
}

// Files --------------------------------------------------------------------------------------------

/** The sheet as XLSX in the reader's language (004 §11's layout), with the information assets. */
export async function exportXlsx(db: Db, orgId: string, id: string, locale: Locale): Promise<Buffer> {
  const a = await get(db, orgId, id);
  const list = await assets(db, orgId, id);
  return assessmentWorkbook(
    a,
    list.items.map((x) => ({
      id: x.id,
      name: x.name,
      kind: x.kind,
      secrecy: x.secrecy,
      mustEncrypt: x.mustEncrypt,
      system: x.systemName ?? '',
      note: x.note,
    })),
    locale,
  );
}

/**
 * A filled sheet back in: refused whole when it is for other checklists or versions, or when any
 * row of either sheet breaks a rule (each problem naming its item, or its sheet and row);
 * otherwise every changed item and asset is saved in one transaction. Returns how many items
 * changed and stayed, and how many assets were added and changed.
 */
export async function importXlsx(
  db: Db,
  actor: OrgActor,
  id: string,
  bytes: Buffer,
  fileName: string,
): Promise<ImportResult> {
  const a = await get(db, actor.orgId, id);
  const read = await readAssessmentWorkbook(bytes, a);
  const today = await orgToday(db.kysely, actor.orgId);
  return audited(db, actor, async (tx) => {
    const assets = read.assets
      ? checkAssetRows(read.assets, {
          assetIds: new Set((await repo.assetsOf(tx.trx, actor.orgId, id)).map((r) => r.id)),
          systems: await repo.systemsOf(tx.trx, actor.orgId),
        })
      : { ok: true as const, plans: [] };
    const updated = await writeAnswers(tx, actor, id, read.answers, today, assets.ok ? [] : assets.issues);
    let assetsAdded = 0;
    let assetsUpdated = 0;
    for (const plan of assets.ok ? assets.plans : []) {
      if (plan.kind === 'create') {
        await addAsset(tx, actor, id, plan.input);
        assetsAdded++;
      } else if (await changeAsset(tx, actor, plan.id, undefined, plan.input, { onlyIfChanged: true }))
        assetsUpdated++;
    }
    const result = { updated, unchanged: a.items.length - updated, assetsAdded, assetsUpdated };
    await tx.audit({
      action: 'assessment.import',
      entityType: 'assessment',
      entityId: id,
      details: { fileName, ...result },
    });
    return result;
  });
}

/** The PDF report: results, action plan, decisions per item, information assets. */
export async function reportPdf(db: Db, orgId: string, id: string, locale: Locale): Promise<Buffer> {
  const [assessment, res, plan, list, org] = await Promise.all([
    get(db, orgId, id),
    results(db, orgId, id, undefined),
    actionPlan(db, orgId, id),
    assets(db, orgId, id),
    repo.organization(db.kysely, orgId),
  ]);
  return assessmentPdf(
    { organizationName: org?.name ?? '', assessment, results: res, plan, assets: list },
    locale,
    localTime(new Date(), org?.timezone ?? 'Asia/Tokyo'),
  );
}

// Past work (the demo) ------------------------------------------------------------------------------

/**
 * Answers as they were given on `decidedOn` (YYYY-MM-DD), inside the caller's transaction: the
 * rules are those of the API, with "today" being that day, so a deadline that has passed since is
 * kept. Used by the demo to load an assessment that is already under way.
 */
export function recordAnswers(
  tx: AuditedTx,
  actor: OrgActor,
  assessmentId: string,
  answers: ReadonlyMap<string, AnswerUpdate>,
  decidedOn: string,
): Promise<number> {
  return writeAnswers(tx, actor, assessmentId, answers, decidedOn);
}

/** An action's owner, status and history (when it was planned and done), for past work. */
export async function recordActionHistory(
  tx: AuditedTx,
  actor: OrgActor,
  assessmentId: string,
  itemKey: string,
  history: { ownerPersonId: string | null; status: ActionStatus; createdAt: string; doneAt: string | null },
): Promise<void> {
  const [answer] = (await repo.answersOf(tx.trx, actor.orgId, [assessmentId])).filter(
    (a) => a.item_key === itemKey,
  );
  const action = answer && (await repo.actionOfAnswer(tx.trx, actor.orgId, answer.id));
  if (!action) throw notFound();
  await changeVersioned(tx, {
    load: () => repo.findAction(tx.trx, actor.orgId, action.id),
    write: (_, version) =>
      repo.updateAction(tx.trx, actor.orgId, action.id, version, {
        owner_person_id: history.ownerPersonId,
        status: history.status,
        created_at: history.createdAt,
        done_at: history.status === 'done' ? history.doneAt : null,
        updated_at: nowIso(),
      }),
    audit: (b, a) => ({
      action: 'assessment.action_update',
      entityType: 'assessment_action',
      entityId: action.id,
      before: auditedAction(b),
      after: auditedAction(a),
    }),
  });
}
