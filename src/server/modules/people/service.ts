import type {
  PeopleList,
  PeopleListQuery,
  Person,
  PersonCreate,
  PersonUpdate,
} from '../../../shared/people.js';
import type { FieldIssue } from '../../../shared/problem.js';
import { decodePairCursor, encodePairCursor } from '../../cursor.js';
import type { Db } from '../../db/database.js';
import type { PersonRow } from '../../db/schema.js';
import { type AuditedTx, audited, duplicateAs409 } from '../../db/tx.js';
import { changeVersioned, setArchivedVersioned } from '../../db/versioned.js';
import { invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { OrgActor } from '../types.js';
import * as repo from './repo.js';

function presentPerson(row: repo.PersonView): Person {
  return {
    id: row.id,
    employeeNumber: row.employee_number,
    name: row.name,
    nameKana: row.name_kana,
    email: row.email,
    phone: row.phone,
    chatHandle: row.chat_handle,
    siteId: row.site_id,
    siteName: row.site_name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    homePrefecture: row.home_prefecture,
    employmentStatus: row.employment_status,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** What the audit log keeps of a person (no need to copy every field twice). */
function auditView(p: Person) {
  const { createdAt: _c, updatedAt: _u, siteName: _s, departmentName: _d, ...rest } = p;
  return rest;
}

// '' from a form means "no value".
const blankToNull = (v: string | null | undefined): string | null => (v ? v : null);

const nameCursor = ({ value, id }: { value: string; id: string }) => ({ name: value, id });

export async function listPeople(db: Db, orgId: string, query: PeopleListQuery): Promise<PeopleList> {
  const limit = query.limit ?? 50;
  const rows = await repo.listPeople(
    db.kysely,
    orgId,
    {
      q: query.q || undefined,
      siteId: query.siteId,
      departmentId: query.departmentId,
      employmentStatus: query.employmentStatus,
      includeArchived: query.includeArchived === 'true',
    },
    query.cursor ? nameCursor(decodePairCursor(query.cursor)) : null,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(presentPerson),
    nextCursor: rows.length > limit && last ? encodePairCursor(last.name, last.id) : null,
  };
}

export async function getPerson(db: Db, orgId: string, id: string): Promise<Person> {
  const row = await repo.findPerson(db.kysely, orgId, id);
  if (!row) throw notFound();
  return presentPerson(row);
}

/** Site and department must be the caller's organization's: another org's id is simply unknown. */
async function checkReferences(
  db: Db['kysely'],
  orgId: string,
  input: { siteId?: string | null | undefined; departmentId?: string | null | undefined },
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (input.siteId && !(await repo.siteExists(db, orgId, input.siteId))) {
    issues.push({ path: ['siteId'], code: 'unknown_site' });
  }
  if (input.departmentId && !(await repo.departmentExists(db, orgId, input.departmentId))) {
    issues.push({ path: ['departmentId'], code: 'unknown_department' });
  }
  if (issues.length) throw invalid('validation_failed', { issues });
}

export async function createPerson(db: Db, actor: OrgActor, input: PersonCreate): Promise<Person> {
  return duplicateAs409('employeeNumber', () => audited(db, actor, (tx) => addPerson(tx, actor, input)));
}

/** Create a person and its audit entry inside the caller's transaction (the demo loads its own). */
export async function addPerson(
  { trx, audit }: AuditedTx,
  actor: OrgActor,
  input: PersonCreate,
): Promise<Person> {
  await checkReferences(trx, actor.orgId, input);
  const now = nowIso();
  const row: PersonRow = {
    id: newId(),
    org_id: actor.orgId,
    employee_number: blankToNull(input.employeeNumber),
    name: input.name,
    name_kana: blankToNull(input.nameKana),
    email: blankToNull(input.email),
    phone: blankToNull(input.phone),
    chat_handle: blankToNull(input.chatHandle),
    site_id: blankToNull(input.siteId),
    department_id: blankToNull(input.departmentId),
    home_prefecture: input.homePrefecture ?? null,
    employment_status: input.employmentStatus,
    archived_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await repo.insertPeople(trx, [row]);
  const created = await repo.findPerson(trx, actor.orgId, row.id);
  if (!created) throw notFound();
  const person = presentPerson(created);
  await audit({
    action: 'person.create',
    entityType: 'person',
    entityId: row.id,
    after: auditView(person),
  });
  return person;
}

export async function updatePerson(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: PersonUpdate,
): Promise<Person> {
  return duplicateAs409('employeeNumber', () =>
    audited(db, actor, async (tx) => {
      const after = await changeVersioned(tx, {
        load: () => repo.findPerson(tx.trx, actor.orgId, id),
        expectedVersion,
        write: (before, version) => writePerson(tx.trx, actor.orgId, id, before, version, input),
        audit: (before, after) => ({
          action: 'person.update',
          entityType: 'person',
          entityId: id,
          before: auditView(presentPerson(before)),
          after: auditView(presentPerson(after)),
        }),
      });
      return presentPerson(after);
    }),
  );
}

/** Check a person's changed references and write the changes at `version`. */
async function writePerson(
  trx: AuditedTx['trx'],
  orgId: string,
  id: string,
  before: PersonRow,
  version: number,
  input: PersonUpdate,
): Promise<number> {
  await checkReferences(trx, orgId, {
    siteId: input.siteId !== before.site_id ? input.siteId : undefined,
    departmentId: input.departmentId !== before.department_id ? input.departmentId : undefined,
  });
  const changes: Partial<PersonRow> = { updated_at: nowIso() };
  if (input.employeeNumber !== undefined) changes.employee_number = blankToNull(input.employeeNumber);
  if (input.name !== undefined) changes.name = input.name;
  if (input.nameKana !== undefined) changes.name_kana = blankToNull(input.nameKana);
  if (input.email !== undefined) changes.email = blankToNull(input.email);
  if (input.phone !== undefined) changes.phone = blankToNull(input.phone);
  if (input.chatHandle !== undefined) changes.chat_handle = blankToNull(input.chatHandle);
  if (input.siteId !== undefined) changes.site_id = blankToNull(input.siteId);
  if (input.departmentId !== undefined) changes.department_id = blankToNull(input.departmentId);
  if (input.homePrefecture !== undefined) changes.home_prefecture = input.homePrefecture;
  if (input.employmentStatus !== undefined) changes.employment_status = input.employmentStatus;
  return repo.updatePerson(trx, orgId, id, version, changes);
}

export async function setPersonArchived(
  db: Db,
  actor: OrgActor,
  id: string,
  archived: boolean,
): Promise<Person> {
  return audited(db, actor, async (tx) =>
    presentPerson(
      await setArchivedVersioned(tx, {
        entityType: 'person',
        id,
        archived,
        load: () => repo.findPerson(tx.trx, actor.orgId, id),
        update: (version, changes) => repo.updatePerson(tx.trx, actor.orgId, id, version, changes),
      }),
    ),
  );
}
