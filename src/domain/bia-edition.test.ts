import { describe, expect, it } from 'vitest';
import { sumRuleMatrix } from './bia.js';
import { type BiaEdition, diffBiaEditions } from './bia-edition.js';
import { hours } from './rto.js';
import { RTO_EXAMPLE_1 } from './test-fixtures.js';

const example1 = RTO_EXAMPLE_1;

const signed: BiaEdition = {
  scale: 3,
  matrix: sumRuleMatrix(3).cells,
  rtoTable: example1,
  items: [
    {
      id: 'o1',
      kind: 'operation',
      name: '会員受付',
      fields: { importance: 3, dependency: 3, priority: 'S', rto: hours(0) },
    },
    { id: 's1', kind: 'system', name: '顧客DB', fields: { priority: 'S', declaredRto: hours(6) } },
    { id: 'x1', kind: 'supplier', name: 'ISP', fields: { priority: 'S' } },
  ],
};

describe('diff against the signed BIA edition', () => {
  it('the same state is unchanged, whatever the key order', () => {
    const same: BiaEdition = {
      ...signed,
      items: signed.items.map((it) => ({
        ...it,
        fields: Object.fromEntries(Object.entries(it.fields).reverse()),
      })),
      rtoTable: { ...example1, S: { minutes: 0, kind: 'duration' } as never },
    };
    expect(diffBiaEditions(signed, same).isUnchanged).toBe(true);
  });

  it('lists matrix cells, RTO rows and items that changed, were added or removed', () => {
    const current: BiaEdition = {
      scale: 3,
      matrix: sumRuleMatrix(3).cells.map((row, d) => (d === 0 ? ['D', 'D', 'B'] : row)),
      rtoTable: { ...example1, A: hours(8) },
      items: [
        {
          id: 'o1',
          kind: 'operation',
          name: '会員受付',
          fields: { importance: 3, dependency: 3, priority: 'S', rto: hours(0) },
        },
        {
          id: 's1',
          kind: 'system',
          name: '顧客データベース',
          fields: { priority: 'S', declaredRto: hours(24) },
        },
        { id: 'c1', kind: 'component', name: 'NAS', fields: { priority: 'S' } },
      ],
    };
    const diff = diffBiaEditions(signed, current);
    expect(diff.isUnchanged).toBe(false);
    expect(diff.scaleChanged).toBeNull();
    expect(diff.matrixCells).toEqual([{ importance: 2, dependency: 1, before: 'C', after: 'D' }]);
    expect(diff.rtoTable).toEqual([{ priority: 'A', before: hours(12), after: hours(8) }]);
    expect(diff.added).toEqual([{ id: 'c1', kind: 'component', name: 'NAS' }]);
    expect(diff.removed).toEqual([{ id: 'x1', kind: 'supplier', name: 'ISP' }]);
    expect(diff.changed).toEqual([
      {
        id: 's1',
        kind: 'system',
        name: '顧客データベース',
        changes: [
          { field: 'name', before: '顧客DB', after: '顧客データベース' },
          { field: 'declaredRto', before: hours(6), after: hours(24) },
        ],
      },
    ]);
  });

  it('a scale change shows the scale and every cell that differs', () => {
    const diff = diffBiaEditions(signed, { ...signed, scale: 5, matrix: sumRuleMatrix(5).cells });
    expect(diff.scaleChanged).toEqual({ before: 3, after: 5 });
    expect(diff.matrixCells.length).toBeGreaterThan(9);
    expect(diff.matrixCells).toContainEqual({ importance: 5, dependency: 5, before: null, after: 'S' });
  });
});
