import { type BiaEdition, diffBiaEditions } from '../../../domain/bia-edition.js';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import type { BiaDiff, BiaSettings } from '../../../shared/bia-api.js';
import type { Db } from '../../db/database.js';
import { decodeJsonColumn } from '../../db/json-column.js';
import { current } from './derivation.js';
import * as repo from './repo.js';
import { presentSignoff, type SnapshotEntry, SnapshotSchema, snapshotOf } from './signoffs.js';

/** The BIA as the diff compares it: the settings, and each item's priority and RTO. */
function editionOf(
  settings: Pick<BiaSettings, 'scale' | 'matrix' | 'rtoTable'>,
  entries: SnapshotEntry[],
): BiaEdition {
  return {
    scale: settings.scale,
    matrix: settings.matrix,
    rtoTable: settings.rtoTable,
    items: entries.map((e) => ({
      id: e.id,
      kind: e.type,
      name: e.name,
      fields: { priority: e.priority, rto: e.rto },
    })),
  };
}

/**
 * Changes since the last sign-off (src/domain/bia-edition.ts): items added, removed, and those whose
 * priority or RTO moved, by kind then name. A renamed item shows under its new name only.
 */
export async function diff(db: Db, orgId: string): Promise<BiaDiff> {
  const last = await repo.latestSignoff(db.kysely, orgId);
  const state = await current(db, orgId);
  const now = snapshotOf(state);
  const signed = last
    ? decodeJsonColumn(SnapshotSchema, last.snapshot, 'bia_signoffs.snapshot')
    : { settings: state.settings, entries: [] };
  const changes = diffBiaEditions(editionOf(signed.settings, signed.entries), editionOf(state.settings, now));
  const old = new Map(signed.entries.map((e) => [e.id, e]));
  const cur = new Map(now.map((e) => [e.id, e]));
  const brief = (e: { id: string; kind: NodeKind; name: string }) => ({
    id: e.id,
    type: e.kind,
    name: e.name,
  });
  const stateOf = (e: SnapshotEntry | undefined) => ({ priority: e?.priority ?? null, rto: e?.rto ?? null });
  return {
    signoff: last ? presentSignoff(last) : null,
    added: changes.added.map(brief),
    removed: changes.removed.map(brief),
    changed: changes.changed
      .filter((c) => c.changes.some((f) => f.field === 'priority' || f.field === 'rto'))
      .map((c) => ({ ...brief(c), before: stateOf(old.get(c.id)), after: stateOf(cur.get(c.id)) })),
  };
}
