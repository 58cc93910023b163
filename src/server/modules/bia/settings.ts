import { dequal } from 'dequal';
import {
  isLevel,
  type PriorityMatrix,
  type Scale,
  sumRuleMatrix,
  validatePriorityMatrix,
} from '../../../domain/bia.js';
import { type RtoTable, validateRtoTable } from '../../../domain/rto.js';
import { type BiaSettings, BiaSettingsSchema, type BiaSettingsUpdate } from '../../../shared/bia-api.js';
import type { FieldIssue } from '../../../shared/problem.js';
import type { Db } from '../../db/database.js';
import { decodeJsonColumn } from '../../db/json-column.js';
import type { BiaSettingsRow } from '../../db/schema.js';
import { type AuditedTx, audited, isUniqueViolation } from '../../db/tx.js';
import { changeVersioned } from '../../db/versioned.js';
import { invalid, stale } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { OrgActor } from '../types.js';
import { biaPresets, DEFAULT_RTO_PRESET } from './content.js';
import * as repo from './repo.js';

type Q = Db['kysely'];

export function presetMatrix(scale: Scale): PriorityMatrix {
  return biaPresets().matrices.find((m) => m.matrix.scale === scale)?.matrix ?? sumRuleMatrix(scale);
}

function presetRtoTable(id: string): RtoTable | null {
  return biaPresets().rtoTables.find((t) => t.id === id)?.table ?? null;
}

function defaults(): BiaSettings {
  const rtoTable = presetRtoTable(DEFAULT_RTO_PRESET);
  if (!rtoTable) throw new Error(`content/bia: no RTO table preset ${DEFAULT_RTO_PRESET}`);
  return {
    scale: 3,
    matrix: presetMatrix(3).cells,
    rtoPreset: DEFAULT_RTO_PRESET,
    rtoTable,
    levelDefinitions: null,
    version: 0,
    updatedAt: null,
  };
}

function presentSettings(row: BiaSettingsRow | undefined): BiaSettings {
  if (!row) return defaults();
  return {
    scale: row.scale === 5 ? 5 : 3,
    matrix: decodeJsonColumn(BiaSettingsSchema.shape.matrix, row.matrix, 'bia_settings.matrix'),
    rtoPreset: row.rto_preset,
    rtoTable: decodeJsonColumn(BiaSettingsSchema.shape.rtoTable, row.rto_table, 'bia_settings.rto_table'),
    levelDefinitions: row.level_definitions
      ? decodeJsonColumn(
          BiaSettingsSchema.shape.levelDefinitions,
          row.level_definitions,
          'bia_settings.level_definitions',
        )
      : null,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export async function getSettings(db: Q, orgId: string): Promise<BiaSettings> {
  return presentSettings(await repo.findSettings(db, orgId));
}

export async function saveSettings(
  trx: Q,
  orgId: string,
  expectedVersion: number,
  next: Pick<BiaSettings, 'scale' | 'matrix' | 'rtoPreset' | 'rtoTable' | 'levelDefinitions'>,
): Promise<number> {
  const now = nowIso();
  const cols = {
    scale: next.scale,
    matrix: JSON.stringify(next.matrix),
    rto_preset: next.rtoPreset,
    rto_table: JSON.stringify(next.rtoTable),
    level_definitions: next.levelDefinitions ? JSON.stringify(next.levelDefinitions) : null,
    updated_at: now,
  };
  if (expectedVersion === 0) {
    // First save: the unique (org_id) constraint turns a concurrent first save into a conflict.
    try {
      await repo.insertSettings(trx, { id: newId(), org_id: orgId, created_at: now, version: 1, ...cols });
    } catch (err) {
      if (isUniqueViolation(err)) throw stale();
      throw err;
    }
    return 1;
  }
  return repo.updateSettings(trx, orgId, expectedVersion, cols);
}

export async function updateSettings(
  db: Db,
  actor: OrgActor,
  expectedVersion: number,
  input: BiaSettingsUpdate,
): Promise<BiaSettings> {
  return audited(db, actor, (tx) =>
    changeVersioned(tx, {
      load: () => getSettings(tx.trx, actor.orgId),
      expectedVersion,
      write: (current) => checkAndSaveSettings(tx.trx, actor.orgId, current, input),
      audit: (before, after) => ({
        action: 'bia.settings_update',
        entityType: 'bia_settings',
        entityId: actor.orgId,
        before: { matrix: before.matrix, rtoPreset: before.rtoPreset, rtoTable: before.rtoTable },
        after: { matrix: after.matrix, rtoPreset: after.rtoPreset, rtoTable: after.rtoTable },
      }),
    }),
  );
}

/** Check a settings change against the current settings and save it at their version. */
async function checkAndSaveSettings(
  trx: Q,
  orgId: string,
  current: BiaSettings,
  input: BiaSettingsUpdate,
): Promise<number> {
  const issues: FieldIssue[] = [];
  const next = { ...current };
  if (input.matrix !== undefined) {
    const checked = validatePriorityMatrix({ scale: current.scale, cells: input.matrix });
    if (checked.ok) next.matrix = checked.matrix.cells;
    else
      for (const i of checked.issues)
        issues.push({
          path: ['matrix', ...i.path.slice(1)],
          code: i.code,
          ...(i.params ? { params: i.params } : {}),
        });
  }
  if (input.rtoPreset !== undefined && input.rtoPreset !== 'custom') {
    const table = presetRtoTable(input.rtoPreset);
    if (!table) issues.push({ path: ['rtoPreset'], code: 'unknown_preset' });
    else {
      next.rtoTable = table;
      next.rtoPreset = input.rtoPreset;
    }
  }
  if (input.rtoTable !== undefined) {
    const checked = validateRtoTable({ ...next.rtoTable, ...input.rtoTable });
    if (checked.ok) {
      next.rtoTable = checked.table;
      const same = biaPresets().rtoTables.find((t) => dequal(t.table, checked.table));
      next.rtoPreset = same?.id ?? 'custom';
    } else
      for (const i of checked.issues)
        issues.push({
          path: ['rtoTable', ...i.path],
          code: i.code,
          ...(i.params ? { params: i.params } : {}),
        });
  }
  if (input.levelDefinitions !== undefined) {
    const defs = input.levelDefinitions;
    if (defs)
      for (const axis of ['importance', 'dependency'] as const)
        defs[axis].forEach((d, k) => {
          if (!isLevel(current.scale, d.level))
            issues.push({
              path: ['levelDefinitions', axis, k, 'level'],
              code: 'level_unknown',
              params: { level: d.level, scale: current.scale },
            });
        });
    next.levelDefinitions = defs;
  }
  if (issues.length) throw invalid('validation_failed', { issues });
  return saveSettings(trx, orgId, current.version, next);
}

/**
 * The organization's first BIA settings (scale, matrix, RTO table), with their audit entry, inside the
 * caller's transaction: the demo starts from presets. A second first save is a version conflict.
 */
export async function startSettings(
  { trx, audit }: AuditedTx,
  actor: OrgActor,
  settings: Pick<BiaSettings, 'scale' | 'matrix' | 'rtoPreset' | 'rtoTable'>,
): Promise<void> {
  if ((await saveSettings(trx, actor.orgId, 0, { ...settings, levelDefinitions: null })) === 0) throw stale();
  await audit({
    action: 'bia.settings_update',
    entityType: 'bia_settings',
    entityId: actor.orgId,
    after: {
      scale: settings.scale,
      matrix: settings.matrix,
      rtoPreset: settings.rtoPreset,
      rtoTable: settings.rtoTable,
    },
  });
}
