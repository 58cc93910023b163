import { describe, expect, it } from 'vitest';
import {
  buildDependencyGraph,
  checkNewEdge,
  type DependencyGraph,
  type DeriveInput,
  deriveRequirements,
  explainRequirement,
  failureImpact,
  findRtoInversions,
  type GraphEdgeInput,
  type GraphNodeInput,
  listRequirements,
  requirementOf,
  wouldCreateCycle,
} from './dependency-graph.js';
import { days, hours, type Rto } from './rto.js';

/*
 * A small gym company:
 *   check-in (S, 0 h) → gym-app → customer-db → db-server (L3 hardware)
 *                                  customer-db → data-centre (L1 building) → power-co
 *   sign-up  (A, 12 h) → website → customer-db
 *   billing  (B, 24 h) → billing-app → customer-db; billing-app → cloud-vendor
 *   payroll  (C, 3 d)  → payroll-saas → cloud-vendor
 *   newsletter (D, risk accepted) → email
 */
const nodes: GraphNodeInput[] = [
  { id: 'check-in', kind: 'operation' },
  { id: 'sign-up', kind: 'operation' },
  { id: 'billing', kind: 'operation' },
  { id: 'payroll', kind: 'operation' },
  { id: 'newsletter', kind: 'operation' },
  { id: 'gym-app', kind: 'system' },
  { id: 'website', kind: 'system' },
  { id: 'billing-app', kind: 'system' },
  { id: 'payroll-saas', kind: 'system' },
  { id: 'customer-db', kind: 'system' },
  { id: 'email', kind: 'system' },
  { id: 'db-server', kind: 'component', layer: 3, side: 'server' },
  { id: 'data-centre', kind: 'component', layer: 1, side: 'server' },
  { id: 'power-co', kind: 'supplier' },
  { id: 'cloud-vendor', kind: 'supplier' },
];
const edges: GraphEdgeInput[] = [
  { from: 'check-in', to: 'gym-app' },
  { from: 'sign-up', to: 'website' },
  { from: 'billing', to: 'billing-app' },
  { from: 'payroll', to: 'payroll-saas' },
  { from: 'newsletter', to: 'email' },
  { from: 'gym-app', to: 'customer-db' },
  { from: 'website', to: 'customer-db' },
  { from: 'billing-app', to: 'customer-db' },
  { from: 'billing-app', to: 'cloud-vendor' },
  { from: 'payroll-saas', to: 'cloud-vendor' },
  { from: 'customer-db', to: 'db-server' },
  { from: 'customer-db', to: 'data-centre' },
  { from: 'data-centre', to: 'power-co' },
];
const operations: DeriveInput['operations'] = new Map([
  ['check-in', { priority: 'S', rto: hours(0) }],
  ['sign-up', { priority: 'A', rto: hours(12) }],
  ['billing', { priority: 'B', rto: hours(24) }],
  ['payroll', { priority: 'C', rto: days(3) }],
  ['newsletter', { priority: 'D', rto: { kind: 'risk_accepted' } }],
]);

function gym(extraEdges: GraphEdgeInput[] = []): DependencyGraph {
  const r = buildDependencyGraph(nodes, [...edges, ...extraEdges]);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.graph;
}

describe('building the graph', () => {
  it('accepts the allowed edge kinds and orders nodes before their dependencies', () => {
    const g = gym();
    expect(g.edgeCount).toBe(edges.length);
    const pos = new Map<string, number>();
    g.topo.forEach((i, k) => {
      pos.set(g.ids[i]!, k);
    });
    for (const e of edges) expect(pos.get(e.from)!).toBeLessThan(pos.get(e.to)!);
  });

  it('refuses edges the kinds do not allow, unknown nodes, self-edges and duplicates', () => {
    const r = buildDependencyGraph(nodes, [
      { from: 'customer-db', to: 'check-in' },
      { from: 'power-co', to: 'data-centre' },
      { from: 'check-in', to: 'db-server' },
      { from: 'gym-app', to: 'ghost' },
      { from: 'gym-app', to: 'gym-app' },
      { from: 'gym-app', to: 'customer-db' },
      { from: 'gym-app', to: 'customer-db' },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.path, i.code])).toEqual([
      [['edges', 0], 'edge_kind_not_allowed'],
      [['edges', 1], 'edge_kind_not_allowed'],
      [['edges', 2], 'edge_kind_not_allowed'],
      [['edges', 3, 'to'], 'edge_node_unknown'],
      [['edges', 4], 'edge_self'],
      [['edges', 6], 'edge_duplicate'],
    ]);
    expect(r.issues[0]?.params).toEqual({
      from: 'customer-db',
      to: 'check-in',
      fromKind: 'system',
      toKind: 'operation',
    });
  });

  it('refuses duplicate ids, unknown kinds and components without layer or side', () => {
    const r = buildDependencyGraph(
      [
        { id: 'a', kind: 'system' },
        { id: 'a', kind: 'system' },
        { id: 'b', kind: 'team' as 'system' },
        { id: 'c', kind: 'component', layer: 6 as 1, side: 'server' },
        { id: 'd', kind: 'component', layer: 2 },
      ],
      [],
    );
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual([
      'node_id_duplicate',
      'node_kind_unknown',
      'component_layer_invalid',
      'component_side_invalid',
    ]);
  });

  it('names a cycle in order', () => {
    const r = buildDependencyGraph(nodes, [...edges, { from: 'customer-db', to: 'website' }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.code).toBe('graph_cycle');
    const cycle = r.issues[0]!.cycle!;
    expect(cycle[0]).toBe(cycle[cycle.length - 1]);
    expect(new Set(cycle)).toEqual(new Set(['website', 'customer-db']));
    // each step is a real edge
    const all = [...edges, { from: 'customer-db', to: 'website' }];
    for (let k = 0; k + 1 < cycle.length; k++)
      expect(all.some((e) => e.from === cycle[k] && e.to === cycle[k + 1])).toBe(true);
  });

  it('finds a long cycle without recursion', () => {
    const n = 100_000;
    const many: GraphNodeInput[] = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, kind: 'system' }));
    const chain: GraphEdgeInput[] = Array.from({ length: n - 1 }, (_, i) => ({
      from: `s${i}`,
      to: `s${i + 1}`,
    }));
    const ok = buildDependencyGraph(many, chain);
    expect(ok.ok).toBe(true);
    const bad = buildDependencyGraph(many, [...chain, { from: `s${n - 1}`, to: 's0' }]);
    expect(bad.ok ? 0 : bad.issues[0]!.cycle!.length).toBe(n + 1);
    if (ok.ok) expect(wouldCreateCycle(ok.graph, `s${n - 1}`, 's0')).toHaveLength(n + 1);
  });
});

describe('refusing an edge that closes a cycle', () => {
  it('returns the cycle the new edge would make', () => {
    const g = gym([{ from: 'website', to: 'gym-app' }]);
    expect(wouldCreateCycle(g, 'customer-db', 'website')).toEqual(['customer-db', 'website', 'customer-db']);
    expect(wouldCreateCycle(g, 'customer-db', 'gym-app')).toEqual(['customer-db', 'gym-app', 'customer-db']);
    expect(wouldCreateCycle(g, 'gym-app', 'website')).toEqual(['gym-app', 'website', 'gym-app']);
    expect(wouldCreateCycle(g, 'website', 'billing-app')).toBeNull();
  });

  it('checkNewEdge reports the first problem', () => {
    const g = gym();
    expect(checkNewEdge(g, { from: 'customer-db', to: 'gym-app' })).toMatchObject({
      code: 'graph_cycle',
      cycle: ['customer-db', 'gym-app', 'customer-db'],
      params: { cycle: 'customer-db → gym-app → customer-db' },
    });
    expect(checkNewEdge(g, { from: 'gym-app', to: 'customer-db' })?.code).toBe('edge_duplicate');
    expect(checkNewEdge(g, { from: 'email', to: 'check-in' })?.code).toBe('edge_kind_not_allowed');
    expect(checkNewEdge(g, { from: 'email', to: 'nope' })?.code).toBe('edge_node_unknown');
    expect(checkNewEdge(g, { from: 'email', to: 'email' })?.code).toBe('edge_self');
    expect(checkNewEdge(g, { from: 'email', to: 'customer-db' })).toBeNull();
  });
});

describe('deriving priority and RTO', () => {
  it('each system takes the strictest operation that needs it, directly or through others', () => {
    const d = deriveRequirements(gym(), { operations });
    expect(requirementOf(d, 'customer-db')).toMatchObject({
      priority: 'S',
      priorityFrom: 'check-in',
      requiredRto: hours(0),
      rtoFrom: 'check-in',
      effectiveSource: 'inherited',
    });
    expect(requirementOf(d, 'billing-app')).toMatchObject({
      priority: 'B',
      requiredRto: hours(24),
      rtoFrom: 'billing',
    });
    // cloud-vendor is needed by billing (B, 24 h) and payroll (C, 3 days)
    expect(requirementOf(d, 'cloud-vendor')).toMatchObject({
      priority: 'B',
      rtoFrom: 'billing',
      requiredRto: hours(24),
    });
    expect(requirementOf(d, 'email')).toMatchObject({
      priority: 'D',
      requiredRto: { kind: 'risk_accepted' },
    });
    expect(requirementOf(d, 'check-in')).toMatchObject({ priority: 'S', effectiveSource: 'operation' });
    expect(requirementOf(d, 'nope')).toBeNull();
  });

  it('components and suppliers inherit through their systems and keep the why', () => {
    const d = deriveRequirements(gym(), { operations });
    expect(requirementOf(d, 'power-co')).toMatchObject({ priority: 'S', rtoFrom: 'check-in' });
    expect(explainRequirement(d, 'power-co', 'rto')).toEqual([
      'check-in',
      'gym-app',
      'customer-db',
      'data-centre',
      'power-co',
    ]);
    expect(explainRequirement(d, 'cloud-vendor', 'priority')).toEqual([
      'billing',
      'billing-app',
      'cloud-vendor',
    ]);
  });

  it('priority and RTO may come from different operations', () => {
    const ops = new Map(operations);
    ops.set('payroll', { priority: 'C', rto: hours(2) });
    const d = deriveRequirements(gym(), { operations: ops });
    expect(requirementOf(d, 'cloud-vendor')).toMatchObject({
      priority: 'B',
      priorityFrom: 'billing',
      requiredRto: hours(2),
      rtoFrom: 'payroll',
    });
  });

  it('nodes no operation needs have no requirement', () => {
    const g = gym();
    const d = deriveRequirements(g, {
      operations: new Map([['payroll', { priority: null, rto: { kind: 'not_set' } }]]),
    });
    expect(requirementOf(d, 'customer-db')).toMatchObject({
      priority: null,
      requiredRto: null,
      effectiveRto: null,
    });
    expect(requirementOf(d, 'cloud-vendor')).toMatchObject({
      priority: null,
      requiredRto: { kind: 'not_set' },
    });
    expect(listRequirements(d)).toHaveLength(nodes.length);
  });
});

describe('RTO inversion check', () => {
  it('finds nothing when RTOs are only derived', () => {
    expect(findRtoInversions(deriveRequirements(gym(), { operations }))).toEqual([]);
  });

  it('lists every looser dependency with the chain from the operation', () => {
    const declaredRto = new Map<string, Rto>([
      ['customer-db', hours(6)], // check-in needs 0 h through gym-app: inversion
      ['db-server', hours(4)], // stricter than customer-db's 6 h: fine on that edge
      ['data-centre', days(2)], // looser than customer-db's 6 h
    ]);
    const d = deriveRequirements(gym(), { operations, declaredRto });
    const inversions = findRtoInversions(d);
    expect(inversions.map((i) => [i.dependant, i.dependency])).toEqual([
      ['gym-app', 'customer-db'],
      // website (sign-up, 12 h) → customer-db (6 h) is fine
      ['customer-db', 'data-centre'],
    ]);
    expect(inversions[0]).toEqual({
      dependant: 'gym-app',
      dependency: 'customer-db',
      dependantRto: hours(0),
      dependantSource: 'inherited',
      dependencyRto: hours(6),
      dependencySource: 'declared',
      operation: 'check-in',
      chain: ['check-in', 'gym-app', 'customer-db'],
    });
    expect(inversions[1]).toMatchObject({
      dependantSource: 'declared',
      operation: null,
      chain: ['customer-db', 'data-centre'],
    });
  });

  it('a dependency that has declared nothing is not an inversion, even below a stricter declared RTO', () => {
    // payroll-saas promises 4 h, far better than payroll's 3 days; cloud-vendor only inherits
    // billing's 24 h and has said nothing about what it can do: no operation suffers from that edge.
    const d = deriveRequirements(gym(), { operations, declaredRto: new Map([['payroll-saas', hours(4)]]) });
    expect(requirementOf(d, 'cloud-vendor')).toMatchObject({
      effectiveRto: hours(24),
      effectiveSource: 'inherited',
    });
    expect(findRtoInversions(d)).toEqual([]);
  });

  it('an operation whose system is declared looser is an inversion on the operation edge', () => {
    const d = deriveRequirements(gym(), { operations, declaredRto: new Map([['billing-app', days(2)]]) });
    expect(findRtoInversions(d)).toEqual([
      expect.objectContaining({
        dependant: 'billing',
        dependency: 'billing-app',
        dependantSource: 'operation',
        chain: ['billing', 'billing-app'],
      }),
    ]);
  });

  it('states: a risk-accepted dependant promises nothing; a not-set dependency is looser than any target', () => {
    const d = deriveRequirements(gym(), {
      operations,
      declaredRto: new Map<string, Rto>([
        ['email', { kind: 'not_set' }],
        ['cloud-vendor', { kind: 'risk_accepted' }],
      ]),
    });
    const found = findRtoInversions(d).map((i) => [i.dependant, i.dependency, i.dependencyRto.kind]);
    expect(found).toEqual([
      ['billing-app', 'cloud-vendor', 'risk_accepted'],
      ['payroll-saas', 'cloud-vendor', 'risk_accepted'],
    ]);
  });
});

describe('failure impact', () => {
  it('lists the operations a supplier stops, most urgent first, with the tightest RTO', () => {
    const d = deriveRequirements(gym(), { operations });
    const impact = failureImpact(d, 'power-co')!;
    expect(impact.operations.map((o) => o.id)).toEqual(['check-in', 'sign-up', 'billing']);
    expect(impact.highestPriority).toBe('S');
    expect(impact.tightestRto).toEqual(hours(0));
    expect(impact.tightestRtoOperation).toBe('check-in');
    expect(new Set(impact.nodes)).toEqual(
      new Set([
        'power-co',
        'data-centre',
        'customer-db',
        'gym-app',
        'website',
        'billing-app',
        'check-in',
        'sign-up',
        'billing',
      ]),
    );
    expect(impact.edges).toHaveLength(8);
    expect(impact.edges).toContainEqual(['billing', 'billing-app']);
    expect(impact.edges).not.toContainEqual(['billing-app', 'cloud-vendor']);
  });

  it('a shared supplier stops both operations; an unneeded node stops nothing', () => {
    const d = deriveRequirements(gym(), { operations });
    expect(failureImpact(d, 'cloud-vendor')!.operations).toEqual([
      { id: 'billing', priority: 'B', rto: hours(24) },
      { id: 'payroll', priority: 'C', rto: days(3) },
    ]);
    const g = buildDependencyGraph([...nodes, { id: 'spare', kind: 'system' }], edges);
    if (!g.ok) throw new Error('graph');
    const lone = failureImpact(deriveRequirements(g.graph, { operations }), 'spare')!;
    expect(lone).toMatchObject({
      operations: [],
      highestPriority: null,
      tightestRto: null,
      nodes: ['spare'],
      edges: [],
    });
    expect(failureImpact(d, 'nope')).toBeNull();
  });

  it('an operation failing stops itself', () => {
    const d = deriveRequirements(gym(), { operations });
    expect(failureImpact(d, 'payroll')!.operations.map((o) => o.id)).toEqual(['payroll']);
  });
});
