import { failureImpact } from '../../../domain/dependency-graph.js';
import type { Impact, ImpactQuery } from '../../../shared/bia-api.js';
import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { current } from './derivation.js';

export async function impact(db: Db, orgId: string, query: ImpactQuery): Promise<Impact> {
  const { byId, derivation } = await current(db, orgId);
  const node = byId.get(query.nodeId);
  if (!node || node.kind !== query.nodeType || node.archived) throw notFound();
  const result = failureImpact(derivation, query.nodeId);
  if (!result) throw notFound();
  return {
    node: result.node,
    nodeType: query.nodeType,
    operations: result.operations.map((o) => ({ ...o, name: byId.get(o.id)?.name ?? o.id })),
    highestPriority: result.highestPriority,
    tightestRto: result.tightestRto,
    tightestRtoOperation: result.tightestRtoOperation,
    nodes: result.nodes,
    edges: result.edges,
  };
}
