/**
 * Writes the synthetic organization of bench/synthetic-org.ts to a database as rows (registers,
 * edges and BIA settings), the way an import would leave them, for the HTTP benchmarks.
 */

import type { NodeKind } from '../src/domain/dependency-graph.js';
import { newId, nowIso } from '../src/server/ids.js';
import type { TestApp } from '../src/server/test/harness.js';
import {
  SYNTHETIC_MATRIX,
  SYNTHETIC_RTO_TABLE,
  SYNTHETIC_SCALE,
  type SyntheticOrganization,
} from './synthetic-org.js';

const TABLE: Record<NodeKind, 'business_operations' | 'it_systems' | 'it_components' | 'suppliers'> = {
  operation: 'business_operations',
  system: 'it_systems',
  component: 'it_components',
  supplier: 'suppliers',
};

async function insertChunked(t: TestApp, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const perChunk = Math.max(1, Math.floor(30_000 / Object.keys(rows[0] ?? { x: 1 }).length));
  for (let i = 0; i < rows.length; i += perChunk)
    await t.db.kysely
      .insertInto(table as 'it_systems')
      .values(rows.slice(i, i + perChunk) as never)
      .execute();
}

/** Writes the synthetic organization as database rows; returns synthetic id → database id. */
export async function writeOrganization(t: TestApp, orgId: string, org: SyntheticOrganization) {
  const now = nowIso();
  const ids = new Map(org.nodes.map((n) => [n.id, newId()]));
  const kinds = new Map(org.nodes.map((n) => [n.id, n.kind]));
  const rows: Record<NodeKind, Record<string, unknown>[]> = {
    operation: [],
    system: [],
    component: [],
    supplier: [],
  };
  for (const n of org.nodes) {
    const declared = org.input.declaredRto.get(n.id);
    const base = {
      id: ids.get(n.id),
      org_id: orgId,
      name: `${n.kind} ${n.id}`,
      description: null,
      archived_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    const rto = declared ? JSON.stringify(declared) : null;
    if (n.kind === 'operation') {
      const levels = org.levels.get(n.id)!;
      rows.operation.push({
        ...base,
        owner_person_id: null,
        owner_text: null,
        importance: levels.importance,
        dependency_level: levels.dependency,
        rto_override: null,
        needs_data: '[]',
        needs_terminals: '[]',
        needs_procedure_manuals: '[]',
        needs_user_manuals: '[]',
      });
    } else if (n.kind === 'system')
      rows.system.push({
        ...base,
        owner_person_id: null,
        owner_text: null,
        vendor: null,
        hosting: null,
        data_location: null,
        eol_date: null,
        dependency_level: null,
        declared_rto: rto,
      });
    else if (n.kind === 'component')
      rows.component.push({ ...base, layer: n.layer, side: n.side, declared_rto: rto });
    else
      rows.supplier.push({ ...base, kind: 'other', contact: null, contract_notes: null, declared_rto: rto });
  }
  for (const kind of Object.keys(rows) as NodeKind[]) await insertChunked(t, TABLE[kind], rows[kind]);
  await insertChunked(
    t,
    'dependency_edges',
    org.edges.map((e) => ({
      id: newId(),
      org_id: orgId,
      from_type: kinds.get(e.from),
      from_id: ids.get(e.from),
      to_type: kinds.get(e.to),
      to_id: ids.get(e.to),
      created_at: now,
    })),
  );
  await t.db.kysely
    .insertInto('bia_settings')
    .values({
      id: newId(),
      org_id: orgId,
      scale: SYNTHETIC_SCALE,
      matrix: JSON.stringify(SYNTHETIC_MATRIX.cells),
      rto_preset: 'example-1',
      rto_table: JSON.stringify(SYNTHETIC_RTO_TABLE),
      level_definitions: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return ids;
}
