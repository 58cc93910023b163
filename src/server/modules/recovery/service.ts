/**
 * Recovery plan use cases (PRODUCT module 6): procedures per system, the assumed incidents and
 * their layers, recovery owners and contacts, and the plan's state (recovery order, feasibility).
 * Rules live in src/domain/recovery.ts; the BIA gives each system's priority and target.
 */

import { z } from 'zod';
import type { Priority } from '../../../domain/bia.js';
import type { ItLayer } from '../../../domain/dependency-graph.js';
import { requirementOf } from '../../../domain/dependency-graph.js';
import type { Locale } from '../../../domain/organization.js';
import {
  assessFeasibility,
  checkSteps,
  type Feasibility,
  INCIDENT_TYPES,
  type IncidentType,
  PHASES,
  type Phase,
  type PlannedSystem,
  parseDuration,
  recoveryOrder,
  schedulePhase,
} from '../../../domain/recovery.js';
import type { FieldIssue } from '../../../shared/problem.js';
import {
  type Contact,
  type ContactCreate,
  type ContactUpdate,
  type FeasibilityView,
  type Incident,
  type IncidentUpdate,
  type OverviewSystem,
  type Procedure,
  type ProcedureCreate,
  type ProcedureUpdate,
  type RecoveryContent,
  type RecoveryOverview,
  type StepInput,
  type StoredStep,
  StoredStepsSchema,
} from '../../../shared/recovery.js';
import type { Db } from '../../db/database.js';
import { decodeJsonColumn } from '../../db/json-column.js';
import type { RecoveryContactRow, RecoveryIncidentRow, RecoveryProcedureRow } from '../../db/schema.js';
import { type AuditedTx, audited } from '../../db/tx.js';
import { changeVersioned } from '../../db/versioned.js';
import { conflict, invalid, notFound, stale } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { biaState } from '../bia/index.js';
import type { OrgActor } from '../types.js';
import { recoveryContent } from './content.js';
import * as repo from './repo.js';

type Q = Db['kysely'];

/** What the audit log records of one row: its action, kind and summary. */
interface AuditedRow {
  action: string;
  entityType: string;
}

/** Insert a new row and record its creation, inside the caller's transaction. */
async function insertAudited<R extends { id: string }>(
  { trx, audit }: AuditedTx,
  row: R,
  {
    insert,
    summary,
    ...entry
  }: AuditedRow & { insert: (trx: Q) => Promise<void>; summary: (trx: Q) => unknown },
): Promise<R> {
  await insert(trx);
  await audit({ ...entry, entityId: row.id, after: await summary(trx) });
  return row;
}

/**
 * Delete one of the organization's rows and record it: `find` reads it (404 when it is not the
 * organization's), `summary` says what it was before it goes.
 */
async function removeAudited<R>(
  db: Db,
  actor: OrgActor,
  id: string,
  {
    find,
    remove,
    summary,
    ...entry
  }: AuditedRow & {
    find: (trx: Q) => Promise<R | undefined>;
    remove: (trx: Q) => Promise<unknown>;
    summary: (trx: Q, before: R) => Promise<unknown>;
  },
): Promise<void> {
  await audited(db, actor, async ({ trx, audit }) => {
    const before = await find(trx);
    if (!before) throw notFound();
    const said = await summary(trx, before);
    await remove(trx);
    await audit({ ...entry, entityId: id, before: said });
  });
}

// --- content ----------------------------------------------------------------------------------

/** GET /recovery/content: the content files as the web app shows them. */
export function content(): RecoveryContent {
  const c = recoveryContent();
  return {
    incidents: c.incidents.incidents,
    targets: c.incidents.targets,
    templates: c.templates,
    firstResponse: c.firstResponse,
  };
}

const defaultLayers = (incident: IncidentType): ItLayer[] =>
  [...(recoveryContent().incidents.incidents.find((i) => i.id === incident)?.layers ?? [])].sort();

// --- the plan's state ---------------------------------------------------------------------------

const StoredIds = z.array(z.string());
const LayersSchema = z.array(z.number().int().min(1).max(5));

const stepsOf = (row: RecoveryProcedureRow, phase: Phase): StoredStep[] =>
  decodeJsonColumn(StoredStepsSchema, row[phase], `recovery_procedures.${phase}`);

/** The plan of every active system: BIA requirements, needs, components, procedures, in recovery order. */
export interface PlanState {
  systems: OverviewSystem[];
  cycles: string[][];
  procedures: Map<string, RecoveryProcedureRow>;
  feasibility: Map<string, Feasibility>;
}

const NO_FEASIBILITY: FeasibilityView = {
  verdict: 'no_procedure',
  phase1Minutes: null,
  backAfterMinutes: null,
  targetMinutes: null,
  gapMinutes: 0,
  longestChain: [],
  waitsFor: [],
};

function viewOf(f: Feasibility | undefined): FeasibilityView {
  if (!f) return NO_FEASIBILITY;
  const { systemId: _, ...rest } = f;
  return rest;
}

/** Reads the BIA (cached per revision) and the procedures, and works out order and feasibility. */
export async function planState(db: Db, orgId: string): Promise<PlanState> {
  const [state, rows] = await Promise.all([biaState(db, orgId), repo.listProcedures(db.kysely, orgId)]);
  const procedures = new Map(rows.map((r) => [r.system_id, r]));
  const g = state.derivation.graph;
  const planned: PlannedSystem[] = [];
  const details = new Map<string, Pick<OverviewSystem, 'needs' | 'components'>>();
  for (let i = 0; i < g.ids.length; i++) {
    if (g.kinds[i] !== 'system') continue;
    const id = g.ids[i] as string;
    const needs: string[] = [];
    const components: OverviewSystem['components'] = [];
    for (let p = g.outStart[i] as number; p < (g.outStart[i + 1] as number); p++) {
      const j = g.outTargets[p] as number;
      const target = g.ids[j] as string;
      if (g.kinds[j] === 'system') needs.push(target);
      else if (g.kinds[j] === 'component') {
        const node = state.byId.get(target);
        if (node?.layer) components.push({ id: target, name: node.name, layer: node.layer });
      }
    }
    const req = requirementOf(state.derivation, id);
    const row = procedures.get(id);
    const phase1 = row
      ? stepsOf(row, 'phase1').map((s) => ({
          key: s.key,
          durationMinutes: s.durationMinutes,
          after: s.after,
          afterSystems: s.afterSystems,
        }))
      : null;
    const stepNeeds = phase1 ? phase1.flatMap((s) => s.afterSystems) : [];
    planned.push({
      id,
      name: state.byId.get(id)?.name ?? id,
      priority: req?.priority ?? null,
      rto: req?.requiredRto ?? null,
      needs: stepNeeds.length ? [...new Set([...needs, ...stepNeeds])] : needs,
      phase1,
    });
    details.set(id, { needs, components });
  }
  const order = recoveryOrder(planned);
  const feasibility = assessFeasibility(planned, order);
  const byId = new Map(planned.map((s) => [s.id, s]));
  const systems: OverviewSystem[] = order.order.map((id) => {
    const s = byId.get(id) as PlannedSystem;
    const d = details.get(id) ?? { needs: [], components: [] };
    return {
      id,
      name: s.name,
      priority: s.priority,
      requiredRto: s.rto,
      procedureId: procedures.get(id)?.id ?? null,
      needs: d.needs,
      components: d.components,
      feasibility: viewOf(feasibility.get(id)),
    };
  });
  return { systems, cycles: order.cycles, procedures, feasibility };
}

const URGENT: ReadonlySet<Priority | null> = new Set(['S', 'A']);

export async function overview(db: Db, orgId: string): Promise<RecoveryOverview> {
  const p = await planState(db, orgId);
  return {
    systems: p.systems,
    cycles: p.cycles,
    counts: {
      systems: p.systems.length,
      withProcedure: p.systems.filter((s) => s.procedureId !== null).length,
      missTarget: p.systems.filter((s) => s.feasibility.verdict === 'misses').length,
      urgentWithout: p.systems.filter((s) => s.procedureId === null && URGENT.has(s.priority)).length,
    },
  };
}

// --- procedures ---------------------------------------------------------------------------------

/** Every id a step refers to, by table. */
function referencesOf(phases: Record<Phase, readonly StepInput[]>) {
  const people: string[] = [];
  const suppliers: string[] = [];
  const systems: string[] = [];
  for (const phase of PHASES)
    for (const s of phases[phase]) {
      if (s.ownerPersonId) people.push(s.ownerPersonId);
      people.push(...(s.contactPersonIds ?? []));
      suppliers.push(...(s.contactSupplierIds ?? []));
      systems.push(...(s.afterSystems ?? []));
    }
  return { people, suppliers, systems };
}

/**
 * Checks both phases — durations, prerequisites (no loop), and that every person, supplier and
 * system named is the organization's own — and returns them as stored. All issues at once.
 */
async function checkPhases(
  trx: Q,
  orgId: string,
  systemId: string,
  phases: Record<Phase, readonly StepInput[]>,
): Promise<Record<Phase, StoredStep[]>> {
  const issues: FieldIssue[] = [];
  const refs = referencesOf(phases);
  const [people, suppliers, systems] = await Promise.all([
    repo.namesOf(trx, orgId, 'people', refs.people),
    repo.namesOf(trx, orgId, 'suppliers', refs.suppliers),
    repo.namesOf(trx, orgId, 'it_systems', refs.systems),
  ]);
  const out = { phase1: [], phase2: [] } as Record<Phase, StoredStep[]>;
  for (const phase of PHASES) {
    phases[phase].forEach((s, i) => {
      const at = (...rest: (string | number)[]) => [phase, i, ...rest];
      const d = parseDuration(s.duration);
      if (!d.ok) issues.push({ path: at('duration'), code: d.code });
      if (s.ownerPersonId && !people.has(s.ownerPersonId))
        issues.push({ path: at('ownerPersonId'), code: 'unknown_person' });
      (s.contactPersonIds ?? []).forEach((id, j) => {
        if (!people.has(id)) issues.push({ path: at('contactPersonIds', j), code: 'unknown_person' });
      });
      (s.contactSupplierIds ?? []).forEach((id, j) => {
        if (!suppliers.has(id)) issues.push({ path: at('contactSupplierIds', j), code: 'unknown_supplier' });
      });
      (s.afterSystems ?? []).forEach((id, j) => {
        if (id === systemId) issues.push({ path: at('afterSystems', j), code: 'step_waits_for_own_system' });
        else if (!systems.has(id)) issues.push({ path: at('afterSystems', j), code: 'unknown_system' });
      });
      out[phase].push({
        key: s.key,
        title: s.title,
        templateKey: s.templateKey ?? null,
        ownerPersonId: s.ownerPersonId || null,
        ownerText: s.ownerText || null,
        durationMinutes: d.ok ? d.minutes : 0,
        after: [...new Set(s.after ?? [])],
        afterSystems: [...new Set(s.afterSystems ?? [])],
        contactPersonIds: [...new Set(s.contactPersonIds ?? [])],
        contactSupplierIds: [...new Set(s.contactSupplierIds ?? [])],
        note: s.note || null,
      });
    });
    for (const issue of checkSteps(out[phase]))
      issues.push({ path: [phase, issue.index, issue.field], code: issue.code, params: issue.params });
  }
  if (issues.length) throw invalid('validation_failed', { issues });
  return out;
}

/** The 001 step templates in one language, as steps to store. */
function templateSteps(locale: Locale): Record<Phase, StoredStep[]> {
  const t = recoveryContent().templates;
  const steps = (phase: Phase): StoredStep[] =>
    t[phase].map((s) => ({
      key: s.key,
      title: s.title[locale],
      templateKey: s.key,
      ownerPersonId: null,
      ownerText: null,
      durationMinutes: s.minutes,
      after: s.after,
      afterSystems: [],
      contactPersonIds: [],
      contactSupplierIds: [],
      note: s.note?.[locale] ?? null,
    }));
  return { phase1: steps('phase1'), phase2: steps('phase2') };
}

const summaryOfSteps = (steps: readonly StoredStep[]) =>
  steps.map((s) => `${s.title} (${s.durationMinutes})`);

/** The name of a procedure's system, as its audit entries say it. */
async function systemNameOf(trx: Q, orgId: string, row: RecoveryProcedureRow): Promise<string> {
  return (await repo.namesOf(trx, orgId, 'it_systems', [row.system_id])).get(row.system_id) ?? '';
}

function auditProcedure(row: RecoveryProcedureRow, systemName: string) {
  return {
    name: systemName,
    phase1Steps: summaryOfSteps(stepsOf(row, 'phase1')),
    phase2Steps: summaryOfSteps(stepsOf(row, 'phase2')),
    note: row.degraded_note,
  };
}

/** One procedure with its steps' timing, names and feasibility (from the plan's state). */
async function presentProcedure(
  db: Db,
  orgId: string,
  row: RecoveryProcedureRow,
  state?: PlanState,
): Promise<Procedure> {
  const plan = state ?? (await planState(db, orgId));
  const system = plan.systems.find((s) => s.id === row.system_id);
  const phase1 = stepsOf(row, 'phase1');
  const phase2 = stepsOf(row, 'phase2');
  const timed = (steps: StoredStep[]) => {
    const s = schedulePhase(steps);
    return {
      steps: steps.map((x) => ({ ...x, startMinutes: s.startAt.get(x.key) ?? 0 })),
      total: s.totalMinutes,
    };
  };
  const p1 = timed(phase1);
  const p2 = timed(phase2);
  const all = [...phase1, ...phase2];
  const ids = (f: (s: StoredStep) => (string | null)[]) => all.flatMap(f).filter((x): x is string => !!x);
  const [people, suppliers, systems] = await Promise.all([
    repo.namesOf(
      db.kysely,
      orgId,
      'people',
      ids((s) => [s.ownerPersonId, ...s.contactPersonIds]),
    ),
    repo.namesOf(
      db.kysely,
      orgId,
      'suppliers',
      ids((s) => s.contactSupplierIds),
    ),
    repo.namesOf(db.kysely, orgId, 'it_systems', [
      ...ids((s) => s.afterSystems),
      ...(system?.feasibility.waitsFor ?? []),
    ]),
  ]);
  return {
    id: row.id,
    systemId: row.system_id,
    systemName:
      system?.name ??
      (await repo.namesOf(db.kysely, orgId, 'it_systems', [row.system_id])).get(row.system_id) ??
      '',
    priority: system?.priority ?? null,
    requiredRto: system?.requiredRto ?? null,
    phase1: p1.steps,
    phase2: p2.steps,
    phase2Minutes: p2.total,
    degradedNote: row.degraded_note,
    feasibility: system?.feasibility ?? NO_FEASIBILITY,
    names: Object.fromEntries([...people, ...suppliers, ...systems]),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function getProcedure(db: Db, orgId: string, id: string): Promise<Procedure> {
  const row = await repo.findProcedure(db.kysely, orgId, id);
  if (!row) throw notFound();
  return presentProcedure(db, orgId, row);
}

export async function createProcedure(db: Db, actor: OrgActor, input: ProcedureCreate): Promise<Procedure> {
  const row = await audited(db, actor, (tx) => addProcedure(tx, actor, input));
  return presentProcedure(db, actor.orgId, row);
}

/**
 * Create a system's procedure and its audit entry inside the caller's transaction (the demo loads
 * its own): from the templates in one language, or from the steps given.
 */
export async function addProcedure(
  tx: AuditedTx,
  actor: OrgActor,
  input: ProcedureCreate,
): Promise<RecoveryProcedureRow> {
  const { trx } = tx;
  const system = await repo.findActiveSystem(trx, actor.orgId, input.systemId);
  if (!system)
    throw invalid('validation_failed', { issues: [{ path: ['systemId'], code: 'unknown_system' }] });
  if (await repo.findProcedureOfSystem(trx, actor.orgId, system.id))
    throw conflict('duplicate', { params: { field: 'systemId' } });
  const phases = input.template
    ? templateSteps(input.template)
    : await checkPhases(trx, actor.orgId, system.id, {
        phase1: input.phase1 ?? [],
        phase2: input.phase2 ?? [],
      });
  const degraded =
    input.degradedNote !== undefined
      ? input.degradedNote || null
      : input.template
        ? recoveryContent().templates.degradedNote.text[input.template]
        : null;
  const now = nowIso();
  const row: RecoveryProcedureRow = {
    id: newId(),
    org_id: actor.orgId,
    system_id: system.id,
    phase1: JSON.stringify(phases.phase1),
    phase2: JSON.stringify(phases.phase2),
    degraded_note: degraded,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  return insertAudited(tx, row, {
    action: 'recovery.procedure_create',
    entityType: 'recovery_procedure',
    insert: (trx) => repo.insertProcedure(trx, row),
    summary: () => auditProcedure(row, system.name),
  });
}

export async function updateProcedure(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: ProcedureUpdate,
): Promise<Procedure> {
  const row = await audited(db, actor, async (tx) => {
    const { trx } = tx;
    const current = await repo.findProcedure(trx, actor.orgId, id);
    if (!current) throw notFound();
    const name = await systemNameOf(trx, actor.orgId, current);
    return changeVersioned(tx, {
      load: () => repo.findProcedure(trx, actor.orgId, id),
      expectedVersion,
      write: async (before, version) => {
        const phases = await checkPhases(trx, actor.orgId, before.system_id, input);
        return repo.updateProcedure(trx, actor.orgId, id, version, {
          phase1: JSON.stringify(phases.phase1),
          phase2: JSON.stringify(phases.phase2),
          degraded_note: input.degradedNote === undefined ? before.degraded_note : input.degradedNote || null,
          updated_at: nowIso(),
        });
      },
      audit: (before, after) => ({
        action: 'recovery.procedure_update',
        entityType: 'recovery_procedure',
        entityId: id,
        before: auditProcedure(before, name),
        after: auditProcedure(after, name),
      }),
    });
  });
  return presentProcedure(db, actor.orgId, row);
}

export async function removeProcedure(db: Db, actor: OrgActor, id: string): Promise<void> {
  await removeAudited(db, actor, id, {
    action: 'recovery.procedure_delete',
    entityType: 'recovery_procedure',
    find: (trx) => repo.findProcedure(trx, actor.orgId, id),
    remove: (trx) => repo.deleteProcedure(trx, actor.orgId, id),
    summary: async (trx, before) => auditProcedure(before, await systemNameOf(trx, actor.orgId, before)),
  });
}

// --- incidents ----------------------------------------------------------------------------------

function presentIncident(incident: IncidentType, row: RecoveryIncidentRow | undefined): Incident {
  const defaults = defaultLayers(incident);
  if (!row)
    return {
      incident,
      assumed: false,
      whatStops: null,
      whyItMatters: null,
      layers: defaults,
      defaultLayers: defaults,
      version: 0,
    };
  return {
    incident,
    assumed: row.assumed_at !== null,
    whatStops: row.what_stops,
    whyItMatters: row.why_it_matters,
    layers: decodeJsonColumn(LayersSchema, row.layers, 'recovery_incidents.layers') as ItLayer[],
    defaultLayers: defaults,
    version: row.version,
  };
}

export async function listIncidents(db: Q, orgId: string): Promise<{ items: Incident[] }> {
  const rows = new Map((await repo.listIncidents(db, orgId)).map((r) => [r.incident, r]));
  return { items: INCIDENT_TYPES.map((i) => presentIncident(i, rows.get(i))) };
}

const incidentAudit = (i: Incident) => ({
  name: recoveryContent().incidents.incidents.find((x) => x.id === i.incident)?.label.ja ?? i.incident,
  assumed: i.assumed,
  whatStops: i.whatStops,
  whyItMatters: i.whyItMatters,
  layers: i.layers,
});

/**
 * Save how the organization assumes one incident. Version 0 saves it the first time (nothing was
 * stored: the content file's defaults were shown).
 */
export async function updateIncident(
  db: Db,
  actor: OrgActor,
  incident: IncidentType,
  expectedVersion: number,
  input: IncidentUpdate,
): Promise<Incident> {
  return audited(db, actor, (tx) => saveIncident(tx, actor, incident, expectedVersion, input));
}

/** The same inside the caller's transaction (the demo). */
export async function saveIncident(
  tx: AuditedTx,
  actor: OrgActor,
  incident: IncidentType,
  expectedVersion: number,
  input: IncidentUpdate,
): Promise<Incident> {
  const { trx } = tx;
  const now = nowIso();
  const layers = JSON.stringify([...new Set(input.layers)].sort());
  const existing = await repo.findIncident(trx, actor.orgId, incident);
  if (!existing) {
    if (expectedVersion !== 0) throw stale();
    const row: RecoveryIncidentRow = {
      id: newId(),
      org_id: actor.orgId,
      incident,
      assumed_at: input.assumed ? now : null,
      what_stops: input.whatStops || null,
      why_it_matters: input.whyItMatters || null,
      layers,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await repo.insertIncident(trx, row);
    const after = presentIncident(incident, row);
    await tx.audit({
      action: 'recovery.incident_update',
      entityType: 'recovery_incident',
      entityId: row.id,
      before: incidentAudit(presentIncident(incident, undefined)),
      after: incidentAudit(after),
    });
    return after;
  }
  const row = await changeVersioned(tx, {
    load: () => repo.findIncident(trx, actor.orgId, incident),
    expectedVersion,
    write: (before, version) =>
      repo.updateIncident(trx, actor.orgId, incident, version, {
        assumed_at: input.assumed ? (before.assumed_at ?? now) : null,
        what_stops: input.whatStops || null,
        why_it_matters: input.whyItMatters || null,
        layers,
        updated_at: now,
      }),
    audit: (before, after) => ({
      action: 'recovery.incident_update',
      entityType: 'recovery_incident',
      entityId: before.id,
      before: incidentAudit(presentIncident(incident, before)),
      after: incidentAudit(presentIncident(incident, after)),
    }),
  });
  return presentIncident(incident, row);
}

// --- owners and contacts --------------------------------------------------------------------------

async function contactNames(db: Q, orgId: string, rows: readonly RecoveryContactRow[]) {
  const people: string[] = [];
  const suppliers: string[] = [];
  for (const r of rows) {
    if (r.owner_person_id) people.push(r.owner_person_id);
    people.push(...decodeJsonColumn(StoredIds, r.contact_person_ids, 'recovery_contacts.contact_person_ids'));
    suppliers.push(
      ...decodeJsonColumn(StoredIds, r.contact_supplier_ids, 'recovery_contacts.contact_supplier_ids'),
    );
  }
  const [p, s] = await Promise.all([
    repo.namesOf(db, orgId, 'people', people),
    repo.namesOf(db, orgId, 'suppliers', suppliers),
  ]);
  return new Map([...p, ...s]);
}

function presentContact(row: RecoveryContactRow, names: Map<string, string>): Contact {
  const personIds = decodeJsonColumn(
    StoredIds,
    row.contact_person_ids,
    'recovery_contacts.contact_person_ids',
  );
  const supplierIds = decodeJsonColumn(
    StoredIds,
    row.contact_supplier_ids,
    'recovery_contacts.contact_supplier_ids',
  );
  const own = [row.owner_person_id, ...personIds, ...supplierIds].filter((x): x is string => !!x);
  return {
    id: row.id,
    target: row.target as Contact['target'],
    targetNote: row.target_note,
    ownerPersonId: row.owner_person_id,
    ownerText: row.owner_text,
    contactPersonIds: personIds,
    contactSupplierIds: supplierIds,
    note: row.note,
    names: Object.fromEntries(own.filter((id) => names.has(id)).map((id) => [id, names.get(id) as string])),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function listContacts(db: Q, orgId: string): Promise<{ items: Contact[] }> {
  const rows = await repo.listContacts(db, orgId);
  const names = await contactNames(db, orgId, rows);
  return { items: rows.map((r) => presentContact(r, names)) };
}

/** One owner-and-contacts row (the web's reload after a version conflict). */
export async function getContact(db: Q, orgId: string, id: string): Promise<Contact> {
  const row = await repo.findContact(db, orgId, id);
  if (!row) throw notFound();
  return presentContact(row, await contactNames(db, orgId, [row]));
}

/** Refuses people and suppliers that are not the organization's own. */
async function checkContactRefs(
  trx: Q,
  orgId: string,
  input: Pick<ContactCreate, 'ownerPersonId' | 'contactPersonIds' | 'contactSupplierIds'>,
): Promise<void> {
  const people = await repo.namesOf(trx, orgId, 'people', [
    ...(input.ownerPersonId ? [input.ownerPersonId] : []),
    ...(input.contactPersonIds ?? []),
  ]);
  const suppliers = await repo.namesOf(trx, orgId, 'suppliers', input.contactSupplierIds ?? []);
  const issues: FieldIssue[] = [];
  if (input.ownerPersonId && !people.has(input.ownerPersonId))
    issues.push({ path: ['ownerPersonId'], code: 'unknown_person' });
  (input.contactPersonIds ?? []).forEach((id, j) => {
    if (!people.has(id)) issues.push({ path: ['contactPersonIds', j], code: 'unknown_person' });
  });
  (input.contactSupplierIds ?? []).forEach((id, j) => {
    if (!suppliers.has(id)) issues.push({ path: ['contactSupplierIds', j], code: 'unknown_supplier' });
  });
  if (issues.length) throw invalid('validation_failed', { issues });
}

/** What the audit log keeps of a contact row: its target in words and the names it lists. */
function auditContact(row: RecoveryContactRow, names: Map<string, string>) {
  const c = presentContact(row, names);
  const label = recoveryContent().incidents.targets.find((t) => t.id === c.target)?.label.ja ?? c.target;
  return {
    name: c.targetNote ? `${label}（${c.targetNote}）` : label,
    ownerPersonId: c.ownerPersonId,
    ownerText: c.ownerText,
    contacts: [...c.contactPersonIds, ...c.contactSupplierIds].map((id) => c.names[id] ?? id),
    note: c.note,
  };
}

export async function createContact(db: Db, actor: OrgActor, input: ContactCreate): Promise<Contact> {
  const row = await audited(db, actor, (tx) => addContact(tx, actor, input));
  return presentContact(row, await contactNames(db.kysely, actor.orgId, [row]));
}

/** Create a recovery owner and contacts row inside the caller's transaction (the demo). */
export async function addContact(
  tx: AuditedTx,
  actor: OrgActor,
  input: ContactCreate,
): Promise<RecoveryContactRow> {
  await checkContactRefs(tx.trx, actor.orgId, input);
  const now = nowIso();
  const row: RecoveryContactRow = {
    id: newId(),
    org_id: actor.orgId,
    target: input.target,
    target_note: input.targetNote || null,
    owner_person_id: input.ownerPersonId || null,
    owner_text: input.ownerText || null,
    contact_person_ids: JSON.stringify([...new Set(input.contactPersonIds ?? [])]),
    contact_supplier_ids: JSON.stringify([...new Set(input.contactSupplierIds ?? [])]),
    note: input.note || null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  return insertAudited(tx, row, {
    action: 'recovery.contact_create',
    entityType: 'recovery_contact',
    insert: (trx) => repo.insertContact(trx, row),
    summary: async (trx) => auditContact(row, await contactNames(trx, actor.orgId, [row])),
  });
}

export async function updateContact(
  db: Db,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: ContactUpdate,
): Promise<Contact> {
  const row = await audited(db, actor, async (tx) => {
    const { trx } = tx;
    await checkContactRefs(trx, actor.orgId, input);
    const current = await repo.findContact(trx, actor.orgId, id);
    // Names of everything before and after, read once so the audit entry can name them.
    const names = await contactNames(trx, actor.orgId, current ? [current] : []);
    for (const [k, v] of await repo.namesOf(trx, actor.orgId, 'people', input.contactPersonIds ?? []))
      names.set(k, v);
    for (const [k, v] of await repo.namesOf(trx, actor.orgId, 'suppliers', input.contactSupplierIds ?? []))
      names.set(k, v);
    return changeVersioned(tx, {
      load: () => repo.findContact(trx, actor.orgId, id),
      expectedVersion,
      write: (_, version) => {
        const changes: Parameters<typeof repo.updateContact>[4] = { updated_at: nowIso() };
        if (input.target !== undefined) changes.target = input.target;
        if (input.targetNote !== undefined) changes.target_note = input.targetNote || null;
        if (input.ownerPersonId !== undefined) changes.owner_person_id = input.ownerPersonId || null;
        if (input.ownerText !== undefined) changes.owner_text = input.ownerText || null;
        if (input.contactPersonIds !== undefined)
          changes.contact_person_ids = JSON.stringify([...new Set(input.contactPersonIds)]);
        if (input.contactSupplierIds !== undefined)
          changes.contact_supplier_ids = JSON.stringify([...new Set(input.contactSupplierIds)]);
        if (input.note !== undefined) changes.note = input.note || null;
        return repo.updateContact(trx, actor.orgId, id, version, changes);
      },
      audit: (before, after) => ({
        action: 'recovery.contact_update',
        entityType: 'recovery_contact',
        entityId: id,
        before: auditContact(before, names),
        after: auditContact(after, names),
      }),
    });
  });
  return presentContact(row, await contactNames(db.kysely, actor.orgId, [row]));
}

export async function removeContact(db: Db, actor: OrgActor, id: string): Promise<void> {
  await removeAudited(db, actor, id, {
    action: 'recovery.contact_delete',
    entityType: 'recovery_contact',
    find: (trx) => repo.findContact(trx, actor.orgId, id),
    remove: (trx) => repo.deleteContact(trx, actor.orgId, id),
    summary: async (trx, before) => auditContact(before, await contactNames(trx, actor.orgId, [before])),
  });
}
