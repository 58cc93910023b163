import type { TFunction } from 'i18next';
import { durationWords } from '../../../domain/backup-plan.js';
import { formatMinutes } from '../../../domain/recovery.js';
import type { HomeParams } from '../../../shared/home.js';
import { formatDateTime } from '../../app/errors.js';
import { rtoLabel } from '../graph/labels.js';

/** Params that carry an ISO time: shown as a date and time in the reader's language. */
const TIME_PARAMS = new Set(['until', 'since']);
/** Params that carry a day (YYYY-MM-DD, or an ISO time of which only the day matters). */
const DAY_PARAMS = new Set(['date', 'due']);
/** Params that carry a duration in minutes (a backup interval, an RPO and the gap between them). */
const DURATION_PARAMS = new Set(['every', 'rpo', 'gap']);
/** Params that carry a span in minutes (time left or elapsed), worded as "1 hour" / "1時間". */
const MINUTE_PARAMS = new Set(['left', 'elapsed']);

/** A day in the reader's language: 2026年12月7日 / Dec 7, 2026. */
function formatDay(value: string, lang: string): string {
  const day = value.length === 10 ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(day.getTime())) return value;
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    ...(value.length === 10 ? { timeZone: 'UTC' } : {}),
  }).format(day);
}

/**
 * The values a home sentence names, worded for the reader: times and days in their language,
 * RTOs and durations in plain words, a backup problem as its own sentence, an unknown value as "—".
 */
export function sentenceParams(
  t: TFunction,
  lang: string,
  params: HomeParams,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === null) out[key] = '—';
    else if (typeof value === 'object') out[key] = rtoLabel(t, value);
    else if (typeof value === 'number')
      out[key] = DURATION_PARAMS.has(key)
        ? durationWords(value, lang === 'en' ? 'en' : 'ja')
        : MINUTE_PARAMS.has(key)
          ? formatMinutes(value, lang === 'en' ? 'en' : 'ja')
          : value;
    else if (TIME_PARAMS.has(key)) out[key] = formatDateTime(value);
    else if (DAY_PARAMS.has(key)) out[key] = formatDay(value, lang);
    else out[key] = value;
  }
  if (typeof params.problem === 'string')
    out.problem = t(
      params.problem === 'copy_overdue' && params.days === null
        ? 'backups.warning.copy_never'
        : `backups.warning.${params.problem}`,
      { days: params.days ?? 0 },
    );
  return out;
}
