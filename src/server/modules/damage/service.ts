import {
  DAMAGE_CATEGORIES,
  type DamageAmounts,
  estimateDamage,
  validateDamageInput,
} from '../../../domain/damage.js';
import {
  type DamageEstimate,
  type DamageEstimateCreate,
  type DamageEstimateList,
  type DamageEstimateUpdate,
  type DamageListQuery,
  type DamagePresets,
  StoredDamageAmountsSchema,
} from '../../../shared/damage.js';
import type { FieldIssue } from '../../../shared/problem.js';
import { decodeIdCursor, idPage } from '../../cursor.js';
import type { Db } from '../../db/database.js';
import { decodeJsonColumn } from '../../db/json-column.js';
import type { DamageEstimateRow } from '../../db/schema.js';
import { type AuditedTx, audited } from '../../db/tx.js';
import { changeVersioned } from '../../db/versioned.js';
import { invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { OrgActor } from '../types.js';
import { damageContent } from './content.js';
import * as repo from './repo.js';

type Q = Db['kysely'];

function storedSales(value: DamageEstimateRow['annual_sales_yen']): number | null {
  return value === null ? null : Number(value);
}

/**
 * `orgSales`: the company's annual sales (organization settings), used for the share when the
 * estimate has no sales of its own (only estimates written for other figures keep their own).
 */
function presentEstimate(row: DamageEstimateRow, orgSales: number | null): DamageEstimate {
  const amounts = decodeJsonColumn(StoredDamageAmountsSchema, row.amounts, 'damage_estimates.amounts');
  const annualSalesYen = storedSales(row.annual_sales_yen);
  const salesUsed = annualSalesYen ?? orgSales;
  const e = estimateDamage({ annualSalesYen: salesUsed, amounts });
  return {
    id: row.id,
    name: row.name,
    scenario: row.scenario,
    annualSalesYen,
    salesUsedYen: salesUsed,
    salesFrom: annualSalesYen !== null ? 'estimate' : orgSales !== null ? 'organization' : null,
    amounts: e.amounts,
    presetId: row.preset_id,
    operationId: row.operation_id,
    systemId: row.system_id,
    groups: e.groups,
    totalYen: e.totalYen,
    shareOfSalesBasisPoints: e.shareOfSalesBasisPoints,
    shareOfSalesPercent: e.shareOfSalesPercent,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function presets(): DamagePresets {
  const c = damageContent();
  return {
    categories: c.categories.map((x) => ({ id: x.id, group: x.group, label: x.label, help: x.help })),
    presets: c.presets.map((p) => {
      const e = estimateDamage({ annualSalesYen: p.annualSalesYen, amounts: p.amounts });
      return {
        id: p.id,
        source: p.source,
        title: p.title,
        scenario: p.scenario,
        employees: p.employees,
        annualSalesYen: p.annualSalesYen,
        amounts: e.amounts,
        totalYen: e.totalYen,
        shareOfSalesPercent: e.shareOfSalesPercent,
      };
    }),
  };
}

async function check(
  db: Q,
  orgId: string,
  input: { annualSalesYen?: number | null | undefined; amounts?: DamageAmounts | undefined },
  refs: {
    operationId?: string | null | undefined;
    systemId?: string | null | undefined;
    presetId?: string | null | undefined;
  },
): Promise<void> {
  const issues: FieldIssue[] = validateDamageInput({
    annualSalesYen: input.annualSalesYen ?? null,
    amounts: input.amounts ?? {},
  }).map((i) => ({ path: i.path, code: i.code, ...(i.params ? { params: i.params } : {}) }));
  if (refs.operationId && !(await repo.exists(db, orgId, 'business_operations', refs.operationId)))
    issues.push({ path: ['operationId'], code: 'unknown_operation' });
  if (refs.systemId && !(await repo.exists(db, orgId, 'it_systems', refs.systemId)))
    issues.push({ path: ['systemId'], code: 'unknown_system' });
  if (refs.presetId && !damageContent().presets.some((p) => p.id === refs.presetId))
    issues.push({ path: ['presetId'], code: 'unknown_preset' });
  if (issues.length) throw invalid('validation_failed', { issues });
}

/** Only the categories that were entered are stored; missing ones count as 0. */
function cleanAmounts(amounts: DamageAmounts): DamageAmounts {
  const out: DamageAmounts = {};
  for (const c of DAMAGE_CATEGORIES) if (amounts[c] !== undefined) out[c] = amounts[c];
  return out;
}

export async function list(db: Db, orgId: string, query: DamageListQuery): Promise<DamageEstimateList> {
  const limit = query.limit ?? 50;
  const rows = await repo.list(db.kysely, orgId, query, decodeIdCursor(query.cursor), limit + 1);
  const orgSales = await repo.organizationSales(db.kysely, orgId);
  return idPage(rows, limit, (row) => presentEstimate(row, orgSales));
}

export async function get(db: Db, orgId: string, id: string): Promise<DamageEstimate> {
  const row = await repo.find(db.kysely, orgId, id);
  if (!row) throw notFound();
  return presentEstimate(row, await repo.organizationSales(db.kysely, orgId));
}

export async function create(db: Db, actor: OrgActor, input: DamageEstimateCreate): Promise<DamageEstimate> {
  return audited(db, actor, (tx) => addEstimate(tx, actor, input));
}

/** Create a damage estimate and its audit entry inside the caller's transaction (the demo loads its own). */
export async function addEstimate(
  { trx, audit }: AuditedTx,
  actor: OrgActor,
  input: DamageEstimateCreate,
): Promise<DamageEstimate> {
  const orgSales = await repo.organizationSales(trx, actor.orgId);
  await check(trx, actor.orgId, { ...input, annualSalesYen: input.annualSalesYen ?? orgSales }, input);
  const now = nowIso();
  const row: DamageEstimateRow = {
    id: newId(),
    org_id: actor.orgId,
    name: input.name,
    scenario: input.scenario || null,
    annual_sales_yen: input.annualSalesYen ?? null,
    amounts: JSON.stringify(cleanAmounts(input.amounts)),
    preset_id: input.presetId || null,
    operation_id: input.operationId || null,
    system_id: input.systemId || null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await repo.insert(trx, row);
  const e = presentEstimate(row, orgSales);
  await audit({
    action: 'damage.create',
    entityType: 'damage_estimate',
    entityId: row.id,
    after: { name: e.name, totalYen: e.totalYen, amounts: e.amounts },
  });
  return e;
}

export async function update(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: DamageEstimateUpdate,
): Promise<DamageEstimate> {
  return audited(db, actor, async (tx) => {
    const trx = tx.trx;
    const orgSales = await repo.organizationSales(trx, actor.orgId);
    const after = await changeVersioned(tx, {
      load: () => repo.find(trx, actor.orgId, id),
      expectedVersion,
      write: (before, version) => writeEstimate(trx, actor.orgId, id, before, version, input, orgSales),
      audit: (before, after) => {
        const b = presentEstimate(before, orgSales);
        const a = presentEstimate(after, orgSales);
        return {
          action: 'damage.update',
          entityType: 'damage_estimate',
          entityId: id,
          before: { name: b.name, totalYen: b.totalYen, amounts: b.amounts },
          after: { name: a.name, totalYen: a.totalYen, amounts: a.amounts },
        };
      },
    });
    return presentEstimate(after, orgSales);
  });
}

/** Check an estimate's changed figures and references, and write the changes at `version`. */
async function writeEstimate(
  trx: AuditedTx['trx'],
  orgId: string,
  id: string,
  before: DamageEstimateRow,
  version: number,
  input: DamageEstimateUpdate,
  orgSales: number | null,
): Promise<number> {
  // The figures as they will be stored: a change to the amounts is checked against the sales used.
  const merged = {
    annualSalesYen:
      (input.annualSalesYen !== undefined ? input.annualSalesYen : storedSales(before.annual_sales_yen)) ??
      orgSales,
    amounts:
      input.amounts ??
      decodeJsonColumn(StoredDamageAmountsSchema, before.amounts, 'damage_estimates.amounts'),
  };
  await check(trx, orgId, merged, {
    operationId: input.operationId !== before.operation_id ? input.operationId : undefined,
    systemId: input.systemId !== before.system_id ? input.systemId : undefined,
    presetId: input.presetId !== before.preset_id ? input.presetId : undefined,
  });
  const changes: Partial<DamageEstimateRow> = { updated_at: nowIso() };
  if (input.name !== undefined) changes.name = input.name;
  if (input.scenario !== undefined) changes.scenario = input.scenario || null;
  if (input.annualSalesYen !== undefined) changes.annual_sales_yen = input.annualSalesYen;
  if (input.amounts !== undefined) changes.amounts = JSON.stringify(cleanAmounts(input.amounts));
  if (input.presetId !== undefined) changes.preset_id = input.presetId || null;
  if (input.operationId !== undefined) changes.operation_id = input.operationId || null;
  if (input.systemId !== undefined) changes.system_id = input.systemId || null;
  return repo.update(trx, orgId, id, version, changes);
}

export async function remove(db: Db, actor: OrgActor, id: string): Promise<void> {
  await audited(db, actor, async ({ trx, audit }) => {
    const before = await repo.find(trx, actor.orgId, id);
    if (!before) throw notFound();
    await repo.remove(trx, actor.orgId, id);
    await audit({
      action: 'damage.delete',
      entityType: 'damage_estimate',
      entityId: id,
      before: { name: before.name, totalYen: presentEstimate(before, null).totalYen },
    });
  });
}
