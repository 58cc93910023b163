import { describe, expect, it } from 'vitest';
import {
  assessOperation,
  higherPriority,
  LevelError,
  mapLevel,
  matrixCounts,
  operationDependencyLevel,
  type Priority,
  planScaleChange,
  priorityFor,
  sumRuleMatrix,
  validatePriorityMatrix,
} from './bia.js';
import { days, hours, type RtoTable } from './rto.js';

/** 001 §①3段階, as printed: rows dependency high, medium, low; columns importance low, medium, high. */
const TABLE_001_3: Priority[][] = [
  ['B', 'A', 'S'],
  ['C', 'B', 'A'],
  ['D', 'C', 'B'],
];

describe('priority matrix presets', () => {
  it('3-level preset equals the 001 table to the cell', () => {
    const m = sumRuleMatrix(3);
    expect(m.scale).toBe(3);
    // our rows are lowest dependency first; the printed table is highest first
    expect([...m.cells].reverse()).toEqual(TABLE_001_3);
    const names = ['low', 'medium', 'high'];
    for (let d = 1; d <= 3; d++)
      for (let i = 1; i <= 3; i++)
        expect(priorityFor(m, { importance: i, dependency: d }), `${names[i - 1]} × ${names[d - 1]}`).toBe(
          TABLE_001_3[3 - d]![i - 1],
        );
  });

  it('3-level preset is the sum rule 6=S 5=A 4=B 3=C 2=D', () => {
    const bySum: Record<number, Priority> = { 6: 'S', 5: 'A', 4: 'B', 3: 'C', 2: 'D' };
    const m = sumRuleMatrix(3);
    for (let d = 1; d <= 3; d++)
      for (let i = 1; i <= 3; i++) expect(m.cells[d - 1]![i - 1]).toBe(bySum[i + d]);
  });

  it('5-level preset: 10–9=S, 8–7=A, 6=B, 5–4=C, 3–2=D, every cell', () => {
    expect(sumRuleMatrix(5).cells).toEqual([
      // dependency 1, importance 1..5
      ['D', 'D', 'C', 'C', 'B'],
      ['D', 'C', 'C', 'B', 'A'],
      ['C', 'C', 'B', 'A', 'A'],
      ['C', 'B', 'A', 'A', 'S'],
      ['B', 'A', 'A', 'S', 'S'],
    ]);
  });

  it('refuses levels outside the scale', () => {
    const m = sumRuleMatrix(3);
    expect(() => priorityFor(m, { importance: 4, dependency: 1 })).toThrow(LevelError);
    expect(() => priorityFor(m, { importance: 2, dependency: 0 })).toThrow(
      expect.objectContaining({
        code: 'level_unknown',
        params: { axis: 'dependency', level: '0', scale: 3 },
      }),
    );
    expect(() => priorityFor(m, { importance: 1.5, dependency: 1 })).toThrow(LevelError);
  });
});

describe('custom matrices', () => {
  it('accepts a full matrix', () => {
    const r = validatePriorityMatrix({ scale: 3, cells: TABLE_001_3 });
    expect(r.ok).toBe(true);
  });

  it('names every empty or unknown cell by its levels', () => {
    const r = validatePriorityMatrix({
      scale: 3,
      cells: [
        ['D', '', 'B'],
        ['C', 'B', 'X'],
        ['B', null, 'S'],
      ],
    });
    expect(r).toEqual({
      ok: false,
      issues: [
        { path: ['cells', 0, 1], code: 'matrix_cell_empty', params: { importance: 2, dependency: 1 } },
        {
          path: ['cells', 1, 2],
          code: 'matrix_cell_unknown',
          params: { importance: 3, dependency: 2, value: 'X' },
        },
        { path: ['cells', 2, 1], code: 'matrix_cell_empty', params: { importance: 2, dependency: 3 } },
      ],
    });
  });

  it('refuses unknown scales and wrong shapes', () => {
    expect(validatePriorityMatrix({ scale: 4, cells: [] })).toMatchObject({
      ok: false,
      issues: [{ code: 'scale_unknown' }],
    });
    expect(validatePriorityMatrix({ scale: 3, cells: TABLE_001_3.slice(0, 2) })).toMatchObject({
      ok: false,
      issues: [{ code: 'matrix_shape_invalid' }],
    });
    expect(validatePriorityMatrix({ scale: 3, cells: [['S', 'S'], ...TABLE_001_3.slice(1)] })).toMatchObject({
      ok: false,
      issues: [{ path: ['cells', 0], code: 'matrix_shape_invalid', params: { dependency: 1 } }],
    });
    expect(validatePriorityMatrix(null)).toMatchObject({ ok: false });
  });
});

describe('scale change', () => {
  it('maps 3 → 5 to the ends and middle and 5 → 3 symmetrically', () => {
    expect([1, 2, 3].map((l) => mapLevel(l, 3, 5))).toEqual([1, 3, 5]);
    expect([1, 2, 3, 4, 5].map((l) => mapLevel(l, 5, 3))).toEqual([1, 1, 2, 3, 3]);
    for (const l of [1, 2, 3]) expect(mapLevel(mapLevel(l, 3, 5), 5, 3)).toBe(l);
    expect(mapLevel(2, 3, 3)).toBe(2);
    expect(() => mapLevel(4, 3, 5)).toThrow(LevelError);
  });

  it('reports what moved, with priorities under both matrices', () => {
    const report = planScaleChange(
      [
        { id: 'billing', importance: 3, dependency: 3 },
        { id: 'payroll', importance: 2, dependency: 3 },
        { id: 'newsletter', importance: 1, dependency: 1 },
        { id: 'unassessed', importance: 2, dependency: null },
      ],
      sumRuleMatrix(3),
    );
    expect(report.from).toBe(3);
    expect(report.to).toBe(5);
    const byId = Object.fromEntries(report.entries.map((e) => [e.id, e]));
    expect(byId.billing).toMatchObject({
      before: { importance: 3, dependency: 3, priority: 'S' },
      after: { importance: 5, dependency: 5, priority: 'S' },
      levelsChanged: true,
      priorityChanged: false,
    });
    // 3-level A (2+3) becomes 5-level 3+5 = 8 → A
    expect(byId.payroll?.after).toEqual({ importance: 3, dependency: 5, priority: 'A' });
    expect(byId.newsletter).toMatchObject({ levelsChanged: false, priorityChanged: false });
    expect(byId.unassessed?.after).toEqual({ importance: 3, dependency: null, priority: null });
    expect(report.moved).toEqual([]);
    expect(report.countsBefore).toEqual({ S: 1, A: 1, B: 0, C: 0, D: 1 });
  });

  it('going 5 → 3 can move priorities, and the report lists them', () => {
    const report = planScaleChange(
      [
        { id: 'x', importance: 4, dependency: 2 }, // 5-level 6 = B → 3-level 3+1 = 4 = B
        { id: 'y', importance: 2, dependency: 5 }, // 5-level 7 = A → 3-level 1+3 = 4 = B
        { id: 'z', importance: 5, dependency: 4 }, // 9 = S → 3+3 = 6 = S
      ],
      sumRuleMatrix(5),
    );
    expect(report.moved.map((e) => [e.id, e.before.priority, e.after.priority])).toEqual([['y', 'A', 'B']]);
    expect(report.countsAfter).toEqual({ S: 1, A: 0, B: 2, C: 0, D: 0 });
  });

  it('refuses a level unknown on the old scale', () => {
    expect(() => planScaleChange([{ id: 'a', importance: 5, dependency: 1 }], sumRuleMatrix(3))).toThrow(
      LevelError,
    );
  });
});

describe('helpers', () => {
  it('an operation is as dependent as its most critical system', () => {
    expect(operationDependencyLevel([])).toBe(1);
    expect(operationDependencyLevel([1, 3, 2])).toBe(3);
  });

  it('counts operations per cell for the heat-map', () => {
    const counts = matrixCounts(3, [
      { importance: 3, dependency: 3 },
      { importance: 3, dependency: 3 },
      { importance: 1, dependency: 2 },
      { importance: 9, dependency: 1 },
    ]);
    expect(counts).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 0, 2],
    ]);
  });

  it('orders priorities S first', () => {
    expect(higherPriority('B', 'A')).toBe('A');
    expect(higherPriority('S', 'D')).toBe('S');
  });
});

describe('assessing an operation', () => {
  it('takes the priority from the matrix and the RTO from the table', () => {
    const table: RtoTable = {
      S: hours(0),
      A: hours(12),
      B: hours(24),
      C: days(3),
      D: { kind: 'risk_accepted' },
    };
    expect(assessOperation(sumRuleMatrix(3), table, { importance: 3, dependency: 2 })).toEqual({
      priority: 'A',
      rto: hours(12),
    });
    expect(assessOperation(sumRuleMatrix(3), table, { importance: 1, dependency: 1 }).rto).toEqual({
      kind: 'risk_accepted',
    });
  });
});
