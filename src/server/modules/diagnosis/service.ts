import {
  diagnoseTier,
  planStarterTasks,
  type TaskStatus,
  type Tier,
} from '../../../domain/tier-diagnosis.js';
import {
  type Checklist,
  type ChecklistItemState,
  type ChecklistUpdate,
  type DiagnosisResult,
  DiagnosisResultSchema,
  type Measure,
  type Questionnaire,
  type Task,
  type TaskCreate,
  type TaskListQuery,
  type TaskUpdate,
} from '../../../shared/diagnosis.js';
import type { FieldIssue } from '../../../shared/problem.js';
import { decodeIdCursor, idPage } from '../../cursor.js';
import type { Db } from '../../db/database.js';
import { decodeJsonColumn } from '../../db/json-column.js';
import type { DiagnosisResultRow, DiagnosisTaskRow } from '../../db/schema.js';
import { type AuditedTx, audited, isUniqueViolation } from '../../db/tx.js';
import { changeVersioned } from '../../db/versioned.js';
import { conflict, invalid as invalidError, notFound, stale } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { OrgActor } from '../types.js';
import { managementChecklist, tierMeasures, tierQuestionnaire } from './content.js';
import * as repo from './repo.js';

const invalid = (issues: FieldIssue[]) => invalidError('validation_failed', { issues });

/** Today in Japan (the product's default time zone), YYYY-MM-DD. */
function todayJst(): string {
  return new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
}

export function questionnaire(): Questionnaire {
  const q = tierQuestionnaire();
  return {
    version: q.version,
    intro: q.intro,
    questions: q.questions.map((x) => ({
      id: x.id,
      text: x.text,
      help: x.help ?? null,
      options: x.options.map((o) => ({ id: o.id, text: o.text })),
    })),
  };
}

export function measuresByTier() {
  return { tiers: tierMeasures().tiers };
}

function measuresOf(tier: Tier): Measure[] {
  return tierMeasures().tiers.find((t) => t.tier === tier)?.measures ?? [];
}

function presentResult(row: DiagnosisResultRow): DiagnosisResult {
  const tier = DiagnosisResultSchema.shape.tier.parse(row.tier);
  return {
    id: row.id,
    tier,
    scores: decodeJsonColumn(DiagnosisResultSchema.shape.scores, row.scores, 'diagnosis_results.scores'),
    reasons: decodeJsonColumn(DiagnosisResultSchema.shape.reasons, row.reasons, 'diagnosis_results.reasons'),
    tieBroken: row.tie_broken === 1,
    answers: decodeJsonColumn(DiagnosisResultSchema.shape.answers, row.answers, 'diagnosis_results.answers'),
    takenBy: row.taken_by,
    takenAt: row.taken_at,
    measures: measuresOf(tier),
  };
}

export async function diagnose(
  db: Db,
  actor: OrgActor,
  answers: Record<string, string>,
): Promise<DiagnosisResult> {
  return audited(db, actor, (tx) => takeDiagnosis(tx, actor, answers));
}

/**
 * Score the answers and record the result (taken by the actor, at `takenAt`) with its audit entry,
 * inside the caller's transaction; the demo records a past diagnosis with its own date.
 */
export async function takeDiagnosis(
  { trx, audit }: AuditedTx,
  actor: OrgActor,
  answers: Record<string, string>,
  takenAt: string = nowIso(),
): Promise<DiagnosisResult> {
  const outcome = diagnoseTier(tierQuestionnaire(), answers);
  if (!outcome.ok)
    throw invalid(
      outcome.issues.map((i) => ({ path: ['answers', ...i.path], code: i.code, params: i.params ?? {} })),
    );
  const { result } = outcome;
  const row: DiagnosisResultRow = {
    id: newId(),
    org_id: actor.orgId,
    taken_by: actor.userId,
    taken_at: takenAt,
    tier: result.tier,
    answers: JSON.stringify(answers),
    scores: JSON.stringify(result.scores),
    reasons: JSON.stringify(result.reasons),
    tie_broken: result.tieBroken ? 1 : 0,
  };
  await repo.insertResult(trx, row);
  await audit({
    action: 'diagnosis.take',
    entityType: 'diagnosis_result',
    entityId: row.id,
    after: { tier: result.tier, scores: result.scores },
  });
  return presentResult(row);
}

export async function history(db: Db, orgId: string): Promise<{ items: DiagnosisResult[] }> {
  return { items: (await repo.listResults(db.kysely, orgId)).map(presentResult) };
}

// --- Tasks ---

function presentTask(row: repo.TaskView): Task {
  return {
    id: row.id,
    measureId: row.measure_id,
    resultId: row.result_id,
    title: row.title,
    ownerPersonId: row.owner_person_id,
    ownerPersonName: row.owner_person_name,
    dueDate: row.due_date,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function createTasks(db: Db, actor: OrgActor, input: TaskCreate): Promise<{ items: Task[] }> {
  return audited(db, actor, (tx) => addTasks(tx, actor, input));
}

/**
 * Create tasks for measures, with their audit entries, inside the caller's transaction. A task starts
 * `open` unless the item says otherwise (only the demo does: its tasks are under way already).
 */
export async function addTasks(
  { trx, audit }: AuditedTx,
  actor: OrgActor,
  input: Omit<TaskCreate, 'items'> & { items: (TaskCreate['items'][number] & { status?: TaskStatus })[] },
): Promise<{ items: Task[] }> {
  const all = tierMeasures().tiers.flatMap((t) => t.measures);
  const plan = planStarterTasks(
    all,
    input.items.map((i) => i.measureId),
    todayJst(),
  );
  const issues: FieldIssue[] = [];
  if (!plan.ok)
    for (const i of plan.issues)
      issues.push({ path: ['items', ...i.path.slice(1, 2), 'measureId'], code: i.code, params: i.params });
  if (input.resultId && !(await repo.resultExists(trx, actor.orgId, input.resultId)))
    issues.push({ path: ['resultId'], code: 'unknown_result' });
  for (const [k, item] of input.items.entries())
    if (item.ownerPersonId && !(await repo.personExists(trx, actor.orgId, item.ownerPersonId)))
      issues.push({ path: ['items', k, 'ownerPersonId'], code: 'unknown_person' });
  if (issues.length || !plan.ok) throw invalid(issues);
  // A measure becomes one task: ticking it again would silently make a second one.
  const existing = await repo.tasksOfMeasures(
    trx,
    actor.orgId,
    input.items.map((i) => i.measureId),
  );
  const first = existing[0];
  if (first) {
    const repeated: FieldIssue[] = input.items.flatMap((item, k) => {
      const task = existing.find((e) => e.measure_id === item.measureId);
      return task
        ? [
            {
              path: ['items', k, 'measureId'],
              code: 'measure_already_task',
              params: { taskId: task.id, title: task.title },
            },
          ]
        : [];
    });
    throw conflict('measure_already_task', {
      params: { taskId: first.id, title: first.title },
      issues: repeated,
    });
  }
  const now = nowIso();
  const byId = new Map(all.map((m) => [m.id, m]));
  const rows: DiagnosisTaskRow[] = input.items.map((item, k) => {
    const measure = byId.get(item.measureId);
    const planned = plan.tasks[k];
    // plan.ok: every item names a known measure and has its planned task.
    if (!measure || !planned) throw new Error(`starter task ${k} lost its measure`);
    return {
      id: newId(),
      org_id: actor.orgId,
      measure_id: item.measureId,
      result_id: input.resultId || null,
      title: item.title ?? measure.title.ja,
      owner_person_id: item.ownerPersonId || null,
      due_date: item.dueDate === undefined ? planned.dueDate : item.dueDate,
      status: item.status ?? 'open',
      created_at: now,
      updated_at: now,
      version: 1,
    };
  });
  await repo.insertTasks(trx, rows);
  for (const r of rows)
    await audit({
      action: 'task.create',
      entityType: 'diagnosis_task',
      entityId: r.id,
      after: {
        title: r.title,
        measureId: r.measure_id,
        ownerPersonId: r.owner_person_id,
        dueDate: r.due_date,
      },
    });
  const items: Task[] = [];
  for (const r of rows) {
    const v = await repo.findTask(trx, actor.orgId, r.id);
    if (v) items.push(presentTask(v));
  }
  return { items };
}

export async function listTasks(db: Db, orgId: string, query: TaskListQuery) {
  const limit = query.limit ?? 50;
  const rows = await repo.listTasks(db.kysely, orgId, query.status, decodeIdCursor(query.cursor), limit + 1);
  return idPage(rows, limit, presentTask);
}

export async function updateTask(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: TaskUpdate,
): Promise<Task> {
  return audited(db, actor, async (tx) => {
    const trx = tx.trx;
    const after = await changeVersioned(tx, {
      load: () => repo.findTask(trx, actor.orgId, id),
      expectedVersion,
      write: async (before, version) => {
        if (
          input.ownerPersonId &&
          input.ownerPersonId !== before.owner_person_id &&
          !(await repo.personExists(trx, actor.orgId, input.ownerPersonId))
        )
          throw invalid([{ path: ['ownerPersonId'], code: 'unknown_person' }]);
        const changes: Partial<DiagnosisTaskRow> = { updated_at: nowIso() };
        if (input.title !== undefined) changes.title = input.title;
        if (input.ownerPersonId !== undefined) changes.owner_person_id = input.ownerPersonId || null;
        if (input.dueDate !== undefined) changes.due_date = input.dueDate;
        if (input.status !== undefined) changes.status = input.status;
        return repo.updateTask(trx, actor.orgId, id, version, changes);
      },
      audit: (before, after) => {
        const a = presentTask(after);
        const b = presentTask(before);
        return {
          action: 'task.update',
          entityType: 'diagnosis_task',
          entityId: id,
          before: { title: b.title, ownerPersonId: b.ownerPersonId, dueDate: b.dueDate, status: b.status },
          after: { title: a.title, ownerPersonId: a.ownerPersonId, dueDate: a.dueDate, status: a.status },
        };
      },
    });
    return presentTask(after);
  });
}

// --- Management checklist ---

function checklistItems() {
  const c = managementChecklist();
  return [
    ...c.principles.map((p) => ({ ...p, kind: 'principle' as const })),
    ...c.actions.map((a) => ({ ...a, kind: 'action' as const })),
  ];
}

export async function checklist(db: Db['kysely'], orgId: string): Promise<Checklist> {
  const state = new Map((await repo.checklistRows(db, orgId)).map((r) => [r.item_id, r]));
  const items: ChecklistItemState[] = checklistItems().map((i) => {
    const s = state.get(i.id);
    return {
      itemId: i.id,
      kind: i.kind,
      number: i.number,
      title: i.title,
      help: i.help,
      done: Boolean(s?.done_at),
      doneBy: s?.done_at ? s.done_by : null,
      doneByName: s?.done_at ? s.done_by_name : null,
      doneAt: s?.done_at ?? null,
      note: s?.note ?? null,
      version: s?.version ?? 0,
    };
  });
  return { title: managementChecklist().title, items };
}

export async function setChecklistItem(
  db: Db,
  actor: OrgActor,
  itemId: string,
  expectedVersion: number,
  input: ChecklistUpdate,
): Promise<ChecklistItemState> {
  if (!checklistItems().some((i) => i.id === itemId)) throw notFound();
  return audited(db, actor, (tx) => markChecklistItem(tx, actor, itemId, expectedVersion, input));
}

/**
 * Mark a checklist item done or not, with its audit entry, inside the caller's transaction; an item
 * newly done is done by the actor at `doneAt` (the demo's items were done in the past).
 */
export function markChecklistItem(
  tx: AuditedTx,
  actor: OrgActor,
  itemId: string,
  expectedVersion: number,
  input: ChecklistUpdate,
  doneAt: string = nowIso(),
): Promise<ChecklistItemState> {
  const load = async () => (await checklist(tx.trx, actor.orgId)).items.find((i) => i.itemId === itemId);
  return changeVersioned(tx, {
    load,
    expectedVersion,
    write: (current, version) => writeChecklistItem(tx.trx, actor, itemId, current, version, input, doneAt),
    audit: (before, after) => ({
      action: 'checklist.update',
      entityType: 'management_checklist',
      entityId: itemId,
      before: { done: before.done, note: before.note },
      after: { done: after.done, note: after.note },
    }),
  });
}

/** Insert (version 0: never marked) or update a checklist item's row at `expectedVersion`. */
async function writeChecklistItem(
  trx: AuditedTx['trx'],
  actor: OrgActor,
  itemId: string,
  current: ChecklistItemState,
  expectedVersion: number,
  input: ChecklistUpdate,
  doneAt: string,
): Promise<number> {
  const now = nowIso();
  const done = {
    done_at: input.done ? (current.done ? current.doneAt : doneAt) : null,
    done_by: input.done ? (current.done ? current.doneBy : actor.userId) : null,
    note: input.note === undefined ? current.note : input.note || null,
    updated_at: now,
  };
  if (expectedVersion === 0) {
    try {
      await repo.insertChecklist(trx, {
        id: newId(),
        org_id: actor.orgId,
        item_id: itemId,
        version: 1,
        ...done,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw stale();
      throw err;
    }
    return 1;
  }
  return repo.updateChecklist(trx, actor.orgId, itemId, expectedVersion, done);
}
