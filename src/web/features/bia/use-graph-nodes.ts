import { useMemo } from 'react';
import type { BiaView } from '../../../shared/bia-api.js';
import { useGraph } from '../graph/api.js';

/** The inventory graph with each node's BIA priority, for the graph and impact tabs. */
export function useGraphNodes(view: BiaView) {
  const graph = useGraph();
  const nodes = useMemo(() => {
    const pri = new Map<string, string | null>();
    for (const o of view.operations) pri.set(o.id, o.priority);
    for (const n of view.nodes) pri.set(n.id, n.priority);
    return (graph.data?.nodes ?? []).map((n) => ({ ...n, priority: pri.get(n.id) ?? null }));
  }, [graph.data, view]);
  return { graph, nodes };
}
