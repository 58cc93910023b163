import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentFile } from '../server/content/load.js';
import { DamageContentSchema } from './content-schemas.js';
import {
  DAMAGE_CATEGORIES,
  DAMAGE_MAX_YEN,
  daysStoppedFor,
  estimateDamage,
  estimateLostProfit,
  lostProfitFromDays,
  validateDamageInput,
} from './damage.js';
import { RETAILER_LEAK_AMOUNTS } from './test-fixtures.js';

describe('damage estimate: the two 001 cases (golden)', () => {
  it('manufacturer: ransomware stops the line one day = ¥10.4M ≈ 1 % of ¥1bn', () => {
    const e = estimateDamage({
      annualSalesYen: 1_000_000_000,
      amounts: { investigation_recovery: 10_000_000, lost_profit: 400_000 },
    });
    expect(e.totalYen).toBe(10_400_000);
    expect(e.groups).toEqual({ liability: 0, cost: 10_000_000, profit: 400_000 });
    expect(e.shareOfSalesBasisPoints).toBe(104);
    expect(e.shareOfSalesPercent).toBe(1);
    expect(e.amounts.compensation).toBe(0);
  });

  it('retailer: 10,000 member records leaked, site closed two weeks = ¥35.7M ≈ 12 % of ¥300M', () => {
    const e = estimateDamage({
      annualSalesYen: 300_000_000,
      amounts: RETAILER_LEAK_AMOUNTS,
    });
    expect(e.totalYen).toBe(35_700_000);
    expect(e.groups).toEqual({ liability: 4_000_000, cost: 27_700_000, profit: 4_000_000 });
    expect(e.shareOfSalesBasisPoints).toBe(1190);
    expect(e.shareOfSalesPercent).toBe(12);
  });

  it('the preset file carries the same cases and its expected figures hold', () => {
    const content = loadContentFile(path.resolve('content/damage/presets.yaml'), DamageContentSchema);
    expect(content.categories.map((c) => c.id)).toEqual([...DAMAGE_CATEGORIES]);
    expect(content.presets.map((p) => p.id)).toEqual([
      'manufacturer-ransomware',
      'retailer-member-data-leak',
    ]);
    for (const p of content.presets) {
      const e = estimateDamage({ annualSalesYen: p.annualSalesYen, amounts: p.amounts });
      expect(e.totalYen, p.id).toBe(p.expected.totalYen);
      expect(e.shareOfSalesPercent, p.id).toBe(p.expected.shareOfSalesPercent);
      expect(p.source).toMatch(/^001 §/);
    }
    expect(content.presets[1]?.amounts.investigation_recovery).toBe(16_500_000);
  });
});

describe('damage estimate rules', () => {
  it('without sales there is no share', () => {
    const e = estimateDamage({ amounts: { compensation: 5 } });
    expect(e).toMatchObject({ totalYen: 5, shareOfSalesBasisPoints: null, shareOfSalesPercent: null });
    expect(estimateDamage({ annualSalesYen: 0, amounts: {} }).shareOfSalesPercent).toBeNull();
  });

  it('stays exact on large whole-yen amounts', () => {
    const e = estimateDamage({
      annualSalesYen: 999_999_999_999,
      amounts: { compensation: 999_999_999_999, lost_profit: 999_999_999_999 },
    });
    expect(e.totalYen).toBe(1_999_999_999_998);
    expect(e.shareOfSalesBasisPoints).toBe(20_000);
  });

  it('rounds the share half up', () => {
    expect(estimateDamage({ annualSalesYen: 200, amounts: { lost_profit: 1 } }).shareOfSalesPercent).toBe(1);
    expect(estimateDamage({ annualSalesYen: 201, amounts: { lost_profit: 1 } }).shareOfSalesPercent).toBe(0);
  });

  it('refuses fractions, negatives, absurd amounts and unknown categories, naming the field', () => {
    expect(
      validateDamageInput({
        annualSalesYen: -1,
        amounts: { compensation: 1.5, litigation: -3, lost_profit: 2e12, fines: 1 } as never,
      }),
    ).toEqual([
      { path: ['annualSalesYen'], code: 'amount_negative' },
      { path: ['amounts', 'compensation'], code: 'amount_not_integer' },
      { path: ['amounts', 'litigation'], code: 'amount_negative' },
      { path: ['amounts', 'lost_profit'], code: 'amount_too_large', params: { maximum: 1_000_000_000_000 } },
      { path: ['amounts', 'fines'], code: 'category_unknown', params: { category: 'fines' } },
    ]);
    expect(() => estimateDamage({ amounts: { compensation: -1 } })).toThrow(RangeError);
  });

  it('lost-profit helper: ¥1bn over 250 days, one day, 10 % margin = ¥0.4M (the manufacturer figure)', () => {
    expect(
      estimateLostProfit({
        annualSalesYen: 1_000_000_000,
        operatingDaysPerYear: 250,
        daysStopped: 1,
        marginPerMille: 100,
      }),
    ).toBe(400_000);
    expect(() =>
      estimateLostProfit({ annualSalesYen: 1, operatingDaysPerYear: 0, daysStopped: 1, marginPerMille: 1 }),
    ).toThrow(RangeError);
  });
});

describe('damage estimate: derived figures stay in range', () => {
  it('refuses a share of sales beyond 100,000 % and reads such a stored estimate without a share', () => {
    const input = { annualSalesYen: 1, amounts: { compensation: DAMAGE_MAX_YEN } };
    expect(validateDamageInput(input)).toEqual([
      { path: ['annualSalesYen'], code: 'share_of_sales_too_large', params: { maximum: 100_000 } },
    ]);
    const e = estimateDamage(input);
    expect(e.totalYen).toBe(DAMAGE_MAX_YEN);
    expect(e.shareOfSalesBasisPoints).toBeNull();
    expect(validateDamageInput({ annualSalesYen: 1, amounts: { compensation: 1000 } })).toEqual([]);
    expect(estimateDamage({ annualSalesYen: 1, amounts: { compensation: 1000 } }).shareOfSalesPercent).toBe(
      100_000,
    );
  });

  it('works lost profit out exactly where sales × days passes 2^53', () => {
    expect(
      estimateLostProfit({
        annualSalesYen: DAMAGE_MAX_YEN,
        operatingDaysPerYear: 366,
        daysStopped: 366_000,
        marginPerMille: 1,
      }),
    ).toBe(1_000_000_000_000_000 / 1000);
  });
});

describe('lost profit from days stopped', () => {
  it('turns an RTO into whole days, at least one', () => {
    expect(daysStoppedFor({ kind: 'duration', minutes: 180 })).toBe(1);
    expect(daysStoppedFor({ kind: 'duration', minutes: 0 })).toBe(1);
    expect(daysStoppedFor({ kind: 'duration', minutes: 1440 })).toBe(1);
    expect(daysStoppedFor({ kind: 'duration', minutes: 1441 })).toBe(2);
    expect(daysStoppedFor({ kind: 'at_least', minutes: 20_160 })).toBe(14);
    expect(daysStoppedFor({ kind: 'risk_accepted' })).toBeNull();
    expect(daysStoppedFor(null)).toBeNull();
  });

  it('multiplies exactly and refuses what an estimate cannot hold', () => {
    expect(lostProfitFromDays(14, 2_550_000)).toBe(35_700_000);
    expect(lostProfitFromDays(0, 2_550_000)).toBe(0);
    expect(lostProfitFromDays(1000, 1_000_000_000)).toBe(1_000_000_000_000);
    expect(lostProfitFromDays(1001, 1_000_000_000)).toBeNull();
    expect(lostProfitFromDays(-1, 100)).toBeNull();
    expect(lostProfitFromDays(1.5, 100)).toBeNull();
  });
});
