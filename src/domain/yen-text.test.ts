import { describe, expect, it } from 'vitest';
import { formatYenExact, formatYenShort, parseYenText } from './yen-text.js';

describe('parseYenText', () => {
  it.each([
    ['300000000', 300_000_000],
    ['3億', 300_000_000],
    ['3億円', 300_000_000],
    ['2,740万', 27_400_000],
    ['2740万円', 27_400_000],
    ['1.5億', 150_000_000],
    ['1億2000万', 120_000_000],
    ['1億2,000万', 120_000_000],
    ['1億2000万5000円', 120_005_000],
    ['1兆', 1_000_000_000_000],
    ['¥300,000', 300_000],
    ['￥300,000', 300_000],
    ['300,000円', 300_000],
    ['３億', 300_000_000],
    ['２，７４０万', 27_400_000],
    ['１．５億円', 150_000_000],
    [' 2 740 万 ', 27_400_000],
    ['2,740\u3000万', 27_400_000],
    ['0', 0],
    ['0円', 0],
    ['1.25万', 12_500],
    ['1.0', 1],
  ])('reads %j as %d yen', (text, yen) => {
    expect(parseYenText(text)).toEqual({ ok: true, yen });
  });

  it.each([
    ['3億円くらい', 'yen_not_a_number'],
    ['abc', 'yen_not_a_number'],
    ['', 'yen_not_a_number'],
    ['   ', 'yen_not_a_number'],
    ['¥', 'yen_not_a_number'],
    ['万', 'yen_not_a_number'],
    ['約3億', 'yen_not_a_number'],
    ['3万億', 'yen_not_a_number'],
    ['3億3億', 'yen_not_a_number'],
    ['1,2,3', 'yen_not_a_number'],
    ['27,40万', 'yen_not_a_number'],
    ['1.2.3', 'yen_not_a_number'],
    ['3e8', 'yen_not_a_number'],
    ['0x10', 'yen_not_a_number'],
    ['1.5.億', 'yen_not_a_number'],
    ['-5', 'yen_negative'],
    ['-3億', 'yen_negative'],
    ['¥-300', 'yen_negative'],
    ['－３億', 'yen_negative'],
    ['1.5', 'yen_fraction'],
    ['100.50円', 'yen_fraction'],
    ['1.23456万', 'yen_fraction'],
    ['9007199254740992', 'yen_too_large'],
    ['9999兆', 'yen_too_large'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(parseYenText(text)).toEqual({ ok: false, problem });
  });

  it('keeps the largest safe amount exact and refuses one more', () => {
    expect(parseYenText('9007199254740991')).toEqual({ ok: true, yen: Number.MAX_SAFE_INTEGER });
    expect(parseYenText('9,007,199,254,740,992')).toEqual({ ok: false, problem: 'yen_too_large' });
  });

  it('refuses more than the field allows', () => {
    expect(parseYenText('1兆', 1_000_000_000_000)).toEqual({ ok: true, yen: 1_000_000_000_000 });
    expect(parseYenText('1兆1円', 1_000_000_000_000)).toEqual({ ok: false, problem: 'yen_too_large' });
  });

  it('reads back every amount it writes', () => {
    for (const yen of [
      0, 7, 3_000, 12_345, 400_000, 10_400_000, 27_400_000, 105_000_000, 123_456_789, 1e12,
    ]) {
      expect(parseYenText(formatYenShort(yen))).toEqual({ ok: true, yen });
      expect(parseYenText(formatYenExact(yen))).toEqual({ ok: true, yen });
    }
  });
});

describe('formatYenShort', () => {
  it.each([
    [0, '0円', '¥0'],
    [3_000, '3,000円', '¥3,000'],
    [400_000, '40万円', '¥400,000'],
    [10_400_000, '1,040万円', '¥10.4M'],
    [27_400_000, '2,740万円', '¥27.4M'],
    [35_700_000, '3,570万円', '¥35.7M'],
    [150_000_000, '1.5億円', '¥150M'],
    [105_000_000, '1.05億円', '¥105M'],
    [1_000_000_000, '10億円', '¥1B'],
    [123_456_789, '1億2,345万6,789円', '¥123,456,789'],
    [1_000_000_000_000, '1兆円', '¥1,000B'],
  ])('writes %d as %s / %s', (yen, ja, en) => {
    expect(formatYenShort(yen)).toBe(ja);
    expect(formatYenShort(yen, 'en')).toBe(en);
  });
});
