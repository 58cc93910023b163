import type { Kysely } from 'kysely';
import type { TaskStatus } from '../../../domain/tier-diagnosis.js';
import { orgRowExists, orgRows } from '../../db/org-rows.js';
import type {
  Database,
  DiagnosisResultRow,
  DiagnosisTaskRow,
  ManagementChecklistRow,
} from '../../db/schema.js';
import { updateVersioned, versionedUpdate } from '../../db/versioned.js';

type Q = Kysely<Database>;

const results = orgRows('diagnosis_results');

export const insertResult = results.insert;

export function listResults(db: Q, orgId: string): Promise<DiagnosisResultRow[]> {
  return results.list(db, orgId, {
    orderBy: [
      ['taken_at', 'desc'],
      ['id', 'desc'],
    ],
    limit: 100,
  });
}

export const resultExists = results.exists;

export type TaskView = DiagnosisTaskRow & { owner_person_name: string | null };

function selectTasks(db: Q, orgId: string) {
  return db
    .selectFrom('diagnosis_tasks')
    .leftJoin('people', (j) =>
      j.onRef('people.id', '=', 'diagnosis_tasks.owner_person_id').on('people.org_id', '=', orgId),
    )
    .selectAll('diagnosis_tasks')
    .select('people.name as owner_person_name')
    .where('diagnosis_tasks.org_id', '=', orgId);
}

export async function listTasks(
  db: Q,
  orgId: string,
  status: TaskStatus | undefined,
  afterId: string | null,
  limit: number,
): Promise<TaskView[]> {
  let q = selectTasks(db, orgId);
  if (status) q = q.where('diagnosis_tasks.status', '=', status);
  if (afterId) q = q.where('diagnosis_tasks.id', '>', afterId);
  return q.orderBy('diagnosis_tasks.id').limit(limit).execute();
}

export async function findTask(db: Q, orgId: string, id: string): Promise<TaskView | undefined> {
  return selectTasks(db, orgId).where('diagnosis_tasks.id', '=', id).executeTakeFirst();
}

/** The tasks already made from any of these measures (one per measure is allowed). */
export async function tasksOfMeasures(
  db: Q,
  orgId: string,
  measureIds: readonly string[],
): Promise<{ id: string; measure_id: string | null; title: string }[]> {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom('diagnosis_tasks')
    .select(['id', 'measure_id', 'title'])
    .where('org_id', '=', orgId)
    .where('measure_id', 'in', [...measureIds])
    .orderBy('id')
    .execute();
}

export async function insertTasks(db: Q, rows: DiagnosisTaskRow[]): Promise<void> {
  if (rows.length) await db.insertInto('diagnosis_tasks').values(rows).execute();
}

export const updateTask = versionedUpdate('diagnosis_tasks');

export function personExists(db: Q, orgId: string, id: string): Promise<boolean> {
  return orgRowExists(db, 'people', orgId, id);
}

export type ChecklistView = ManagementChecklistRow & { done_by_name: string | null };

export async function checklistRows(db: Q, orgId: string): Promise<ChecklistView[]> {
  return db
    .selectFrom('management_checklist')
    .leftJoin('users', 'users.id', 'management_checklist.done_by')
    .selectAll('management_checklist')
    .select('users.display_name as done_by_name')
    .where('management_checklist.org_id', '=', orgId)
    .execute();
}

export const insertChecklist = orgRows('management_checklist').insert;

export function updateChecklist(
  db: Q,
  orgId: string,
  itemId: string,
  expectedVersion: number,
  changes: Partial<Omit<ManagementChecklistRow, 'id' | 'org_id' | 'item_id' | 'version'>>,
): Promise<number> {
  return updateVersioned(db, 'management_checklist', orgId, { item_id: itemId }, expectedVersion, changes);
}

/** Open or started tasks whose due date is before `today` (YYYY-MM-DD), earliest first. */
export async function listOverdueTasks(db: Q, orgId: string, today: string): Promise<TaskView[]> {
  return selectTasks(db, orgId)
    .where('diagnosis_tasks.status', 'in', ['open', 'in_progress'])
    .where('diagnosis_tasks.due_date', '<', today)
    .orderBy('diagnosis_tasks.due_date')
    .orderBy('diagnosis_tasks.id')
    .execute();
}
