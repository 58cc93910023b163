import { describe, expect, it } from 'vitest';
import {
  affectedSystems,
  assessFeasibility,
  checkSteps,
  formatMinutes,
  type PlannedSystem,
  parseDuration,
  recoveryOrder,
  schedulePhase,
} from './recovery.js';
import { hours } from './rto.js';

const step = (key: string, durationMinutes: number, after: string[] = [], afterSystems: string[] = []) => ({
  key,
  durationMinutes,
  after,
  afterSystems,
});

describe('parseDuration', () => {
  it('reads words with a unit, full width included, and whole minutes', () => {
    expect(parseDuration('2時間')).toEqual({ ok: true, minutes: 120 });
    expect(parseDuration('３０分')).toEqual({ ok: true, minutes: 30 });
    expect(parseDuration('1.5 hours')).toEqual({ ok: true, minutes: 90 });
    expect(parseDuration('1日')).toEqual({ ok: true, minutes: 1440 });
    expect(parseDuration('0')).toEqual({ ok: true, minutes: 0 });
    expect(parseDuration(45)).toEqual({ ok: true, minutes: 45 });
  });

  it('refuses negative, unreadable and absurd durations with a code', () => {
    expect(parseDuration(-5)).toEqual({ ok: false, code: 'duration_negative' });
    expect(parseDuration('-2時間')).toEqual({ ok: false, code: 'duration_negative' });
    expect(parseDuration('3')).toEqual({ ok: false, code: 'duration_unreadable' });
    expect(parseDuration('すぐに終わる')).toEqual({ ok: false, code: 'duration_unreadable' });
    expect(parseDuration('リスク受容')).toEqual({ ok: false, code: 'duration_unreadable' });
    expect(parseDuration(1.5)).toEqual({ ok: false, code: 'duration_unreadable' });
    expect(parseDuration(null)).toEqual({ ok: false, code: 'duration_unreadable' });
    expect(parseDuration('400日')).toEqual({ ok: false, code: 'duration_too_long' });
  });
});

describe('formatMinutes', () => {
  it('writes the largest units first in either language', () => {
    expect(formatMinutes(1710, 'ja')).toBe('1日4時間30分');
    expect(formatMinutes(1710, 'en')).toBe('1 day 4 hours 30 min');
    expect(formatMinutes(60, 'en')).toBe('1 hour');
    expect(formatMinutes(0, 'ja')).toBe('0分');
  });
});

describe('checkSteps', () => {
  it('accepts a chain and parallel steps', () => {
    expect(checkSteps([step('a', 1), step('b', 1, ['a']), step('c', 1, ['a', 'b'])])).toEqual([]);
  });

  it('names a loop of prerequisites by its steps', () => {
    const issues = checkSteps([step('a', 1, ['c']), step('b', 1, ['a']), step('c', 1, ['b'])]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('step_cycle');
    expect(issues[0]?.params?.cycle).toBe('a → c → b → a');
  });

  it('refuses duplicate keys, unknown prerequisites and a step waiting for itself', () => {
    expect(checkSteps([step('a', 1), step('a', 1)]).map((i) => i.code)).toEqual(['step_key_duplicate']);
    expect(checkSteps([step('a', 1, ['x'])]).map((i) => [i.code, i.params?.key])).toEqual([
      ['step_unknown', 'x'],
    ]);
    expect(checkSteps([step('a', 1, ['a'])]).map((i) => i.code)).toEqual(['step_self']);
  });
});

describe('schedulePhase', () => {
  it('runs steps side by side where prerequisites allow: the longest chain sets the length', () => {
    // 001 §第一段階: arranging the backup (2) may start before the damage survey (1) ends.
    const s = schedulePhase([
      step('stable', 30),
      step('survey', 60, ['stable']),
      step('backup', 120),
      step('restore', 180, ['survey', 'backup']),
      step('resume', 30, ['restore']),
    ]);
    expect(s.totalMinutes).toBe(330);
    expect(s.longestChain).toEqual(['backup', 'restore', 'resume']);
    expect(s.startAt.get('restore')).toBe(120);
  });

  it('is the sum of a sequence and the longest of independent steps', () => {
    expect(schedulePhase([step('a', 10), step('b', 20, ['a']), step('c', 30, ['b'])]).totalMinutes).toBe(60);
    expect(schedulePhase([step('a', 10), step('b', 20), step('c', 30)]).totalMinutes).toBe(30);
    expect(schedulePhase([]).totalMinutes).toBe(0);
  });

  it('delays a step that waits for something else', () => {
    const s = schedulePhase([step('a', 10), step('b', 20, ['a'])], new Map([['a', 100]]));
    expect(s.totalMinutes).toBe(130);
  });
});

const sys = (id: string, priority: 'S' | 'A' | 'B' | 'C' | 'D' | null, needs: string[] = []) => ({
  id,
  name: id,
  priority,
  rto: null,
  needs,
});

describe('recoveryOrder', () => {
  it('puts what a system needs before it, then the most urgent first', () => {
    const r = recoveryOrder([
      sys('web', 'B'),
      sys('checkin', 'S', ['members', 'vpn']),
      sys('members', 'S'),
      sys('vpn', 'A'),
      sys('mail', 'A'),
    ]);
    expect(r.cycles).toEqual([]);
    expect(r.order.indexOf('members')).toBeLessThan(r.order.indexOf('checkin'));
    expect(r.order.indexOf('vpn')).toBeLessThan(r.order.indexOf('checkin'));
    expect(r.order[0]).toBe('members');
    expect(r.order.at(-1)).toBe('web');
    expect(r.order).toHaveLength(5);
  });

  it('orders equal priorities by the stricter target, then by name', () => {
    const r = recoveryOrder([
      { ...sys('b', 'A'), rto: hours(24) },
      { ...sys('a', 'A'), rto: hours(24) },
      { ...sys('c', 'A'), rto: hours(6) },
    ]);
    expect(r.order).toEqual(['c', 'a', 'b']);
  });

  it('reports a loop and still lists every system once', () => {
    const r = recoveryOrder([
      sys('a', 'B', ['b']),
      sys('b', 'S', ['c']),
      sys('c', 'A', ['a']),
      sys('d', 'C', ['a']),
    ]);
    expect(r.cycles).toHaveLength(1);
    expect(new Set(r.cycles[0])).toEqual(new Set(['a', 'b', 'c']));
    expect(r.cycles[0]?.[0]).toBe(r.cycles[0]?.at(-1));
    expect([...r.order].sort()).toEqual(['a', 'b', 'c', 'd']);
    // The loop is broken at its most urgent member (b, priority S).
    expect(r.order[0]).toBe('b');
    expect(r.order.indexOf('a')).toBeLessThan(r.order.indexOf('d'));
  });

  it('ignores needs on unknown systems and on itself', () => {
    expect(recoveryOrder([sys('a', 'A', ['a', 'zzz'])]).order).toEqual(['a']);
  });
});

describe('assessFeasibility', () => {
  const planned = (
    id: string,
    rtoHours: number | null,
    phase1: PlannedSystem['phase1'],
    needs: string[] = [],
  ): PlannedSystem => ({
    id,
    name: id,
    priority: 'S',
    rto: rtoHours === null ? null : hours(rtoHours),
    needs,
    phase1,
  });

  it('flags a phase 1 longer than the target, with the gap', () => {
    const systems = [planned('members', 3, [step('stable', 60), step('restore', 240, ['stable'])])];
    const f = assessFeasibility(systems, recoveryOrder(systems)).get('members');
    expect(f).toMatchObject({ verdict: 'misses', phase1Minutes: 300, targetMinutes: 180, gapMinutes: 120 });
    expect(f?.longestChain).toEqual(['stable', 'restore']);
  });

  it('meets a target when parallel steps fit in it', () => {
    const systems = [planned('mail', 3, [step('a', 120), step('b', 150), step('c', 30, ['a', 'b'])])];
    expect(assessFeasibility(systems, recoveryOrder(systems)).get('mail')).toMatchObject({
      verdict: 'meets',
      phase1Minutes: 180,
      gapMinutes: 0,
    });
  });

  it('adds the wait for the systems that must be back first', () => {
    const systems = [
      planned('app', 3, [step('restore', 60)], ['db']),
      planned('db', 5, [step('restore', 240)]),
      planned('report', 10, [step('survey', 30), step('print', 30, ['survey'], ['app'])]),
    ];
    const f = assessFeasibility(systems, recoveryOrder(systems));
    expect(f.get('db')?.backAfterMinutes).toBe(240);
    // App's restore runs while db comes back: app is back when db is (240 beats its own 60).
    expect(f.get('app')).toMatchObject({
      verdict: 'misses',
      phase1Minutes: 60,
      backAfterMinutes: 240,
      gapMinutes: 60,
    });
    expect(f.get('app')?.waitsFor).toEqual(['db']);
    // The survey runs while app is restored; printing waits for app (240) then takes 30.
    expect(f.get('report')).toMatchObject({ backAfterMinutes: 270, verdict: 'meets' });
  });

  it('says when there is no procedure or no target', () => {
    const systems = [planned('a', 3, null), planned('b', null, [step('x', 10)])];
    const f = assessFeasibility(systems, recoveryOrder(systems));
    expect(f.get('a')?.verdict).toBe('no_procedure');
    expect(f.get('b')?.verdict).toBe('no_target');
  });
});

describe('affectedSystems', () => {
  const systems = [
    { id: 'members', layers: [1, 2, 3] as const, needs: [] },
    { id: 'checkin', layers: [3] as const, needs: ['members', 'vpn'] },
    { id: 'vpn', layers: [2] as const, needs: [] },
    { id: 'mail', layers: [] as const, needs: [] },
  ];

  it('keeps the systems on a damaged layer and those that need them', () => {
    const hit = affectedSystems([2], systems);
    expect([...hit.keys()].sort()).toEqual(['checkin', 'members', 'vpn']);
    expect(hit.get('vpn')).toBeNull();
    // Check-in's own parts are hardware (L3): it is touched through the member system it needs.
    expect(hit.get('checkin')).toBe('members');
  });

  it('touches every system when software is damaged', () => {
    expect(affectedSystems([4], systems).size).toBe(4);
  });

  it('touches nothing when no layer is damaged', () => {
    expect(affectedSystems([], systems).size).toBe(0);
  });
});
