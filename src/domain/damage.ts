/**
 * Damage estimate (PRODUCT module 7, 001 §中小企業の被害事例): what an incident could cost, by
 * category, as a total and as a share of annual sales. Whole yen only: amounts are integers and the
 * share is computed exactly with BigInt, so no floating-point error creeps into money. Pure: no I/O.
 */

import { recordOf } from './record-of.js';
import { MINUTES_PER_DAY, type Rto } from './rto.js';

/** In the order 001 lists them: liability (賠償損害), costs (費用損害), lost profit (利益損害). */
export const DAMAGE_CATEGORIES = [
  'compensation',
  'litigation',
  'investigation_recovery',
  'customer_response',
  'public_notice',
  'legal_advice',
  'lost_profit',
] as const;
export type DamageCategory = (typeof DAMAGE_CATEGORIES)[number];

/** The three groups of 001's damage cases: liability, costs, lost profit. */
export const DAMAGE_GROUP_IDS = ['liability', 'cost', 'profit'] as const;
type DamageGroup = (typeof DAMAGE_GROUP_IDS)[number];

const DAMAGE_GROUPS: Record<DamageCategory, DamageGroup> = {
  compensation: 'liability',
  litigation: 'liability',
  investigation_recovery: 'cost',
  customer_response: 'cost',
  public_notice: 'cost',
  legal_advice: 'cost',
  lost_profit: 'profit',
};

/** ¥1 trillion: larger amounts are typing mistakes for an SME estimate. */
export const DAMAGE_MAX_YEN = 1_000_000_000_000;

/**
 * 100,000 % (a thousand years of sales): a larger share means annual sales were mistyped (¥1 for
 * ¥100M). The bound also keeps the share a safe integer: ¥7 trillion ÷ ¥1 in basis points is not.
 */
const DAMAGE_MAX_SHARE_PERCENT = 100_000;

export type DamageAmounts = Partial<Record<DamageCategory, number>>;

export interface DamageInput {
  /** Annual sales in yen; 0 or missing = no percentage. */
  annualSalesYen?: number | null;
  amounts: DamageAmounts;
}

export interface DamageEstimate {
  /** Every category, 0 where nothing was entered. */
  amounts: Record<DamageCategory, number>;
  /** Sum per group: liability, cost, profit. */
  groups: Record<DamageGroup, number>;
  totalYen: number;
  /**
   * Total ÷ annual sales in basis points (1 % = 100), rounded half up; null without sales, and null
   * beyond DAMAGE_MAX_SHARE_PERCENT (only an estimate stored before that check can be so).
   */
  shareOfSalesBasisPoints: number | null;
  /** The same share rounded to a whole percent, as 001 states it ("約1%", "約12%"). */
  shareOfSalesPercent: number | null;
}

type DamageProblem =
  | 'amount_not_integer'
  | 'amount_negative'
  | 'amount_too_large'
  | 'category_unknown'
  | 'share_of_sales_too_large';

export interface DamageIssue {
  path: (string | number)[];
  code: DamageProblem;
  params?: Record<string, string | number>;
}

function checkYen(value: unknown, path: (string | number)[], issues: DamageIssue[]): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    issues.push({ path, code: 'amount_not_integer' });
  else if (value < 0) issues.push({ path, code: 'amount_negative' });
  else if (value > DAMAGE_MAX_YEN)
    issues.push({ path, code: 'amount_too_large', params: { maximum: DAMAGE_MAX_YEN } });
}

function validateFields(input: DamageInput): DamageIssue[] {
  const issues: DamageIssue[] = [];
  if (input.annualSalesYen !== undefined && input.annualSalesYen !== null)
    checkYen(input.annualSalesYen, ['annualSalesYen'], issues);
  for (const [key, value] of Object.entries(input.amounts)) {
    if (!(DAMAGE_CATEGORIES as readonly string[]).includes(key))
      issues.push({ path: ['amounts', key], code: 'category_unknown', params: { category: key } });
    else if (value !== undefined) checkYen(value, ['amounts', key], issues);
  }
  return issues;
}

/**
 * Checks a whole estimate before it is stored: known categories, whole non-negative yen, and a
 * share of sales within DAMAGE_MAX_SHARE_PERCENT. Pass the estimate as it will be stored (for an
 * edit: the stored values merged with the changes), not only the fields that changed.
 * @example validateDamageInput({ annualSalesYen: 1, amounts: { compensation: 1_000_000 } })
 * // [{ path: ['annualSalesYen'], code: 'share_of_sales_too_large', params: { maximum: 100000 } }]
 */
export function validateDamageInput(input: DamageInput): DamageIssue[] {
  const issues = validateFields(input);
  if (issues.length > 0) return issues;
  const share = estimateDamage(input).shareOfSalesPercent;
  if (share === null && (input.annualSalesYen ?? 0) > 0)
    issues.push({
      path: ['annualSalesYen'],
      code: 'share_of_sales_too_large',
      params: { maximum: DAMAGE_MAX_SHARE_PERCENT },
    });
  return issues;
}

/** round(numerator × scale ÷ denominator), half up, exactly. */
function ratio(numerator: number, denominator: number, scale: number): number {
  const n = BigInt(numerator) * BigInt(scale);
  const d = BigInt(denominator);
  return Number((2n * n + d) / (2n * d));
}

/**
 * The estimate. Call validateDamageInput first; this throws RangeError on an amount it would
 * refuse, and gives no share where the share is out of range (so a stored row always reads).
 * @example estimateDamage({ annualSalesYen: 1_000_000_000, amounts: { investigation_recovery: 10_000_000, lost_profit: 400_000 } })
 * // totalYen 10_400_000, shareOfSalesBasisPoints 104, shareOfSalesPercent 1
 */
export function estimateDamage(input: DamageInput): DamageEstimate {
  const [first] = validateFields(input);
  if (first) throw new RangeError(`${first.code} at ${first.path.join('.')}`);
  const amounts = recordOf(DAMAGE_CATEGORIES, (c) => input.amounts[c] ?? 0);
  const groups = { liability: 0, cost: 0, profit: 0 };
  let totalYen = 0;
  for (const c of DAMAGE_CATEGORIES) {
    groups[DAMAGE_GROUPS[c]] += amounts[c];
    totalYen += amounts[c];
  }
  const sales = input.annualSalesYen ?? 0;
  const hasShare = sales > 0 && ratio(totalYen, sales, 100) <= DAMAGE_MAX_SHARE_PERCENT;
  return {
    amounts,
    groups,
    totalYen,
    shareOfSalesBasisPoints: hasShare ? ratio(totalYen, sales, 10_000) : null,
    shareOfSalesPercent: hasShare ? ratio(totalYen, sales, 100) : null,
  };
}

/**
 * A helper for the lost-profit field (our own rule of thumb, not from the seeds): sales per
 * operating day × days stopped × profit margin. Margin in per mille (10 % = 100) so it stays integer.
 * @example estimateLostProfit({ annualSalesYen: 1_000_000_000, operatingDaysPerYear: 250, daysStopped: 1, marginPerMille: 100 }) // 400_000
 */
export function estimateLostProfit(input: {
  annualSalesYen: number;
  operatingDaysPerYear: number;
  daysStopped: number;
  marginPerMille: number;
}): number {
  const { annualSalesYen, operatingDaysPerYear, daysStopped, marginPerMille } = input;
  for (const v of [annualSalesYen, operatingDaysPerYear, daysStopped, marginPerMille])
    if (!Number.isSafeInteger(v) || v < 0)
      throw new RangeError('lost profit inputs must be non-negative integers');
  if (operatingDaysPerYear === 0 || operatingDaysPerYear > 366)
    throw new RangeError('operating days must be 1–366');
  // In BigInt throughout: sales × days may pass 2^53 even when the result does not.
  const n = BigInt(annualSalesYen) * BigInt(daysStopped) * BigInt(marginPerMille);
  const d = BigInt(operatingDaysPerYear) * 1000n;
  const result = (2n * n + d) / (2n * d);
  if (result > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('lost profit is too large');
  return Number(result);
}

/**
 * Days of work lost while something is stopped for its RTO: whole days, at least one (a stop of
 * a few hours still costs that day's profit); null when the RTO is not a time.
 * @example daysStoppedFor({ kind: 'duration', minutes: 180 }) // 1
 * @example daysStoppedFor({ kind: 'at_least', minutes: 20160 }) // 14
 */
export function daysStoppedFor(rto: Rto | null | undefined): number | null {
  if (!rto || (rto.kind !== 'duration' && rto.kind !== 'at_least')) return null;
  return Math.max(1, Math.ceil(rto.minutes / MINUTES_PER_DAY));
}

/**
 * The lost-profit helper of the estimate form: days stopped × profit per day, exactly; null when
 * the result would pass DAMAGE_MAX_YEN (the form then says so instead of storing something else).
 * @example lostProfitFromDays(14, 2_550_000) // 35_700_000
 */
export function lostProfitFromDays(daysStopped: number, dailyProfitYen: number): number | null {
  if (!Number.isSafeInteger(daysStopped) || !Number.isSafeInteger(dailyProfitYen)) return null;
  if (daysStopped < 0 || dailyProfitYen < 0) return null;
  const result = BigInt(daysStopped) * BigInt(dailyProfitYen);
  return result > BigInt(DAMAGE_MAX_YEN) ? null : Number(result);
}
