/**
 * Recovery order benchmark (issue 10, Performance): an organization of 500 systems, each with a
 * phase-1 procedure of five steps (some waiting for other systems) and up to three systems it
 * needs. Times the recovery order plus every system's feasibility (src/domain/recovery.ts), the
 * median of 20 runs, beside a baseline measured in the same run: a plain topological sort of the
 * same systems. Over 50 ms prints FAIL and exits 1.
 *
 *   npm run bench:recovery-order
 */
import { PRIORITIES } from '../src/domain/bia.js';
import { assessFeasibility, type PlannedSystem, recoveryOrder } from '../src/domain/recovery.js';

const SYSTEMS = 500;
const LIMIT_MS = 50;
const RUNS = 20;

// A fixed pseudo-random sequence, so every run measures the same organization.
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const systems: PlannedSystem[] = [];
for (let i = 0; i < SYSTEMS; i++) {
  const needs: string[] = [];
  for (let k = 0; k < 3 && i > 0; k++) if (rand() < 0.7) needs.push(`s${Math.floor(rand() * i)}`);
  const waitFor = i > 0 && rand() < 0.3 ? [`s${Math.floor(rand() * i)}`] : [];
  systems.push({
    id: `s${i}`,
    name: `システム${String(i).padStart(4, '0')}`,
    priority: PRIORITIES[Math.floor(rand() * PRIORITIES.length)] ?? 'C',
    rto: { kind: 'duration', minutes: 60 * (1 + Math.floor(rand() * 72)) },
    needs: [...new Set([...needs, ...waitFor])],
    phase1: [
      { key: 'stable', durationMinutes: 30, after: [], afterSystems: [] },
      { key: 'survey', durationMinutes: 60, after: ['stable'], afterSystems: [] },
      { key: 'arrange', durationMinutes: 15 + Math.floor(rand() * 300), after: [], afterSystems: [] },
      { key: 'restore', durationMinutes: 120, after: ['survey', 'arrange'], afterSystems: waitFor },
      { key: 'resume', durationMinutes: 30, after: ['restore'], afterSystems: [] },
    ],
  });
}

/** The baseline: Kahn's topological sort over the same needs, no priorities, no durations. */
function plainTopo(list: readonly PlannedSystem[]): number {
  const index = new Map(list.map((s, i) => [s.id, i]));
  const pending = new Int32Array(list.length);
  const dependants: number[][] = list.map(() => []);
  list.forEach((s, i) => {
    for (const n of s.needs) {
      const j = index.get(n);
      if (j === undefined) continue;
      dependants[j]?.push(i);
      pending[i] = (pending[i] ?? 0) + 1;
    }
  });
  const queue: number[] = [];
  pending.forEach((p, i) => {
    if (p === 0) queue.push(i);
  });
  for (let k = 0; k < queue.length; k++)
    for (const d of dependants[queue[k] as number] ?? []) {
      pending[d] = (pending[d] ?? 0) - 1;
      if (pending[d] === 0) queue.push(d);
    }
  return queue.length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
function timed(fn: () => unknown): number {
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    fn();
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

// Warm up the JIT on both before measuring.
for (let r = 0; r < 5; r++) {
  plainTopo(systems);
  assessFeasibility(systems, recoveryOrder(systems));
}
const edges = systems.reduce((n, s) => n + s.needs.length, 0);
console.log(`recovery order: ${SYSTEMS} systems with 5-step procedures, ${edges} needs between systems`);
const baseline = timed(() => plainTopo(systems));
let misses = 0;
const ms = timed(() => {
  const order = recoveryOrder(systems);
  const f = assessFeasibility(systems, order);
  misses = [...f.values()].filter((x) => x.verdict === 'misses').length;
});
console.log(
  `baseline plain topological sort: ${baseline.toFixed(2)} ms (${misses} systems miss their target)`,
);
const over = ms > LIMIT_MS;
console.log(
  `${over ? 'FAIL' : 'ok  '} recovery order + feasibility, ${SYSTEMS} systems ${ms.toFixed(2).padStart(8)} ms  ${(ms / Math.max(baseline, 0.001)).toFixed(1).padStart(6)}× baseline  (limit ${LIMIT_MS} ms)`,
);
if (over) process.exitCode = 1;
