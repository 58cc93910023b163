import { describe, expect, it } from 'vitest';
import { RTO_MAX_MINUTES, type Rto } from './rto.js';
import { formatRtoCell, parseRtoCell } from './rto-text.js';

const duration = (minutes: number): Rto => ({ kind: 'duration', minutes });
const atLeast = (minutes: number): Rto => ({ kind: 'at_least', minutes });

describe('RTO written in a spreadsheet cell', () => {
  it('is written in the largest whole unit, in Japanese or English', () => {
    const cases: [Rto | null, string, string][] = [
      [null, '', ''],
      [duration(0), 'すぐ', 'immediately'],
      [duration(30), '30分', '30 min'],
      [duration(90), '90分', '90 min'],
      [duration(180), '3時間', '3 hours'],
      [duration(72 * 60), '3日', '3 days'],
      [atLeast(7 * 1440), '7日以上', '7 days or more'],
      [{ kind: 'risk_accepted' }, 'リスク受容', 'risk accepted'],
      [{ kind: 'not_set' }, '規定なし', 'not set'],
    ];
    for (const [rto, ja, en] of cases) {
      expect(formatRtoCell(rto, 'ja')).toBe(ja);
      expect(formatRtoCell(rto, 'en')).toBe(en);
    }
  });

  it('reads back what it writes, in both languages', () => {
    const values: Rto[] = [
      duration(0),
      duration(45),
      duration(180),
      duration(4320),
      atLeast(10080),
      { kind: 'risk_accepted' },
      { kind: 'not_set' },
    ];
    for (const rto of values)
      for (const lang of ['ja', 'en'] as const)
        expect(parseRtoCell(formatRtoCell(rto, lang))).toEqual({ ok: true, rto });
  });

  it('reads what people type: full-width digits, 以内 / within, short units, spaces and case', () => {
    expect(parseRtoCell('３時間以内')).toEqual({ ok: true, rto: duration(180) });
    expect(parseRtoCell(' 12 時間 ')).toEqual({ ok: true, rto: duration(720) });
    expect(parseRtoCell('within 24 h')).toEqual({ ok: true, rto: duration(1440) });
    expect(parseRtoCell('1.5時間')).toEqual({ ok: true, rto: duration(90) });
    expect(parseRtoCell('3 Days')).toEqual({ ok: true, rto: duration(4320) });
    expect(parseRtoCell('7日以降')).toEqual({ ok: true, rto: atLeast(10080) });
    expect(parseRtoCell('7d+')).toEqual({ ok: true, rto: atLeast(10080) });
    expect(parseRtoCell('Risk Accepted')).toEqual({ ok: true, rto: { kind: 'risk_accepted' } });
    expect(parseRtoCell('未設定')).toEqual({ ok: true, rto: { kind: 'not_set' } });
    expect(parseRtoCell('即時')).toEqual({ ok: true, rto: duration(0) });
    expect(parseRtoCell('   ')).toEqual({ ok: true, rto: null });
  });

  it('refuses a bare number, an unknown unit or words, negative, fractional-minute and absurd durations', () => {
    expect(parseRtoCell('3')).toEqual({ ok: false, code: 'rto_unreadable' });
    expect(parseRtoCell('3週間')).toEqual({ ok: false, code: 'rto_unreadable' });
    expect(parseRtoCell('そのうち')).toEqual({ ok: false, code: 'rto_unreadable' });
    expect(parseRtoCell('-3時間')).toEqual({ ok: false, code: 'rto_negative' });
    expect(parseRtoCell('0.5分')).toEqual({ ok: false, code: 'rto_minutes_not_integer' });
    expect(parseRtoCell('400日')).toEqual({
      ok: false,
      code: 'rto_too_long',
      params: { maximum: RTO_MAX_MINUTES },
    });
    // More digits than a number holds is too long, not "not a whole number".
    expect(parseRtoCell(`${'9'.repeat(400)}日`)).toEqual({
      ok: false,
      code: 'rto_too_long',
      params: { maximum: RTO_MAX_MINUTES },
    });
  });
});
