/**
 * The incident headquarters' rules (PRODUCT module 11; 000 §4-1 ③, 002's HQ portal). Pure: no I/O;
 * the clock is passed in.
 *
 * - An incident is real or a drill; drill records never count with real ones unless asked.
 * - The chronology (クロノロジー) is append-only: a correction is a new entry that points at the
 *   entry it corrects, which then reads as struck through.
 * - The IT recovery tracker compares the time since the incident began with each system's target
 *   recovery time (RTO): a warning at 80 % of it, a breach after it.
 */

import type { Rto } from './rto.js';

export const INCIDENT_MODES = ['real', 'drill'] as const;
export type IncidentMode = (typeof INCIDENT_MODES)[number];

/** Which incidents a list or a total shows: real only, drills only, or both (each labelled). */
export const INCIDENT_MODE_FILTERS = ['all', 'real', 'drill'] as const;
export type IncidentModeFilter = (typeof INCIDENT_MODE_FILTERS)[number];

export const INCIDENT_STATUSES = ['active', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Roles on the HQ roster (000 §4-1 ③: 本部長, 情報班, IT復旧班 …). */
export const HQ_ROLES = [
  'chief',
  'deputy',
  'information',
  'it_recovery',
  'liaison',
  'logistics',
  'member',
] as const;
export type HqRole = (typeof HQ_ROLES)[number];

/** Kinds of chronology entry (PRODUCT module 11). */
export const ENTRY_KINDS = ['information', 'report', 'instruction', 'request', 'decision'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const HANDLING_STATUSES = ['open', 'done'] as const;
export type HandlingStatus = (typeof HANDLING_STATUSES)[number];

export const HQ_TASK_STATUSES = ['todo', 'doing', 'done'] as const;
export type HqTaskStatus = (typeof HQ_TASK_STATUSES)[number];

export const INCIDENT_LIMITS = {
  title: 200,
  summary: 4000,
  entryText: 4000,
  party: 200,
  tags: 10,
  tag: 40,
  links: 5,
  link: 500,
  linkedEntries: 20,
  sites: 100,
  prefectures: 47,
  roster: 200,
} as const;

/** Share of the RTO after which a system still down is flagged (80 %). */
const RTO_WARNING_SHARE = 0.8;

export const RTO_STATES = ['recovered', 'on_track', 'warning', 'breached', 'no_target'] as const;
export type RtoState = (typeof RTO_STATES)[number];

export interface RtoClock {
  state: RtoState;
  /** Minutes since the incident began (never negative). */
  elapsedMinutes: number;
  /** Minutes left before the target; negative once breached; null without a duration target. */
  leftMinutes: number | null;
  /** The target in minutes, or null ('risk accepted', 'not set', or none). */
  targetMinutes: number | null;
}

const MS_PER_MINUTE = 60_000;

/**
 * Where a system stands against its target recovery time, at `now` (the clock is injected).
 * A system recovered is 'recovered' whatever the time; only a duration is a target
 * (as in the recovery plan's feasibility: 'at least', 'risk accepted' and 'not set' are not).
 * @example rtoClock({ kind: 'duration', minutes: 600 }, '2026-01-01T00:00:00Z', null, new Date('2026-01-01T08:00:00Z')).state // 'warning'
 */
export function rtoClock(rto: Rto | null, beganAt: string, recoveredAt: string | null, now: Date): RtoClock {
  const began = Date.parse(beganAt);
  const until = recoveredAt ? Date.parse(recoveredAt) : now.getTime();
  const elapsedMinutes = Math.max(0, Math.floor((until - began) / MS_PER_MINUTE));
  const targetMinutes = rto?.kind === 'duration' ? rto.minutes : null;
  const leftMinutes = targetMinutes === null ? null : targetMinutes - elapsedMinutes;
  let state: RtoState;
  if (recoveredAt) state = 'recovered';
  else if (targetMinutes === null) state = 'no_target';
  else if (elapsedMinutes > targetMinutes) state = 'breached';
  else if (elapsedMinutes >= targetMinutes * RTO_WARNING_SHARE) state = 'warning';
  else state = 'on_track';
  return { state, elapsedMinutes, leftMinutes, targetMinutes };
}

export interface ChronologyNode {
  id: string;
  incidentId: string;
  correctsId: string | null;
}

export type CorrectionProblem = 'correction_target_missing' | 'correction_other_incident';

/**
 * Whether `correctsId` may be corrected by a new entry of `incidentId`: it must exist among the
 * organization's entries (`known`, looked up by the caller within the organization) and belong to
 * the same incident. A corrected entry may be corrected again (the newest correction wins).
 * @example checkCorrection('i1', { id: 'e1', incidentId: 'i2', correctsId: null }) // 'correction_other_incident'
 */
export function checkCorrection(
  incidentId: string,
  target: ChronologyNode | undefined,
): CorrectionProblem | null {
  if (!target) return 'correction_target_missing';
  if (target.incidentId !== incidentId) return 'correction_other_incident';
  return null;
}

/**
 * For every entry that has been corrected, the id of its newest correction (entries in recorded
 * order, oldest first).
 * @example correctedBy([{ id: 'a', incidentId: 'i', correctsId: null }, { id: 'b', incidentId: 'i', correctsId: 'a' }]).get('a') // 'b'
 */
export function correctedBy(entries: readonly ChronologyNode[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) if (e.correctsId) out.set(e.correctsId, e.id);
  return out;
}

/**
 * Whether an incident of `mode` shows under `filter`.
 * @example showsUnder('drill', 'real') // false
 */
export function showsUnder(mode: IncidentMode, filter: IncidentModeFilter): boolean {
  return filter === 'all' || filter === mode;
}
