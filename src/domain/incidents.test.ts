import { describe, expect, it } from 'vitest';
import { checkCorrection, correctedBy, rtoClock, showsUnder } from './incidents.js';

const began = '2026-03-01T00:00:00.000Z';
const at = (h: number, m = 0) => new Date(Date.parse(began) + (h * 60 + m) * 60_000);
const tenHours = { kind: 'duration' as const, minutes: 600 };

describe('rtoClock', () => {
  it('is on track before 80 % of the target, with the time left', () => {
    expect(rtoClock(tenHours, began, null, at(7, 59))).toEqual({
      state: 'on_track',
      elapsedMinutes: 479,
      leftMinutes: 121,
      targetMinutes: 600,
    });
  });
  it('warns from 80 % of the target until the target', () => {
    expect(rtoClock(tenHours, began, null, at(8)).state).toBe('warning');
    expect(rtoClock(tenHours, began, null, at(10)).state).toBe('warning');
  });
  it('is breached after the target, with negative time left', () => {
    const c = rtoClock(tenHours, began, null, at(10, 1));
    expect(c.state).toBe('breached');
    expect(c.leftMinutes).toBe(-1);
  });
  it('stops the clock when the system is back', () => {
    const c = rtoClock(tenHours, began, at(3).toISOString(), at(20));
    expect(c).toMatchObject({ state: 'recovered', elapsedMinutes: 180, leftMinutes: 420 });
  });
  it('has no target for risk accepted, not set, at least, or none', () => {
    for (const rto of [{ kind: 'risk_accepted' as const }, { kind: 'not_set' as const }, null])
      expect(rtoClock(rto, began, null, at(100))).toMatchObject({ state: 'no_target', leftMinutes: null });
    expect(rtoClock({ kind: 'at_least', minutes: 60 }, began, null, at(2)).state).toBe('no_target');
  });
  it('counts an immediate target (0 minutes) as breached at once', () => {
    expect(rtoClock({ kind: 'duration', minutes: 0 }, began, null, at(0, 1)).state).toBe('breached');
  });
  it('never counts negative time when the clock is before the start', () => {
    expect(rtoClock(tenHours, began, null, at(-1)).elapsedMinutes).toBe(0);
  });
});

describe('corrections', () => {
  const e1 = { id: 'e1', incidentId: 'i1', correctsId: null };
  it('refuses a missing entry and an entry of another incident', () => {
    expect(checkCorrection('i1', undefined)).toBe('correction_target_missing');
    expect(checkCorrection('i2', e1)).toBe('correction_other_incident');
    expect(checkCorrection('i1', e1)).toBeNull();
  });
  it('points each corrected entry at its newest correction', () => {
    const m = correctedBy([
      e1,
      { id: 'e2', incidentId: 'i1', correctsId: 'e1' },
      { id: 'e3', incidentId: 'i1', correctsId: 'e1' },
    ]);
    expect(m.get('e1')).toBe('e3');
    expect(m.has('e2')).toBe(false);
  });
});

describe('showsUnder', () => {
  it('keeps drills out of real lists and real incidents out of drill lists', () => {
    expect(showsUnder('drill', 'real')).toBe(false);
    expect(showsUnder('real', 'drill')).toBe(false);
    expect(showsUnder('drill', 'all')).toBe(true);
  });
});
