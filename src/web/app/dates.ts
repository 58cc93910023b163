/**
 * The date `days` after today in the user's own calendar, as YYYY-MM-DD (a date field's value).
 * Not toISOString: that is the UTC date, a day behind in Japan before 09:00.
 * @example localDateAfter(0) // today, e.g. '2026-12-03'
 */
export function localDateAfter(days: number, today: Date = new Date()): string {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
