import { describe, expect, it } from 'vitest';
import { answerTimes, isPastDeadline, nextReminderAt, percentile, statusTotals, totalsBy } from './safety.js';

describe('percentile', () => {
  it('interpolates between the closest ranks, and is null without values', () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([10, 20, 30, 40], 0.25)).toBe(17.5);
    expect(percentile([7], 0.75)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe('answerTimes', () => {
  it('gives the quartiles of the first answers and the time until 80 % of those asked answered', () => {
    expect(answerTimes(4, [10, 1, 3, 2])).toEqual({
      asked: 4,
      answered: 4,
      p25: 1.75,
      p50: 2.5,
      p75: 4.75,
      to80: 10,
    });
  });
  it('has no time to 80 % while fewer than 80 % of those asked have answered', () => {
    // 10 asked: the 8th answer reaches 80 %.
    expect(answerTimes(10, [1, 2, 3, 4, 5, 6, 7]).to80).toBeNull();
    expect(answerTimes(10, [1, 2, 3, 4, 5, 6, 7, 9]).to80).toBe(9);
    expect(answerTimes(0, [])).toEqual({
      asked: 0,
      answered: 0,
      p25: null,
      p50: null,
      p75: null,
      to80: null,
    });
  });
});

describe('nextReminderAt', () => {
  const at = '2026-01-01T00:00:00.000Z';
  it('spaces reminders by the interval from the request, up to the count', () => {
    const s = { count: 2, intervalMinutes: 30, deadlineAt: null };
    expect(nextReminderAt(at, s, 0)).toBe('2026-01-01T00:30:00.000Z');
    expect(nextReminderAt(at, s, 1)).toBe('2026-01-01T01:00:00.000Z');
    expect(nextReminderAt(at, s, 2)).toBeNull();
  });
  it('sends none after the deadline', () => {
    const s = { count: 5, intervalMinutes: 60, deadlineAt: '2026-01-01T01:30:00.000Z' };
    expect(nextReminderAt(at, s, 0)).toBe('2026-01-01T01:00:00.000Z');
    expect(nextReminderAt(at, s, 1)).toBeNull();
    expect(isPastDeadline(s.deadlineAt, new Date('2026-01-01T01:30:00.000Z'))).toBe(true);
    expect(isPastDeadline(null, new Date())).toBe(false);
  });
});

describe('totals', () => {
  it('counts latest statuses with those not answered, overall and per group', () => {
    const people = [
      { status: 'safe' as const, key: 'a' },
      { status: null, key: 'a' },
      { status: 'serious_injury' as const, key: null },
    ];
    expect(statusTotals(people)).toEqual({ safe: 1, minor_injury: 0, serious_injury: 1, no_answer: 1 });
    const by = totalsBy(people);
    expect(by.get('a')).toEqual({ safe: 1, minor_injury: 0, serious_injury: 0, no_answer: 1 });
    expect(by.get(null)?.serious_injury).toBe(1);
  });
});
