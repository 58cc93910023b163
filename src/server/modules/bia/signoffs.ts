import { z } from 'zod';
import { PrioritySchema, RtoSchema } from '../../../domain/bia-schemas.js';
import { listRequirements } from '../../../domain/dependency-graph.js';
import { BiaSettingsSchema, type Signoff } from '../../../shared/bia-api.js';
import { NodeTypeSchema } from '../../../shared/inventory.js';
import type { Db } from '../../db/database.js';
import { type AuditedTx, audited } from '../../db/tx.js';
import { conflict, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { OrgActor } from '../types.js';
import { type BiaState, compute } from './derivation.js';
import * as repo from './repo.js';
import { getSettings } from './settings.js';

const SnapshotEntrySchema = z.object({
  id: z.string(),
  type: NodeTypeSchema,
  name: z.string(),
  priority: PrioritySchema.nullable(),
  rto: RtoSchema.nullable(),
});
export type SnapshotEntry = z.infer<typeof SnapshotEntrySchema>;
/** bia_signoffs.snapshot: the settings and every item's priority and RTO as signed off. */
export const SnapshotSchema = z.object({
  settings: BiaSettingsSchema.pick({ scale: true, matrix: true, rtoTable: true }),
  entries: z.array(SnapshotEntrySchema),
});

export function snapshotOf({ byId, operations, derivation }: BiaState): SnapshotEntry[] {
  const out: SnapshotEntry[] = operations.map((o) => ({
    id: o.id,
    type: 'operation',
    name: o.name,
    priority: o.priority,
    rto: o.rto,
  }));
  for (const r of listRequirements(derivation))
    if (r.kind !== 'operation')
      out.push({
        id: r.id,
        type: r.kind,
        name: byId.get(r.id)?.name ?? r.id,
        priority: r.priority,
        rto: r.requiredRto,
      });
  return out;
}

export function presentSignoff(row: repo.SignoffView): Signoff {
  return {
    id: row.id,
    signedBy: row.signed_by,
    signedByName: row.signed_by_name,
    signedAt: row.signed_at,
    note: row.note,
  };
}

/**
 * Sign off the organization's current BIA inside the caller's transaction (the demo loader signs its
 * own); returns the sign-off's id.
 */
export async function recordSignoff(
  { trx, audit }: AuditedTx,
  actor: OrgActor,
  note: string | null | undefined,
  signedAt: string = nowIso(),
): Promise<string> {
  // From the data this transaction sees, not from the cache.
  const state = await compute(trx, actor.orgId);
  // Signing off nothing would tell the owner the BIA is done when it is not started.
  if (state.operations.length === 0) throw conflict('bia_empty');
  const entries = snapshotOf(state);
  const settings = await getSettings(trx, actor.orgId);
  const id = newId();
  await repo.insertSignoff(trx, {
    id,
    org_id: actor.orgId,
    signed_by: actor.userId,
    signed_at: signedAt,
    note: note || null,
    snapshot: JSON.stringify({ settings, entries }),
  });
  await audit({
    action: 'bia.signoff',
    entityType: 'bia_signoff',
    entityId: id,
    details: { entries: entries.length, note: note || null },
  });
  return id;
}

export async function signOff(db: Db, actor: OrgActor, note: string | null | undefined): Promise<Signoff> {
  return audited(db, actor, async (tx) => {
    const { trx } = tx;
    const id = await recordSignoff(tx, actor, note);
    const row = (await repo.listSignoffs(trx, actor.orgId)).find((r) => r.id === id);
    if (!row) throw notFound();
    return presentSignoff(row);
  });
}

export async function listSignoffs(db: Db, orgId: string): Promise<{ items: Signoff[] }> {
  return { items: (await repo.listSignoffs(db.kysely, orgId)).map(presentSignoff) };
}
