import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, keepBundles, nextRunAt, parseTimeOfDay } from './backup-schedule.js';

describe('nextRunAt', () => {
  const three = { h: 3, min: 0 };
  it('runs at 03:00 Tokyo time: later today, or tomorrow once it has passed', () => {
    expect(nextRunAt(new Date('2026-12-06T10:00:00Z'), three, 'Asia/Tokyo').toISOString()).toBe(
      '2026-12-06T18:00:00.000Z',
    );
    expect(nextRunAt(new Date('2026-12-06T18:00:00Z'), three, 'Asia/Tokyo').toISOString()).toBe(
      '2026-12-07T18:00:00.000Z',
    );
  });
  it('follows daylight saving time in zones that have it', () => {
    // Berlin is UTC+1 in winter, UTC+2 in summer.
    expect(nextRunAt(new Date('2026-01-10T12:00:00Z'), three, 'Europe/Berlin').toISOString()).toBe(
      '2026-01-11T02:00:00.000Z',
    );
    expect(nextRunAt(new Date('2026-07-10T12:00:00Z'), three, 'Europe/Berlin').toISOString()).toBe(
      '2026-07-11T01:00:00.000Z',
    );
  });
  it('parses HH:MM only', () => {
    expect(parseTimeOfDay('03:00')).toEqual({ h: 3, min: 0 });
    expect(parseTimeOfDay('23:59')).toEqual({ h: 23, min: 59 });
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(parseTimeOfDay('3 am')).toBeNull();
  });
});

describe('keepBundles', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly bundles of a year of daily backups', () => {
    const bundles = Array.from({ length: 400 }, (_, i) => ({
      name: `b${i}`,
      at: new Date(Date.UTC(2026, 11, 6, 18) - i * 86_400_000),
    }));
    const kept = keepBundles(bundles, DEFAULT_RETENTION, 'Asia/Tokyo');
    // The last 7 days …
    for (let i = 0; i < 7; i++) expect(kept.has(`b${i}`)).toBe(true);
    // … the newest of 4 weeks and 12 months overlap them partly: between 12 and 23 bundles in all.
    expect(kept.size).toBeGreaterThanOrEqual(12);
    expect(kept.size).toBeLessThanOrEqual(23);
    // Nothing older than about 12 months.
    expect(kept.has('b399')).toBe(false);
    expect(kept.has('b370')).toBe(false);
  });
  it('keeps the newest of several bundles of one day', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 11, 6, h));
    const kept = keepBundles(
      [
        { name: 'early', at: at(1) },
        { name: 'late', at: at(5) },
      ],
      { daily: 1, weekly: 0, monthly: 0 },
      'Asia/Tokyo',
    );
    expect([...kept]).toEqual(['late']);
  });
});
