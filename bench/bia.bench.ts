/**
 * BIA benchmark (issue 3, PRODUCT non-functional targets): the synthetic organization of
 * bench/synthetic-org.ts (10,000 systems, 2,000 operations, 3,000 components, 500 suppliers and
 * 50,000 dependency edges, seeded). Times (median after warm-up):
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

import {
  buildDependencyGraph,
  type DependencyGraph,
  deriveRequirements,
  failureImpact,
  findRtoInversions,
  listRequirements,
} from '../src/domain/dependency-graph.js';
import { syntheticOrganization } from './synthetic-org.js';

const LIMIT_MS = 100;
const WARMUP = 5;
const RUNS = 15;

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
