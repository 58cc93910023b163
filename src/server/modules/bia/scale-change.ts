import {
  LevelError,
  mapLevel,
  operationDependencyLevel,
  type PriorityMatrix,
  planScaleChange,
} from '../../../domain/bia.js';
import type { ScaleChangeReport, ScaleChangeRequest } from '../../../shared/bia-api.js';
import type { Db } from '../../db/database.js';
import { audited } from '../../db/tx.js';
import { changeVersioned } from '../../db/versioned.js';
import { invalid } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { loadGraph } from '../graph/service.js';
import * as inventory from '../inventory/service.js';
import type { OrgActor } from '../types.js';
import { systemLevelsByOperation } from './derivation.js';
import { getSettings, presetMatrix, saveSettings } from './settings.js';

/** Changing the scale maps every operation's and system's levels (src/domain/bia.ts) and reports what moved. */
export async function changeScale(
  db: Db,
  actor: OrgActor,
  expectedVersion: number,
  input: ScaleChangeRequest,
): Promise<ScaleChangeReport> {
  return audited(db, actor, async (tx) => {
    const { trx } = tx;
    const to = input.scale;
    let report: Omit<ScaleChangeReport, 'settings'> | undefined;
    const settings = await changeVersioned(tx, {
      load: () => getSettings(trx, actor.orgId),
      expectedVersion,
      write: async (current, version) => {
        const from = current.scale;
        const rows = await inventory.levelledItems(trx, actor.orgId);
        const loaded = await loadGraph(trx, actor.orgId);
        const systemLevels = systemLevelsByOperation(loaded);
        const items = rows.operations.map((o) => ({
          id: o.id,
          importance: o.importance,
          dependency: o.dependency_level ?? operationDependencyLevel(systemLevels.get(o.id) ?? []),
        }));
        const fromMatrix: PriorityMatrix = { scale: from, cells: current.matrix };
        const toMatrix = from === to ? fromMatrix : presetMatrix(to);
        let plan: ReturnType<typeof planScaleChange>;
        try {
          plan = planScaleChange(items, fromMatrix, toMatrix);
        } catch (err) {
          if (err instanceof LevelError)
            throw invalid('validation_failed', {
              issues: [{ path: ['scale'], code: err.code, params: { ...err.params } }],
            });
          throw err;
        }
        const names = new Map(rows.operations.map((o) => [o.id, o.name]));
        const map = (l: number | null) => (l === null ? null : mapLevel(l, from, to));
        let levelsChanged = plan.entries.filter((e) => e.levelsChanged).length;
        levelsChanged += rows.systems.filter((s) => map(s.dependency_level) !== s.dependency_level).length;
        const applied = input.apply && from !== to;
        report = {
          from,
          to,
          applied,
          moved: plan.moved.map((e) => ({
            id: e.id,
            name: names.get(e.id) ?? e.id,
            before: e.before,
            after: e.after,
          })),
          levelsChanged,
          countsBefore: plan.countsBefore,
          countsAfter: plan.countsAfter,
        };
        // A preview (or the scale it already has) changes nothing and records nothing.
        if (!applied) return null;
        await inventory.remapLevels(trx, actor.orgId, rows, map, nowIso());
        return saveSettings(trx, actor.orgId, version, {
          ...current,
          scale: to,
          matrix: toMatrix.cells,
          levelDefinitions: null,
        });
      },
      audit: (before, after) => ({
        action: 'bia.scale_change',
        entityType: 'bia_settings',
        entityId: actor.orgId,
        before: { scale: before.scale },
        after: { scale: after.scale },
        details: { moved: report?.moved.length ?? 0, levelsChanged: report?.levelsChanged ?? 0 },
      }),
    });
    if (!report) throw new Error('changeScale: the change was not planned');
    return { ...report, settings };
  });
}
