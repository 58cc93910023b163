import { buildDependencyGraph, checkNewEdge } from '../../../domain/dependency-graph.js';
import type { Register } from '../../../domain/inventory.js';
import type { Edge, EdgeCreate, EdgeList, EdgeListQuery, Graph, Sort } from '../../../shared/inventory.js';
import type { FieldIssue } from '../../../shared/problem.js';
import { decodeIdCursor, decodePairCursor, encodePairCursor, idPage, keysetPage } from '../../cursor.js';
import type { Db } from '../../db/database.js';
import type { DependencyEdgeRow } from '../../db/schema.js';
import { type AuditedTx, audited, duplicateAs409 } from '../../db/tx.js';
import { changeVersioned } from '../../db/versioned.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { loadGraph } from '../graph/service.js';
import type { OrgActor } from '../types.js';
import {
  auditView,
  type CreateOf,
  emptyColumns,
  type ItemOf,
  type ListOf,
  type QueryOf,
  type RegisterItem,
  type RegisterSpec,
  specOf,
  TABLE_OF_NODE_TYPE,
  toColumns,
  type UpdateOf,
} from './registers.js';
import * as repo from './repo.js';

/** The input that creates an item of register R (the demo loader builds them). */
export type { CreateOf };

type Q = Db['kysely'];

const SORT_COLUMNS = {
  name: 'name',
  '-name': 'name',
  createdAt: 'created_at',
  '-createdAt': 'created_at',
  updatedAt: 'updated_at',
  '-updatedAt': 'updated_at',
} as const satisfies Record<Sort, repo.SortColumn>;

// --- Registers ---

/** One page of a register (a union of registers gets the union of their pages). */
export async function listItems<R extends Register>(
  db: Db,
  orgId: string,
  register: R,
  query: QueryOf<R>,
): Promise<ListOf<R>>;
export async function listItems<R extends Register>(
  db: Db,
  orgId: string,
  register: R,
  query: QueryOf<R>,
): Promise<{ items: RegisterItem[]; nextCursor: string | null }> {
  const spec = specOf(register);
  const limit = query.limit ?? 50;
  const sortKey = query.sort ?? 'name';
  const desc = sortKey.startsWith('-');
  const column = SORT_COLUMNS[sortKey];
  const equals: repo.ListFilter['equals'] = [];
  for (const { key, column: col } of spec.filters) {
    const v = query[key];
    if (v !== undefined && v !== '') equals.push([col, v]);
  }
  const rows = await repo.listRows(
    db.kysely,
    orgId,
    spec.table,
    spec.hasOwner,
    {
      q: query.q || undefined,
      includeArchived: query.includeArchived === 'true',
      equals,
      eolBefore: 'eolBefore' in query && typeof query.eolBefore === 'string' ? query.eolBefore : undefined,
    },
    { column, desc },
    query.cursor ? decodePairCursor(query.cursor) : null,
    limit + 1,
  );
  return keysetPage(rows, limit, spec.present, (last) => encodePairCursor(String(last[column]), last.id));
}

export async function getItem<R extends Register>(
  db: Db,
  orgId: string,
  register: R,
  id: string,
): Promise<ItemOf<R>> {
  return findItem(db.kysely, orgId, register, id);
}

/** One register item as this query builder (a transaction too) sees it. */
export async function findItem<R extends Register>(
  db: Q,
  orgId: string,
  register: R,
  id: string,
): Promise<ItemOf<R>> {
  const spec = specOf(register);
  const row = await repo.findRow(db, orgId, spec.table, spec.hasOwner, id);
  if (!row) throw notFound();
  return spec.present(row);
}

/**
 * Levels within the organization's scale, owner a person of the same organization. `owner` is the
 * owner to check (undefined: not set or unchanged).
 */
async function checkReferences<R extends Register>(
  db: Q,
  orgId: string,
  spec: RegisterSpec<R>,
  input: Partial<UpdateOf<R>>,
  owner: unknown,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const levels = spec.levelFields.flatMap((f) => {
    const v = input[f];
    return typeof v === 'number' ? [{ field: f, level: v }] : [];
  });
  if (levels.length) {
    const scale = await repo.biaScale(db, orgId);
    for (const { field, level } of levels)
      if (level > scale) issues.push({ path: [field], code: 'level_unknown', params: { level, scale } });
  }
  if (
    spec.hasOwner &&
    typeof owner === 'string' &&
    owner !== '' &&
    !(await repo.personExists(db, orgId, owner))
  )
    issues.push({ path: ['ownerPersonId'], code: 'unknown_person' });
  return issues;
}

/** The owner an input sets (undefined when it sets none). */
const ownerIn = (input: object): unknown => ('ownerPersonId' in input ? input.ownerPersonId : undefined);

export async function createItem<R extends Register>(
  db: Db,
  actor: OrgActor,
  register: R,
  input: CreateOf<R>,
): Promise<ItemOf<R>> {
  return duplicateAs409('name', () => audited(db, actor, (tx) => addItem(tx, actor, register, input)));
}

/** Create a register item and its audit entry inside the caller's transaction (the demo loads its own). */
export async function addItem<R extends Register>(
  { trx, audit }: AuditedTx,
  actor: OrgActor,
  register: R,
  input: CreateOf<R>,
): Promise<ItemOf<R>> {
  const spec = specOf(register);
  const issues = await checkReferences(trx, actor.orgId, spec, input, ownerIn(input));
  if (issues.length) throw invalid('validation_failed', { issues });
  const now = nowIso();
  const id = newId();
  await repo.insertRows(trx, spec.table, [
    {
      ...emptyColumns(spec),
      ...toColumns(spec, input),
      id,
      org_id: actor.orgId,
      archived_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    },
  ]);
  const item = await findItem(trx, actor.orgId, register, id);
  await audit({
    action: `${spec.entity}.create`,
    entityType: spec.entity,
    entityId: id,
    after: auditView(item),
  });
  return item;
}

/** Which item of which register, at which version, changed how. */
type Change<R extends Register> = [register: R, id: string, expectedVersion: number, input: UpdateOf<R>];

export async function updateItem<R extends Register>(
  db: Db,
  actor: OrgActor,
  ...change: Change<R>
): Promise<ItemOf<R>> {
  return duplicateAs409('name', () => audited(db, actor, (tx) => changeItem(tx, actor, ...change)));
}

/** Update a register item at its expected version, with its audit entry, inside the caller's transaction. */
export async function changeItem<R extends Register>(
  tx: AuditedTx,
  actor: OrgActor,
  ...[register, id, expectedVersion, input]: Change<R>
): Promise<ItemOf<R>> {
  const spec = specOf(register);
  const after = await changeVersioned(tx, {
    load: () => repo.findRow(tx.trx, actor.orgId, spec.table, spec.hasOwner, id),
    expectedVersion,
    write: async (before, version) => {
      // An owner left as it is is not checked again (it may have been archived since).
      const owner = ownerIn(input);
      const current = 'owner_person_id' in before ? before.owner_person_id : undefined;
      const issues = await checkReferences(
        tx.trx,
        actor.orgId,
        spec,
        input,
        owner !== current ? owner : undefined,
      );
      if (issues.length) throw invalid('validation_failed', { issues });
      return repo.updateRow(tx.trx, actor.orgId, spec.table, id, version, {
        ...toColumns(spec, input),
        updated_at: nowIso(),
      });
    },
    audit: (before, after) => ({
      action: `${spec.entity}.update`,
      entityType: spec.entity,
      entityId: id,
      before: auditView(spec.present(before)),
      after: auditView(spec.present(after)),
    }),
  });
  return spec.present(after);
}

export async function setArchived<R extends Register>(
  db: Db,
  actor: OrgActor,
  register: R,
  id: string,
  expectedVersion: number,
  archived: boolean,
): Promise<ItemOf<R>> {
  const spec = specOf(register);
  return audited(db, actor, async (tx) => {
    const after = await changeVersioned(tx, {
      load: () => repo.findRow(tx.trx, actor.orgId, spec.table, spec.hasOwner, id),
      expectedVersion,
      write: async (before, version) => {
        // Archiving twice changes nothing and records nothing.
        if ((before.archived_at !== null) === archived) return null;
        const now = nowIso();
        return repo.updateRow(tx.trx, actor.orgId, spec.table, id, version, {
          archived_at: archived ? now : null,
          updated_at: now,
        });
      },
      audit: (before, after) => ({
        action: `${spec.entity}.${archived ? 'archive' : 'unarchive'}`,
        entityType: spec.entity,
        entityId: id,
        before: { name: before.name, archivedAt: before.archived_at },
        after: { name: after.name, archivedAt: after.archived_at },
      }),
    });
    return spec.present(after);
  });
}

// --- Levels ---

/** Operation levels and system dependency levels, every row (archived too): the BIA's scale change reads them. */
export function levelledItems(db: Q, orgId: string) {
  return repo.levelledRows(db, orgId);
}

/**
 * Writes every level through `map` (a BIA scale change), row by row where it changes. Runs inside
 * the caller's audited transaction, whose audit entry records the change.
 */
export async function remapLevels(
  db: Q,
  orgId: string,
  rows: Awaited<ReturnType<typeof levelledItems>>,
  map: (level: number | null) => number | null,
  now: string,
): Promise<void> {
  for (const o of rows.operations) {
    const next = { importance: map(o.importance), dependency_level: map(o.dependency_level) };
    if (next.importance !== o.importance || next.dependency_level !== o.dependency_level)
      await repo.setOperationLevels(db, orgId, o.id, next, now);
  }
  for (const s of rows.systems) {
    const next = map(s.dependency_level);
    if (next !== s.dependency_level) await repo.setSystemLevel(db, orgId, s.id, next, now);
  }
}

// --- Graph and edges ---

function presentEdge(row: DependencyEdgeRow): Edge {
  return {
    id: row.id,
    fromType: row.from_type,
    fromId: row.from_id,
    toType: row.to_type,
    toId: row.to_id,
    createdAt: row.created_at,
  };
}

export async function graph(db: Db, orgId: string): Promise<Graph> {
  const g = await loadGraph(db.kysely, orgId, true);
  const active = new Set(g.nodes.filter((n) => !n.archived).map((n) => n.id));
  return {
    nodes: g.nodes
      .filter((n) => !n.archived)
      .map((n) => ({ id: n.id, type: n.kind, name: n.name, layer: n.layer ?? null, side: n.side ?? null })),
    edges: g.edges.filter((e) => active.has(e.from_id) && active.has(e.to_id)).map(presentEdge),
  };
}

export async function listEdges(db: Db, orgId: string, query: EdgeListQuery): Promise<EdgeList> {
  const limit = query.limit ?? 200;
  const rows = await repo.listEdges(db.kysely, orgId, query.nodeId, decodeIdCursor(query.cursor), limit + 1);
  return idPage(rows, limit, presentEdge);
}

export async function createEdge(db: Db, actor: OrgActor, input: EdgeCreate): Promise<Edge> {
  return audited(db, actor, (tx) => addEdge(tx, actor, input));
}

/** Create a dependency edge (checked against the whole graph) and its audit entry in the caller's transaction. */
export async function addEdge({ trx, audit }: AuditedTx, actor: OrgActor, input: EdgeCreate): Promise<Edge> {
  // Both ends must be nodes of the caller's organization: another organization's id is unknown.
  const issues: FieldIssue[] = [];
  if (!(await repo.nodeExists(trx, actor.orgId, TABLE_OF_NODE_TYPE[input.fromType], input.fromId)))
    issues.push({ path: ['fromId'], code: 'unknown_node' });
  if (!(await repo.nodeExists(trx, actor.orgId, TABLE_OF_NODE_TYPE[input.toType], input.toId)))
    issues.push({ path: ['toId'], code: 'unknown_node' });
  if (issues.length) throw invalid('validation_failed', { issues });

  const loaded = await loadGraph(trx, actor.orgId);
  // Cycles are checked over every node, archived ones included: unarchiving must not close one.
  const built = buildDependencyGraph(
    loaded.nodes,
    loaded.edges.map((e) => ({ from: e.from_id, to: e.to_id })),
  );
  if (!built.ok) throw conflict('conflict', { params: { reason: built.issues[0]?.code ?? 'graph_invalid' } });
  const problem = checkNewEdge(built.graph, { from: input.fromId, to: input.toId });
  if (problem) {
    if (problem.code === 'edge_duplicate') throw conflict('duplicate', { params: { field: 'edge' } });
    if (problem.code === 'graph_cycle' || problem.code === 'edge_self') {
      const ids = problem.cycle ?? [input.fromId, input.fromId];
      throw conflict('graph_cycle', {
        params: {
          cycle: ids.map((id) => loaded.byId.get(id)?.name ?? id).join(' → '),
          cycleIds: ids.join(','),
        },
      });
    }
    if (problem.code === 'edge_kind_not_allowed')
      throw invalid('edge_kind_not_allowed', { params: { fromType: input.fromType, toType: input.toType } });
    throw invalid('validation_failed', { issues: [{ path: ['toId'], code: 'unknown_node' }] });
  }
  const row: DependencyEdgeRow = {
    id: newId(),
    org_id: actor.orgId,
    from_type: input.fromType,
    from_id: input.fromId,
    to_type: input.toType,
    to_id: input.toId,
    created_at: nowIso(),
  };
  await repo.insertEdge(trx, row);
  await audit({
    action: 'edge.create',
    entityType: 'dependency_edge',
    entityId: row.id,
    after: {
      from: `${input.fromType}:${loaded.byId.get(input.fromId)?.name ?? input.fromId}`,
      to: `${input.toType}:${loaded.byId.get(input.toId)?.name ?? input.toId}`,
    },
  });
  return presentEdge(row);
}

export async function deleteEdge(db: Db, actor: OrgActor, id: string): Promise<void> {
  await audited(db, actor, async ({ trx, audit }) => {
    const row = await repo.findEdge(trx, actor.orgId, id);
    if (!row) throw notFound();
    await repo.deleteEdge(trx, actor.orgId, id);
    await audit({
      action: 'edge.delete',
      entityType: 'dependency_edge',
      entityId: id,
      before: { fromId: row.from_id, toId: row.to_id },
    });
  });
}
