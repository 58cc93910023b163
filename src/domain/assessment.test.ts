import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_REASON_MAX,
  burndown,
  categoryProgress,
  DECISION_STATUSES,
  type Decision,
  IMPACT_ASPECTS,
  IMPACT_LEVELS,
  isOverdue,
  prioritizeItems,
  tailorItems,
  URGENCIES,
  URGENCY_MATRIX,
  validateDecision,
  validateDecisions,
  worstImpact,
} from './assessment.js';
import { REQUIREMENT_LEVELS, type RequirementLevel } from './checklist.js';

describe('prioritizeItems', () => {
  it('follows the urgency matrix: impact leads, the level moves an item by one step at most', () => {
    expect(URGENCY_MATRIX.critical).toEqual({ SHALL: 'immediate', SHOULD: 'immediate', MAY: 'soon' });
    expect(URGENCY_MATRIX.serious).toEqual({ SHALL: 'immediate', SHOULD: 'soon', MAY: 'planned' });
    expect(URGENCY_MATRIX.minor).toEqual({ SHALL: 'planned', SHOULD: 'planned', MAY: 'optional' });
    // a worse impact is never less urgent, whatever the level
    const order: readonly string[] = URGENCIES;
    for (const level of REQUIREMENT_LEVELS)
      for (let i = 1; i < IMPACT_LEVELS.length; i++) {
        const milder = URGENCY_MATRIX[IMPACT_LEVELS[i - 1]!][level];
        const worse = URGENCY_MATRIX[IMPACT_LEVELS[i]!][level];
        expect(order.indexOf(worse)).toBeLessThanOrEqual(order.indexOf(milder));
      }
  });

  it('takes the worst assessed aspect', () => {
    expect(IMPACT_ASPECTS).toEqual(['confidentiality', 'integrity', 'availability', 'accountability']);
    expect(worstImpact({ confidentiality: 'minor', availability: 'critical', integrity: 'serious' })).toBe(
      'critical',
    );
    expect(worstImpact({ accountability: 'serious' })).toBe('serious');
    expect(worstImpact({})).toBeNull();
    expect(worstImpact(undefined)).toBeNull();
  });

  it('puts the item that hurts the business most first, even when it is only recommended', () => {
    const ranked = prioritizeItems([
      { id: 'shall-minor', level: 'SHALL', impact: { confidentiality: 'minor' } },
      { id: 'should-critical', level: 'SHOULD', impact: { availability: 'critical' } },
      { id: 'may-serious', level: 'MAY', impact: { integrity: 'serious' } },
      { id: 'shall-serious', level: 'SHALL', impact: { confidentiality: 'serious' } },
    ]);
    expect(ranked.map((r) => [r.id, r.urgency, r.rank])).toEqual([
      ['should-critical', 'immediate', 1],
      ['shall-serious', 'immediate', 2],
      // same urgency: the worse impact first, whatever the level
      ['may-serious', 'planned', 3],
      ['shall-minor', 'planned', 4],
    ]);
  });

  it('breaks ties by how many aspects are hurt, then by level, then by checklist order', () => {
    const ranked = prioritizeItems([
      { id: 'one-aspect', level: 'SHALL', impact: { confidentiality: 'critical' } },
      {
        id: 'three-aspects',
        level: 'SHALL',
        impact: { confidentiality: 'critical', integrity: 'serious', availability: 'minor' },
      },
      { id: 'same-as-first-later', level: 'SHALL', impact: { availability: 'critical' } },
      { id: 'should', level: 'SHOULD', impact: { integrity: 'critical' } },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['three-aspects', 'one-aspect', 'same-as-first-later', 'should']);
  });

  it('lists items with no impact assessed last, strictest level first', () => {
    const ranked = prioritizeItems([
      { id: 'may-open', level: 'MAY' },
      { id: 'shall-open', level: 'SHALL', impact: {} },
      { id: 'assessed', level: 'MAY', impact: { confidentiality: 'minor' } },
    ]);
    expect(ranked.map((r) => [r.id, r.urgency, r.worstImpact])).toEqual([
      ['assessed', 'optional', 'minor'],
      ['shall-open', null, null],
      ['may-open', null, null],
    ]);
  });

  it('reproduces 004 §11.2.2: the SMBv1 NAS (critical for availability) comes before a serious leak risk', () => {
    const ranked = prioritizeItems([
      { id: 'ad-file-server-audit', level: 'SHALL', impact: { confidentiality: 'serious' } },
      {
        id: 'ad-legacy-protocols',
        level: 'SHALL',
        impact: {
          confidentiality: 'serious',
          integrity: 'serious',
          availability: 'critical',
          accountability: 'serious',
        },
      },
    ]);
    expect(ranked[0]).toMatchObject({
      id: 'ad-legacy-protocols',
      urgency: 'immediate',
      worstImpact: 'critical',
    });
  });
});

describe('validateDecision', () => {
  it('accepts "done" alone and drops fields it does not use', () => {
    expect(validateDecision('a', { status: 'done', dueDate: '2027-01-01', reason: 'x' })).toEqual({
      ok: true,
      decision: { status: 'done' },
    });
  });

  it('needs a real date for "will do", not before today when today is given', () => {
    expect(validateDecision('vpn-method', { status: 'planned' })).toEqual({
      ok: false,
      issues: [
        {
          path: ['vpn-method', 'dueDate'],
          code: 'decision_due_date_required',
          params: { itemId: 'vpn-method' },
        },
      ],
    });
    expect(validateDecision('vpn-method', { status: 'planned', dueDate: '  ' })).toMatchObject({
      ok: false,
      issues: [{ code: 'decision_due_date_required' }],
    });
    expect(validateDecision('vpn-method', { status: 'planned', dueDate: '2027-02-30' })).toMatchObject({
      ok: false,
      issues: [{ code: 'decision_due_date_invalid', params: { itemId: 'vpn-method' } }],
    });
    expect(
      validateDecision('vpn-method', { status: 'planned', dueDate: '2026-12-06' }, { today: '2026-12-07' }),
    ).toMatchObject({
      ok: false,
      issues: [{ code: 'decision_due_date_past', params: { itemId: 'vpn-method', today: '2026-12-07' } }],
    });
    expect(
      validateDecision('vpn-method', { status: 'planned', dueDate: '2026-12-07' }, { today: '2026-12-07' }),
    ).toEqual({
      ok: true,
      decision: { status: 'planned', dueDate: '2026-12-07' },
    });
  });

  it('needs a reason for "not needed"', () => {
    expect(validateDecision('home-lan-edr', { status: 'not_needed', reason: ' ' })).toEqual({
      ok: false,
      issues: [
        {
          path: ['home-lan-edr', 'reason'],
          code: 'decision_reason_required',
          params: { itemId: 'home-lan-edr' },
        },
      ],
    });
    expect(validateDecision('home-lan-edr', { status: 'not_needed', reason: null })).toMatchObject({
      ok: false,
      issues: [{ code: 'decision_reason_required' }],
    });
    expect(
      validateDecision('home-lan-edr', {
        status: 'not_needed',
        reason: 'x'.repeat(ASSESSMENT_REASON_MAX + 1),
      }),
    ).toMatchObject({
      ok: false,
      issues: [{ code: 'reason_too_long' }],
    });
    expect(
      validateDecision('home-lan-edr', { status: 'not_needed', reason: '個人情報\u202Eを扱わない' }),
    ).toMatchObject({
      ok: false,
      issues: [{ code: 'reason_invalid' }],
    });
    expect(
      validateDecision('home-lan-edr', { status: 'not_needed', reason: ' 個人情報は扱わない ' }),
    ).toEqual({
      ok: true,
      decision: { status: 'not_needed', reason: '個人情報は扱わない' },
    });
  });

  it('knows the three decisions of 004 §11.2.2', () => {
    expect(DECISION_STATUSES).toEqual(['done', 'planned', 'not_needed']);
  });

  it('checks a set: unknown items and every invalid decision are named', () => {
    const result = validateDecisions(['a', 'b', 'c'], {
      a: { status: 'done' },
      b: { status: 'planned' },
      c: { status: 'not_needed' },
      zz: { status: 'done' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.params.itemId, i.code])).toEqual([
      ['b', 'decision_due_date_required'],
      ['c', 'decision_reason_required'],
      ['zz', 'decision_item_unknown'],
    ]);
    expect(validateDecisions(['a'], { a: { status: 'done' } })).toEqual({
      ok: true,
      decisions: { a: { status: 'done' } },
    });
  });
});

const ITEMS: { id: string; category: string; level: RequirementLevel }[] = [
  { id: 'logs-network-devices', category: 'logs', level: 'SHALL' },
  { id: 'logs-windows-servers', category: 'logs', level: 'SHALL' },
  { id: 'logs-windows-clients', category: 'logs', level: 'SHALL' },
  { id: 'logs-central', category: 'logs', level: 'SHOULD' },
  { id: 'video-call-privacy', category: 'other-traffic', level: 'SHALL' },
  { id: 'traffic-blocklists', category: 'other-traffic', level: 'SHOULD' },
];
const CATEGORIES = ['logs', 'other-traffic'];

describe('tailorItems (004 §4.5)', () => {
  it('refuses a dropped item without a reason, naming it', () => {
    expect(
      tailorItems(ITEMS, CATEGORIES, {
        dropped: [{ itemId: 'video-call-privacy', reason: '  ' }],
        added: [],
      }),
    ).toEqual({
      ok: false,
      issues: [
        {
          path: ['video-call-privacy', 'reason'],
          code: 'tailoring_reason_required',
          params: { itemId: 'video-call-privacy' },
        },
      ],
    });
  });

  it('drops and adds items with reasons; added ones come last', () => {
    const own: (typeof ITEMS)[number] = {
      id: 'own-camera-cover',
      category: 'other-traffic',
      level: 'SHOULD',
    };
    const result = tailorItems(ITEMS, CATEGORIES, {
      dropped: [{ itemId: 'video-call-privacy', reason: 'ビデオ会議はしない' }],
      added: [{ item: own, reason: '自宅でカメラにカバーをつける' }],
    });
    expect(result.ok && result.items.map((i) => i.id)).toEqual([
      'logs-network-devices',
      'logs-windows-servers',
      'logs-windows-clients',
      'logs-central',
      'traffic-blocklists',
      'own-camera-cover',
    ]);
  });

  it('refuses unknown and twice-dropped items, clashing ids, unknown categories and added items without a reason', () => {
    const result = tailorItems(ITEMS, CATEGORIES, {
      dropped: [
        { itemId: 'no-such-item', reason: 'x' },
        { itemId: 'logs-central', reason: 'x' },
        { itemId: 'logs-central', reason: 'x' },
      ],
      added: [
        { item: { id: 'logs-central', category: 'logs', level: 'MAY' }, reason: 'x' },
        { item: { id: 'own-thing', category: 'nowhere', level: 'MAY' } },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['no-such-item', 'tailoring_item_unknown'],
      ['logs-central', 'tailoring_item_duplicate'],
      ['logs-central.id', 'tailoring_item_duplicate'],
      ['own-thing.category', 'tailoring_category_unknown'],
      ['own-thing.reason', 'tailoring_reason_required'],
    ]);
  });
});

describe('categoryProgress', () => {
  const decisions: Record<string, Decision> = {
    'logs-network-devices': { status: 'done' },
    'logs-windows-servers': { status: 'planned', dueDate: '2026-12-01' },
    'logs-windows-clients': { status: 'planned', dueDate: '2027-03-31' },
    'logs-central': { status: 'not_needed', reason: 'サーバーは1台だけ' },
  };

  it('counts done against the items that apply, overall and by level', () => {
    const [logs, traffic] = categoryProgress(CATEGORIES, ITEMS, decisions, { today: '2026-12-07' });
    expect(logs).toMatchObject({
      category: 'logs',
      applicable: 3,
      done: 1,
      planned: 2,
      overdue: 1,
      undecided: 0,
      notNeeded: 1,
      percent: 33,
    });
    expect(logs!.byLevel.SHALL).toMatchObject({ applicable: 3, done: 1, percent: 33 });
    expect(logs!.byLevel.SHOULD).toMatchObject({ applicable: 0, notNeeded: 1, percent: null });
    expect(logs!.byLevel.MAY).toMatchObject({ applicable: 0, percent: null });
    expect(traffic).toMatchObject({ applicable: 2, done: 0, undecided: 2, percent: 0 });
  });

  it('shows 100 % only when every applicable item is done, and leaves out tailored-away items', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({
      id: `i${i}`,
      category: 'c',
      level: 'SHALL' as const,
    }));
    const done = Object.fromEntries(many.slice(1).map((i) => [i.id, { status: 'done' } as Decision]));
    expect(categoryProgress(['c'], many, done)[0]!.percent).toBe(99);
    const tailored = tailorItems(many, ['c'], { dropped: [{ itemId: 'i0', reason: '該当なし' }], added: [] });
    expect(tailored.ok && categoryProgress(['c'], tailored.items, done)[0]!.percent).toBe(100);
  });

  it('does not count overdue without a today', () => {
    expect(categoryProgress(['logs'], ITEMS, decisions)[0]).toMatchObject({ planned: 2, overdue: 0 });
  });
});

describe('burndown', () => {
  it('counts the actions open at the end of each day', () => {
    expect(
      burndown(
        [
          { createdOn: '2026-04-01T09:00:00Z', doneOn: '2026-04-03T10:00:00Z' },
          { createdOn: '2026-04-02', doneOn: null },
        ],
        '2026-04-01',
        '2026-04-04',
      ),
    ).toEqual([
      { date: '2026-04-01', open: 1 },
      { date: '2026-04-02', open: 2 },
      { date: '2026-04-03', open: 1 },
      { date: '2026-04-04', open: 1 },
    ]);
  });

  it('knows an overdue action: not done, deadline before today', () => {
    expect(isOverdue({ status: 'open', dueDate: '2026-04-01' }, '2026-04-02')).toBe(true);
    expect(isOverdue({ status: 'done', dueDate: '2026-04-01' }, '2026-04-02')).toBe(false);
    expect(isOverdue({ status: 'in_progress', dueDate: '2026-04-02' }, '2026-04-02')).toBe(false);
  });
});
