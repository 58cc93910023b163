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

type Trx = AuditedTx['trx'];
/** The columns a versioned update may change (the repo bumps the version itself). */
type Changes<Row> = Partial<Omit<Row, 'id' | 'org_id' | 'version'>>;

/**
 * What differs between a site and a department (its audit name, how it is shown, which repo
 * functions hold it); reading, creating, changing and archiving one are written once below for both.
 */
interface StructureEntity<Row extends SiteRow | DepartmentRow, Item> {
  entityType: 'site' | 'department';
  present: (row: Row) => Item;
  find: (trx: Trx, orgId: string, id: string) => Promise<Row | undefined>;
  insert: (trx: Trx, row: Row) => Promise<void>;
  /** Archiving writes the two archive columns of either kind of row. */
  update: (
    trx: Trx,
    orgId: string,
    id: string,
    version: number,
    changes: Changes<Row> | { archived_at: string | null; updated_at: string },
  ) => Promise<number>;
}

const SITE: StructureEntity<SiteRow, Site> = {
  entityType: 'site',
  present: presentSite,
  find: repo.findSite,
  insert: repo.insertSite,
  update: repo.updateSite,
};

const DEPARTMENT: StructureEntity<DepartmentRow, Department> = {
  entityType: 'department',
  present: presentDepartment,
  find: repo.findDepartment,
  insert: repo.insertDepartment,
  update: repo.updateDepartment,
};

/** One row as the API shows it; another organization's id or none answers 404. */
async function getRow<Row extends SiteRow | DepartmentRow, Item>(
  db: Db,
  entity: StructureEntity<Row, Item>,
  orgId: string,
  id: string,
): Promise<Item> {
  const row = await entity.find(db.kysely, orgId, id);
  if (!row) throw notFound();
  return entity.present(row);
}

/** Insert a new row and audit it as `<entity>.create`, inside the caller's transaction. */
async function insertAudited<Row extends SiteRow | DepartmentRow, Item>(
  { trx, audit }: AuditedTx,
  entity: StructureEntity<Row, Item>,
  row: Row,
): Promise<Item> {
  const item = entity.present(row);
  await entity.insert(trx, row);
  await audit({
    action: `${entity.entityType}.create`,
    entityType: entity.entityType,
    entityId: row.id,
    after: item,
  });
  return item;
}

/**
 * Apply the changes the client asked for at the version it edited, audited as `<entity>.update`
 * with the row before and after; a name another row already has answers 409.
 */
function updateAudited<Row extends SiteRow | DepartmentRow, Item>(
  db: Db,
  actor: OrgActor,
  entity: StructureEntity<Row, Item>,
  id: string,
  expectedVersion: number,
  changes: Changes<Row>,
): Promise<Item> {
  return duplicateAs409('name', () =>
    audited(db, actor, async (tx) => {
      const after = await changeVersioned(tx, {
        load: () => entity.find(tx.trx, actor.orgId, id),
        expectedVersion,
        write: (_, version) =>
          entity.update(tx.trx, actor.orgId, id, version, { ...changes, updated_at: nowIso() }),
        audit: (before, after) => ({
          action: `${entity.entityType}.update`,
          entityType: entity.entityType,
          entityId: id,
          before: entity.present(before),
          after: entity.present(after),
        }),
      });
      return entity.present(after);
    }),
  );
}

/** Archive or restore a row (see setArchivedVersioned), in its own audited transaction. */
function setArchived<Row extends SiteRow | DepartmentRow, Item>(
  db: Db,
  actor: OrgActor,
  entity: StructureEntity<Row, Item>,
  id: string,
  archived: boolean,
): Promise<Item> {
  return audited(db, actor, async (tx) =>
    entity.present(
      await setArchivedVersioned(tx, {
        entityType: entity.entityType,
        id,
        archived,
        load: () => entity.find(tx.trx, actor.orgId, id),
        update: (version, changes) => entity.update(tx.trx, actor.orgId, id, version, changes),
      }),
    ),
  );
}

// --- Sites ---

export async function listSites(db: Db, orgId: string, includeArchived: boolean): Promise<Site[]> {
  return (await repo.listSites(db.kysely, orgId, includeArchived)).map(presentSite);
}

export function getSite(db: Db, orgId: string, id: string): Promise<Site> {
  return getRow(db, SITE, orgId, id);
}

export async function createSite(db: Db, actor: OrgActor, input: SiteCreate): Promise<Site> {
  return duplicateAs409('name', () => audited(db, actor, (tx) => addSite(tx, actor, input)));
}

/** Create a site and its audit entry inside the caller's transaction (the demo loads its own). */
export function addSite(tx: AuditedTx, actor: OrgActor, input: SiteCreate): Promise<Site> {
  const now = nowIso();
  return insertAudited(tx, SITE, {
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
  });
}

export function updateSite(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: SiteUpdate,
): Promise<Site> {
  const changes: Changes<SiteRow> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.kind !== undefined) changes.kind = input.kind;
  if (input.prefectureCode !== undefined) changes.prefecture_code = input.prefectureCode;
  if (input.address !== undefined) changes.address = blankToNull(input.address);
  return updateAudited(db, actor, SITE, id, expectedVersion, changes);
}

export function setSiteArchived(db: Db, actor: OrgActor, id: string, archived: boolean): Promise<Site> {
  return setArchived(db, actor, SITE, id, archived);
}

// --- Departments ---

export async function listDepartments(
  db: Db,
  orgId: string,
  includeArchived: boolean,
): Promise<Department[]> {
  return (await repo.listDepartments(db.kysely, orgId, includeArchived)).map(presentDepartment);
}

export function getDepartment(db: Db, orgId: string, id: string): Promise<Department> {
  return getRow(db, DEPARTMENT, orgId, id);
}

export async function createDepartment(
  db: Db,
  actor: OrgActor,
  input: DepartmentCreate,
): Promise<Department> {
  return duplicateAs409('name', () => audited(db, actor, (tx) => addDepartment(tx, actor, input)));
}

/** Create a department and its audit entry inside the caller's transaction (the demo loads its own). */
export function addDepartment(tx: AuditedTx, actor: OrgActor, input: DepartmentCreate): Promise<Department> {
  const now = nowIso();
  return insertAudited(tx, DEPARTMENT, {
    id: newId(),
    org_id: actor.orgId,
    name: input.name,
    archived_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  });
}

export function updateDepartment(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: DepartmentUpdate,
): Promise<Department> {
  const changes: Changes<DepartmentRow> = {};
  if (input.name !== undefined) changes.name = input.name;
  return updateAudited(db, actor, DEPARTMENT, id, expectedVersion, changes);
}

export function setDepartmentArchived(
  db: Db,
  actor: OrgActor,
  id: string,
  archived: boolean,
): Promise<Department> {
  return setArchived(db, actor, DEPARTMENT, id, archived);
}
