/**
 * Moments as people read them where the organization is: its IANA time zone, not the server's or
 * UTC (an export made in Tokyo at 08:00 is dated that day, not the UTC day before). Pure.
 */

/** The calendar and clock of an instant in a time zone (24-hour clock; midnight is 0). */
export interface ZonedParts {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
  s: number;
}

/** The wall clock of `timeZone` at instant `at`. */
export function zonedParts(at: string | Date, timeZone: string): ZonedParts {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(typeof at === 'string' ? new Date(at) : at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    y: get('year'),
    m: get('month'),
    d: get('day'),
    h: get('hour'),
    min: get('minute'),
    s: get('second'),
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * "2026-12-07 12:34" in `timeZone`.
 * @example localTime('2026-03-31T23:30:00Z', 'Asia/Tokyo') // '2026-04-01 08:30'
 */
export function localTime(at: string | Date, timeZone: string): string {
  const z = zonedParts(at, timeZone);
  return `${z.y}-${two(z.m)}-${two(z.d)} ${two(z.h)}:${two(z.min)}`;
}

/**
 * The day "2026-12-07" in `timeZone`.
 * @example localDay(new Date('2026-03-31T23:30:00Z'), 'Asia/Tokyo') // '2026-04-01'
 */
export function localDay(at: string | Date, timeZone: string): string {
  return localTime(at, timeZone).slice(0, 10);
}
