import { type Kysely, sql } from 'kysely';
import type { EmploymentStatus } from '../../../domain/organization.js';
import { orgRowExists } from '../../db/org-rows.js';
import type { Database, PersonRow } from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';

type Q = Kysely<Database>;

/** A person with the names of its site and department, for display and export. */
export interface PersonView extends PersonRow {
  site_name: string | null;
  department_name: string | null;
}

function selectPeople(db: Q, orgId: string) {
  return db
    .selectFrom('people')
    .leftJoin('sites', (j) => j.onRef('sites.id', '=', 'people.site_id').on('sites.org_id', '=', orgId))
    .leftJoin('departments', (j) =>
      j.onRef('departments.id', '=', 'people.department_id').on('departments.org_id', '=', orgId),
    )
    .selectAll('people')
    .select(['sites.name as site_name', 'departments.name as department_name'])
    .where('people.org_id', '=', orgId);
}

export interface PeopleFilter {
  q?: string | undefined;
  siteId?: string | undefined;
  departmentId?: string | undefined;
  employmentStatus?: EmploymentStatus | undefined;
  includeArchived: boolean;
}

/** '%text%' with LIKE wildcards in the text taken literally (escape character '\'). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Hiragana typed in the search box also finds katakana readings, and vice versa.
function otherKana(text: string): string {
  return text.replace(/[\u3041-\u3096\u30A1-\u30F6]/g, (c) => {
    const code = c.charCodeAt(0);
    return String.fromCharCode(code < 0x30a0 ? code + 0x60 : code - 0x60);
  });
}

export async function listPeople(
  db: Q,
  orgId: string,
  filter: PeopleFilter,
  after: { name: string; id: string } | null,
  limit: number,
): Promise<PersonView[]> {
  let q = selectPeople(db, orgId);
  if (!filter.includeArchived) q = q.where('people.archived_at', 'is', null);
  if (filter.siteId) q = q.where('people.site_id', '=', filter.siteId);
  if (filter.departmentId) q = q.where('people.department_id', '=', filter.departmentId);
  if (filter.employmentStatus) q = q.where('people.employment_status', '=', filter.employmentStatus);
  if (filter.q) {
    const patterns = [...new Set([filter.q, otherKana(filter.q)])].map(containsPattern);
    q = q.where((eb) =>
      eb.or(
        patterns.flatMap((p) =>
          (['people.name', 'people.name_kana', 'people.email', 'people.employee_number'] as const).map(
            (col) => sql<boolean>`lower(${sql.ref(col)}) like lower(${p}) escape '\\'`,
          ),
        ),
      ),
    );
  }
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('people.name', '>', after.name),
        eb.and([eb('people.name', '=', after.name), eb('people.id', '>', after.id)]),
      ]),
    );
  }
  return q.orderBy('people.name').orderBy('people.id').limit(limit).execute();
}

export async function findPerson(db: Q, orgId: string, id: string): Promise<PersonView | undefined> {
  return selectPeople(db, orgId).where('people.id', '=', id).executeTakeFirst();
}

export async function insertPeople(db: Q, rows: PersonRow[]): Promise<void> {
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('people')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** Update when the version still matches; returns the number of rows changed. */
export function updatePerson(
  db: Q,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: Partial<Omit<PersonRow, 'id' | 'org_id' | 'version'>>,
): Promise<number> {
  return updateVersioned(db, 'people', orgId, id, expectedVersion, changes);
}

export function siteExists(db: Q, orgId: string, id: string): Promise<boolean> {
  return orgRowExists(db, 'sites', orgId, id);
}

export function departmentExists(db: Q, orgId: string, id: string): Promise<boolean> {
  return orgRowExists(db, 'departments', orgId, id);
}

/** Active sites and departments, by name, for resolving names in an import file. */
export async function activeStructureNames(
  db: Q,
  orgId: string,
): Promise<{ sites: { id: string; name: string }[]; departments: { id: string; name: string }[] }> {
  const sites = await db
    .selectFrom('sites')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('archived_at', 'is', null)
    .execute();
  const departments = await db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('archived_at', 'is', null)
    .execute();
  return { sites, departments };
}

/** People that have an employee number: the ones an import may update. */
export async function peopleByEmployeeNumber(db: Q, orgId: string): Promise<Map<string, PersonRow>> {
  const rows = await db
    .selectFrom('people')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('employee_number', 'is not', null)
    .execute();
  return new Map(rows.flatMap((r) => (r.employee_number === null ? [] : [[r.employee_number, r] as const])));
}

export async function peopleForExport(db: Q, orgId: string, includeArchived: boolean): Promise<PersonView[]> {
  let q = selectPeople(db, orgId);
  if (!includeArchived) q = q.where('people.archived_at', 'is', null);
  return q.orderBy('people.name').orderBy('people.id').execute();
}
