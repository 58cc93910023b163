/**
 * When keizoku backs itself up, and which bundles it keeps. Pure functions: no clock, no files.
 * 001: 3-2-1 = three copies, two media, one offline off-site; test that restores work.
 */

import { zonedParts } from './local-time.js';

export interface Retention {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_RETENTION: Retention = { daily: 7, weekly: 4, monthly: 12 };

/** The instant at which the wall clock of `timeZone` shows y-m-d h:min (first match on a DST fold). */
function instantOf(y: number, m: number, d: number, h: number, min: number, timeZone: string): Date {
  let guess = Date.UTC(y, m - 1, d, h, min);
  for (let i = 0; i < 3; i++) {
    const z = zonedParts(new Date(guess), timeZone);
    const shown = Date.UTC(z.y, z.m - 1, z.d, z.h, z.min, z.s);
    const wanted = Date.UTC(y, m - 1, d, h, min);
    if (shown === wanted) break;
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** Parse 'HH:MM' (24-hour); null when it is not a time of day. */
export function parseTimeOfDay(text: string): { h: number; min: number } | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? { h: Number(m[1]), min: Number(m[2]) } : null;
}

/**
 * The next instant after `now` at which the clock in `timeZone` shows `at`.
 * @example nextRunAt(new Date('2026-12-06T21:40:00Z'), '03:00', 'Asia/Tokyo') // 2026-12-06T18:00:00Z is past → 2026-12-07T18:00:00Z
 */
export function nextRunAt(now: Date, at: { h: number; min: number }, timeZone: string): Date {
  const today = zonedParts(now, timeZone);
  for (let add = 0; add < 3; add++) {
    const day = new Date(Date.UTC(today.y, today.m - 1, today.d + add));
    const candidate = instantOf(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      at.h,
      at.min,
      timeZone,
    );
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  throw new Error('unreachable: a time of day recurs within three days');
}

/** 'YYYY-MM-DD' of an instant in a time zone. */
function localDate(at: Date, timeZone: string): string {
  const z = zonedParts(at, timeZone);
  return `${z.y}-${String(z.m).padStart(2, '0')}-${String(z.d).padStart(2, '0')}`;
}

/** ISO week ('2026-W49') of a local date. */
function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Grandfather-father-son retention: keep the newest bundle of each of the last `daily` days that
 * have one, of the last `weekly` ISO weeks and of the last `monthly` months. Returns the names to
 * keep; everything else may be deleted.
 * @example keepBundles([{ name: 'a', at }], DEFAULT_RETENTION, 'Asia/Tokyo') // Set { 'a' }
 */
export function keepBundles(
  bundles: { name: string; at: Date }[],
  keep: Retention,
  timeZone: string,
): Set<string> {
  const newestFirst = [...bundles].sort((a, b) => b.at.getTime() - a.at.getTime());
  const kept = new Set<string>();
  const pick = (count: number, bucketOf: (date: string) => string) => {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      const bucket = bucketOf(localDate(b.at, timeZone));
      if (seen.has(bucket)) continue;
      if (seen.size >= count) break;
      seen.add(bucket);
      kept.add(b.name);
    }
  };
  pick(keep.daily, (d) => d);
  pick(keep.weekly, isoWeek);
  pick(keep.monthly, (d) => d.slice(0, 7));
  return kept;
}

type BackupWarningCode =
  | 'no_backup_yet'
  | 'schedule_off'
  | 'backup_overdue'
  | 'latest_failed'
  | 'verify_failed'
  | 'never_verified'
  | 'copy_not_configured'
  | 'copy_overdue';

export interface BackupWarning {
  code: BackupWarningCode;
  severity: 'danger' | 'warning';
  /** Whole days since the last good backup / copy, for the sentence. */
  days?: number;
}

/** A daily schedule is late once a day and a couple of hours have passed. */
const DAILY_GRACE_MS = 26 * 3_600_000;

/**
 * What the owner must hear about keizoku's own backups, in 3-2-1 terms: is there a recent copy,
 * did its test restore pass, is there a second (offline) copy, and is it recent.
 * @example backupWarnings({ now, scheduled: true, lastBackupAt: null, … }) // [{ code: 'no_backup_yet', … }]
 */
export function backupWarnings(s: {
  now: Date;
  scheduled: boolean;
  lastBackupAt: string | null;
  lastCopyAt: string | null;
  lastVerifiedAt: string | null;
  latestVerifyFailed: boolean;
  latestFailed: boolean;
  copyConfigured: boolean;
}): BackupWarning[] {
  const out: BackupWarning[] = [];
  const daysSince = (iso: string) => Math.floor((s.now.getTime() - Date.parse(iso)) / 86_400_000);
  const late = (iso: string) => s.now.getTime() - Date.parse(iso) > DAILY_GRACE_MS;
  if (!s.scheduled) out.push({ code: 'schedule_off', severity: 'warning' });
  if (!s.lastBackupAt) out.push({ code: 'no_backup_yet', severity: 'danger' });
  else if (s.scheduled && late(s.lastBackupAt))
    out.push({ code: 'backup_overdue', severity: 'danger', days: daysSince(s.lastBackupAt) });
  if (s.latestFailed) out.push({ code: 'latest_failed', severity: 'danger' });
  if (s.latestVerifyFailed) out.push({ code: 'verify_failed', severity: 'danger' });
  else if (s.lastBackupAt && !s.lastVerifiedAt) out.push({ code: 'never_verified', severity: 'danger' });
  if (!s.copyConfigured) out.push({ code: 'copy_not_configured', severity: 'warning' });
  else if (!s.lastCopyAt) out.push({ code: 'copy_overdue', severity: 'danger' });
  else if (late(s.lastCopyAt))
    out.push({ code: 'copy_overdue', severity: 'danger', days: daysSince(s.lastCopyAt) });
  return out;
}
