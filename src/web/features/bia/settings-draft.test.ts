import { describe, expect, it } from 'vitest';
import { draftOf, isDraftChanged, type RtoTable, rebaseDraft } from './settings-draft.js';

const hours = (h: number) => ({ kind: 'duration' as const, minutes: h * 60 });
// 001 例2 and the 3×3 sum-rule matrix (rows: dependency 1 → 3).
const EXAMPLE_2: RtoTable = { S: hours(3), A: hours(6), B: hours(24), C: hours(72), D: { kind: 'not_set' } };
const PRESETS = [{ id: 'example-2', table: EXAMPLE_2 }];
const MATRIX_3 = [
  ['D', 'C', 'B'],
  ['C', 'B', 'A'],
  ['B', 'A', 'S'],
];
const base = { scale: 3 as const, matrix: MATRIX_3, rtoTable: EXAMPLE_2, rtoPreset: 'example-2' };

describe('BIA settings draft', () => {
  it('is unchanged until the user edits a cell or an RTO', () => {
    const draft = draftOf(base);
    expect(isDraftChanged(draft, base)).toBe(false);
    draft.matrix[1]![0] = 'B';
    expect(isDraftChanged(draft, base)).toBe(true);
    expect(base.matrix[1]![0]).toBe('C');
  });

  it('keeps what the user changed and takes everything else from the latest save', () => {
    // They set importance 1 × dependency 2 to B; I set A to 4 h.
    const latest = { ...base, matrix: MATRIX_3.map((r, d) => (d === 1 ? ['B', 'B', 'A'] : r)) };
    const mine = { ...draftOf(base), rtoTable: { ...EXAMPLE_2, A: hours(4) }, rtoPreset: 'custom' };
    expect(rebaseDraft(mine, base, latest, PRESETS)).toEqual({
      matrix: [
        ['D', 'C', 'B'],
        ['B', 'B', 'A'],
        ['B', 'A', 'S'],
      ],
      rtoTable: { ...EXAMPLE_2, A: hours(4) },
      rtoPreset: 'custom',
    });
  });

  it('keeps my cell where we both changed it', () => {
    const latest = { ...base, matrix: MATRIX_3.map((r, d) => (d === 0 ? ['C', 'C', 'B'] : r)) };
    const mine = draftOf(base);
    mine.matrix[0]![0] = 'A';
    expect(rebaseDraft(mine, base, latest, PRESETS).matrix[0]).toEqual(['A', 'C', 'B']);
  });

  it('names the preset whose table the result matches, else custom', () => {
    const latest = { ...base, rtoTable: { ...EXAMPLE_2, S: hours(1) }, rtoPreset: 'custom' };
    expect(rebaseDraft(draftOf(base), base, latest, PRESETS).rtoPreset).toBe('custom');
    // I had put S back from 2 h to 例2's 3 h; they changed only D: the result is 例2 again.
    const mineBase = {
      ...base,
      rtoTable: { ...EXAMPLE_2, S: hours(2), D: { kind: 'risk_accepted' as const } },
    };
    const theirs = { ...mineBase, rtoTable: { ...mineBase.rtoTable, D: { kind: 'not_set' as const } } };
    const mine = { ...draftOf(mineBase), rtoTable: { ...mineBase.rtoTable, S: hours(3) } };
    expect(rebaseDraft(mine, mineBase, theirs, PRESETS)).toMatchObject({
      rtoTable: EXAMPLE_2,
      rtoPreset: 'example-2',
    });
  });

  it('takes the whole matrix of the latest save when the scale changed', () => {
    const five = Array.from({ length: 5 }, () => ['C', 'C', 'C', 'C', 'C']);
    const latest = { ...base, scale: 5 as const, matrix: five };
    const mine = draftOf(base);
    mine.matrix[2]![2] = 'A';
    mine.rtoTable.B = hours(12);
    const rebased = rebaseDraft(mine, base, latest, PRESETS);
    expect(rebased.matrix).toEqual(five);
    expect(rebased.rtoTable.B).toEqual(hours(12));
  });
});
