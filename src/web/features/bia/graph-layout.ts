import type { NodeKind } from '../../../domain/dependency-graph.js';
import { isOneOf } from '../../../domain/one-of.js';

/*
 * Where each node of the dependency graph is drawn: one band of columns per kind, left to right
 * (operations | systems | components | suppliers), as the page's hint says. A system that depends
 * on another system sits one column further right, so every arrow points right. Inside a column
 * each node sits level with what depends on it, pushed down only as far as needed to clear the
 * node above, so lines stay short and nothing overlaps.
 */

export interface LayoutInput {
  id: string;
  type: NodeKind;
  /** The text drawn in the node, wrapped to the node's width. */
  label: string;
}

export interface Placed {
  /** The node's centre (Cytoscape positions nodes by their centre). */
  x: number;
  y: number;
  width: number;
  height: number;
  column: number;
}

export const LAYOUT = {
  /** Node width; labels wrap inside it. */
  width: 150,
  /** Room for the arrows between two columns. */
  columnGap: 56,
  /** Space between two nodes of a column. */
  rowGap: 12,
  /** Label size in graph units (drawn at ≥ 12 px: see READABLE_ZOOM in graph-view). */
  fontSize: 14,
  lineHeight: 18,
  padding: 10,
} as const;

/** The shapes the drawing gives its nodes (cytoscape node shapes). */
const NODE_SHAPES = ['round-rectangle', 'rectangle', 'cut-rectangle'] as const;
type NodeShape = (typeof NODE_SHAPES)[number];

/** A node's shape from its data (cytoscape hands data back untyped); round when it has none. */
export const nodeShapeOf = (shape: unknown): NodeShape =>
  isOneOf(NODE_SHAPES, shape) ? shape : 'round-rectangle';

/** Each kind's colour (border, and a light fill) and shape; the drawing and its legend use them. */
export const NODE_STYLE: Record<NodeKind, { color: string; fill: string; shape: NodeShape }> = {
  operation: { color: '#364fc7', fill: '#edf2ff', shape: 'round-rectangle' },
  system: { color: '#0b7285', fill: '#e3fafc', shape: 'rectangle' },
  component: { color: '#495057', fill: '#f1f3f5', shape: 'cut-rectangle' },
  supplier: { color: '#c2410c', fill: '#fff4e6', shape: 'round-rectangle' },
};

const KIND_ORDER: readonly NodeKind[] = ['operation', 'system', 'component', 'supplier'];

/** Estimated drawn width of a text: full-width characters are square, others about half. */
function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e7f ? fontSize : fontSize * 0.6;
  return w;
}

/** How many lines a label takes when wrapped to the node's inner width (words kept whole where possible). */
export function labelLines(label: string): number {
  const inner = LAYOUT.width - 2 * LAYOUT.padding;
  let lines = 0;
  for (const part of label.split('\n'))
    lines += Math.max(1, Math.ceil(textWidth(part, LAYOUT.fontSize) / inner));
  // Wrapping at spaces wastes part of a line now and then; one line of slack keeps text inside.
  return lines > 1 ? lines + 1 : lines;
}

/**
 * Places every node; edges go from the dependant to what it depends on.
 *
 * @example
 * layeredLayout([{ id: 'o', type: 'operation', label: '受付' }, { id: 's', type: 'system', label: '会員DB' }],
 *   [{ fromId: 'o', toId: 's' }]).get('s')?.column // 1
 */
export function layeredLayout(
  nodes: readonly LayoutInput[],
  edges: readonly { fromId: string; toId: string }[],
): Map<string, Placed> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, string[]>();
  for (const e of edges) {
    if (!byId.has(e.fromId) || !byId.has(e.toId)) continue;
    incoming.set(e.toId, [...(incoming.get(e.toId) ?? []), e.fromId]);
  }

  // Depth inside a kind: 0, or one more than the deepest node of the same kind depending on it.
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle (refused by the server): stop rather than loop
    seen.add(id);
    const type = byId.get(id)?.type;
    let d = 0;
    for (const from of incoming.get(id) ?? [])
      if (byId.get(from)?.type === type) d = Math.max(d, depthOf(from, seen) + 1);
    depth.set(id, d);
    return d;
  };
  for (const n of nodes) depthOf(n.id, new Set());

  // Column = the columns used by the kinds before it + its depth; a kind with no nodes takes none.
  const offset = new Map<NodeKind, number>();
  let next = 0;
  for (const kind of KIND_ORDER) {
    offset.set(kind, next);
    const ofKind = nodes.filter((n) => n.type === kind);
    if (ofKind.length > 0) next += 1 + Math.max(...ofKind.map((n) => depth.get(n.id) ?? 0));
  }

  const columns: LayoutInput[][] = Array.from({ length: next }, () => []);
  const columnOf = (n: LayoutInput) => (offset.get(n.type) ?? 0) + (depth.get(n.id) ?? 0);
  for (const n of nodes) columns[columnOf(n)]?.push(n);

  const placed = new Map<string, Placed>();
  columns.forEach((column, c) => {
    // Where each node would like to be: level with the average of what depends on it.
    const wanted = column.map((n, k) => {
      const ys = (incoming.get(n.id) ?? []).flatMap((from) => {
        const p = placed.get(from);
        return p ? [p.y] : [];
      });
      return {
        n,
        k,
        y: ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : Number.POSITIVE_INFINITY,
      };
    });
    wanted.sort((a, b) => a.y - b.y || a.k - b.k);
    let bottom = -LAYOUT.rowGap;
    for (const { n, y } of wanted) {
      const height = labelLines(n.label) * LAYOUT.lineHeight + 2 * LAYOUT.padding;
      const top = Math.max(Number.isFinite(y) ? y - height / 2 : 0, bottom + LAYOUT.rowGap);
      placed.set(n.id, {
        x: c * (LAYOUT.width + LAYOUT.columnGap) + LAYOUT.width / 2,
        y: top + height / 2,
        width: LAYOUT.width,
        height,
        column: c,
      });
      bottom = top + height;
    }
  });
  return placed;
}
