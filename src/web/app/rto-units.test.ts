import { describe, expect, it } from 'vitest';
import { rtoDisplay, rtoFromAmount } from './rto-units.js';

/** Plays a user's steps against the input's logic: each step emits minutes, which come back as the value. */
function typeSteps(steps: ({ amount: number } | { unit: 'minutes' | 'hours' | 'days' })[], start = 0) {
  let minutes = start;
  let chosen = null as ReturnType<typeof rtoFromAmount>['chosen'] | null;
  for (const step of steps) {
    const shown = rtoDisplay(minutes, chosen);
    const next =
      'amount' in step ? rtoFromAmount(step.amount, shown.unit) : rtoFromAmount(shown.amount, step.unit);
    minutes = next.minutes;
    chosen = next.chosen;
  }
  return { minutes, shown: rtoDisplay(minutes, chosen) };
}

describe('RTO input units', () => {
  it('derive a unit from the minutes when nothing was chosen', () => {
    expect(rtoDisplay(0, null)).toEqual({ amount: 0, unit: 'hours' });
    expect(rtoDisplay(180, null)).toEqual({ amount: 3, unit: 'hours' });
    expect(rtoDisplay(4320, null)).toEqual({ amount: 3, unit: 'days' });
    expect(rtoDisplay(90, null)).toEqual({ amount: 90, unit: 'minutes' });
  });

  it('show a saved value in the unit saved with it (24 hours stays 24 hours, 0 days stays days)', () => {
    expect(rtoDisplay(1440, null, 'hours')).toEqual({ amount: 24, unit: 'hours' });
    expect(rtoDisplay(0, null, 'days')).toEqual({ amount: 0, unit: 'days' });
    expect(rtoDisplay(90, null, 'hours')).toEqual({ amount: 90, unit: 'minutes' });
    // What the user picks now wins over what was saved.
    expect(rtoDisplay(1440, { unit: 'days', minutes: 1440 }, 'hours')).toEqual({ amount: 1, unit: 'days' });
  });

  it('keep days chosen while the amount is 0, so typing 2 means 2 days', () => {
    const picked = typeSteps([{ unit: 'days' }]);
    expect(picked).toEqual({ minutes: 0, shown: { amount: 0, unit: 'days' } });
    expect(typeSteps([{ unit: 'days' }, { amount: 2 }])).toEqual({
      minutes: 2880,
      shown: { amount: 2, unit: 'days' },
    });
  });

  it('keep 24 typed in hours as 24 hours, not 1 day', () => {
    expect(typeSteps([{ amount: 24 }])).toEqual({ minutes: 1440, shown: { amount: 24, unit: 'hours' } });
  });

  it('keep the typed number when the unit changes', () => {
    expect(typeSteps([{ amount: 3 }, { unit: 'days' }]).minutes).toBe(3 * 1440);
    expect(typeSteps([{ unit: 'minutes' }], 120)).toEqual({
      minutes: 2,
      shown: { amount: 2, unit: 'minutes' },
    });
  });

  it('derive again when the value changes from outside', () => {
    const { chosen } = rtoFromAmount(24, 'hours');
    expect(rtoDisplay(4320, chosen)).toEqual({ amount: 3, unit: 'days' });
  });

  it('never go below zero', () => {
    expect(rtoFromAmount(-3, 'hours').minutes).toBe(0);
    expect(rtoFromAmount(Number.NaN, 'days').minutes).toBe(0);
  });
});
