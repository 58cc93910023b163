/**
 * BIA benchmark (issue 3, PRODUCT non-functional targets): a synthetic organization of 10,000
 * systems, 2,000 operations, 3,000 components, 500 suppliers and 50,000 dependency edges, built
 * from a seeded PRNG so every run measures the same graph. Times (median after warm-up):
 *   - building the graph (validation, adjacency arrays, cycle check),
 *   - full priority/RTO derivation (and with every node's requirement materialized),
 *   - the RTO inversion check,
 *   - one failure-impact query on the node whose failure stops the most (worst case).
 * Each figure is also shown as a ratio to a plain BFS over the same adjacency arrays, measured in
 * the same run, so results compare across machines. Any figure over 100 ms prints FAIL and the
 * process exits with code 1.
 *
 * Run: npm run bench:bia
 */

import { type Priority, priorityFor, sumRuleMatrix } from '../src/domain/bia.js';
import {
  buildDependencyGraph,
  type DependencyGraph,
  type DeriveInput,
  deriveRequirements,
  failureImpact,
  findRtoInversions,
  type GraphEdgeInput,
  type GraphNodeInput,
  type ItLayer,
  listRequirements,
  type OperationRequirement,
} from '../src/domain/dependency-graph.js';
import { days, hours, type Rto, type RtoTable } from '../src/domain/rto.js';

const LIMIT_MS = 100;
const WARMUP = 5;
const RUNS = 15;

const SIZES = { operations: 2_000, systems: 10_000, components: 3_000, suppliers: 500, edges: 50_000 };

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

function syntheticOrganization(seed = 20_221_031) {
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
  const matrix = sumRuleMatrix(5);
  const table: RtoTable = {
    S: hours(0),
    A: hours(12),
    B: hours(24),
    C: days(3),
    D: { kind: 'risk_accepted' },
  };
  const operations = new Map<string, OperationRequirement>();
  for (let i = 0; i < SIZES.operations; i++) {
    const priority: Priority = priorityFor(matrix, { importance: 1 + pick(5), dependency: 1 + pick(5) });
    operations.set(op(i), { priority, rto: table[priority] });
  }
  const choices: Rto[] = [hours(0), hours(3), hours(12), hours(24), days(3), days(7), { kind: 'not_set' }];
  const declaredRto = new Map<string, Rto>();
  for (const n of nodes)
    if (n.kind !== 'operation' && rand() < 0.3) declaredRto.set(n.id, choices[pick(choices.length)]!);
  return { nodes, edges, input: { operations, declaredRto } satisfies DeriveInput };
}

/** The baseline: a plain BFS from every operation over the same out-adjacency arrays. */
function plainBfs(g: DependencyGraph): number {
  const n = g.ids.length;
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++)
    if (g.kindCodes[i] === 0) {
      seen[i] = 1;
      queue[tail++] = i;
    }
  while (head < tail) {
    const u = queue[head++]!;
    for (let p = g.outStart[u]!; p < g.outStart[u + 1]!; p++) {
      const v = g.outTargets[p]!;
      if (!seen[v]) {
        seen[v] = 1;
        queue[tail++] = v;
      }
    }
  }
  return tail;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function time<T>(fn: () => T): { ms: number; result: T } {
  let result = fn();
  for (let i = 1; i < WARMUP; i++) result = fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = fn();
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), result };
}

const org = syntheticOrganization();
const built = buildDependencyGraph(org.nodes, org.edges);
if (!built.ok) {
  console.error('synthetic graph invalid', built.issues.slice(0, 3));
  process.exit(2);
}
const g = built.graph;
const counts = g.kinds.reduce<Record<string, number>>((acc, k) => {
  acc[k] = (acc[k] ?? 0) + 1;
  return acc;
}, {});
console.log(
  `synthetic org: ${g.ids.length} nodes (${Object.entries(counts)
    .map(([k, v]) => `${v} ${k}s`)
    .join(', ')}), ${g.edgeCount} edges; median of ${RUNS} runs after ${WARMUP} warm-up`,
);

// The failure-impact target: the node whose failure stops the most (widest reverse reach), found
// by trying every non-operation node once, outside the timing — the worst case for the query.
let target = 0;
let widest = -1;
const probe = deriveRequirements(g, org.input);
for (let i = 0; i < g.ids.length; i++) {
  if (g.kindCodes[i] === 0) continue;
  const reach = failureImpact(probe, g.ids[i]!)!.nodes.length;
  if (reach > widest) {
    widest = reach;
    target = i;
  }
}

const baseline = time(() => plainBfs(g));
const figures = [
  { name: 'build graph + cycle check', ...time(() => buildDependencyGraph(org.nodes, org.edges)) },
  { name: 'derive priority/RTO', ...time(() => deriveRequirements(g, org.input)) },
  { name: 'derive + list every node', ...time(() => listRequirements(deriveRequirements(g, org.input))) },
  { name: 'RTO inversion check', ...time(() => findRtoInversions(probe)) },
  { name: `failure impact (${g.ids[target]})`, ...time(() => failureImpact(probe, g.ids[target]!)) },
];

const inversions = findRtoInversions(probe);
const impact = failureImpact(probe, g.ids[target]!)!;
console.log(
  `baseline plain BFS from all operations: ${baseline.ms.toFixed(2)} ms (${baseline.result} nodes reached)`,
);
let failed = false;
for (const f of figures) {
  const over = f.ms > LIMIT_MS;
  failed ||= over;
  console.log(
    `${over ? 'FAIL' : 'ok  '} ${f.name.padEnd(40)} ${f.ms.toFixed(2).padStart(8)} ms  ${(f.ms / baseline.ms).toFixed(1).padStart(6)}× baseline  (limit ${LIMIT_MS} ms)`,
  );
}
console.log(
  `inversions found: ${inversions.length}; failure impact of ${impact.node}: ${impact.operations.length} operations, ${impact.nodes.length} nodes, ${impact.edges.length} edges, highest priority ${impact.highestPriority}`,
);
if (failed) {
  console.log('FAIL: at least one figure is over the limit');
  process.exit(1);
}
