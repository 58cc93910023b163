import {
  isLevel,
  operationDependencyLevel,
  type Priority,
  type PriorityMatrix,
  priorityFor,
} from '../../../domain/bia.js';
import {
  buildDependencyGraph,
  type Derivation,
  deriveRequirements,
  type OperationRequirement,
} from '../../../domain/dependency-graph.js';
import type { Rto } from '../../../domain/rto.js';
import type { BiaOperation, BiaSettings } from '../../../shared/bia-api.js';
import type { Db } from '../../db/database.js';
import { conflict } from '../../errors.js';
import { newId } from '../../ids.js';
import {
  activeGraphInput,
  type LoadedGraph,
  type LoadedNode,
  loadGraph,
  parseRto,
} from '../graph/service.js';
import { RevisionCache } from './cache.js';
import type { PreparedJson } from './prepared-json.js';
import * as repo from './repo.js';
import { getSettings } from './settings.js';

type Q = Db['kysely'];

/** Dependency levels of the active systems each active operation uses directly. */
export function systemLevelsByOperation(g: LoadedGraph): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of g.edges) {
    // Most edges do not start at an operation: one lookup settles them.
    const f = g.byId.get(e.from_id);
    if (f?.kind !== 'operation' || f.archived) continue;
    const t = g.byId.get(e.to_id);
    if (!t || t.archived || t.kind !== 'system') continue;
    if (t.dependencyLevel === null) continue;
    const list = out.get(f.id) ?? [];
    list.push(t.dependencyLevel);
    out.set(f.id, list);
  }
  return out;
}

/** An organization's BIA derived from its data as one read saw it. */
export interface BiaState {
  settings: BiaSettings;
  /** Every node, archived ones flagged (names, kinds). The edges are not kept. */
  byId: Map<string, LoadedNode>;
  operations: BiaOperation[];
  derivation: Derivation;
  /** GET /bia serialized, made on its first request. */
  body?: Promise<PreparedJson>;
}

export async function compute(db: Q, orgId: string): Promise<BiaState> {
  const settings = await getSettings(db, orgId);
  const loaded = await loadGraph(db, orgId);
  const matrix: PriorityMatrix = { scale: settings.scale, cells: settings.matrix };
  const systemLevels = systemLevelsByOperation(loaded);
  const operations: BiaOperation[] = [];
  const requirements = new Map<string, OperationRequirement>();
  const declared = new Map<string, Rto>();
  for (const n of loaded.nodes) {
    if (n.archived) continue;
    if (n.kind !== 'operation') {
      const d = parseRto(n.declaredRto);
      if (d) declared.set(n.id, d);
      continue;
    }
    const manual = n.dependencyLevel;
    const dependency = manual ?? operationDependencyLevel(systemLevels.get(n.id) ?? []);
    let priority: Priority | null = null;
    if (n.importance !== null && isLevel(settings.scale, n.importance) && isLevel(settings.scale, dependency))
      priority = priorityFor(matrix, { importance: n.importance, dependency });
    const override = parseRto(n.rtoOverride);
    const rto: Rto = override ?? (priority ? settings.rtoTable[priority] : { kind: 'not_set' });
    operations.push({
      id: n.id,
      name: n.name,
      importance: n.importance,
      dependency,
      dependencySource: manual === null ? 'systems' : 'manual',
      priority,
      rto,
      rtoSource: override ? 'override' : priority ? 'table' : 'none',
    });
    requirements.set(n.id, { priority, rto });
  }
  const input = activeGraphInput(loaded);
  const built = buildDependencyGraph(input.nodes, input.edges);
  if (!built.ok) throw conflict('conflict', { params: { reason: built.issues[0]?.code ?? 'graph_invalid' } });
  const derivation = deriveRequirements(built.graph, { operations: requirements, declaredRto: declared });
  return { settings, byId: loaded.byId, operations, derivation };
}

/** What the cache keeps: the state and the revision it was derived from. */
export interface CachedState extends BiaState {
  revision: string;
}

// One cache per database handle (each app, and each test app, has its own).
const caches = new WeakMap<Db, RevisionCache<CachedState>>();
/**
 * A few organizations. Weight = nodes + edges: the 10,000-system benchmark organization weighs
 * ~65,000 and holds ~22 MB once its GET /bia body is prepared, so the budget is ~70 MB at most.
 */
const CACHE_LIMITS = { maxEntries: 16, maxWeight: 200_000 };

function cacheOf(db: Db): RevisionCache<CachedState> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new RevisionCache<CachedState>(CACHE_LIMITS);
    caches.set(db, cache);
  }
  return cache;
}

/**
 * The organization's derived BIA at the database's current revision: rebuilt only when the data
 * changed. The revision is the head of the organization's audit chain, which every write moves
 * in its own transaction (src/server/db/tx.ts `audited`), so it is proven fresh by the database
 * itself — writes from other processes and restores included. A build during which the revision
 * moved is answered but not kept.
 */
export async function current(db: Db, orgId: string): Promise<CachedState> {
  const revision = await repo.revision(db.kysely, orgId);
  return cacheOf(db).get(orgId, revision, async () => {
    const state = await compute(db.kysely, orgId);
    const g = state.derivation.graph;
    const cacheable = (await repo.revision(db.kysely, orgId)) === revision;
    return {
      // Built while the data moved: a one-off whose ETag no later request can match.
      value: { ...state, revision: cacheable ? revision : `${revision}+${newId()}` },
      weight: g.ids.length + g.edgeCount,
      cacheable,
    };
  });
}
