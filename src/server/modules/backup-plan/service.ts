import {
  type BackupCopy,
  type BackupPlanFacts,
  type BackupVerdict,
  diffCopies,
  evaluateBackupPlan,
  summarizeBackupPlans,
} from '../../../domain/backup-plan.js';
import { PRIORITIES, type Priority } from '../../../domain/bia.js';
import {
  type BackupPlan,
  type BackupPlanInput,
  type BackupPlanOverview,
  StoredCopiesSchema,
  StoredFrequencySchema,
  StoredProductionSchema,
} from '../../../shared/backup-plan.js';
import type { FieldIssue } from '../../../shared/problem.js';
import type { Db } from '../../db/database.js';
import { decodeJsonColumn } from '../../db/json-column.js';
import type { BackupPlanRow } from '../../db/schema.js';
import { type AuditedTx, audited, isUniqueViolation } from '../../db/tx.js';
import { changeVersioned } from '../../db/versioned.js';
import { invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { view as biaView } from '../bia/index.js';
import { orgToday } from '../orgs/service.js';
import type { OrgActor } from '../types.js';
import * as repo from './repo.js';

type Q = Db['kysely'];

/** The facts of a stored plan, as the rules read them. */
function factsOf(row: BackupPlanRow): BackupPlanFacts {
  return {
    method: row.method,
    frequency:
      row.frequency === null
        ? null
        : decodeJsonColumn(StoredFrequencySchema, row.frequency, 'backup_plans.frequency'),
    rpoMinutes: row.rpo_minutes,
    production: decodeJsonColumn(StoredProductionSchema, row.production, 'backup_plans.production'),
    copies: decodeJsonColumn(StoredCopiesSchema, row.copies, 'backup_plans.copies'),
    restoreTest: { date: row.restore_tested_on, result: row.restore_result },
  };
}

interface Names {
  systems: Map<string, { name: string; priority: Priority | null }>;
  today: string;
}

function presentPlan(row: BackupPlanRow, names: Names): BackupPlan {
  const facts = factsOf(row);
  const system = row.system_id ? names.systems.get(row.system_id) : undefined;
  return {
    id: row.id,
    systemId: row.system_id,
    dataSetName: row.data_set_name,
    name: system?.name ?? row.data_set_name ?? '',
    priority: system?.priority ?? null,
    method: facts.method,
    frequency: facts.frequency,
    rpoMinutes: facts.rpoMinutes,
    production: facts.production,
    copies: [...facts.copies],
    restoreTestedOn: row.restore_tested_on,
    restoreResult: row.restore_result,
    restoreNote: row.restore_note,
    note: row.note,
    verdict: evaluateBackupPlan(facts, names.today),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/**
 * Systems of the inventory (archived ones too, to name old plans) and the organization's today.
 * Inside a transaction the BIA is not read (`priorities` empty): priorities only order and sort
 * answers, and the audit log does not keep them.
 */
async function namesOf(
  db: Q,
  orgId: string,
  priorities = new Map<string, Priority | null>(),
): Promise<Names> {
  const systems = await repo.systems(db, orgId);
  return {
    systems: new Map(systems.map((s) => [s.id, { name: s.name, priority: priorities.get(s.id) ?? null }])),
    today: await orgToday(db, orgId),
  };
}

/** The system priorities of the organization's BIA (system id → S…D, null when none). */
async function systemPriorities(db: Db, orgId: string): Promise<Map<string, Priority | null>> {
  const v = await biaView(db, orgId);
  return new Map(v.nodes.filter((n) => n.type === 'system').map((n) => [n.id, n.priority]));
}

const loadNames = async (db: Db, orgId: string) =>
  namesOf(db.kysely, orgId, await systemPriorities(db, orgId));

/** GET /backup-plans: every plan with its verdict, the systems without one, and the summary. */
export async function overview(db: Db, orgId: string, today?: string): Promise<BackupPlanOverview> {
  const [rows, systems] = await Promise.all([repo.list(db.kysely, orgId), repo.systems(db.kysely, orgId)]);
  const names = await loadNames(db, orgId);
  if (today) names.today = today;
  const plans = rows
    .map((r) => presentPlan(r, names))
    .sort((a, b) => rankOf(a.priority) - rankOf(b.priority) || a.name.localeCompare(b.name));
  const planOf = new Map(plans.filter((p) => p.systemId).map((p) => [p.systemId as string, p]));
  const active = systems.filter((s) => s.archived_at === null);
  const items = [
    ...active.map((s) => ({
      id: s.id,
      name: s.name,
      priority: names.systems.get(s.id)?.priority ?? null,
      verdict: planOf.get(s.id)?.verdict ?? null,
    })),
    ...plans
      .filter((p) => p.systemId === null)
      .map((p) => ({ id: p.id, name: p.name, priority: null, verdict: p.verdict })),
  ];
  return {
    today: names.today,
    plans,
    systems: active
      .map((s) => ({
        id: s.id,
        name: s.name,
        priority: names.systems.get(s.id)?.priority ?? null,
        vendor: s.vendor,
        planId: planOf.get(s.id)?.id ?? null,
      }))
      .sort((a, b) => rankOf(a.priority) - rankOf(b.priority) || a.name.localeCompare(b.name)),
    summary: summarizeBackupPlans(items, PRIORITIES),
  };
}

const rankOf = (p: Priority | null) => (p === null ? PRIORITIES.length : PRIORITIES.indexOf(p));

export async function get(db: Db, orgId: string, id: string): Promise<BackupPlan> {
  const row = await repo.find(db.kysely, orgId, id);
  if (!row) throw notFound();
  return presentPlan(row, await loadNames(db, orgId));
}

/** Checks what zod cannot: one target, a system of this organization, every copy's medium. */
async function check(trx: Q, orgId: string, input: BackupPlanInput, selfId: string | null): Promise<void> {
  const issues: FieldIssue[] = [];
  if (!input.systemId && !input.dataSetName) issues.push({ path: ['systemId'], code: 'target_missing' });
  if (input.systemId && input.dataSetName) issues.push({ path: ['dataSetName'], code: 'target_both' });
  if (input.systemId) {
    const known = (await repo.systems(trx, orgId)).some((s) => s.id === input.systemId);
    if (!known) issues.push({ path: ['systemId'], code: 'unknown_system' });
  }
  input.copies.forEach((c, i) => {
    if (c.medium === null) issues.push({ path: ['copies', i, 'medium'], code: 'medium_missing' });
  });
  if (issues.length === 0) {
    const other = await repo.findByTarget(trx, orgId, input);
    if (other && other.id !== selfId)
      issues.push({ path: [input.systemId ? 'systemId' : 'dataSetName'], code: 'backup_plan_exists' });
  }
  if (issues.length) throw invalid('validation_failed', { issues });
}

function columnsOf(
  input: BackupPlanInput,
): Omit<BackupPlanRow, 'id' | 'org_id' | 'created_at' | 'updated_at' | 'version'> {
  const copies = input.copies.map((c) => ({ ...c, medium: c.medium as BackupCopy['medium'] }));
  return {
    system_id: input.systemId || null,
    data_set_name: input.systemId ? null : input.dataSetName || null,
    method: input.method,
    frequency: input.frequency ? JSON.stringify(input.frequency) : null,
    rpo_minutes: input.rpoMinutes,
    production: JSON.stringify({ ...input.production, provider: input.production.provider || null }),
    copies: JSON.stringify(copies.map((c) => ({ ...c, provider: c.provider || null }))),
    restore_tested_on: input.restoreTestedOn,
    restore_result: input.restoreResult,
    restore_note: input.restoreNote || null,
    note: input.note || null,
  };
}

/**
 * What the audit log keeps of a plan: its name, how it is made, how many copies, the restore test
 * and the verdict. What changed in the copies themselves is in `details.copyChanges`.
 */
function auditView(p: BackupPlan) {
  return {
    name: p.name,
    method: p.method,
    frequency: p.frequency,
    rpoMinutes: p.rpoMinutes,
    copies: p.copies.length + 1,
    restoreTestedOn: p.restoreTestedOn,
    restoreResult: p.restoreResult,
    restoreNote: p.restoreNote,
    note: p.note,
    passes321: p.verdict.passes321,
  };
}

/** Each copy change as [copy, field, before, after] (domain diffCopies), or nothing. */
function copyDetails(before: BackupPlan | null, after: BackupPlan) {
  const copyChanges = diffCopies(before, after);
  return copyChanges.length ? { details: { copyChanges } } : {};
}

export async function create(db: Db, actor: OrgActor, input: BackupPlanInput): Promise<BackupPlan> {
  const created = await audited(db, actor, (tx) => addPlan(tx, actor, input));
  return get(db, actor.orgId, created.id);
}

/** Create a plan and its audit entry inside the caller's transaction (the demo loads its own). */
export async function addPlan(
  { trx, audit }: AuditedTx,
  actor: OrgActor,
  input: BackupPlanInput,
): Promise<{ id: string; verdict: BackupVerdict }> {
  await check(trx, actor.orgId, input, null);
  const now = nowIso();
  const row: BackupPlanRow = {
    id: newId(),
    org_id: actor.orgId,
    ...columnsOf(input),
    created_at: now,
    updated_at: now,
    version: 1,
  };
  try {
    await repo.insert(trx, row);
  } catch (err) {
    if (isUniqueViolation(err))
      throw invalid('validation_failed', {
        issues: [{ path: [input.systemId ? 'systemId' : 'dataSetName'], code: 'backup_plan_exists' }],
      });
    throw err;
  }
  const names = await namesOf(trx, actor.orgId);
  const p = presentPlan(row, names);
  await audit({
    action: 'backup_plan.create',
    entityType: 'backup_plan',
    entityId: row.id,
    after: auditView(p),
    ...copyDetails(null, p),
  });
  return { id: row.id, verdict: p.verdict };
}

export async function update(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: BackupPlanInput,
): Promise<BackupPlan> {
  await audited(db, actor, async (tx) => {
    const names = await namesOf(tx.trx, actor.orgId);
    await changeVersioned(tx, {
      load: () => repo.find(tx.trx, actor.orgId, id),
      expectedVersion,
      write: async (_, version) => {
        await check(tx.trx, actor.orgId, input, id);
        return repo.update(tx.trx, actor.orgId, id, version, { ...columnsOf(input), updated_at: nowIso() });
      },
      audit: (beforeRow, afterRow) => {
        const before = presentPlan(beforeRow, names);
        const after = presentPlan(afterRow, names);
        return {
          action: 'backup_plan.update',
          entityType: 'backup_plan',
          entityId: id,
          before: auditView(before),
          after: auditView(after),
          ...copyDetails(before, after),
        };
      },
    });
  });
  return get(db, actor.orgId, id);
}

export async function remove(db: Db, actor: OrgActor, id: string): Promise<void> {
  await audited(db, actor, async ({ trx, audit }) => {
    const before = await repo.find(trx, actor.orgId, id);
    if (!before) throw notFound();
    const names = await namesOf(trx, actor.orgId);
    await repo.remove(trx, actor.orgId, id);
    await audit({
      action: 'backup_plan.delete',
      entityType: 'backup_plan',
      entityId: id,
      before: auditView(presentPlan(before, names)),
    });
  });
}
