/**
 * Recovery time objectives (RTO, 目標復旧時間) and the RTO table that maps a priority to one
 * (001 §業務の重要度を分ける). Pure: no I/O.
 *
 * An RTO is not always a number: 001's examples use "risk accepted" (リスク受容), "not set"
 * (規定なし) and "7 days or more" (7日以降). They are kept as states of a discriminated union.
 */

import type { Priority } from './bia.js';
import { PRIORITIES } from './bia.js';

export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
/** The unit a time was written in; only a way to show it ("24 時間" stays 24 時間, not "1 日"). */
export type DurationUnit = (typeof DURATION_UNITS)[number];

export type Rto =
  /** Recover within `minutes` (0 = immediately, 001 例1 "0 (速やかに)"). */
  | { kind: 'duration'; minutes: number; unit?: DurationUnit }
  /** "`minutes` or more": recovery is expected to take at least this long; no upper bound is promised. */
  | { kind: 'at_least'; minutes: number; unit?: DurationUnit }
  /** The organization decided not to plan a recovery for this (001 例1 D "リスク受容"). */
  | { kind: 'risk_accepted' }
  /** No target has been decided (001 例2 D "規定なし"). */
  | { kind: 'not_set' };

export const MINUTES_PER_HOUR = 60;
export const MINUTES_PER_DAY = 1_440;
/** Longest target we accept: one year. Anything longer is a typo, not a plan. */
export const RTO_MAX_MINUTES = 365 * MINUTES_PER_DAY;

const UNIT_MINUTES: Record<DurationUnit, number> = {
  minutes: 1,
  hours: MINUTES_PER_HOUR,
  days: MINUTES_PER_DAY,
};

export const hours = (n: number): Rto => ({ kind: 'duration', minutes: n * MINUTES_PER_HOUR });
export const days = (n: number): Rto => ({ kind: 'duration', minutes: n * MINUTES_PER_DAY });

export type RtoProblem = 'rto_kind_unknown' | 'rto_minutes_not_integer' | 'rto_negative' | 'rto_too_long';

export type RtoCheck =
  | { ok: true; rto: Rto }
  | { ok: false; code: RtoProblem; params?: Record<string, number> };

/**
 * Checks an RTO coming from outside (request body, import, content file) and returns a clean copy.
 * @example validateRto({ kind: 'duration', minutes: -5 }) // { ok: false, code: 'rto_negative' }
 */
export function validateRto(value: unknown): RtoCheck {
  if (typeof value !== 'object' || value === null) return { ok: false, code: 'rto_kind_unknown' };
  const { kind, minutes } = value as { kind?: unknown; minutes?: unknown };
  if (kind === 'risk_accepted' || kind === 'not_set') return { ok: true, rto: { kind } };
  if (kind !== 'duration' && kind !== 'at_least') return { ok: false, code: 'rto_kind_unknown' };
  if (typeof minutes !== 'number' || !Number.isInteger(minutes))
    return { ok: false, code: 'rto_minutes_not_integer' };
  if (minutes < 0) return { ok: false, code: 'rto_negative' };
  if (minutes > RTO_MAX_MINUTES)
    return { ok: false, code: 'rto_too_long', params: { maximum: RTO_MAX_MINUTES } };
  // The unit is kept only when the minutes are a whole number of it; the minutes are the value.
  const { unit } = value as { unit?: unknown };
  const known = DURATION_UNITS.find((u) => u === unit);
  return {
    ok: true,
    rto: known && minutes % UNIT_MINUTES[known] === 0 ? { kind, minutes, unit: known } : { kind, minutes },
  };
}

/*
 * Strictness order, strictest first:
 *   1. duration, by minutes (0 = immediately is the strictest of all);
 *   2. at_least, by minutes — "N or more" promises no upper bound, so it is looser than every
 *      duration (in particular than any duration ≤ N, and we also rank it after longer ones,
 *      because a bounded promise is always stricter than an unbounded one);
 *   3. risk_accepted — a decision to plan no recovery;
 *   4. not_set — no decision at all (loosest: it carries the least information).
 * The key below encodes that order for fast comparison inside graph algorithms; it is an ordering
 * key only, never a duration to display or add up.
 */
const AT_LEAST_BASE = 2 * RTO_MAX_MINUTES + 2;
const RISK_ACCEPTED_KEY = 2 * AT_LEAST_BASE;
const NOT_SET_KEY = RISK_ACCEPTED_KEY + 1;

/** Ordering key: smaller = stricter. Only for comparisons (see the order above). */
export function rtoStrictnessKey(rto: Rto): number {
  switch (rto.kind) {
    case 'duration':
      return rto.minutes;
    case 'at_least':
      return AT_LEAST_BASE + rto.minutes;
    case 'risk_accepted':
      return RISK_ACCEPTED_KEY;
    case 'not_set':
      return NOT_SET_KEY;
  }
}

/**
 * Negative when `a` is stricter than `b`, positive when looser, 0 when equally strict.
 * @example compareRto(hours(3), hours(6)) // < 0
 */
export function compareRto(a: Rto, b: Rto): number {
  return rtoStrictnessKey(a) - rtoStrictnessKey(b);
}

/** True when `a` is strictly looser than `b`. */
export const isLooserRto = (a: Rto, b: Rto): boolean => compareRto(a, b) > 0;

/** The stricter of two RTOs (the first on a tie). */
export const stricterRto = (a: Rto, b: Rto): Rto => (compareRto(b, a) < 0 ? b : a);

/** True when the RTO is a target someone has to meet (a duration or an "N or more" bound). */
export const isRtoTarget = (rto: Rto): boolean => rto.kind === 'duration' || rto.kind === 'at_least';

/**
 * Splits minutes for display: in `unit` (the one it was written in) when it divides them exactly,
 * else in the largest unit that does.
 * @example splitDuration(4320) // { amount: 3, unit: 'days' }
 * @example splitDuration(1440, 'hours') // { amount: 24, unit: 'hours' }
 */
export function splitDuration(minutes: number, unit?: DurationUnit): { amount: number; unit: DurationUnit } {
  if (unit && minutes % UNIT_MINUTES[unit] === 0) return { amount: minutes / UNIT_MINUTES[unit], unit };
  if (minutes > 0 && minutes % MINUTES_PER_DAY === 0)
    return { amount: minutes / MINUTES_PER_DAY, unit: 'days' };
  if (minutes > 0 && minutes % MINUTES_PER_HOUR === 0)
    return { amount: minutes / MINUTES_PER_HOUR, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

export type RtoTable = Record<Priority, Rto>;

export interface RtoTableIssue {
  path: (string | number)[];
  code: RtoProblem | 'rto_table_missing' | 'rto_table_order';
  params?: Record<string, string | number>;
}

/**
 * Checks a whole RTO table: one valid RTO for every priority S–D. It also refuses a table in which
 * a lower priority has a stricter target than a higher one (e.g. C 3 h while B 24 h): that would
 * make recovery order contradict the priorities. Each issue names the priority.
 */
export function validateRtoTable(
  input: unknown,
): { ok: true; table: RtoTable } | { ok: false; issues: RtoTableIssue[] } {
  const issues: RtoTableIssue[] = [];
  const source = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const table: Partial<RtoTable> = {};
  for (const p of PRIORITIES) {
    const raw = source[p];
    if (raw === undefined || raw === null) {
      issues.push({ path: [p], code: 'rto_table_missing', params: { priority: p } });
      continue;
    }
    const check = validateRto(raw);
    if (check.ok) table[p] = check.rto;
    else issues.push({ path: [p], code: check.code, params: { priority: p, ...check.params } });
  }
  if (issues.length > 0) return { ok: false, issues };
  // No issue above means every priority got its RTO: the table is complete.
  const full = table as RtoTable;
  let higher: Priority | null = null;
  for (const lower of PRIORITIES) {
    if (higher && compareRto(full[lower], full[higher]) < 0)
      issues.push({ path: [lower], code: 'rto_table_order', params: { priority: lower, higher } });
    higher = lower;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, table: full };
}
