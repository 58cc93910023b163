/**
 * Safety confirmation (安否確認, PRODUCT module 11): the words of a request and an answer, the
 * limits of what a phone may send, and the figures HQ reads (totals, answer-time percentiles, time
 * until 80 % answered, when the next reminder is due). Pure: no I/O; the clock is passed in.
 *
 * - A request goes to everyone or to a filter (site, department, home prefecture, employment
 *   status) with chosen questions; the status question is always asked.
 * - Answers are append-only: a person may answer again, every version is kept, and the time of
 *   the first answer stays.
 * - Drill answers and real answers never count together: totals are per incident, and an
 *   incident is either real or a drill.
 */

import type { OutboundChannel } from './outbound.js';

/** Chat services a request can be announced in (their incoming webhooks). */
export const SAFETY_CHAT_CHANNELS = [
  'slack',
  'teams',
  'lineworks',
] as const satisfies readonly OutboundChannel[];

/** How a person is (the one question every request asks). */
export const SAFETY_STATUSES = ['safe', 'minor_injury', 'serious_injury'] as const;
export type SafetyStatus = (typeof SAFETY_STATUSES)[number];

/** Whether a person can work, and where. */
export const CAN_WORK = ['office', 'remote', 'no'] as const;
export type CanWork = (typeof CAN_WORK)[number];

/** Damage to the person's home. */
export const HOME_DAMAGE = ['none', 'partial', 'severe'] as const;
export type HomeDamage = (typeof HOME_DAMAGE)[number];

/** The questions a request may ask; `status` is always among them. */
export const SAFETY_QUESTIONS = [
  'status',
  'location',
  'can_work',
  'family_safe',
  'home_damage',
  'message',
] as const;
export type SafetyQuestion = (typeof SAFETY_QUESTIONS)[number];

export const SAFETY_LIMITS = {
  message: 1000,
  location: 200,
  /** Where a phone says it is: degrees, and the accuracy in metres. */
  lat: 90,
  lng: 180,
  accuracy: 100_000,
  /** Reminders after the first message. */
  reminders: 10,
  reminderIntervalMinutes: { min: 5, max: 24 * 60 },
  /** How far ahead a deadline may be. */
  deadlineDays: 30,
  /** Failed token look-ups one address may make in a window before it is refused. */
  tokenFailures: 20,
  tokenFailureWindowMs: 10 * 60_000,
} as const;

/**
 * The value below which `p` (0…1) of the sorted values lie, by linear interpolation between the
 * closest ranks (the method spreadsheets call PERCENTILE.INC). Null for no values.
 * @example percentile([10, 20, 30, 40], 0.5) // 25
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(1, Math.max(0, p)) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export interface AnswerTimes {
  /** People asked. */
  asked: number;
  /** People who answered. */
  answered: number;
  /** Minutes from the request to the 25th, 50th and 75th percentile of the first answers. */
  p25: number | null;
  p50: number | null;
  p75: number | null;
  /** Minutes until 80 % of the people asked had answered; null while fewer have. */
  to80: number | null;
}

/**
 * How fast people answered: percentiles of the minutes from each person's request to their first
 * answer, and the minutes until 80 % of everyone asked had answered (a drill's headline figure).
 * @example answerTimes(4, [1, 2, 3, 10]) // { asked: 4, answered: 4, p25: 1.75, p50: 2.5, p75: 4.75, to80: 10 }
 */
export function answerTimes(asked: number, minutes: readonly number[]): AnswerTimes {
  const sorted = [...minutes].filter((m) => Number.isFinite(m) && m >= 0).sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  const need = Math.ceil(asked * 0.8);
  const to80 = asked > 0 && sorted.length >= need ? (sorted[Math.max(0, need - 1)] ?? null) : null;
  return {
    asked,
    answered: sorted.length,
    p25: round(percentile(sorted, 0.25)),
    p50: round(percentile(sorted, 0.5)),
    p75: round(percentile(sorted, 0.75)),
    to80: round(to80),
  };
}

export interface ReminderSchedule {
  /** Reminders to send after the first message (0 = none). */
  count: number;
  intervalMinutes: number;
  /** No reminder after this moment (ISO), nor when every reminder has gone. */
  deadlineAt: string | null;
}

/**
 * When the next reminder is due after `sent` reminders, counted from the request: the first one
 * interval after the request, each next one an interval later; null when none is left or the next
 * would fall after the deadline.
 * @example nextReminderAt('2026-01-01T00:00:00.000Z', { count: 2, intervalMinutes: 30, deadlineAt: null }, 1) // '2026-01-01T01:00:00.000Z'
 */
export function nextReminderAt(requestedAt: string, schedule: ReminderSchedule, sent: number): string | null {
  if (sent >= schedule.count) return null;
  const at = Date.parse(requestedAt) + (sent + 1) * schedule.intervalMinutes * 60_000;
  if (schedule.deadlineAt && at > Date.parse(schedule.deadlineAt)) return null;
  return new Date(at).toISOString();
}

/** True when a request's deadline has passed. */
export function isPastDeadline(deadlineAt: string | null, now: Date): boolean {
  return deadlineAt !== null && Date.parse(deadlineAt) <= now.getTime();
}

/** Counts of people by their latest status, with those who have not answered. */
export type StatusTotals = Record<SafetyStatus | 'no_answer', number>;

/**
 * Totals of the latest answers by status, and per group (site or department) the same counts.
 * @example statusTotals([{ status: 'safe' }, { status: null }]) // { safe: 1, minor_injury: 0, serious_injury: 0, no_answer: 1 }
 */
export function statusTotals(people: readonly { status: SafetyStatus | null }[]): StatusTotals {
  const t: StatusTotals = { safe: 0, minor_injury: 0, serious_injury: 0, no_answer: 0 };
  for (const p of people) t[p.status ?? 'no_answer'] += 1;
  return t;
}

/** statusTotals per group key (a site or department id, or null for people without one). */
export function totalsBy<K extends string | null>(
  people: readonly { status: SafetyStatus | null; key: K }[],
): Map<K, StatusTotals> {
  const groups = new Map<K, { status: SafetyStatus | null }[]>();
  for (const p of people) {
    const g = groups.get(p.key) ?? [];
    g.push(p);
    groups.set(p.key, g);
  }
  return new Map([...groups].map(([k, g]) => [k, statusTotals(g)]));
}
