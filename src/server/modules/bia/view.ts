import { isLevel, matrixCounts } from '../../../domain/bia.js';
import { findRtoInversions, listRequirements } from '../../../domain/dependency-graph.js';
import { type BiaNode, type BiaOperation, type BiaView, BiaViewSchema } from '../../../shared/bia-api.js';
import type { Db } from '../../db/database.js';
import { type BiaState, current } from './derivation.js';
import { type PreparedJson, prepareJson } from './prepared-json.js';

function presentView({ settings, byId, operations, derivation }: BiaState): BiaView {
  const g = derivation.graph;
  const idAt = (i: number) => (i >= 0 ? (g.ids[i] ?? null) : null);
  const nodes: BiaNode[] = [];
  for (const r of listRequirements(derivation)) {
    if (r.kind === 'operation') continue;
    const i = g.index.get(r.id) ?? -1;
    nodes.push({
      id: r.id,
      type: r.kind,
      name: byId.get(r.id)?.name ?? r.id,
      priority: r.priority,
      priorityFrom: r.priorityFrom,
      priorityVia: r.priorityFrom ? idAt(derivation.priorityVia[i] ?? -1) : null,
      requiredRto: r.requiredRto,
      rtoFrom: r.rtoFrom,
      rtoVia: r.rtoFrom ? idAt(derivation.rtoVia[i] ?? -1) : null,
      declaredRto: r.declaredRto,
    });
  }
  const scale = settings.scale;
  const assessed = operations.filter(
    (o): o is BiaOperation & { importance: number } => o.importance !== null && isLevel(scale, o.importance),
  );
  const counts = matrixCounts(scale, assessed);
  const cells: string[][][] = Array.from({ length: scale }, () => Array.from({ length: scale }, () => []));
  for (const o of assessed) cells[o.dependency - 1]?.[o.importance - 1]?.push(o.id);
  return {
    scale,
    settingsVersion: settings.version,
    operations,
    nodes,
    inversions: findRtoInversions(derivation),
    heatmap: { counts, operations: cells },
    unassessed: operations.filter((o) => o.importance === null).map((o) => o.id),
  };
}

export async function view(db: Db, orgId: string): Promise<BiaView> {
  return presentView(await current(db, orgId));
}

/**
 * GET /bia ready to send: checked against BiaViewSchema and serialized (and compressed) once per
 * revision, with an ETag that changes with the organization, the revision and the process.
 */
export async function viewBody(db: Db, orgId: string): Promise<PreparedJson> {
  const state = await current(db, orgId);
  state.body ??= prepareJson(BiaViewSchema, presentView(state), `bia:${orgId}:${state.revision}`);
  try {
    return await state.body;
  } catch (err) {
    delete state.body;
    throw err;
  }
}
