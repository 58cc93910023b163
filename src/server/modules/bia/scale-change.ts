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
import { invalid, stale } from '../../errors.js';
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
  return audited(db, actor, async ({ trx, audit }) => {
    const current = await getSettings(trx, actor.orgId);
    if (current.version !== expectedVersion) throw stale();
    const from = current.scale;
    const to = input.scale;
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
    let settings = current;
    const applied = input.apply && from !== to;
    if (applied) {
      await inventory.remapLevels(trx, actor.orgId, rows, map, nowIso());
      const saved = await saveSettings(trx, actor.orgId, expectedVersion, {
        ...current,
        scale: to,
        matrix: toMatrix.cells,
        levelDefinitions: null,
      });
      if (saved === 0) throw stale();
      settings = await getSettings(trx, actor.orgId);
      await audit({
        action: 'bia.scale_change',
        entityType: 'bia_settings',
        entityId: actor.orgId,
        before: { scale: from },
        after: { scale: to },
        details: { moved: plan.moved.length, levelsChanged },
      });
    }
    return {
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
      settings,
    };
  });
}
