import type { Kysely } from 'kysely';
import { findOrgRow } from '../../db/org-rows.js';
import type { Database, DepartmentRow, SiteRow } from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';

type Q = Kysely<Database>;

export async function listSites(db: Q, orgId: string, includeArchived: boolean): Promise<SiteRow[]> {
  let q = db.selectFrom('sites').selectAll().where('org_id', '=', orgId);
  if (!includeArchived) q = q.where('archived_at', 'is', null);
  return q.orderBy('name').orderBy('id').execute();
}

export function findSite(db: Q, orgId: string, id: string): Promise<SiteRow | undefined> {
  return findOrgRow(db, 'sites', orgId, id);
}

export async function insertSite(db: Q, row: SiteRow): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

/** Update when the version still matches; returns the number of rows changed. */
export function updateSite(
  db: Q,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: Partial<Omit<SiteRow, 'id' | 'org_id' | 'version'>>,
): Promise<number> {
  return updateVersioned(db, 'sites', orgId, id, expectedVersion, changes);
}

export async function listDepartments(
  db: Q,
  orgId: string,
  includeArchived: boolean,
): Promise<DepartmentRow[]> {
  let q = db.selectFrom('departments').selectAll().where('org_id', '=', orgId);
  if (!includeArchived) q = q.where('archived_at', 'is', null);
  return q.orderBy('name').orderBy('id').execute();
}

export function findDepartment(db: Q, orgId: string, id: string): Promise<DepartmentRow | undefined> {
  return findOrgRow(db, 'departments', orgId, id);
}

export async function insertDepartment(db: Q, row: DepartmentRow): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

/** Update when the version still matches; returns the number of rows changed. */
export function updateDepartment(
  db: Q,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: Partial<Omit<DepartmentRow, 'id' | 'org_id' | 'version'>>,
): Promise<number> {
  return updateVersioned(db, 'departments', orgId, id, expectedVersion, changes);
}
