/**
 * The dependency graph's read model, shared by the inventory (graph view, edge checks) and the BIA
 * (derived priorities and RTOs, inversions, failure impact): every node of the four registers and
 * every edge, loaded in one go. Read-only; the inventory module writes nodes and edges.
 */

import { RtoSchema } from '../../../domain/bia-schemas.js';
import type { GraphEdgeInput, GraphNodeInput } from '../../../domain/dependency-graph.js';
import type { Rto } from '../../../domain/rto.js';
import type { Db } from '../../db/database.js';
import { decodeJsonColumn } from '../../db/json-column.js';
import type { DependencyEdgeRow } from '../../db/schema.js';
import * as repo from './repo.js';

type Q = Db['kysely'];

/** An RTO column (JSON text) as stored by the inventory; null when not set. */
export const parseRto = (v: string | null | undefined): Rto | null =>
  v ? decodeJsonColumn(RtoSchema, v, 'RTO (declared_rto / rto_override)') : null;

export interface LoadedNode extends GraphNodeInput {
  name: string;
  archived: boolean;
  dependencyLevel: number | null;
  importance: number | null;
  /** JSON text; read with parseRto. */
  declaredRto: string | null;
  /** JSON text; read with parseRto. */
  rtoOverride: string | null;
}

type EdgeEnds = Pick<DependencyEdgeRow, 'from_id' | 'to_id'>;
export interface LoadedGraph<E extends EdgeEnds = EdgeEnds> {
  nodes: LoadedNode[];
  byId: Map<string, LoadedNode>;
  edges: E[];
}

/** Every node and edge of the organization (archived ones flagged); edges as full rows or just their ends. */
export async function loadGraph(db: Q, orgId: string): Promise<LoadedGraph>;
export async function loadGraph(
  db: Q,
  orgId: string,
  fullEdges: true,
): Promise<LoadedGraph<DependencyEdgeRow>>;
export async function loadGraph(db: Q, orgId: string, fullEdges = false): Promise<LoadedGraph> {
  const [[ops, systems, components, suppliers], edges] = await Promise.all([
    repo.allNodes(db, orgId),
    fullEdges ? repo.allEdges(db, orgId) : repo.allEdgeEnds(db, orgId),
  ]);
  // One object shape for every kind (fields in the same order), built without spreads: an
  // organization can hold tens of thousands of nodes and this runs on every BIA rebuild.
  const node = (
    r: { id: string; name: string; archived_at: string | null },
    kind: LoadedNode['kind'],
    f: Partial<
      Pick<LoadedNode, 'importance' | 'dependencyLevel' | 'rtoOverride' | 'declaredRto' | 'layer' | 'side'>
    >,
  ): LoadedNode => ({
    id: r.id,
    kind,
    name: r.name,
    archived: r.archived_at !== null,
    layer: f.layer,
    side: f.side,
    importance: f.importance ?? null,
    dependencyLevel: f.dependencyLevel ?? null,
    rtoOverride: f.rtoOverride ?? null,
    declaredRto: f.declaredRto ?? null,
  });
  const nodes: LoadedNode[] = [];
  for (const r of ops)
    nodes.push(
      node(r, 'operation', {
        importance: r.importance,
        dependencyLevel: r.dependency_level,
        rtoOverride: r.rto_override,
      }),
    );
  for (const r of systems)
    nodes.push(node(r, 'system', { dependencyLevel: r.dependency_level, declaredRto: r.declared_rto }));
  for (const r of components)
    nodes.push(node(r, 'component', { layer: r.layer, side: r.side, declaredRto: r.declared_rto }));
  for (const r of suppliers) nodes.push(node(r, 'supplier', { declaredRto: r.declared_rto }));
  // Stable order on both engines: by name (code point), then id.
  nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  return { nodes, byId: new Map(nodes.map((n) => [n.id, n])), edges };
}

/** The active part of the graph (archived nodes and their edges left out), as domain input. */
export function activeGraphInput(g: LoadedGraph): { nodes: GraphNodeInput[]; edges: GraphEdgeInput[] } {
  const nodes = g.nodes.filter((n) => !n.archived);
  const edges: GraphEdgeInput[] = [];
  for (const e of g.edges) {
    const f = g.byId.get(e.from_id);
    const t = g.byId.get(e.to_id);
    if (f && t && !f.archived && !t.archived) edges.push({ from: e.from_id, to: e.to_id });
  }
  return { nodes, edges };
}
