import { days, hours, type RtoTable } from './rto.js';

/**
 * Data that domain tests and server tests both use, kept in one place. Test support only: no
 * product code imports it.
 */

/** Answers to the shipped tier questionnaire that give 梅 (little IT: one PC, nobody for IT, would improvise). */
export const UME_ANSWERS: Readonly<Record<string, string>> = {
  'manual-fallback': 'improvise',
  devices: 'one-or-two-pcs',
  'it-use': 'little',
  'customer-channel': 'face-to-face',
  'personal-data': 'hardly-any',
  'it-staff': 'nobody',
  'tolerable-outage': 'a-week-or-more',
};

/** The retailer case of the 001 seed: 10,000 member records leaked, site closed two weeks (¥35.7M in all). */
export const RETAILER_LEAK_AMOUNTS = {
  compensation: 1_000_000,
  litigation: 3_000_000,
  investigation_recovery: 16_500_000,
  customer_response: 6_000_000,
  public_notice: 5_000_000,
  legal_advice: 200_000,
  lost_profit: 4_000_000,
} as const;

/** RTO table example 1: S at once, A in 12 hours, B in 24, C in 3 days, D accepted as a risk. */
export const RTO_EXAMPLE_1: RtoTable = {
  S: hours(0),
  A: hours(12),
  B: hours(24),
  C: days(3),
  D: { kind: 'risk_accepted' },
};
