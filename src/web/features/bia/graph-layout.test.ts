import { describe, expect, it } from 'vitest';
import { LAYOUT, type LayoutInput, labelLines, layeredLayout } from './graph-layout.js';

const node = (id: string, type: LayoutInput['type'], label = id): LayoutInput => ({ id, type, label });

describe('layeredLayout', () => {
  it('puts each kind in its own columns, left to right, even a system no operation uses', () => {
    const placed = layeredLayout(
      [
        node('op', 'operation'),
        node('web', 'system'),
        node('spare', 'system'),
        node('nas', 'component'),
        node('vendor', 'supplier'),
      ],
      [
        { fromId: 'op', toId: 'web' },
        { fromId: 'web', toId: 'nas' },
        { fromId: 'nas', toId: 'vendor' },
      ],
    );
    expect(['op', 'web', 'spare', 'nas', 'vendor'].map((id) => placed.get(id)?.column)).toEqual([
      0, 1, 1, 2, 3,
    ]);
  });

  it('moves a system that another system depends on one column right, so every arrow points right', () => {
    const placed = layeredLayout(
      [node('op', 'operation'), node('app', 'system'), node('db', 'system'), node('disk', 'component')],
      [
        { fromId: 'op', toId: 'app' },
        { fromId: 'app', toId: 'db' },
        { fromId: 'db', toId: 'disk' },
      ],
    );
    expect(['op', 'app', 'db', 'disk'].map((id) => placed.get(id)?.column)).toEqual([0, 1, 2, 3]);
  });

  it('stacks a column without overlaps, each box tall enough for its wrapped name', () => {
    const long = '会員管理システム（クラウド版・本部と全店舗で共用）';
    const placed = layeredLayout(
      [node('a', 'operation', long), node('b', 'operation'), node('c', 'operation')],
      [],
    );
    const boxes = ['a', 'b', 'c'].map((id) => placed.get(id)!);
    expect(boxes[0]!.height).toBe(labelLines(long) * LAYOUT.lineHeight + 2 * LAYOUT.padding);
    expect(labelLines(long)).toBeGreaterThan(1);
    for (let k = 1; k < boxes.length; k++)
      expect(boxes[k]!.y - boxes[k]!.height / 2).toBeGreaterThanOrEqual(
        boxes[k - 1]!.y + boxes[k - 1]!.height / 2 + LAYOUT.rowGap,
      );
  });

  it('stops at a cycle instead of looping', () => {
    const placed = layeredLayout(
      [node('x', 'system'), node('y', 'system')],
      [
        { fromId: 'x', toId: 'y' },
        { fromId: 'y', toId: 'x' },
      ],
    );
    expect(placed.size).toBe(2);
  });
});
