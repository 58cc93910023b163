import { describe, expect, it } from 'vitest';
import { EOL_SOON_DAYS, eolStatus } from './eol.js';

describe('end of life of a system', () => {
  it('has ended on the date itself and after it', () => {
    expect(eolStatus('2026-12-03', '2026-12-03')).toBe('ended');
    expect(eolStatus('2026-09-30', '2026-12-03')).toBe('ended');
  });

  it('comes soon within six months before it, counting calendar days across a leap year', () => {
    expect(eolStatus('2026-12-04', '2026-12-03')).toBe('soon');
    expect(eolStatus('2028-03-01', '2027-09-03')).toBe('soon'); // 180 days, 29 February between
    expect(eolStatus('2028-03-02', '2027-09-03')).toBeNull(); // 181 days
    expect(EOL_SOON_DAYS).toBe(180);
  });

  it('says nothing without a date, far from it, or for a date it cannot read', () => {
    expect(eolStatus(null, '2026-12-03')).toBeNull();
    expect(eolStatus(undefined, '2026-12-03')).toBeNull();
    expect(eolStatus('2030-01-01', '2026-12-03')).toBeNull();
    expect(eolStatus('someday', '2026-12-03')).toBeNull();
  });
});
