import type { Kysely } from 'kysely';
import type { Database, DependencyEdgeRow } from '../../db/schema.js';

type Q = Kysely<Database>;

/*
 * The dependency graph's reads. The graph module owns no table: its nodes are the inventory's four
 * registers and its edges the inventory's dependency_edges, and only the inventory writes them.
 */

/** Every node of each register (archived ones too) with the columns the graph needs. */
export async function allNodes(db: Q, orgId: string) {
  const node = ['id', 'name', 'archived_at'] as const;
  return Promise.all([
    db
      .selectFrom('business_operations')
      .select([...node, 'importance', 'dependency_level', 'rto_override'])
      .where('org_id', '=', orgId)
      .execute(),
    db
      .selectFrom('it_systems')
      .select([...node, 'dependency_level', 'declared_rto'])
      .where('org_id', '=', orgId)
      .execute(),
    db
      .selectFrom('it_components')
      .select([...node, 'layer', 'side', 'declared_rto'])
      .where('org_id', '=', orgId)
      .execute(),
    db
      .selectFrom('suppliers')
      .select([...node, 'declared_rto'])
      .where('org_id', '=', orgId)
      .execute(),
  ]);
}

export async function allEdges(db: Q, orgId: string): Promise<DependencyEdgeRow[]> {
  return db.selectFrom('dependency_edges').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
}

/** Only the two ends of every edge: what the graph algorithms need (half the data to read). */
export async function allEdgeEnds(
  db: Q,
  orgId: string,
): Promise<Pick<DependencyEdgeRow, 'from_id' | 'to_id'>[]> {
  return db.selectFrom('dependency_edges').select(['from_id', 'to_id']).where('org_id', '=', orgId).execute();
}
