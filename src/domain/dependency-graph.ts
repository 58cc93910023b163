// biome-ignore-all lint/style/noNonNullAssertion: CSR arrays indexed by node and edge numbers that are in range by construction; checking each read would slow the 10,000-system derivation (npm run bench:bia).
/**
 * The IT dependency graph (PRODUCT module 3/4, 001 §5つのIT構成要素, 002: inter-system links):
 * operations need systems, systems need other systems, components (five IT layers, client or
 * server side) and suppliers; components need suppliers. An edge `from → to` reads
 * "from depends on to". Pure: no I/O.
 *
 * Everything here is iterative over compact adjacency arrays (CSR), so 10,000 systems and 50,000
 * edges take milliseconds and no call stack depth limit applies.
 */

import { PRIORITIES, type Priority } from './bia.js';
import { isOneOf } from './one-of.js';
import { isRtoTarget, type Rto, rtoStrictnessKey } from './rto.js';

export const NODE_KINDS = ['operation', 'system', 'component', 'supplier'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** 001 §5つのIT構成要素: L1 building … L5 people. */
export const IT_LAYERS = [1, 2, 3, 4, 5] as const;
export type ItLayer = (typeof IT_LAYERS)[number];
export const SIDES = ['client', 'server'] as const;
export type Side = (typeof SIDES)[number];

export interface GraphNodeInput {
  id: string;
  kind: NodeKind;
  /** Components only. */
  layer?: ItLayer;
  /** Components only. */
  side?: Side;
}

export interface GraphEdgeInput {
  /** The dependant. */
  from: string;
  /** What it depends on. */
  to: string;
}

/** Which kind may depend on which. */
export const ALLOWED_EDGES: Record<NodeKind, readonly NodeKind[]> = {
  operation: ['system'],
  system: ['system', 'component', 'supplier'],
  component: ['supplier'],
  supplier: [],
};

const isAllowedEdge = (from: NodeKind, to: NodeKind): boolean => ALLOWED_EDGES[from].includes(to);

const KIND_CODE: Record<NodeKind, number> = { operation: 0, system: 1, component: 2, supplier: 3 };
const OPERATION = 0;

export interface DependencyGraph {
  /** Node ids by index. */
  ids: string[];
  kinds: NodeKind[];
  index: Map<string, number>;
  /** Kind codes by index (0 operation, 1 system, 2 component, 3 supplier). */
  kindCodes: Uint8Array;
  edgeCount: number;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  /** Out-edges of node i: targets outTargets[outStart[i] .. outStart[i+1]). */
  outStart: Int32Array;
  outTargets: Int32Array;
  /** In-edges of node i: sources inSources[inStart[i] .. inStart[i+1]), edge indices inEdges[…]. */
  inStart: Int32Array;
  inSources: Int32Array;
  inEdges: Int32Array;
  /** A topological order: every node comes before what it depends on. */
  topo: Int32Array;
}

type GraphProblem =
  | 'node_id_duplicate'
  | 'node_kind_unknown'
  | 'component_layer_invalid'
  | 'component_side_invalid'
  | 'edge_node_unknown'
  | 'edge_self'
  | 'edge_kind_not_allowed'
  | 'edge_duplicate'
  | 'graph_cycle';

export interface GraphIssue {
  path: (string | number)[];
  code: GraphProblem;
  params?: Record<string, string | number>;
  /** For graph_cycle: node ids in order, first repeated at the end (a → b → c → a). */
  cycle?: string[];
}

function checkNodes(nodes: readonly GraphNodeInput[], issues: GraphIssue[]): Map<string, number> {
  const index = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (!isOneOf(NODE_KINDS, n.kind))
      issues.push({
        path: ['nodes', i, 'kind'],
        code: 'node_kind_unknown',
        params: { id: n.id, kind: String(n.kind) },
      });
    if (n.kind === 'component') {
      if (!isOneOf(IT_LAYERS, n.layer))
        issues.push({ path: ['nodes', i, 'layer'], code: 'component_layer_invalid', params: { id: n.id } });
      if (!isOneOf(SIDES, n.side))
        issues.push({ path: ['nodes', i, 'side'], code: 'component_side_invalid', params: { id: n.id } });
    }
    if (index.has(n.id))
      issues.push({ path: ['nodes', i, 'id'], code: 'node_id_duplicate', params: { id: n.id } });
    else index.set(n.id, i);
  });
  return index;
}

/**
 * Builds the graph, refusing unknown or duplicate nodes, edges that the kinds do not allow,
 * self-edges, duplicate edges and cycles (the cycle is named).
 * @example buildDependencyGraph([{ id: 'o', kind: 'operation' }, { id: 's', kind: 'system' }], [{ from: 'o', to: 's' }])
 */
export function buildDependencyGraph(
  nodes: readonly GraphNodeInput[],
  edges: readonly GraphEdgeInput[],
): { ok: true; graph: DependencyGraph } | { ok: false; issues: GraphIssue[] } {
  const issues: GraphIssue[] = [];
  const index = checkNodes(nodes, issues);
  const n = nodes.length;
  const edgeFrom = new Int32Array(edges.length);
  const edgeTo = new Int32Array(edges.length);
  const seen = new Set<number>();
  edges.forEach((e, i) => {
    const f = index.get(e.from);
    const t = index.get(e.to);
    if (f === undefined || t === undefined) {
      issues.push({
        path: ['edges', i, f === undefined ? 'from' : 'to'],
        code: 'edge_node_unknown',
        params: { id: f === undefined ? e.from : e.to },
      });
      return;
    }
    if (f === t) {
      issues.push({ path: ['edges', i], code: 'edge_self', params: { id: e.from }, cycle: [e.from, e.from] });
      return;
    }
    const fk = nodes[f]?.kind;
    const tk = nodes[t]?.kind;
    // f and t index `nodes` (from checkNodes), so both kinds are there.
    if (fk && tk && !isAllowedEdge(fk, tk))
      issues.push({
        path: ['edges', i],
        code: 'edge_kind_not_allowed',
        params: { from: e.from, to: e.to, fromKind: fk, toKind: tk },
      });
    const key = f * n + t;
    if (seen.has(key))
      issues.push({ path: ['edges', i], code: 'edge_duplicate', params: { from: e.from, to: e.to } });
    seen.add(key);
    edgeFrom[i] = f;
    edgeTo[i] = t;
  });
  if (issues.length > 0) return { ok: false, issues };

  const graph = assemble(nodes, index, edgeFrom, edgeTo);
  if (graph.topo.length < n) {
    const cycle = findCycleAmongRest(graph);
    return {
      ok: false,
      issues: [{ path: ['edges'], code: 'graph_cycle', cycle, params: { cycle: cycle.join(' → ') } }],
    };
  }
  return { ok: true, graph };
}

function assemble(
  nodes: readonly GraphNodeInput[],
  index: Map<string, number>,
  edgeFrom: Int32Array,
  edgeTo: Int32Array,
): DependencyGraph {
  const n = nodes.length;
  const m = edgeFrom.length;
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    outStart[edgeFrom[e]! + 1]!++;
    inStart[edgeTo[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    outStart[i + 1]! += outStart[i]!;
    inStart[i + 1]! += inStart[i]!;
  }
  const outTargets = new Int32Array(m);
  const inSources = new Int32Array(m);
  const inEdges = new Int32Array(m);
  const outFill = outStart.slice(0, n);
  const inFill = inStart.slice(0, n);
  for (let e = 0; e < m; e++) {
    const f = edgeFrom[e]!;
    const t = edgeTo[e]!;
    outTargets[outFill[f]!++] = t;
    const p = inFill[t]!++;
    inSources[p] = f;
    inEdges[p] = e;
  }
  const kindCodes = new Uint8Array(n);
  for (const [i, node] of nodes.entries()) kindCodes[i] = KIND_CODE[node.kind];

  // Kahn's algorithm: a node is emitted once all its dependants are.
  const pending = new Int32Array(n);
  for (let i = 0; i < n; i++) pending[i] = inStart[i + 1]! - inStart[i]!;
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (pending[i] === 0) order[tail++] = i;
  while (head < tail) {
    const u = order[head++]!;
    for (let p = outStart[u]!; p < outStart[u + 1]!; p++) {
      const v = outTargets[p]!;
      if (--pending[v]! === 0) order[tail++] = v;
    }
  }
  return {
    ids: nodes.map((x) => x.id),
    kinds: nodes.map((x) => x.kind),
    index,
    kindCodes,
    edgeCount: m,
    edgeFrom,
    edgeTo,
    outStart,
    outTargets,
    inStart,
    inSources,
    inEdges,
    topo: order.subarray(0, tail),
  };
}

/** After Kahn's algorithm stalls, every node left has a dependant that is also left: walk back until a node repeats. */
function findCycleAmongRest(g: DependencyGraph): string[] {
  const n = g.ids.length;
  const done = new Uint8Array(n);
  for (const i of g.topo) done[i] = 1;
  let start = 0;
  while (done[start]) start++;
  const step = new Int32Array(n).fill(-1); // position in the walk
  const walk: number[] = [];
  let v = start;
  while (step[v] === -1) {
    step[v] = walk.length;
    walk.push(v);
    let next = -1;
    for (let p = g.inStart[v]!; p < g.inStart[v + 1]!; p++) {
      const u = g.inSources[p]!;
      if (!done[u]) {
        next = u;
        break;
      }
    }
    v = next;
  }
  // walk[step[v]..] followed in-edges backwards; reverse it to read in dependency direction.
  const loop = walk.slice(step[v]!).reverse();
  const ids = loop.map((i) => g.ids[i]!);
  ids.push(ids[0]!);
  return ids;
}

/**
 * Would adding `from → to` close a cycle? Returns the cycle it would create, in order with the
 * first node repeated at the end (`from → to → … → from`), or null. Breadth-first, so the named
 * cycle is a shortest one.
 * @example wouldCreateCycle(g, 'db', 'web') // ['db', 'web', 'db'] when web already depends on db
 */
export function wouldCreateCycle(g: DependencyGraph, from: string, to: string): string[] | null {
  if (from === to) return [from, from];
  const f = g.index.get(from);
  const t = g.index.get(to);
  if (f === undefined || t === undefined) return null;
  const n = g.ids.length;
  const parent = new Int32Array(n).fill(-2);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  queue[tail++] = t;
  parent[t] = -1;
  while (head < tail) {
    const u = queue[head++]!;
    if (u === f) {
      const path: string[] = [];
      for (let x = f; x !== -1; x = parent[x]!) path.push(g.ids[x]!);
      // path is from … back to to; the cycle reads from → to → … → from
      path.reverse();
      return [from, ...path];
    }
    for (let p = g.outStart[u]!; p < g.outStart[u + 1]!; p++) {
      const v = g.outTargets[p]!;
      if (parent[v] === -2) {
        parent[v] = u;
        queue[tail++] = v;
      }
    }
  }
  return null;
}

/**
 * Checks one new edge against the existing graph: both ends known, kinds allowed, not a duplicate,
 * no cycle. Returns the first problem (with the cycle when there is one) or null.
 */
export function checkNewEdge(g: DependencyGraph, edge: GraphEdgeInput): GraphIssue | null {
  const f = g.index.get(edge.from);
  const t = g.index.get(edge.to);
  if (f === undefined) return { path: ['from'], code: 'edge_node_unknown', params: { id: edge.from } };
  if (t === undefined) return { path: ['to'], code: 'edge_node_unknown', params: { id: edge.to } };
  if (f === t)
    return { path: ['to'], code: 'edge_self', params: { id: edge.from }, cycle: [edge.from, edge.from] };
  const fk = g.kinds[f]!;
  const tk = g.kinds[t]!;
  if (!isAllowedEdge(fk, tk))
    return {
      path: ['to'],
      code: 'edge_kind_not_allowed',
      params: { from: edge.from, to: edge.to, fromKind: fk, toKind: tk },
    };
  for (let p = g.outStart[f]!; p < g.outStart[f + 1]!; p++)
    if (g.outTargets[p] === t)
      return { path: ['to'], code: 'edge_duplicate', params: { from: edge.from, to: edge.to } };
  const cycle = wouldCreateCycle(g, edge.from, edge.to);
  if (cycle) return { path: ['to'], code: 'graph_cycle', cycle, params: { cycle: cycle.join(' → ') } };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Derivation: priority and RTO flow from operations down their dependencies.

export interface OperationRequirement {
  /** From the matrix; null while the operation is not assessed yet. */
  priority: Priority | null;
  /** From the RTO table (or set by hand). */
  rto: Rto;
}

export interface DeriveInput {
  /** By operation id. Operations missing here set nothing. */
  operations: ReadonlyMap<string, OperationRequirement>;
  /**
   * The RTO declared for a system, component or supplier — what the organization has set or can
   * achieve for it (recovery plan, vendor SLA). Used by the inversion check; it does not change
   * what the node is required to meet.
   */
  declaredRto?: ReadonlyMap<string, Rto>;
}

const NO_PRIORITY = PRIORITIES.length;
const NO_RTO = Number.POSITIVE_INFINITY;

export interface Derivation {
  graph: DependencyGraph;
  /** Own requirement of each operation node (undefined for other nodes and unassessed operations). */
  ownRto: (Rto | undefined)[];
  ownPriority: (Priority | null | undefined)[];
  declared: (Rto | undefined)[];
  /** Required priority rank (0 = S … 4 = D; 5 = none) and the operation / previous node that set it. */
  priorityRank: Uint8Array;
  priorityOrigin: Int32Array;
  priorityVia: Int32Array;
  /** Required RTO ordering key (Infinity = none) and the operation / previous node that set it. */
  rtoKey: Float64Array;
  rtoOrigin: Int32Array;
  rtoVia: Int32Array;
}

/**
 * Every node's required priority and RTO: the strictest among the operations that need it,
 * directly or through other systems; components and suppliers inherit through their systems.
 * One pass in topological order, O(nodes + edges). On a tie the first operation found keeps it.
 */
export function deriveRequirements(g: DependencyGraph, input: DeriveInput): Derivation {
  const n = g.ids.length;
  const ownRto: (Rto | undefined)[] = new Array(n);
  const ownPriority: (Priority | null | undefined)[] = new Array(n);
  const declared: (Rto | undefined)[] = new Array(n);
  const priorityRank = new Uint8Array(n).fill(NO_PRIORITY);
  const priorityOrigin = new Int32Array(n).fill(-1);
  const priorityVia = new Int32Array(n).fill(-1);
  const rtoKey = new Float64Array(n).fill(NO_RTO);
  const rtoOrigin = new Int32Array(n).fill(-1);
  const rtoVia = new Int32Array(n).fill(-1);

  for (const [id, req] of input.operations) {
    const i = g.index.get(id);
    if (i === undefined || g.kindCodes[i] !== OPERATION) continue;
    ownRto[i] = req.rto;
    ownPriority[i] = req.priority;
    rtoKey[i] = rtoStrictnessKey(req.rto);
    rtoOrigin[i] = i;
    if (req.priority !== null) {
      priorityRank[i] = PRIORITIES.indexOf(req.priority);
      priorityOrigin[i] = i;
    }
  }
  if (input.declaredRto)
    for (const [id, rto] of input.declaredRto) {
      const i = g.index.get(id);
      if (i !== undefined && g.kindCodes[i] !== OPERATION) declared[i] = rto;
    }

  const { topo, outStart, outTargets } = g;
  for (let k = 0; k < topo.length; k++) {
    const u = topo[k]!;
    const uKey = rtoKey[u]!;
    const uRank = priorityRank[u]!;
    if (uKey === NO_RTO && uRank === NO_PRIORITY) continue;
    for (let p = outStart[u]!; p < outStart[u + 1]!; p++) {
      const v = outTargets[p]!;
      if (uKey < rtoKey[v]!) {
        rtoKey[v] = uKey;
        rtoOrigin[v] = rtoOrigin[u]!;
        rtoVia[v] = u;
      }
      if (uRank < priorityRank[v]!) {
        priorityRank[v] = uRank;
        priorityOrigin[v] = priorityOrigin[u]!;
        priorityVia[v] = u;
      }
    }
  }
  return {
    graph: g,
    ownRto,
    ownPriority,
    declared,
    priorityRank,
    priorityOrigin,
    priorityVia,
    rtoKey,
    rtoOrigin,
    rtoVia,
  };
}

/** Where a node's RTO comes from: an operation's own, declared on the node, or inherited along the graph. */
export const RTO_SOURCES = ['operation', 'declared', 'inherited'] as const;
type RtoSource = (typeof RTO_SOURCES)[number];

export interface NodeRequirement {
  id: string;
  kind: NodeKind;
  /** Strictest priority among the operations that need it (its own for an operation). */
  priority: Priority | null;
  priorityFrom: string | null;
  /** Strictest RTO among the operations that need it (its own for an operation). */
  requiredRto: Rto | null;
  rtoFrom: string | null;
  declaredRto: Rto | null;
  /** What the inversion check compares: the operation's own, else declared, else required. */
  effectiveRto: Rto | null;
  effectiveSource: RtoSource | null;
}

function effectiveAt(d: Derivation, i: number): { rto: Rto; source: RtoSource } | null {
  const own = d.ownRto[i];
  if (own) return { rto: own, source: 'operation' };
  const declared = d.declared[i];
  if (declared) return { rto: declared, source: 'declared' };
  const origin = d.rtoOrigin[i]!;
  return origin >= 0 ? { rto: d.ownRto[origin]!, source: 'inherited' } : null;
}

function requirementAt(d: Derivation, i: number): NodeRequirement {
  const g = d.graph;
  const pOrigin = d.priorityOrigin[i]!;
  const rOrigin = d.rtoOrigin[i]!;
  const effective = effectiveAt(d, i);
  return {
    id: g.ids[i]!,
    kind: g.kinds[i]!,
    priority: pOrigin >= 0 ? (d.ownPriority[pOrigin] ?? null) : null,
    priorityFrom: pOrigin >= 0 ? g.ids[pOrigin]! : null,
    requiredRto: rOrigin >= 0 ? d.ownRto[rOrigin]! : null,
    rtoFrom: rOrigin >= 0 ? g.ids[rOrigin]! : null,
    declaredRto: d.declared[i] ?? null,
    effectiveRto: effective?.rto ?? null,
    effectiveSource: effective?.source ?? null,
  };
}

/** One node's derived requirement, or null for an unknown id. */
export function requirementOf(d: Derivation, id: string): NodeRequirement | null {
  const i = d.graph.index.get(id);
  return i === undefined ? null : requirementAt(d, i);
}

/** Every node's derived requirement, in node order (for saving or listing). */
export function listRequirements(d: Derivation): NodeRequirement[] {
  const out: NodeRequirement[] = new Array(d.graph.ids.length);
  for (let i = 0; i < out.length; i++) out[i] = requirementAt(d, i);
  return out;
}

function pathTo(d: Derivation, i: number, via: Int32Array): string[] {
  const path: string[] = [];
  for (let x = i; x !== -1; x = via[x]!) path.push(d.graph.ids[x]!);
  return path.reverse();
}

/**
 * Why a node has its priority or RTO: the path from the operation that set it down to the node.
 * @example explainRequirement(d, 'nas', 'rto') // ['billing', 'accounting-app', 'nas']
 */
export function explainRequirement(d: Derivation, id: string, what: 'rto' | 'priority'): string[] {
  const i = d.graph.index.get(id);
  if (i === undefined) return [];
  const origin = what === 'rto' ? d.rtoOrigin[i]! : d.priorityOrigin[i]!;
  if (origin < 0) return [];
  return pathTo(d, i, what === 'rto' ? d.rtoVia : d.priorityVia);
}

// ---------------------------------------------------------------------------------------------
// RTO inversion check (002: a system others rely on must come back no later than they do).

export interface RtoInversion {
  /** The dependant (A in "A depends on B"). */
  dependant: string;
  /** What it depends on (B), whose RTO is looser. */
  dependency: string;
  dependantRto: Rto;
  dependantSource: RtoSource;
  /** What B has declared it can achieve. */
  dependencyRto: Rto;
  dependencySource: 'declared';
  /** The operation whose RTO A carries, when A's RTO is not declared on A itself. */
  operation: string | null;
  /** operation → … → A → B; or A → B when A's RTO is declared on A. */
  chain: string[];
}

/**
 * Every edge A → B where B's declared RTO is looser than A's. A is compared only when it carries a
 * target (a duration or "N or more"): "risk accepted" and "not set" promise nothing to be broken.
 * A's RTO here is its effective one (own for operations, else declared, else required). B must have
 * declared what it can achieve: a required RTO only passes on the operations' targets, which are
 * never looser than A's own requirement, so comparing it with a stricter value declared on A would
 * report a gap that no operation suffers.
 */
export function findRtoInversions(d: Derivation): RtoInversion[] {
  const g = d.graph;
  const out: RtoInversion[] = [];
  for (let e = 0; e < g.edgeCount; e++) {
    const a = g.edgeFrom[e]!;
    const b = g.edgeTo[e]!;
    const ea = effectiveAt(d, a);
    if (!ea || !isRtoTarget(ea.rto)) continue;
    const eb = effectiveAt(d, b);
    if (eb?.source !== 'declared') continue;
    const bRto = eb.rto;
    if (rtoStrictnessKey(bRto) <= rtoStrictnessKey(ea.rto)) continue;
    const viaOperation = ea.source !== 'declared';
    const chain = viaOperation ? pathTo(d, a, d.rtoVia) : [g.ids[a]!];
    chain.push(g.ids[b]!);
    out.push({
      dependant: g.ids[a]!,
      dependency: g.ids[b]!,
      dependantRto: ea.rto,
      dependantSource: ea.source,
      dependencyRto: bRto,
      dependencySource: eb.source,
      operation: viaOperation ? g.ids[d.rtoOrigin[a]!]! : null,
      chain,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Failure impact (002: IT staff could not see which service a component error takes down).

interface StoppedOperation {
  id: string;
  priority: Priority | null;
  rto: Rto | null;
}

export interface FailureImpact {
  node: string;
  /** Operations that stop, most urgent first (priority, then RTO strictness, then id). */
  operations: StoppedOperation[];
  highestPriority: Priority | null;
  tightestRto: Rto | null;
  /** The operation with the tightest RTO. */
  tightestRtoOperation: string | null;
  /** The failed node and everything that depends on it, directly or not (for highlighting). */
  nodes: string[];
  /** Edges between affected nodes, as [from, to] (for highlighting). */
  edges: [string, string][];
}

/**
 * What stops when one node fails. Every dependency is treated as hard (no redundancy is modelled):
 * whatever depends on the failed node, directly or through others, stops. Reverse breadth-first
 * search, O(affected nodes + edges).
 */
export function failureImpact(d: Derivation, id: string): FailureImpact | null {
  const g = d.graph;
  const start = g.index.get(id);
  if (start === undefined) return null;
  const n = g.ids.length;
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  queue[tail++] = start;
  seen[start] = 1;
  const edges: [string, string][] = [];
  while (head < tail) {
    const v = queue[head++]!;
    for (let p = g.inStart[v]!; p < g.inStart[v + 1]!; p++) {
      const u = g.inSources[p]!;
      edges.push([g.ids[u]!, g.ids[v]!]);
      if (!seen[u]) {
        seen[u] = 1;
        queue[tail++] = u;
      }
    }
  }
  const nodes: string[] = new Array(tail);
  const ops: { i: number; rank: number; key: number }[] = [];
  for (let k = 0; k < tail; k++) {
    const i = queue[k]!;
    nodes[k] = g.ids[i]!;
    if (g.kindCodes[i] === OPERATION) {
      const p = d.ownPriority[i];
      const r = d.ownRto[i];
      ops.push({ i, rank: p ? PRIORITIES.indexOf(p) : NO_PRIORITY, key: r ? rtoStrictnessKey(r) : NO_RTO });
    }
  }
  ops.sort((x, y) => x.rank - y.rank || x.key - y.key || (g.ids[x.i]! < g.ids[y.i]! ? -1 : 1));
  let tight: (typeof ops)[number] | null = null;
  for (const o of ops) if (o.key !== NO_RTO && (!tight || o.key < tight.key)) tight = o;
  const operations = ops.map((o) => ({
    id: g.ids[o.i]!,
    priority: d.ownPriority[o.i] ?? null,
    rto: d.ownRto[o.i] ?? null,
  }));
  return {
    node: id,
    operations,
    highestPriority: operations[0]?.priority ?? null,
    tightestRto: tight ? d.ownRto[tight.i]! : null,
    tightestRtoOperation: tight ? g.ids[tight.i]! : null,
    nodes,
    edges,
  };
}
