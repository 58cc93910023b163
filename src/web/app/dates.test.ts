import { describe, expect, it } from 'vitest';
import { localDateAfter } from './dates.js';

describe('dates in the user own calendar', () => {
  it('counts from the local date, across month and year ends', () => {
    const earlyMorning = new Date(2026, 11, 3, 7, 30); // 07:30 local time: in Japan that is still 2 December in UTC
    expect(localDateAfter(0, earlyMorning)).toBe('2026-12-03');
    expect(localDateAfter(30, earlyMorning)).toBe('2027-01-02');
    expect(localDateAfter(-3, new Date(2026, 2, 1, 12))).toBe('2026-02-26');
  });
});
