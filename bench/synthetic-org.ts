/**
 * The synthetic organization the BIA benchmarks measure (issue 3, PRODUCT non-functional targets):
 * 10,000 systems, 2,000 operations, 3,000 components, 500 suppliers and 50,000 dependency edges,
 * built from a seeded PRNG so every run measures the same graph. Used in memory by
 * bench/bia.bench.ts and written to a database by bench/bia-http.bench.ts.
 */

import { type Priority, priorityFor, sumRuleMatrix } from '../src/domain/bia.js';
import type {
  DeriveInput,
  GraphEdgeInput,
  GraphNodeInput,
  ItLayer,
  OperationRequirement,
} from '../src/domain/dependency-graph.js';
import { days, hours, type Rto, type RtoTable } from '../src/domain/rto.js';

const SIZES = { operations: 2_000, systems: 10_000, components: 3_000, suppliers: 500, edges: 50_000 };

/** The BIA settings the synthetic operations are assessed with: 5-level preset, 001 例1 RTOs. */
export const SYNTHETIC_SCALE = 5;
export const SYNTHETIC_MATRIX = sumRuleMatrix(SYNTHETIC_SCALE);
export const SYNTHETIC_RTO_TABLE: RtoTable = {
  S: hours(0),
  A: hours(12),
  B: hours(24),
  C: days(3),
  D: { kind: 'risk_accepted' },
};

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOrganization {
  nodes: GraphNodeInput[];
  edges: GraphEdgeInput[];
  /** Each operation's matrix levels (what a database row stores) … */
  levels: Map<string, { importance: number; dependency: number }>;
  /** … and the requirement they give on SYNTHETIC_MATRIX / SYNTHETIC_RTO_TABLE, as domain input. */
  input: DeriveInput & { declaredRto: Map<string, Rto> };
}

export function syntheticOrganization(seed = 20_221_031): SyntheticOrganization {
  const rand = prng(seed);
  const pick = (n: number) => Math.floor(rand() * n);
  const nodes: GraphNodeInput[] = [];
  const op = (i: number) => `op-${i}`;
  const sys = (i: number) => `sys-${i}`;
  const comp = (i: number) => `comp-${i}`;
  const sup = (i: number) => `sup-${i}`;
  for (let i = 0; i < SIZES.operations; i++) nodes.push({ id: op(i), kind: 'operation' });
  for (let i = 0; i < SIZES.systems; i++) nodes.push({ id: sys(i), kind: 'system' });
  for (let i = 0; i < SIZES.components; i++)
    nodes.push({
      id: comp(i),
      kind: 'component',
      layer: (1 + pick(5)) as ItLayer,
      side: rand() < 0.5 ? 'client' : 'server',
    });
  for (let i = 0; i < SIZES.suppliers; i++) nodes.push({ id: sup(i), kind: 'supplier' });

  // Systems sit in five tiers (front-end apps … shared platforms); a system depends only on
  // systems in deeper tiers, so the graph is acyclic like a real estate of systems.
  const tierSize = SIZES.systems / 5;
  const edges: GraphEdgeInput[] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string) => {
    const key = `${from}>${to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    edges.push({ from, to });
    return true;
  };
  const fill = (count: number, make: () => [string, string]) => {
    let made = 0;
    while (made < count) if (add(...make())) made++;
  };
  fill(6_000, () => [op(pick(SIZES.operations)), sys(pick(tierSize * 2))]);
  fill(24_000, () => {
    const tier = pick(4);
    const from = tier * tierSize + pick(tierSize);
    // skewed towards the first systems of the deeper tiers: a few shared platforms many rely on
    const to = (tier + 1) * tierSize + Math.floor(rand() ** 3 * (SIZES.systems - (tier + 1) * tierSize));
    return [sys(from), sys(to)];
  });
  fill(15_000, () => [sys(pick(SIZES.systems)), comp(pick(SIZES.components))]);
  fill(3_000, () => [sys(pick(SIZES.systems)), sup(pick(SIZES.suppliers))]);
  fill(2_000, () => [comp(pick(SIZES.components)), sup(pick(SIZES.suppliers))]);

  // Operations assessed on the 5-level preset with 001 例1 RTOs; 30 % of the rest declare an RTO.
  const operations = new Map<string, OperationRequirement>();
  const levels = new Map<string, { importance: number; dependency: number }>();
  for (let i = 0; i < SIZES.operations; i++) {
    const importance = 1 + pick(5);
    const dependency = 1 + pick(5);
    const priority: Priority = priorityFor(SYNTHETIC_MATRIX, { importance, dependency });
    levels.set(op(i), { importance, dependency });
    operations.set(op(i), { priority, rto: SYNTHETIC_RTO_TABLE[priority] });
  }
  const choices: Rto[] = [hours(0), hours(3), hours(12), hours(24), days(3), days(7), { kind: 'not_set' }];
  const declaredRto = new Map<string, Rto>();
  for (const n of nodes)
    if (n.kind !== 'operation' && rand() < 0.3) declaredRto.set(n.id, choices[pick(choices.length)]!);
  return { nodes, edges, levels, input: { operations, declaredRto } };
}
