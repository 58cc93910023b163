import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, loadContentFile, parseContent } from '../server/content/load.js';
import { sumRuleMatrix } from './bia.js';
import {
  BiaPresetsContentSchema,
  BiaScalesContentSchema,
  DamageContentSchema,
  ManagementChecklistSchema,
  TierMeasuresSchema,
  TierQuestionnaireSchema,
} from './content-schemas.js';
import { days, hours, type RtoTable, validateRtoTable } from './rto.js';

const file = (p: string) => path.resolve('content', p);

describe('content files load and validate', () => {
  it('content/bia/presets.yaml: matrices equal 001 and the sum rule, RTO tables equal 例1–例3', () => {
    const c = loadContentFile(file('bia/presets.yaml'), BiaPresetsContentSchema);
    const byId = Object.fromEntries(c.matrices.map((m) => [m.id, m.matrix]));
    expect(byId['three-level']).toEqual(sumRuleMatrix(3));
    // to the cell, as printed in 001 (dependency high first; importance low, medium, high)
    expect([...byId['three-level']!.cells].reverse()).toEqual([
      ['B', 'A', 'S'],
      ['C', 'B', 'A'],
      ['D', 'C', 'B'],
    ]);
    expect(byId['five-level']).toEqual(sumRuleMatrix(5));

    const tables = Object.fromEntries(c.rtoTables.map((t) => [t.id, t.table]));
    const expected: Record<string, RtoTable> = {
      'example-1': { S: hours(0), A: hours(12), B: hours(24), C: days(3), D: { kind: 'risk_accepted' } },
      'example-2': { S: hours(3), A: hours(6), B: hours(24), C: hours(72), D: { kind: 'not_set' } },
      'example-3': {
        S: hours(17),
        A: hours(24),
        B: days(3),
        C: days(7),
        D: { kind: 'at_least', minutes: 7 * 1440 },
      },
    };
    expect(tables).toEqual(expected);
    for (const t of Object.values(tables)) expect(validateRtoTable(t).ok).toBe(true);
    for (const m of c.matrices) expect(m.source).toMatch(/^001 §/);
  });

  it('content/bia/scales.yaml: both scales define every level on both axes', () => {
    const c = loadContentFile(file('bia/scales.yaml'), BiaScalesContentSchema);
    expect(c.scales.map((s) => [s.scale, s.importance.length, s.dependency.length])).toEqual([
      [3, 3, 3],
      [5, 5, 5],
    ]);
  });

  it('content/damage/presets.yaml', () => {
    const c = loadContentFile(file('damage/presets.yaml'), DamageContentSchema);
    expect(c.presets).toHaveLength(2);
  });

  it('content/diagnosis/tier-questionnaire.yaml: 6–8 questions, every tier reachable', () => {
    const c = loadContentFile(file('diagnosis/tier-questionnaire.yaml'), TierQuestionnaireSchema);
    expect(c.questions.length).toBeGreaterThanOrEqual(6);
    expect(c.questions.length).toBeLessThanOrEqual(8);
    for (const tier of ['matsu', 'take', 'ume'] as const)
      expect(
        c.questions.every((q) => q.options.some((o) => (o.points[tier] ?? 0) > 0)),
        tier,
      ).toBe(true);
  });

  it('content/diagnosis/tier-measures.yaml: the 001 measures for each tier', () => {
    const c = loadContentFile(file('diagnosis/tier-measures.yaml'), TierMeasuresSchema);
    const count = Object.fromEntries(c.tiers.map((t) => [t.tier, t.measures.length]));
    // 松: inventory, retire, cloud+backup contract, 3-2-1, rules, zero trust, e-learning, drills, assessment, ISMS
    // 竹: email/SNS/web, file server, 3-2-1, public-reference rules, risk assessment, e-learning
    // 梅: five rules, external media, generator/battery, escrowed logins, remote backup service
    expect(count).toEqual({ matsu: 10, take: 6, ume: 5 });
    for (const m of c.tiers.flatMap((t) => t.measures)) expect(m.source).toMatch(/^001 §/);
  });

  it('content/diagnosis/management-checklist.yaml: three principles, seven actions, numbered in order', () => {
    const c = loadContentFile(file('diagnosis/management-checklist.yaml'), ManagementChecklistSchema);
    expect(c.principles.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(c.actions.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('content schemas refuse bad data', () => {
  it('a matrix preset with an empty or unknown cell', () => {
    const yaml = `version: 1
matrices:
  - id: broken
    source: "001 §x"
    title: { ja: a, en: a }
    rule: { ja: a, en: a }
    scale: 3
    byDependency:
      "3": [B, A, S]
      "2": [C, B]
      "1": [D, C, B]
rtoTables:
  - id: t
    source: "001 §x"
    title: { ja: a, en: a }
    table: { S: { kind: duration, minutes: 0 }, A: { kind: duration, minutes: 0 }, B: { kind: duration, minutes: 0 }, C: { kind: duration, minutes: 0 }, D: { kind: not_set } }
rtoStates: { risk_accepted: { ja: a, en: a }, not_set: { ja: a, en: a }, at_least: { ja: a, en: a } }
`;
    expect(() => parseContent(yaml, 'x.yaml', BiaPresetsContentSchema)).toThrow(/matrix_shape_invalid/);
  });

  it('an RTO that is negative or longer than a year', () => {
    const base = (minutes: number) => `version: 1
matrices:
  - { id: m, source: "001 §x", title: { ja: a, en: a }, rule: { ja: a, en: a }, scale: 3, byDependency: { "1": [D, C, B], "2": [C, B, A], "3": [B, A, S] } }
rtoTables:
  - id: t
    source: "001 §x"
    title: { ja: a, en: a }
    table: { S: { kind: duration, minutes: ${minutes} }, A: { kind: duration, minutes: 0 }, B: { kind: duration, minutes: 0 }, C: { kind: duration, minutes: 0 }, D: { kind: not_set } }
rtoStates: { risk_accepted: { ja: a, en: a }, not_set: { ja: a, en: a }, at_least: { ja: a, en: a } }
`;
    expect(() => parseContent(base(0), 'ok.yaml', BiaPresetsContentSchema)).not.toThrow();
    expect(() => parseContent(base(-1), 'neg.yaml', BiaPresetsContentSchema)).toThrow(ContentError);
    expect(() => parseContent(base(600_000), 'long.yaml', BiaPresetsContentSchema)).toThrow(
      /rtoTables\[0\]\.table\.S/,
    );
  });

  it('a questionnaire option pointing at an unknown tier, or a missing English text', () => {
    const q = (points: string, en = 'q') => `version: 1
source: "001 §x"
intro: { ja: a, en: a }
questions:
${['a', 'b', 'c']
  .map(
    (id) => `  - id: ${id}
    text: { ja: q, en: ${en} }
    options:
      - { id: x, text: { ja: x, en: x }, points: ${points} }
      - { id: y, text: { ja: y, en: y }, points: { ume: 1 } }`,
  )
  .join('\n')}
`;
    expect(() => parseContent(q('{ matsu: 2 }'), 'q.yaml', TierQuestionnaireSchema)).not.toThrow();
    expect(() => parseContent(q('{ kiku: 2 }'), 'q.yaml', TierQuestionnaireSchema)).toThrow(ContentError);
    expect(() => parseContent(q('{ matsu: 2 }', '""'), 'q.yaml', TierQuestionnaireSchema)).toThrow(
      /text\.en/,
    );
  });
});
