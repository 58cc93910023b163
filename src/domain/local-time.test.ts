import { describe, expect, it } from 'vitest';
import { localDay, localTime } from './local-time.js';

describe('local time', () => {
  it('reads a moment in the organization’s zone, across a day boundary', () => {
    expect(localTime('2026-03-31T23:30:00Z', 'Asia/Tokyo')).toBe('2026-04-01 08:30');
    expect(localTime(new Date('2026-03-31T23:30:00Z'), 'UTC')).toBe('2026-03-31 23:30');
    expect(localDay('2026-03-31T23:30:00Z', 'Asia/Tokyo')).toBe('2026-04-01');
    expect(localDay('2026-03-31T23:30:00Z', 'America/Los_Angeles')).toBe('2026-03-31');
  });

  it('writes midnight as 00, never 24', () => {
    expect(localTime('2026-12-06T15:00:00Z', 'Asia/Tokyo')).toBe('2026-12-07 00:00');
  });
});
