import type {
  Department,
  DepartmentCreate,
  DepartmentUpdate,
  Site,
  SiteCreate,
  SiteUpdate,
} from '../../../shared/structure.js';
import type { Db } from '../../db/database.js';
import type { DepartmentRow, SiteRow } from '../../db/schema.js';
import { type AuditedTx, audited, duplicateAs409 } from '../../db/tx.js';
import { changeVersioned, setArchivedVersioned } from '../../db/versioned.js';
import { notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { OrgActor } from '../types.js';
import * as repo from './repo.js';

function presentSite(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    prefectureCode: row.prefecture_code,
    address: row.address,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function presentDepartment(row: DepartmentRow): Department {
  return {
    id: row.id,
    name: row.name,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

const blankToNull = (v: string | null | undefined): string | null => (v ? v : null);

// --- Sites ---

export async function listSites(db: Db, orgId: string, includeArchived: boolean): Promise<Site[]> {
  return (await repo.listSites(db.kysely, orgId, includeArchived)).map(presentSite);
}

export async function getSite(db: Db, orgId: string, id: string): Promise<Site> {
  const row = await repo.findSite(db.kysely, orgId, id);
  if (!row) throw notFound();
  return presentSite(row);
}

export async function createSite(db: Db, actor: OrgActor, input: SiteCreate): Promise<Site> {
  return duplicateAs409('name', () => audited(db, actor, (tx) => addSite(tx, actor, input)));
}

/** Create a site and its audit entry inside the caller's transaction (the demo loads its own). */
export async function addSite({ trx, audit }: AuditedTx, actor: OrgActor, input: SiteCreate): Promise<Site> {
  const now = nowIso();
  const row: SiteRow = {
    id: newId(),
    org_id: actor.orgId,
    name: input.name,
    kind: input.kind,
    prefecture_code: input.prefectureCode ?? null,
    address: blankToNull(input.address),
    archived_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  const site = presentSite(row);
  await repo.insertSite(trx, row);
  await audit({ action: 'site.create', entityType: 'site', entityId: row.id, after: site });
  return site;
}

export async function updateSite(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: SiteUpdate,
): Promise<Site> {
  return duplicateAs409('name', () =>
    audited(db, actor, async (tx) => {
      const after = await changeVersioned(tx, {
        load: () => repo.findSite(tx.trx, actor.orgId, id),
        expectedVersion,
        write: (_, version) => {
          const changes: Partial<SiteRow> = { updated_at: nowIso() };
          if (input.name !== undefined) changes.name = input.name;
          if (input.kind !== undefined) changes.kind = input.kind;
          if (input.prefectureCode !== undefined) changes.prefecture_code = input.prefectureCode;
          if (input.address !== undefined) changes.address = blankToNull(input.address);
          return repo.updateSite(tx.trx, actor.orgId, id, version, changes);
        },
        audit: (before, after) => ({
          action: 'site.update',
          entityType: 'site',
          entityId: id,
          before: presentSite(before),
          after: presentSite(after),
        }),
      });
      return presentSite(after);
    }),
  );
}

export async function setSiteArchived(db: Db, actor: OrgActor, id: string, archived: boolean): Promise<Site> {
  return audited(db, actor, async (tx) =>
    presentSite(
      await setArchivedVersioned(tx, {
        entityType: 'site',
        id,
        archived,
        load: () => repo.findSite(tx.trx, actor.orgId, id),
        update: (version, changes) => repo.updateSite(tx.trx, actor.orgId, id, version, changes),
      }),
    ),
  );
}

// --- Departments ---

export async function listDepartments(
  db: Db,
  orgId: string,
  includeArchived: boolean,
): Promise<Department[]> {
  return (await repo.listDepartments(db.kysely, orgId, includeArchived)).map(presentDepartment);
}

export async function getDepartment(db: Db, orgId: string, id: string): Promise<Department> {
  const row = await repo.findDepartment(db.kysely, orgId, id);
  if (!row) throw notFound();
  return presentDepartment(row);
}

export async function createDepartment(
  db: Db,
  actor: OrgActor,
  input: DepartmentCreate,
): Promise<Department> {
  return duplicateAs409('name', () => audited(db, actor, (tx) => addDepartment(tx, actor, input)));
}

/** Create a department and its audit entry inside the caller's transaction (the demo loads its own). */
export async function addDepartment(
  { trx, audit }: AuditedTx,
  actor: OrgActor,
  input: DepartmentCreate,
): Promise<Department> {
  const now = nowIso();
  const row: DepartmentRow = {
    id: newId(),
    org_id: actor.orgId,
    name: input.name,
    archived_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  const department = presentDepartment(row);
  await repo.insertDepartment(trx, row);
  await audit({ action: 'department.create', entityType: 'department', entityId: row.id, after: department });
  return department;
}

export async function updateDepartment(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: DepartmentUpdate,
): Promise<Department> {
  return duplicateAs409('name', () =>
    audited(db, actor, async (tx) => {
      const after = await changeVersioned(tx, {
        load: () => repo.findDepartment(tx.trx, actor.orgId, id),
        expectedVersion,
        write: (_, version) => {
          const changes: Partial<DepartmentRow> = { updated_at: nowIso() };
          if (input.name !== undefined) changes.name = input.name;
          return repo.updateDepartment(tx.trx, actor.orgId, id, version, changes);
        },
        audit: (before, after) => ({
          action: 'department.update',
          entityType: 'department',
          entityId: id,
          before: presentDepartment(before),
          after: presentDepartment(after),
        }),
      });
      return presentDepartment(after);
    }),
  );
}

export async function setDepartmentArchived(
  db: Db,
  actor: OrgActor,
  id: string,
  archived: boolean,
): Promise<Department> {
  return audited(db, actor, async (tx) =>
    presentDepartment(
      await setArchivedVersioned(tx, {
        entityType: 'department',
        id,
        archived,
        load: () => repo.findDepartment(tx.trx, actor.orgId, id),
        update: (version, changes) => repo.updateDepartment(tx.trx, actor.orgId, id, version, changes),
      }),
    ),
  );
}
