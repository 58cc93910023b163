/**
 * When an earthquake report should start a safety confirmation (安否確認) for an organization.
 * Pure: the caller keeps one TriggerState per earthquake (EventID) and passes the clock.
 *
 * - A prefecture matches when the organization has a site or staff there and the report's
 *   strongest intensity there is the threshold or more. A prefecture where the agency says
 *   震度５弱以上未入電 (5 lower or more likely, not yet reported) counts as 5 lower: people there
 *   should not wait for a figure.
 * - The first match is held for `holdMinutes` before anything is sent, so that a report withdrawn
 *   (取消) or corrected (訂正) within minutes sends nothing or the corrected list.
 * - Each kind of report (VXSE51 震度速報, VXSE53 震源・震度に関する情報) contributes its own
 *   prefectures; a later report of a kind replaces that kind's contribution, an older or repeated
 *   one is ignored, and a 取消 drops its kind's contribution. VXSE52 has no intensities.
 * - One earthquake sends once: after sending, a report that adds prefectures extends the request
 *   to them; nothing else sends again.
 * - Drills and tests of the agency (訓練, 試験) never send.
 */
import { type QuakeReport, type QuakeReportKind, UNREPORTED_STRONG } from './jma-quake.js';
import { atLeast, type SeismicIntensity, strongest } from './seismic-intensity.js';

/** 震度５弱以上未入電 counts as this intensity. */
const UNREPORTED_AS: SeismicIntensity = '5-';

export interface TriggerRule {
  /** The organization's prefectures (JIS codes): its sites and where its staff live. */
  prefectures: readonly string[];
  /** Send when a matching prefecture reaches this intensity; e.g. '5-'. */
  threshold: SeismicIntensity;
  /** Minutes to wait after the first match before sending; 0 sends at once. */
  holdMinutes: number;
}

interface MatchedPrefecture {
  prefecture: string;
  maxIntensity: SeismicIntensity;
}

interface Contribution {
  reportedAt: string;
  serial: number | null;
  matched: MatchedPrefecture[];
}

type TriggerPhase = 'pending' | 'sent' | 'cancelled';

/** What is kept for one earthquake between reports (store it as JSON). */
export interface TriggerState {
  eventId: string;
  phase: TriggerPhase;
  /** When the held request goes out (ISO); set while pending. */
  sendAt: string | null;
  sentAt: string | null;
  /** The prefectures a request already went to. */
  sentTo: string[];
  contributions: Partial<Record<QuakeReportKind, Contribution>>;
}

type IgnoreReason =
  | 'drill_or_test'
  | 'other_earthquake'
  | 'no_intensities'
  | 'below_threshold'
  | 'repeated_or_older'
  | 'unchanged'
  | 'already_sent'
  | 'already_cancelled'
  | 'nothing_to_cancel';

type TriggerDecision =
  /** Nothing to do. */
  | { action: 'ignore'; reason: IgnoreReason }
  /** A request is now held until `sendAt` for these prefectures (new, or its list changed). */
  | { action: 'hold'; sendAt: string; prefectures: MatchedPrefecture[] }
  /** Send the request now to these prefectures. */
  | { action: 'send'; prefectures: MatchedPrefecture[] }
  /** Already sent: also send to these newly matching prefectures. */
  | { action: 'extend'; prefectures: MatchedPrefecture[] }
  /** The held request is dropped: its reports were withdrawn or corrected below the threshold. */
  | { action: 'cancel' }
  /** A report behind a request already sent was withdrawn: tell the HQ, send nothing. */
  | { action: 'withdrawn_after_send' };

export interface TriggerOutcome {
  state: TriggerState | null;
  decision: TriggerDecision;
}

function matchesOf(report: QuakeReport, rule: TriggerRule): MatchedPrefecture[] {
  const ours = new Set(rule.prefectures);
  const out: MatchedPrefecture[] = [];
  for (const p of report.prefectures) {
    if (!p.prefecture || !ours.has(p.prefecture)) continue;
    const unreported = [
      p.condition,
      ...p.areas.flatMap((a) => [a.condition, ...a.cities.map((c) => c.condition)]),
    ].some((c) => c === UNREPORTED_STRONG);
    const max = strongest([p.maxIntensity, unreported ? UNREPORTED_AS : null]);
    if (max && atLeast(max, rule.threshold)) out.push({ prefecture: p.prefecture, maxIntensity: max });
  }
  return out;
}

/** The union of every kind's matches, each prefecture at its strongest. */
function combined(state: TriggerState): MatchedPrefecture[] {
  const best = new Map<string, SeismicIntensity>();
  for (const c of Object.values(state.contributions))
    for (const m of c?.matched ?? [])
      best.set(m.prefecture, strongest([best.get(m.prefecture) ?? null, m.maxIntensity]) ?? m.maxIntensity);
  return [...best]
    .map(([prefecture, maxIntensity]) => ({ prefecture, maxIntensity }))
    .sort((a, b) => a.prefecture.localeCompare(b.prefecture));
}

const sameList = (a: MatchedPrefecture[], b: MatchedPrefecture[]) =>
  a.length === b.length &&
  a.every((m, i) => m.prefecture === b[i]?.prefecture && m.maxIntensity === b[i]?.maxIntensity);

/** True when `report` is not newer than what `kind` already contributed. */
function isRepeatedOrOlder(prev: Contribution | undefined, report: QuakeReport): boolean {
  if (!prev) return false;
  if (report.reportedAt !== prev.reportedAt) return report.reportedAt < prev.reportedAt;
  // Same report time: only a higher serial or a correction is news.
  if (report.infoType === 'corrected') return false;
  return (report.serial ?? 0) <= (prev.serial ?? 0);
}

/**
 * Applies one report of an earthquake to what is known of it and says what to do.
 * @example
 * applyReport(null, vxse51, { prefectures: ['33'], threshold: '5-', holdMinutes: 3 }, now)
 * // { decision: { action: 'hold', sendAt: now + 3 min, prefectures: [{ prefecture: '33', maxIntensity: '5-' }] }, state: … }
 */
export function applyReport(
  state: TriggerState | null,
  report: QuakeReport,
  rule: TriggerRule,
  now: Date,
): TriggerOutcome {
  const ignore = (reason: IgnoreReason): TriggerOutcome => ({
    state,
    decision: { action: 'ignore', reason },
  });
  if (report.status !== 'normal') return ignore('drill_or_test');
  if (state && state.eventId !== report.eventId) return ignore('other_earthquake');
  if (report.kind === 'VXSE52') return ignore('no_intensities');
  if (state?.phase === 'cancelled' && report.infoType === 'cancelled') return ignore('already_cancelled');

  const prev = state?.contributions[report.kind];
  if (isRepeatedOrOlder(prev, report)) return ignore('repeated_or_older');

  const base: TriggerState = state ?? {
    eventId: report.eventId,
    phase: 'pending',
    sendAt: null,
    sentAt: null,
    sentTo: [],
    contributions: {},
  };
  const contributions = { ...base.contributions };
  if (report.infoType === 'cancelled') {
    if (!prev) return ignore('nothing_to_cancel');
    delete contributions[report.kind];
  } else {
    contributions[report.kind] = {
      reportedAt: report.reportedAt,
      serial: report.serial,
      matched: matchesOf(report, rule),
    };
  }
  const next: TriggerState = { ...base, contributions };
  const matched = combined(next);

  if (base.phase === 'sent') {
    if (report.infoType === 'cancelled' && matched.length === 0)
      return { state: next, decision: { action: 'withdrawn_after_send' } };
    const added = matched.filter((m) => !base.sentTo.includes(m.prefecture));
    if (added.length === 0) return { state: next, decision: { action: 'ignore', reason: 'already_sent' } };
    return {
      state: { ...next, sentTo: [...base.sentTo, ...added.map((m) => m.prefecture)].sort() },
      decision: { action: 'extend', prefectures: added },
    };
  }

  const wasHeld = state?.phase === 'pending' && state.sendAt !== null;
  if (matched.length === 0) {
    if (wasHeld)
      return { state: { ...next, phase: 'cancelled', sendAt: null }, decision: { action: 'cancel' } };
    // Below the threshold (or everything withdrawn before a match): remember the reports only.
    const reason: IgnoreReason = report.infoType === 'cancelled' ? 'nothing_to_cancel' : 'below_threshold';
    return {
      state: { ...next, phase: base.phase === 'cancelled' ? 'cancelled' : 'pending', sendAt: null },
      decision: { action: 'ignore', reason },
    };
  }

  // A match: keep the first hold's deadline; corrections and later reports do not delay it.
  const sendAt =
    wasHeld && state?.sendAt
      ? state.sendAt
      : new Date(now.getTime() + rule.holdMinutes * 60_000).toISOString();
  if (sendAt <= now.toISOString()) return send({ ...next, phase: 'pending', sendAt }, now);
  const before = state ? combined(state) : [];
  if (wasHeld && sameList(before, matched))
    return { state: next, decision: { action: 'ignore', reason: 'unchanged' } };
  return {
    state: { ...next, phase: 'pending', sendAt },
    decision: { action: 'hold', sendAt, prefectures: matched },
  };
}

function send(state: TriggerState, now: Date): TriggerOutcome {
  const prefectures = combined(state);
  return {
    state: {
      ...state,
      phase: 'sent',
      sendAt: null,
      sentAt: now.toISOString(),
      sentTo: prefectures.map((p) => p.prefecture),
    },
    decision: { action: 'send', prefectures },
  };
}

/**
 * Releases a held request whose hold has ended; null while it is still held (or nothing is held).
 * The caller runs it on a timer with its clock.
 */
export function releaseIfDue(state: TriggerState, now: Date): TriggerOutcome | null {
  if (state.phase !== 'pending' || !state.sendAt || state.sendAt > now.toISOString()) return null;
  if (combined(state).length === 0) return null;
  return send(state, now);
}

/** What happens when the rule fires: the HQ confirms before safety requests go out, or they go at once. */
export const QUAKE_SEND_MODES = ['confirm', 'auto'] as const;
export type QuakeSendMode = (typeof QUAKE_SEND_MODES)[number];

/** The HQ's answer to "send safety requests for this earthquake?"; `auto` when nobody was asked. */
export const QUAKE_CONFIRMATIONS = ['pending', 'confirmed', 'dismissed', 'auto'] as const;
export type QuakeConfirmation = (typeof QUAKE_CONFIRMATIONS)[number];

/** The trigger's defaults (PRODUCT module 11): intensity 5 lower, held 3 minutes, the HQ confirms. */
export const QUAKE_DEFAULTS = { threshold: '5-', holdMinutes: 3, sendMode: 'confirm' } as const;
/** The longest hold that can be set, in minutes. */
export const QUAKE_MAX_HOLD_MINUTES = 30;
