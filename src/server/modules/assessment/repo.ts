import type { Kysely } from 'kysely';
import { deleteOrgRow, findOrgRow, orgRowExists } from '../../db/org-rows.js';
import type {
  AssessmentActionRow,
  AssessmentAnswerRow,
  AssessmentAssetRow,
  AssessmentRow,
  Database,
} from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';

type Q = Kysely<Database>;
type Changes<R> = Partial<Omit<R, 'id' | 'org_id' | 'version'>>;

// Assessments -------------------------------------------------------------------------------------

export function listAssessments(db: Q, orgId: string): Promise<AssessmentRow[]> {
  return db
    .selectFrom('assessments')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('assessed_on', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

export function findAssessment(db: Q, orgId: string, id: string): Promise<AssessmentRow | undefined> {
  return findOrgRow(db, 'assessments', orgId, id);
}

export async function insertAssessment(db: Q, row: AssessmentRow): Promise<void> {
  await db.insertInto('assessments').values(row).execute();
}

export function updateAssessment(
  db: Q,
  orgId: string,
  id: string,
  version: number,
  changes: Changes<AssessmentRow>,
): Promise<number> {
  return updateVersioned(db, 'assessments', orgId, id, version, changes);
}

/** Deletes an assessment with its answers, actions and assets (children first: no engine cascades needed). */
export async function deleteAssessment(db: Q, orgId: string, id: string): Promise<number> {
  for (const table of ['assessment_actions', 'assessment_assets', 'assessment_answers'] as const)
    await db.deleteFrom(table).where('org_id', '=', orgId).where('assessment_id', '=', id).execute();
  return deleteOrgRow(db, 'assessments', orgId, id);
}

// Answers ------------------------------------------------------------------------------------------

export function answersOf(
  db: Q,
  orgId: string,
  assessmentIds: readonly string[],
): Promise<AssessmentAnswerRow[]> {
  if (assessmentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('assessment_answers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('assessment_id', 'in', assessmentIds)
    .orderBy('position')
    .execute();
}

export function findAnswer(db: Q, orgId: string, id: string): Promise<AssessmentAnswerRow | undefined> {
  return findOrgRow(db, 'assessment_answers', orgId, id);
}

export async function insertAnswers(db: Q, rows: readonly AssessmentAnswerRow[]): Promise<void> {
  // Chunks keep the statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('assessment_answers')
      .values(rows.slice(i, i + 50))
      .execute();
}

export function updateAnswer(
  db: Q,
  orgId: string,
  id: string,
  version: number,
  changes: Changes<AssessmentAnswerRow>,
): Promise<number> {
  return updateVersioned(db, 'assessment_answers', orgId, id, version, changes);
}

// Actions ------------------------------------------------------------------------------------------

export function actionsOf(
  db: Q,
  orgId: string,
  assessmentIds: readonly string[],
): Promise<AssessmentActionRow[]> {
  if (assessmentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('assessment_actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('assessment_id', 'in', assessmentIds)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
}

/** Every action of the organization not done yet (home page findings). */
export function openActions(db: Q, orgId: string): Promise<AssessmentActionRow[]> {
  return db
    .selectFrom('assessment_actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('status', '!=', 'done')
    .orderBy('due_date')
    .limit(500)
    .execute();
}

export function findAction(db: Q, orgId: string, id: string): Promise<AssessmentActionRow | undefined> {
  return findOrgRow(db, 'assessment_actions', orgId, id);
}

export function actionOfAnswer(
  db: Q,
  orgId: string,
  answerId: string,
): Promise<AssessmentActionRow | undefined> {
  return db
    .selectFrom('assessment_actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('answer_id', '=', answerId)
    .executeTakeFirst();
}

export async function insertAction(db: Q, row: AssessmentActionRow): Promise<void> {
  await db.insertInto('assessment_actions').values(row).execute();
}

export function updateAction(
  db: Q,
  orgId: string,
  id: string,
  version: number,
  changes: Changes<AssessmentActionRow>,
): Promise<number> {
  return updateVersioned(db, 'assessment_actions', orgId, id, version, changes);
}

export function deleteAction(db: Q, orgId: string, id: string): Promise<number> {
  return deleteOrgRow(db, 'assessment_actions', orgId, id);
}

// Assets -------------------------------------------------------------------------------------------

export function assetsOf(db: Q, orgId: string, assessmentId: string): Promise<AssessmentAssetRow[]> {
  return db
    .selectFrom('assessment_assets')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('assessment_id', '=', assessmentId)
    .orderBy('id')
    .execute();
}

export function findAsset(db: Q, orgId: string, id: string): Promise<AssessmentAssetRow | undefined> {
  return findOrgRow(db, 'assessment_assets', orgId, id);
}

export async function insertAsset(db: Q, row: AssessmentAssetRow): Promise<void> {
  await db.insertInto('assessment_assets').values(row).execute();
}

export function updateAsset(
  db: Q,
  orgId: string,
  id: string,
  version: number,
  changes: Changes<AssessmentAssetRow>,
): Promise<number> {
  return updateVersioned(db, 'assessment_assets', orgId, id, version, changes);
}

export function deleteAsset(db: Q, orgId: string, id: string): Promise<number> {
  return deleteOrgRow(db, 'assessment_assets', orgId, id);
}

// References ---------------------------------------------------------------------------------------

export function personExists(db: Q, orgId: string, id: string): Promise<boolean> {
  return orgRowExists(db, 'people', orgId, id);
}

export function systemExists(db: Q, orgId: string, id: string): Promise<boolean> {
  return orgRowExists(db, 'it_systems', orgId, id);
}

export async function memberExists(db: Q, orgId: string, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r !== undefined;
}

/** Every system of the organization (archived ones too: an exported sheet may name one), by name. */
export function systemsOf(db: Q, orgId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('it_systems').select(['id', 'name']).where('org_id', '=', orgId).execute();
}

/** Names of people, members and systems by id, for the action plan and the asset register. */
export async function namesOf(
  db: Q,
  orgId: string,
  ids: { people: string[]; users: string[]; systems: string[] },
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.people.length)
    for (const r of await db
      .selectFrom('people')
      .select(['id', 'name'])
      .where('org_id', '=', orgId)
      .where('id', 'in', ids.people)
      .execute())
      out.set(r.id, r.name);
  if (ids.users.length)
    for (const r of await db
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select(['users.id', 'users.display_name'])
      .where('memberships.org_id', '=', orgId)
      .where('users.id', 'in', ids.users)
      .execute())
      out.set(r.id, r.display_name);
  if (ids.systems.length)
    for (const r of await db
      .selectFrom('it_systems')
      .select(['id', 'name'])
      .where('org_id', '=', orgId)
      .where('id', 'in', ids.systems)
      .execute())
      out.set(r.id, r.name);
  return out;
}

export function organization(db: Q, orgId: string) {
  return db
    .selectFrom('organizations')
    .select(['name', 'timezone'])
    .where('id', '=', orgId)
    .executeTakeFirst();
}
