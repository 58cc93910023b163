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
import { type AuditedTx, audited, isUniqueViolation } from '../../db/tx.js';
import { conflict, notFound, stale } from '../../errors.js';
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

/** Unique (org, name) violations become 409 duplicate naming the field. */
async function duplicateNameAs409<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('duplicate', { params: { field: 'name' } });
    throw err;
  }
}

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
  return duplicateNameAs409(() => audited(db, actor, (tx) => addSite(tx, actor, input)));
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
  return duplicateNameAs409(() =>
    audited(db, actor, async ({ trx, audit }) => {
      const before = await repo.findSite(trx, actor.orgId, id);
      if (!before) throw notFound();
      if (before.version !== expectedVersion) throw stale();
      const changes: Partial<SiteRow> = { updated_at: nowIso() };
      if (input.name !== undefined) changes.name = input.name;
      if (input.kind !== undefined) changes.kind = input.kind;
      if (input.prefectureCode !== undefined) changes.prefecture_code = input.prefectureCode;
      if (input.address !== undefined) changes.address = blankToNull(input.address);
      const n = await repo.updateSite(trx, actor.orgId, id, expectedVersion, changes);
      if (n === 0) throw stale();
      const after = await repo.findSite(trx, actor.orgId, id);
      if (!after) throw notFound();
      await audit({
        action: 'site.update',
        entityType: 'site',
        entityId: id,
        before: presentSite(before),
        after: presentSite(after),
      });
      return presentSite(after);
    }),
  );
}

export async function setSiteArchived(db: Db, actor: OrgActor, id: string, archived: boolean): Promise<Site> {
  return audited(db, actor, async ({ trx, audit }) => {
    const before = await repo.findSite(trx, actor.orgId, id);
    if (!before) throw notFound();
    // Archiving twice changes nothing and records nothing.
    if ((before.archived_at !== null) === archived) return presentSite(before);
    const now = nowIso();
    const n = await repo.updateSite(trx, actor.orgId, id, before.version, {
      archived_at: archived ? now : null,
      updated_at: now,
    });
    if (n === 0) throw stale();
    const after = await repo.findSite(trx, actor.orgId, id);
    if (!after) throw notFound();
    await audit({
      action: archived ? 'site.archive' : 'site.unarchive',
      entityType: 'site',
      entityId: id,
      before: { name: before.name, archivedAt: before.archived_at },
      after: { name: after.name, archivedAt: after.archived_at },
    });
    return presentSite(after);
  });
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
  return duplicateNameAs409(() => audited(db, actor, (tx) => addDepartment(tx, actor, input)));
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
  return duplicateNameAs409(() =>
    audited(db, actor, async ({ trx, audit }) => {
      const before = await repo.findDepartment(trx, actor.orgId, id);
      if (!before) throw notFound();
      if (before.version !== expectedVersion) throw stale();
      const changes: Partial<DepartmentRow> = { updated_at: nowIso() };
      if (input.name !== undefined) changes.name = input.name;
      const n = await repo.updateDepartment(trx, actor.orgId, id, expectedVersion, changes);
      if (n === 0) throw stale();
      const after = await repo.findDepartment(trx, actor.orgId, id);
      if (!after) throw notFound();
      await audit({
        action: 'department.update',
        entityType: 'department',
        entityId: id,
        before: presentDepartment(before),
        after: presentDepartment(after),
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
  return audited(db, actor, async ({ trx, audit }) => {
    const before = await repo.findDepartment(trx, actor.orgId, id);
    if (!before) throw notFound();
    if ((before.archived_at !== null) === archived) return presentDepartment(before);
    const now = nowIso();
    const n = await repo.updateDepartment(trx, actor.orgId, id, before.version, {
      archived_at: archived ? now : null,
      updated_at: now,
    });
    if (n === 0) throw stale();
    const after = await repo.findDepartment(trx, actor.orgId, id);
    if (!after) throw notFound();
    await audit({
      action: archived ? 'department.archive' : 'department.unarchive',
      entityType: 'department',
      entityId: id,
      before: { name: before.name, archivedAt: before.archived_at },
      after: { name: after.name, archivedAt: after.archived_at },
    });
    return presentDepartment(after);
  });
}
