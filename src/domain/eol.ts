/**
 * End of life (サポート終了) of a system: after that date its maker ships no more fixes, so it is a
 * risk to plan for. Dates are calendar dates (YYYY-MM-DD) in the organization's own calendar. Pure.
 */

export type EolStatus = 'ended' | 'soon';

/** "Soon" is within about six months: enough time to plan and budget a replacement. */
export const EOL_SOON_DAYS = 180;

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / DAY_MS;
};

/**
 * 'ended' from the end-of-life date on, 'soon' in the {@link EOL_SOON_DAYS} days before it, else null.
 * @example eolStatus('2026-09-30', '2026-12-03') // 'ended'
 * @example eolStatus('2027-01-12', '2026-12-03') // 'soon'
 */
export function eolStatus(eolDate: string | null | undefined, today: string): EolStatus | null {
  if (!eolDate) return null;
  const left = dayNumber(eolDate) - dayNumber(today);
  if (Number.isNaN(left)) return null;
  if (left <= 0) return 'ended';
  return left <= EOL_SOON_DAYS ? 'soon' : null;
}
