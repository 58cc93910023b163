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
