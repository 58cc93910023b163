import { describe, expect, it } from 'vitest';
import { BiaPage } from './pages/bia-page.js';
import type { ApiClient } from './support/api.js';
import { expectAccessible, screenshot } from './support/browser.js';
import { useOwnerSession } from './support/session.js';

/**
 * The dependency graph at the size the issue names (200 nodes): drawn whole, laid out left to
 * right by dependency, with no node drawn on top of another and no label covering another.
 */
const COUNTS = { operations: 40, systems: 70, components: 60, suppliers: 30 };

async function arrangeTwoHundredNodes(api: ApiClient): Promise<number> {
  const ids = {
    operations: [] as string[],
    systems: [] as string[],
    components: [] as string[],
    suppliers: [] as string[],
  };
  const make = async (register: keyof typeof ids, body: Record<string, unknown>) =>
    ids[register].push((await api.call<{ id: string }>('POST', `/inventory/${register}`, body)).id);
  for (let i = 0; i < COUNTS.suppliers; i++)
    await make('suppliers', { name: `取引先${i + 1}`, kind: 'vendor' });
  for (let i = 0; i < COUNTS.components; i++)
    await make('components', {
      name: `構成要素${i + 1}`,
      layer: (i % 5) + 1,
      side: i % 2 ? 'client' : 'server',
    });
  for (let i = 0; i < COUNTS.systems; i++)
    await make('systems', { name: `システム${i + 1}`, dependencyLevel: (i % 3) + 1 });
  for (let i = 0; i < COUNTS.operations; i++)
    await make('operations', { name: `業務${i + 1}`, importance: (i % 3) + 1 });

  let edges = 0;
  const link = async (fromType: string, fromId: string, toType: string, toId: string) => {
    await api.call('POST', '/inventory/edges', { fromType, fromId, toType, toId });
    edges++;
  };
  const { operations, systems, components, suppliers } = ids;
  for (let i = 0; i < operations.length; i++) {
    await link('operation', operations[i]!, 'system', systems[i]!);
    await link('operation', operations[i]!, 'system', systems[(i + 35) % systems.length]!);
  }
  for (let i = 0; i < systems.length; i++) {
    await link('system', systems[i]!, 'component', components[i % components.length]!);
    if (i % 10 === 0 && i + 1 < systems.length) await link('system', systems[i]!, 'system', systems[i + 1]!);
    if (i % 7 === 0) await link('system', systems[i]!, 'supplier', suppliers[i % suppliers.length]!);
  }
  for (let i = 0; i < components.length; i++)
    await link('component', components[i]!, 'supplier', suppliers[i % suppliers.length]!);
  return edges;
}

interface Drawn {
  nodes: number;
  edges: number;
  /** Pairs of nodes whose shapes overlap, and of labels that cover each other. */
  overlappingNodes: number;
  overlappingLabels: number;
  /** Edges drawn right to left (a dependant must sit left of what it depends on). */
  backwardEdges: number;
  /** Kinds whose leftmost node is not right of every node of the kind before (operation | system | component | supplier). */
  kindsOutOfOrder: number;
}

describe('BIA dependency graph with 200 nodes', () => {
  let edgeCount = 0;
  const s = useOwnerSession({
    arrange: async (api) => {
      edgeCount = await arrangeTwoHundredNodes(api);
    },
  });

  it('draws all 200 nodes left to right in columns by kind, none on top of another, every label clear of the others', async () => {
    const bia = new BiaPage(s.page);
    await bia.goto(s.server.url, '依存関係図');
    await bia.graph().waitFor();
    const drawn = await bia.graph().evaluate((el): Drawn => {
      type Box = { x1: number; x2: number; y1: number; y2: number };
      type N = { boundingBox(o: object): Box; position(): { x: number; y: number }; data(k: string): string };
      type E = { source(): N; target(): N };
      type Cy = { nodes(): N[]; edges(): E[] };
      const cy = (el as unknown as { _cyreg?: { cy?: Cy } })._cyreg?.cy;
      if (!cy) throw new Error('no graph is drawn in this element');
      const overlaps = (boxes: Box[]) => {
        let count = 0;
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!;
            const b = boxes[j]!;
            if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) count++;
          }
        return count;
      };
      const nodes = cy.nodes();
      return {
        nodes: nodes.length,
        edges: cy.edges().length,
        overlappingNodes: overlaps(nodes.map((n) => n.boundingBox({ includeLabels: false }))),
        overlappingLabels: overlaps(
          nodes.map((n) => n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true })),
        ),
        backwardEdges: cy.edges().filter((e) => e.source().position().x >= e.target().position().x).length,
        kindsOutOfOrder: ['業務', 'システム', '構成要素', '取引先']
          .map((prefix) => nodes.filter((n) => n.data('label').startsWith(prefix)).map((n) => n.position().x))
          .filter((xs, k, all) => k > 0 && Math.min(...xs) <= Math.max(...(all[k - 1] ?? []))).length,
      };
    });
    expect(drawn).toEqual({
      nodes: 200,
      edges: edgeCount,
      overlappingNodes: 0,
      overlappingLabels: 0,
      backwardEdges: 0,
      kindsOutOfOrder: 0,
    });
    await expectAccessible(s.page, 'BIA graph with 200 nodes');
  });

  it('opens at a size whose labels can be read, from the top left; "全体を表示" zooms out to all 200', async () => {
    const bia = new BiaPage(s.page);
    const view = () =>
      bia.graph().evaluate((el) => {
        type Box = { x1: number; x2: number; y1: number; y2: number };
        type N = { boundingBox(o: object): Box; data(k: string): string; style(k: string): string };
        type Cy = { zoom(): number; extent(): Box; nodes(): N[] };
        const cy = (el as unknown as { _cyreg?: { cy?: Cy } })._cyreg?.cy;
        if (!cy) throw new Error('no graph is drawn in this element');
        const extent = cy.extent();
        const inView = cy.nodes().filter((n) => {
          const b = n.boundingBox({ includeLabels: false });
          return b.x1 >= extent.x1 && b.x2 <= extent.x2 && b.y1 >= extent.y1 && b.y2 <= extent.y2;
        });
        const fontSize = Number.parseFloat(cy.nodes()[0]?.style('font-size') ?? '0');
        return { labelPx: fontSize * cy.zoom(), inView: inView.map((n) => n.data('label')) };
      });
    const opened = await view();
    // Labels are drawn at 12 px or more on screen.
    expect(opened.labelPx).toBeGreaterThanOrEqual(12);
    // Part of the graph, starting with operations on the left, not a speck of all of it.
    expect(opened.inView.length).toBeGreaterThan(5);
    expect(opened.inView.length).toBeLessThan(200);
    expect(opened.inView.some((label) => label.startsWith('業務'))).toBe(true);
    await screenshot(s.page, 'bia-graph-200');

    await s.page.getByRole('main').getByRole('button', { name: '全体を表示' }).click();
    const all = await view();
    expect(all.inView).toHaveLength(200);
    expect(all.labelPx).toBeLessThan(opened.labelPx);
  });
});
