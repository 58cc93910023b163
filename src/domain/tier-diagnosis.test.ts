import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentFile } from '../server/content/load.js';
import { TierMeasuresSchema, TierQuestionnaireSchema } from './content-schemas.js';
import { UME_ANSWERS } from './test-fixtures.js';
import { addDays, diagnoseTier, planStarterTasks, type TierQuestionnaire } from './tier-diagnosis.js';

const questionnaire: TierQuestionnaire = loadContentFile(
  path.resolve('content/diagnosis/tier-questionnaire.yaml'),
  TierQuestionnaireSchema,
);

describe('tier diagnosis with the shipped questionnaire', () => {
  it('a company that stops without its systems is 松, and the answers say why', () => {
    const r = diagnoseTier(questionnaire, {
      'manual-fallback': 'stops',
      devices: 'servers-and-systems',
      'it-use': 'business-systems',
      'customer-channel': 'online-transactions',
      'personal-data': 'thousands',
      'it-staff': 'part-time',
      'tolerable-outage': 'under-a-day',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result.tier).toBe('matsu');
    expect(r.result.scores).toEqual({ matsu: 13, take: 1, ume: 0 });
    expect(r.result.reasons[0]).toEqual({ questionId: 'manual-fallback', optionId: 'stops', points: 3 });
    expect(r.result.reasons.map((x) => x.questionId)).not.toContain('it-staff');
    expect(r.result.tieBroken).toBe(false);
  });

  it('email and the web are enough, data on a NAS: 竹', () => {
    const r = diagnoseTier(questionnaire, {
      'manual-fallback': 'manual-if-data-safe',
      devices: 'pcs-and-shared-files',
      'it-use': 'email-web-documents',
      'customer-channel': 'email-sns-web',
      'personal-data': 'some',
      'it-staff': 'part-time',
      'tolerable-outage': 'a-few-days',
    });
    expect(r.ok && r.result.tier).toBe('take');
  });

  it('one PC, nobody knows the systems, would improvise: 梅', () => {
    const r = diagnoseTier(questionnaire, UME_ANSWERS);
    expect(r.ok && r.result.tier).toBe('ume');
    if (r.ok) expect(r.result.reasons.map((x) => x.questionId)).toContain('it-staff');
  });

  it('refuses missing, unknown and extra answers, naming each', () => {
    const r = diagnoseTier(questionnaire, {
      'manual-fallback': 'maybe',
      devices: 'one-or-two-pcs',
      colour: 'blue',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual({
      path: ['colour'],
      code: 'question_unknown',
      params: { questionId: 'colour' },
    });
    expect(r.issues).toContainEqual({
      path: ['manual-fallback'],
      code: 'answer_unknown',
      params: { questionId: 'manual-fallback', optionId: 'maybe' },
    });
    expect(r.issues.filter((i) => i.code === 'answer_missing').map((i) => i.path[0])).toEqual([
      'it-use',
      'customer-channel',
      'personal-data',
      'it-staff',
      'tolerable-outage',
    ]);
  });
});

describe('tier scoring rules', () => {
  const q: TierQuestionnaire = {
    questions: [
      {
        id: 'a',
        options: [
          { id: 'm', points: { matsu: 2 } },
          { id: 'u', points: { ume: 2 } },
        ],
      },
      {
        id: 'b',
        options: [
          { id: 't', points: { take: 2 } },
          { id: 'mu', points: { matsu: 1, ume: 1 } },
        ],
      },
    ],
  };

  it('a tie goes to the more IT-dependent tier', () => {
    const r = diagnoseTier(q, { a: 'u', b: 't' });
    expect(r.ok && r.result).toMatchObject({
      tier: 'take',
      scores: { matsu: 0, take: 2, ume: 2 },
      tieBroken: true,
    });
  });

  it('an answer can count for several tiers; reasons list only those for the chosen one', () => {
    const r = diagnoseTier(q, { a: 'm', b: 'mu' });
    expect(r.ok && r.result).toMatchObject({
      tier: 'matsu',
      reasons: [
        { questionId: 'a', optionId: 'm', points: 2 },
        { questionId: 'b', optionId: 'mu', points: 1 },
      ],
    });
  });

  it('ignores inherited object keys as answers', () => {
    const r = diagnoseTier(q, Object.create({ a: 'm', b: 't' }));
    expect(r.ok).toBe(false);
  });
});

describe('starter tasks from picked measures', () => {
  const measures = loadContentFile(
    path.resolve('content/diagnosis/tier-measures.yaml'),
    TierMeasuresSchema,
  ).tiers.flatMap((t) => t.measures);

  it('dates each task from today by the measure’s suggested days', () => {
    const r = planStarterTasks(
      measures,
      ['ume-external-media-backup', 'ume-generator-or-battery'],
      '2026-04-01',
    );
    expect(r).toEqual({
      ok: true,
      tasks: [
        { measureId: 'ume-external-media-backup', dueDate: '2026-05-01' },
        { measureId: 'ume-generator-or-battery', dueDate: '2026-06-30' },
      ],
    });
  });

  it('refuses unknown and repeated measures', () => {
    const r = planStarterTasks(measures, ['matsu-zero-trust', 'nope', 'matsu-zero-trust'], '2026-04-01');
    expect(r).toEqual({
      ok: false,
      issues: [
        { path: ['measures', 1], code: 'measure_unknown', params: { measureId: 'nope' } },
        { path: ['measures', 2], code: 'measure_repeated', params: { measureId: 'matsu-zero-trust' } },
      ],
    });
  });

  it('adds days across month and year ends and leap days', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(() => addDays('2028/02/28', 1)).toThrow(RangeError);
  });
});
