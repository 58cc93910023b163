/**
 * The recovery plan's rules (PRODUCT module 6; 001 §第一段階, §第二段階, IT-BCP template 5.1–5.3).
 * Pure: no I/O.
 *
 * - A system's procedure has two phases: phase 1 brings a provisional (often degraded) service
 *   back, phase 2 returns to the permanent setup. Steps may run side by side unless one waits for
 *   another (its prerequisites); the phase takes as long as its longest chain of waiting steps.
 * - Feasibility compares phase 1's length, plus the wait for systems that must be back first,
 *   with the system's target recovery time (RTO) from the BIA.
 * - The recovery order puts every system after the systems it needs, and otherwise the most
 *   urgent first. Loops between systems are reported, never fatal.
 */

import { PRIORITIES, type Priority } from './bia.js';
import type { ItLayer } from './dependency-graph.js';
import type { Locale } from './organization.js';
import { MINUTES_PER_DAY, MINUTES_PER_HOUR, type Rto, rtoStrictnessKey } from './rto.js';
import { parseRtoCell } from './rto-text.js';

/** Incident types of the plan (PRODUCT module 6, 001 IT-BCP template 5.1, 002's incident map). */
export const INCIDENT_TYPES = [
  'earthquake',
  'flood',
  'fire',
  'blackout',
  'network_outage',
  'ransomware',
  'malware',
  'system_failure',
  'data_leak',
  'device_loss',
  'pandemic',
  'supply_chain',
  'conflict',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** What can be damaged, each with a recovery owner (001 IT-BCP template 5.2 被害対象). */
export const DAMAGE_TARGETS = [
  'power',
  'building',
  'systems',
  'network',
  'data',
  'customers',
  'employees',
  'suppliers',
  'other',
] as const;

export const PHASES = ['phase1', 'phase2'] as const;
export type Phase = (typeof PHASES)[number];

export const RECOVERY_LIMITS = {
  /** Steps per phase. */
  steps: 40,
  /** Longest single step: 365 days. */
  stepMinutes: 365 * MINUTES_PER_DAY,
  references: 30,
} as const;

// ---------------------------------------------------------------------------------------------
// Durations

export type DurationProblem = 'duration_unreadable' | 'duration_negative' | 'duration_too_long';

/**
 * A step's duration as typed: whole minutes, or words with a unit ("2時間", "30分", "1.5 hours",
 * "1日"). A bare number in text is refused (hours or days?), as in the inventory's files.
 * @example parseDuration('2時間') // { ok: true, minutes: 120 }
 * @example parseDuration(-5) // { ok: false, code: 'duration_negative' }
 */
export function parseDuration(
  value: unknown,
): { ok: true; minutes: number } | { ok: false; code: DurationProblem } {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value))
      return { ok: false, code: 'duration_unreadable' };
    if (value < 0) return { ok: false, code: 'duration_negative' };
    if (value > RECOVERY_LIMITS.stepMinutes) return { ok: false, code: 'duration_too_long' };
    return { ok: true, minutes: value };
  }
  if (typeof value !== 'string') return { ok: false, code: 'duration_unreadable' };
  const t = value.normalize('NFKC').trim();
  if (t === '0') return { ok: true, minutes: 0 };
  if (/^-/.test(t)) return { ok: false, code: 'duration_negative' };
  const read = parseRtoCell(t);
  if (!read.ok) {
    if (read.code === 'rto_negative') return { ok: false, code: 'duration_negative' };
    if (read.code === 'rto_too_long') return { ok: false, code: 'duration_too_long' };
    return { ok: false, code: 'duration_unreadable' };
  }
  if (read.rto?.kind !== 'duration') return { ok: false, code: 'duration_unreadable' };
  if (read.rto.minutes > RECOVERY_LIMITS.stepMinutes) return { ok: false, code: 'duration_too_long' };
  return { ok: true, minutes: read.rto.minutes };
}

const UNIT_WORDS = {
  ja: { day: '日', hour: '時間', minute: '分', none: '0分', join: '' },
  en: { day: ' day', hour: ' hour', minute: ' min', none: '0 min', join: ' ' },
} as const;

/**
 * Minutes in words, largest units first.
 * @example formatMinutes(1710, 'ja') // '1日4時間30分'
 * @example formatMinutes(1710, 'en') // '1 day 4 hours 30 min'
 */
export function formatMinutes(minutes: number, locale: Locale): string {
  const w = UNIT_WORDS[locale];
  if (minutes <= 0) return w.none;
  const d = Math.floor(minutes / MINUTES_PER_DAY);
  const h = Math.floor((minutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
  const m = minutes % MINUTES_PER_HOUR;
  const plural = (n: number, word: string) =>
    locale === 'en' && n !== 1 && word !== w.minute ? `${word}s` : word;
  const parts: string[] = [];
  if (d) parts.push(`${d}${plural(d, w.day)}`);
  if (h) parts.push(`${h}${plural(h, w.hour)}`);
  if (m) parts.push(`${m}${w.minute}`);
  return parts.join(w.join);
}

// ---------------------------------------------------------------------------------------------
// Steps of one phase: checks and the longest chain

/** What the rules need of a step. */
export interface StepTiming {
  key: string;
  durationMinutes: number;
  /** Keys of steps of the same phase that must finish first. */
  after: readonly string[];
}

export interface StepIssue {
  /** Index of the step in its phase. */
  index: number;
  field: 'key' | 'after';
  code: 'step_key_duplicate' | 'step_unknown' | 'step_self' | 'step_cycle';
  params?: Record<string, string>;
}

/**
 * Duplicate keys, prerequisites that name no step of the phase or the step itself, and loops of
 * prerequisites (each loop named once, by its steps' keys: "a → b → a").
 * @example checkSteps([{ key: 'a', durationMinutes: 1, after: ['b'] }, { key: 'b', durationMinutes: 1, after: ['a'] }]) // [{ index: 0, field: 'after', code: 'step_cycle', params: { cycle: 'a → b → a' } }]
 */
export function checkSteps(steps: readonly StepTiming[]): StepIssue[] {
  const issues: StepIssue[] = [];
  const index = new Map<string, number>();
  steps.forEach((s, i) => {
    if (index.has(s.key))
      issues.push({ index: i, field: 'key', code: 'step_key_duplicate', params: { key: s.key } });
    else index.set(s.key, i);
  });
  steps.forEach((s, i) => {
    for (const a of s.after) {
      if (a === s.key) issues.push({ index: i, field: 'after', code: 'step_self', params: { key: s.key } });
      else if (!index.has(a))
        issues.push({ index: i, field: 'after', code: 'step_unknown', params: { key: a } });
    }
  });
  if (issues.length) return issues;
  // Depth-first search with colours; a grey target closes a loop.
  const colour = new Uint8Array(steps.length);
  for (let root = 0; root < steps.length; root++) {
    if (colour[root] !== 0) continue;
    const stack: { node: number; next: number }[] = [{ node: root, next: 0 }];
    colour[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1] as { node: number; next: number };
      const after = (steps[top.node] as StepTiming).after;
      if (top.next >= after.length) {
        colour[top.node] = 2;
        stack.pop();
        continue;
      }
      const v = index.get(after[top.next++] as string) as number;
      if (colour[v] === 0) {
        colour[v] = 1;
        stack.push({ node: v, next: 0 });
      } else if (colour[v] === 1) {
        const from = stack.findIndex((f) => f.node === v);
        const keys = stack.slice(from).map((f) => (steps[f.node] as StepTiming).key);
        // Read as "waits for": a → b means a waits for b.
        issues.push({
          index: v,
          field: 'after',
          code: 'step_cycle',
          params: { cycle: [...keys, keys[0]].join(' → ') },
        });
        return issues;
      }
    }
  }
  return issues;
}

export interface PhaseSchedule {
  /** How long the phase takes with every step started as soon as its prerequisites are done. */
  totalMinutes: number;
  /** The chain that sets that length, first step first. */
  longestChain: string[];
  /** Earliest start of each step, by key. */
  startAt: Map<string, number>;
}

/**
 * The phase's length when steps run side by side wherever their prerequisites allow: the longest
 * chain of waiting steps. The steps must have passed checkSteps (no loop, no unknown key).
 * `startAfter` delays a step (e.g. until a system it needs is back).
 * @example schedulePhase([{ key: 'a', durationMinutes: 60, after: [] }, { key: 'b', durationMinutes: 30, after: [] }, { key: 'c', durationMinutes: 10, after: ['a', 'b'] }]).totalMinutes // 70
 */
export function schedulePhase(
  steps: readonly StepTiming[],
  startAfter: ReadonlyMap<string, number> = new Map(),
): PhaseSchedule {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const finish = new Map<string, number>();
  const startAt = new Map<string, number>();
  const via = new Map<string, string | null>();
  const visit = (key: string): number => {
    const known = finish.get(key);
    if (known !== undefined) return known;
    const s = byKey.get(key) as StepTiming;
    let start = startAfter.get(key) ?? 0;
    let from: string | null = null;
    for (const a of s.after) {
      const f = visit(a);
      if (f > start || (from === null && f === start && f > 0)) {
        start = f;
        from = a;
      }
    }
    startAt.set(key, start);
    via.set(key, from);
    const end = start + s.durationMinutes;
    finish.set(key, end);
    return end;
  };
  let total = 0;
  let last: string | null = null;
  for (const s of steps) {
    const f = visit(s.key);
    if (f > total || last === null) {
      total = Math.max(total, f);
      last = s.key;
    }
  }
  const chain: string[] = [];
  for (let k = last; k !== null; k = via.get(k) ?? null) chain.push(k);
  return { totalMinutes: total, longestChain: chain.reverse(), startAt };
}

// ---------------------------------------------------------------------------------------------
// Recovery order over systems

export interface OrderSystem {
  id: string;
  name: string;
  priority: Priority | null;
  /** The target recovery time the system must meet (from the BIA), or null. */
  rto: Rto | null;
  /** Systems that must be back first (the dependency graph's system → system links, and steps' waits). */
  needs: readonly string[];
}

export interface RecoveryOrder {
  /** Every system once, in the order to recover them. */
  order: string[];
  /** Loops among `needs`, each as ids with the first repeated at the end; the order breaks them by urgency. */
  cycles: string[][];
}

const NO_PRIORITY = PRIORITIES.length;
const rankOf = (p: Priority | null) => (p === null ? NO_PRIORITY : PRIORITIES.indexOf(p));

/**
 * Systems in recovery order: never before a system it needs (unless they need each other — the
 * loop is reported and broken at its most urgent member), otherwise priority S first, then the
 * strictest target, then the name. O((n + e) log n).
 * @example recoveryOrder([{ id: 'app', name: 'App', priority: 'S', rto: null, needs: ['db'] }, { id: 'db', name: 'DB', priority: 'S', rto: null, needs: [] }]).order // ['db', 'app']
 */
export function recoveryOrder(systems: readonly OrderSystem[]): RecoveryOrder {
  const n = systems.length;
  const index = new Map<string, number>();
  systems.forEach((s, i) => {
    if (!index.has(s.id)) index.set(s.id, i);
  });
  // dependants[i]: systems that need i. pending[i]: how many needs of i are not recovered yet.
  const dependants: number[][] = Array.from({ length: n }, () => []);
  const pending = new Int32Array(n);
  systems.forEach((s, i) => {
    const seen = new Set<number>();
    for (const id of s.needs) {
      const j = index.get(id);
      if (j === undefined || j === i || seen.has(j)) continue;
      seen.add(j);
      (dependants[j] as number[]).push(i);
      pending[i] = (pending[i] as number) + 1;
    }
  });
  const keys = systems.map((s) => ({
    rank: rankOf(s.priority),
    rto: s.rto ? rtoStrictnessKey(s.rto) : Number.POSITIVE_INFINITY,
    name: s.name,
  }));
  const before = (a: number, b: number): boolean => {
    const ka = keys[a] as (typeof keys)[number];
    const kb = keys[b] as (typeof keys)[number];
    if (ka.rank !== kb.rank) return ka.rank < kb.rank;
    if (ka.rto !== kb.rto) return ka.rto < kb.rto;
    if (ka.name !== kb.name) return ka.name < kb.name;
    return a < b;
  };
  const heap = new MinHeap(before);
  for (let i = 0; i < n; i++) if (pending[i] === 0) heap.push(i);
  const done = new Uint8Array(n);
  const order: string[] = [];
  const cycles: string[][] = [];
  const release = (i: number) => {
    done[i] = 1;
    order.push((systems[i] as OrderSystem).id);
    for (const d of dependants[i] as number[]) {
      pending[d] = (pending[d] as number) - 1;
      if (pending[d] === 0 && !done[d]) heap.push(d);
    }
  };
  while (order.length < n) {
    const next = heap.pop();
    if (next !== undefined) {
      if (!done[next]) release(next);
      continue;
    }
    // Only systems in or behind a loop are left: name one loop, start it at its most urgent member.
    const cycle = findCycle(systems, index, done);
    cycles.push(
      cycle
        .map((i) => (systems[i] as OrderSystem).id)
        .concat((systems[cycle[0] as number] as OrderSystem).id),
    );
    let best = cycle[0] as number;
    for (const i of cycle) if (before(i, best)) best = i;
    pending[best] = 0;
    release(best);
  }
  return { order, cycles };
}

/** A loop among the systems not yet recovered (each is waiting, so following needs must loop). */
function findCycle(systems: readonly OrderSystem[], index: Map<string, number>, done: Uint8Array): number[] {
  const start = done.indexOf(0);
  const pos = new Map<number, number>();
  const path: number[] = [];
  let cur = start;
  while (!pos.has(cur)) {
    pos.set(cur, path.length);
    path.push(cur);
    const s = systems[cur] as OrderSystem;
    let next = -1;
    for (const id of s.needs) {
      const j = index.get(id);
      if (j !== undefined && j !== cur && !done[j]) {
        next = j;
        break;
      }
    }
    if (next < 0) return [cur]; // cannot happen when every undone system still waits; stay safe
    cur = next;
  }
  return path.slice(pos.get(cur) as number);
}

class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly before: (a: number, b: number) => boolean) {}
  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i] as number, a[p] as number)) break;
      [a[i], a[p]] = [a[p] as number, a[i] as number];
      i = p;
    }
  }
  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l] as number, a[m] as number)) m = l;
        if (r < a.length && this.before(a[r] as number, a[m] as number)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as number, a[i] as number];
        i = m;
      }
    }
    return top;
  }
}

// ---------------------------------------------------------------------------------------------
// Feasibility: can phase 1 meet the target recovery time?

export const FEASIBILITY_VERDICTS = ['meets', 'misses', 'no_target', 'no_procedure'] as const;
type FeasibilityVerdict = (typeof FEASIBILITY_VERDICTS)[number];

export interface PlannedSystem extends OrderSystem {
  /** Phase 1 steps; null when the system has no procedure. */
  phase1: readonly (StepTiming & { afterSystems: readonly string[] })[] | null;
}

export interface Feasibility {
  systemId: string;
  verdict: FeasibilityVerdict;
  /** Phase 1 alone, steps side by side where allowed; null without a procedure. */
  phase1Minutes: number | null;
  /** From the start of the incident until phase 1 is done, waiting for needed systems; null without a procedure. */
  backAfterMinutes: number | null;
  /** The target in minutes when it is a duration; null otherwise. */
  targetMinutes: number | null;
  /** How much later than the target (misses only; else 0). */
  gapMinutes: number;
  /** The steps that set the length. */
  longestChain: string[];
  /** Systems this one waits for that are late themselves, or in a loop. */
  waitsFor: string[];
}

/**
 * Phase 1 of each system against its target, systems taken in recovery order: a step that waits
 * for another system starts when that system's phase 1 is done (a system without a procedure
 * counts as back at once, and its missing procedure is a finding of its own).
 * @example assessFeasibility(systems, recoveryOrder(systems)).get('members')?.verdict // 'misses'
 */
export function assessFeasibility(
  systems: readonly PlannedSystem[],
  order: RecoveryOrder,
): Map<string, Feasibility> {
  const byId = new Map(systems.map((s) => [s.id, s]));
  const backAt = new Map<string, number>();
  const out = new Map<string, Feasibility>();
  for (const id of order.order) {
    const s = byId.get(id);
    if (!s) continue;
    const targetMinutes = s.rto?.kind === 'duration' ? s.rto.minutes : null;
    if (!s.phase1) {
      out.set(id, {
        systemId: id,
        verdict: 'no_procedure',
        phase1Minutes: null,
        backAfterMinutes: null,
        targetMinutes,
        gapMinutes: 0,
        longestChain: [],
        waitsFor: [],
      });
      continue;
    }
    // The service cannot be back before the systems it needs are back.
    let systemWait = 0;
    const waitsFor = new Set<string>();
    for (const need of s.needs) {
      const t = backAt.get(need);
      if (t === undefined) continue; // later in the order: a loop, already reported
      if (t > systemWait) systemWait = t;
      if (t > 0) waitsFor.add(need);
    }
    // Steps run while the needed systems come back; only a step that names a system waits for it.
    const startAfter = new Map<string, number>();
    for (const step of s.phase1) {
      let wait = 0;
      for (const other of step.afterSystems) {
        const t = backAt.get(other);
        if (t !== undefined && t > wait) wait = t;
        if (t !== undefined && t > 0) waitsFor.add(other);
      }
      if (wait > 0) startAfter.set(step.key, wait);
    }
    const own = schedulePhase(s.phase1, new Map());
    const withWaits = startAfter.size ? schedulePhase(s.phase1, startAfter) : own;
    const total = Math.max(withWaits.totalMinutes, systemWait);
    backAt.set(id, total);
    const isTarget = s.rto !== null && (s.rto.kind === 'duration' || s.rto.kind === 'at_least');
    const misses = targetMinutes !== null && total > targetMinutes;
    out.set(id, {
      systemId: id,
      verdict: !isTarget ? 'no_target' : misses ? 'misses' : 'meets',
      phase1Minutes: own.totalMinutes,
      backAfterMinutes: total,
      targetMinutes,
      gapMinutes: misses ? total - (targetMinutes as number) : 0,
      longestChain: withWaits.longestChain,
      waitsFor: [...waitsFor],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Incidents × layers: what a chosen incident touches

export interface LayeredSystem {
  id: string;
  /** Layers of the components the system uses directly. */
  layers: readonly ItLayer[];
  /** Systems it needs. */
  needs: readonly string[];
}

/**
 * The systems an incident touches: those using a component in a damaged layer, every system when
 * software (L4) is damaged (a system is software), and the systems that need a touched one.
 * Returns, by touched system id, the first touched system it needs (null when touched itself).
 * @example affectedSystems([4], systems) // every system
 */
export function affectedSystems(
  damaged: readonly ItLayer[],
  systems: readonly LayeredSystem[],
): Map<string, string | null> {
  const hit = new Set<number>(damaged);
  const out = new Map<string, string | null>();
  const dependants = new Map<string, string[]>();
  for (const s of systems)
    for (const need of s.needs) {
      const list = dependants.get(need) ?? [];
      list.push(s.id);
      dependants.set(need, list);
    }
  const queue: string[] = [];
  for (const s of systems)
    if (hit.has(4) || s.layers.some((l) => hit.has(l))) {
      out.set(s.id, null);
      queue.push(s.id);
    }
  for (let k = 0; k < queue.length; k++) {
    const id = queue[k] as string;
    for (const d of dependants.get(id) ?? [])
      if (!out.has(d)) {
        out.set(d, id);
        queue.push(d);
      }
  }
  return out;
}
