import type { Kysely } from 'kysely';
import { orgRows } from '../../db/org-rows.js';
import type { Database, DepartmentRow, SiteRow } from '../../db/schema.js';
import { versionedUpdate } from '../../db/versioned.js';

type Q = Kysely<Database>;

const sites = orgRows('sites');
const departments = orgRows('departments');

export function listSites(db: Q, orgId: string, includeArchived: boolean): Promise<SiteRow[]> {
  return sites.list(db, orgId, {
    where: includeArchived ? {} : { archived_at: null },
    orderBy: ['name', 'id'],
  });
}

export const findSite = sites.find;
export const insertSite = sites.insert;
/** Update when the version still matches; returns the number of rows changed. */
export const updateSite = versionedUpdate('sites');

export function listDepartments(db: Q, orgId: string, includeArchived: boolean): Promise<DepartmentRow[]> {
  return departments.list(db, orgId, {
    where: includeArchived ? {} : { archived_at: null },
    orderBy: ['name', 'id'],
  });
}

export const findDepartment = departments.find;
export const insertDepartment = departments.insert;
/** Update when the version still matches; returns the number of rows changed. */
export const updateDepartment = versionedUpdate('departments');
