import {
  DURATION_UNITS,
  type DurationUnit,
  MINUTES_PER_DAY,
  MINUTES_PER_HOUR,
  splitDuration,
} from '../../domain/rto.js';

/**
 * The amount + unit shown by the RTO input. Pure: the component keeps the unit the user chose
 * (`Chosen`) and derives one from the minutes only when the value came from elsewhere (first
 * load, a reset, the server's copy), so "0 日" stays in days and 24 hours stays "24 時間".
 */
export type RtoUnit = DurationUnit;
export const RTO_UNITS = DURATION_UNITS;

const UNIT_MINUTES: Record<RtoUnit, number> = {
  minutes: 1,
  hours: MINUTES_PER_HOUR,
  days: MINUTES_PER_DAY,
};

/** Largest amount each unit accepts (one year). */
export const UNIT_MAX: Record<RtoUnit, number> = { minutes: 525_600, hours: 8_760, days: 365 };

/** The unit the user picked, and the minutes it was picked for. */
export interface ChosenUnit {
  unit: RtoUnit;
  minutes: number;
}

/**
 * What to show for `minutes`: in the chosen unit while the value is still the one produced with
 * it, else in the unit the value was saved with (`stored`, kept with the RTO), else in the largest
 * unit that divides the minutes exactly (0 is shown in hours).
 * @example rtoDisplay(0, { unit: 'days', minutes: 0 }) // { amount: 0, unit: 'days' }
 * @example rtoDisplay(1440, null) // { amount: 1, unit: 'days' }
 * @example rtoDisplay(1440, null, 'hours') // { amount: 24, unit: 'hours' }
 */
export function rtoDisplay(
  minutes: number,
  chosen: ChosenUnit | null,
  stored?: RtoUnit,
): { amount: number; unit: RtoUnit } {
  if (chosen && chosen.minutes === minutes && minutes % UNIT_MINUTES[chosen.unit] === 0) {
    return { amount: minutes / UNIT_MINUTES[chosen.unit], unit: chosen.unit };
  }
  if (minutes === 0 && !stored) return { amount: 0, unit: 'hours' };
  return splitDuration(minutes, stored);
}

/**
 * The minutes for an amount typed in a unit, and the choice to remember for them.
 * @example rtoFromAmount(2, 'days') // { minutes: 2880, chosen: { unit: 'days', minutes: 2880 } }
 */
export function rtoFromAmount(amount: number, unit: RtoUnit): { minutes: number; chosen: ChosenUnit } {
  const safe = Number.isFinite(amount) ? amount : 0;
  const minutes = Math.max(0, Math.round(safe * UNIT_MINUTES[unit]));
  return { minutes, chosen: { unit, minutes } };
}
