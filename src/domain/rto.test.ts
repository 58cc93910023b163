import { describe, expect, it } from 'vitest';
import {
  compareRto,
  days,
  hours,
  isLooserRto,
  RTO_MAX_MINUTES,
  type Rto,
  splitDuration,
  stricterRto,
  validateRto,
  validateRtoTable,
} from './rto.js';
import { RTO_EXAMPLE_1 } from './test-fixtures.js';

const atLeast = (minutes: number): Rto => ({ kind: 'at_least', minutes });

describe('RTO validation', () => {
  it('accepts durations, bounds and the two states', () => {
    expect(validateRto({ kind: 'duration', minutes: 0 })).toEqual({
      ok: true,
      rto: { kind: 'duration', minutes: 0 },
    });
    expect(validateRto({ kind: 'at_least', minutes: 10_080 }).ok).toBe(true);
    expect(validateRto({ kind: 'risk_accepted', minutes: 5 })).toEqual({
      ok: true,
      rto: { kind: 'risk_accepted' },
    });
    expect(validateRto({ kind: 'not_set' })).toEqual({ ok: true, rto: { kind: 'not_set' } });
    expect(validateRto({ kind: 'duration', minutes: RTO_MAX_MINUTES }).ok).toBe(true);
  });

  it('refuses negative, absurd, fractional and unknown values with a code', () => {
    expect(validateRto({ kind: 'duration', minutes: -1 })).toEqual({ ok: false, code: 'rto_negative' });
    expect(validateRto({ kind: 'at_least', minutes: -60 })).toEqual({ ok: false, code: 'rto_negative' });
    expect(validateRto({ kind: 'duration', minutes: RTO_MAX_MINUTES + 1 })).toEqual({
      ok: false,
      code: 'rto_too_long',
      params: { maximum: 525_600 },
    });
    expect(validateRto({ kind: 'duration', minutes: 1.5 }).ok).toBe(false);
    expect(validateRto({ kind: 'duration', minutes: Number.NaN })).toMatchObject({
      code: 'rto_minutes_not_integer',
    });
    expect(validateRto({ kind: 'duration', minutes: '60' })).toMatchObject({
      code: 'rto_minutes_not_integer',
    });
    expect(validateRto({ kind: 'soon' })).toEqual({ ok: false, code: 'rto_kind_unknown' });
    expect(validateRto(12)).toEqual({ ok: false, code: 'rto_kind_unknown' });
  });
});

describe('RTO strictness', () => {
  it('orders durations by length, 0 (immediately) strictest', () => {
    expect(compareRto(hours(0), hours(3))).toBeLessThan(0);
    expect(compareRto(hours(24), days(1))).toBe(0);
    expect(isLooserRto(days(3), hours(24))).toBe(true);
  });

  it('"N or more" is looser than every duration, and ordered by N', () => {
    expect(isLooserRto(atLeast(10_080), days(7))).toBe(true);
    expect(isLooserRto(atLeast(10_080), days(30))).toBe(true);
    expect(isLooserRto(atLeast(20_160), atLeast(10_080))).toBe(true);
  });

  it('risk accepted and not set are the loosest, not set last', () => {
    const riskAccepted: Rto = { kind: 'risk_accepted' };
    const notSet: Rto = { kind: 'not_set' };
    expect(isLooserRto(riskAccepted, atLeast(RTO_MAX_MINUTES))).toBe(true);
    expect(isLooserRto(notSet, riskAccepted)).toBe(true);
    expect(compareRto(notSet, notSet)).toBe(0);
    expect(stricterRto(notSet, hours(6))).toEqual(hours(6));
    expect(stricterRto(hours(6), hours(6))).toEqual(hours(6));
  });

  it('sorts a mixed list strictest first', () => {
    const list: Rto[] = [{ kind: 'not_set' }, atLeast(10_080), days(3), { kind: 'risk_accepted' }, hours(0)];
    expect([...list].sort(compareRto)).toEqual([
      hours(0),
      days(3),
      atLeast(10_080),
      { kind: 'risk_accepted' },
      { kind: 'not_set' },
    ]);
  });
});

describe('RTO tables', () => {
  const example1 = RTO_EXAMPLE_1;

  it('accepts 001 例1', () => {
    expect(validateRtoTable(example1)).toEqual({ ok: true, table: example1 });
  });

  it('names the priority of each bad or missing cell', () => {
    expect(validateRtoTable({ ...example1, B: { kind: 'duration', minutes: -5 }, D: undefined })).toEqual({
      ok: false,
      issues: [
        { path: ['B'], code: 'rto_negative', params: { priority: 'B' } },
        { path: ['D'], code: 'rto_table_missing', params: { priority: 'D' } },
      ],
    });
  });

  it('refuses a lower priority with a stricter target than a higher one', () => {
    expect(validateRtoTable({ ...example1, C: hours(6) })).toEqual({
      ok: false,
      issues: [{ path: ['C'], code: 'rto_table_order', params: { priority: 'C', higher: 'B' } }],
    });
  });
});

describe('display', () => {
  it('uses the largest exact unit', () => {
    expect(splitDuration(0)).toEqual({ amount: 0, unit: 'minutes' });
    expect(splitDuration(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(splitDuration(720)).toEqual({ amount: 12, unit: 'hours' });
    expect(splitDuration(4320)).toEqual({ amount: 3, unit: 'days' });
  });

  it('shows a time in the unit it was written in when that unit divides it, and keeps that unit', () => {
    expect(splitDuration(1440, 'hours')).toEqual({ amount: 24, unit: 'hours' });
    expect(splitDuration(90, 'hours')).toEqual({ amount: 90, unit: 'minutes' });
    expect(validateRto({ kind: 'duration', minutes: 1440, unit: 'hours' })).toEqual({
      ok: true,
      rto: { kind: 'duration', minutes: 1440, unit: 'hours' },
    });
    // A unit that does not divide the minutes, or an unknown one, is dropped; the minutes stay.
    expect(validateRto({ kind: 'at_least', minutes: 90, unit: 'hours' })).toEqual({
      ok: true,
      rto: { kind: 'at_least', minutes: 90 },
    });
    expect(validateRto({ kind: 'duration', minutes: 60, unit: 'weeks' })).toEqual({
      ok: true,
      rto: { kind: 'duration', minutes: 60 },
    });
  });
});
