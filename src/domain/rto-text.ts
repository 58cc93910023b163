/**
 * RTOs written as words in one spreadsheet cell ("3時間", "3 days", "7日以上", "リスク受容"), for the
 * inventory's Excel import and export. Pure: no I/O.
 *
 * Written: the largest whole unit ("72時間" is written "3日"). Read: Japanese or English whatever
 * the header language, full- or half-width digits, with or without "以内" / "within". A bare number
 * is refused: "3" could be hours or days, and guessing wrong would move a recovery target.
 */

import type { Locale } from './organization.js';
import {
  MINUTES_PER_DAY,
  MINUTES_PER_HOUR,
  type Rto,
  type RtoProblem,
  splitDuration,
  validateRto,
} from './rto.js';

export type RtoCellLanguage = Locale;

const WORDS = {
  ja: {
    immediately: 'すぐ',
    risk_accepted: 'リスク受容',
    not_set: '規定なし',
    unit: { minutes: '分', hours: '時間', days: '日' },
    atLeast: '以上',
  },
  en: {
    immediately: 'immediately',
    risk_accepted: 'risk accepted',
    not_set: 'not set',
    unit: { minutes: 'min', hours: 'hours', days: 'days' },
    atLeast: ' or more',
  },
} as const;

/**
 * @example formatRtoCell({ kind: 'duration', minutes: 4320 }, 'ja') // '3日'
 * @example formatRtoCell({ kind: 'at_least', minutes: 10080 }, 'en') // '7 days or more'
 */
export function formatRtoCell(rto: Rto | null, lang: RtoCellLanguage): string {
  if (rto === null) return '';
  const w = WORDS[lang];
  if (rto.kind === 'risk_accepted' || rto.kind === 'not_set') return w[rto.kind];
  if (rto.kind === 'duration' && rto.minutes === 0) return w.immediately;
  const { amount, unit } = splitDuration(rto.minutes, rto.unit);
  const span = lang === 'ja' ? `${amount}${w.unit[unit]}` : `${amount} ${w.unit[unit]}`;
  return rto.kind === 'at_least' ? `${span}${w.atLeast}` : span;
}

export type RtoCellRead =
  | { ok: true; rto: Rto | null }
  | { ok: false; code: 'rto_unreadable' | RtoProblem; params?: Record<string, number> };

const STATES: Record<string, Rto> = {
  すぐ: { kind: 'duration', minutes: 0 },
  即時: { kind: 'duration', minutes: 0 },
  immediately: { kind: 'duration', minutes: 0 },
  リスク受容: { kind: 'risk_accepted' },
  'risk accepted': { kind: 'risk_accepted' },
  規定なし: { kind: 'not_set' },
  未設定: { kind: 'not_set' },
  'not set': { kind: 'not_set' },
};

const UNITS: [RegExp, number][] = [
  [/^(分|min|mins|minute|minutes)$/, 1],
  [/^(時間|h|hr|hrs|hour|hours)$/, MINUTES_PER_HOUR],
  [/^(日|d|day|days)$/, MINUTES_PER_DAY],
];

/**
 * Reads what someone typed in the cell. An empty cell is `null` (no value).
 * @example parseRtoCell('３時間以内') // { ok: true, rto: { kind: 'duration', minutes: 180 } }
 * @example parseRtoCell('7 days or more') // { ok: true, rto: { kind: 'at_least', minutes: 10080 } }
 * @example parseRtoCell('3') // { ok: false, code: 'rto_unreadable' }
 */
export function parseRtoCell(text: string): RtoCellRead {
  let t = text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === '') return { ok: true, rto: null };
  const state = STATES[t];
  if (state) return { ok: true, rto: state };
  let kind: 'duration' | 'at_least' = 'duration';
  const atLeast = /^(.*?)\s*(以上|以降|or more|or longer|\+)$/.exec(t);
  if (atLeast) {
    kind = 'at_least';
    t = atLeast[1] ?? '';
  } else {
    t = t.replace(/\s*以内$/, '').replace(/^within\s*/, '');
  }
  const m = /^(-?\d+(?:\.\d+)?)\s*(\S+)$/.exec(t);
  const factor = m ? UNITS.find(([re]) => re.test(m[2] ?? ''))?.[1] : undefined;
  if (!m || factor === undefined) return { ok: false, code: 'rto_unreadable' };
  const raw = Number(m[1]) * factor;
  // Past every whole number a double holds (9999…日) it is simply too long; validateRto says so.
  const minutes = Math.min(raw, Number.MAX_SAFE_INTEGER);
  // 1.5時間 is 90 minutes; 0.3時間 (18 minutes) is fine too, but not a fraction of a minute.
  const check = validateRto({ kind, minutes: Number.isInteger(minutes) ? minutes : Number.NaN });
  return check.ok ? { ok: true, rto: check.rto } : check;
}
