/**
 * Demo sections for content/demo/demo-bia.yaml: BIA settings, the four inventory registers, the
 * dependency edges and a damage estimate. Rows are written the way the inventory, BIA and damage
 * modules write them (their column mapping, presenters and audit actions), inside the demo's one
 * transaction. A graph the domain refuses (cycle, edge kind not allowed) fails the whole load.
 */
import { validateDamageInput } from '../../../domain/damage.js';
import {
  buildDependencyGraph,
  type GraphEdgeInput,
  type GraphNodeInput,
  type ItLayer,
  type Side,
} from '../../../domain/dependency-graph.js';
import type { Register } from '../../../domain/inventory.js';
import { diagnoseTier } from '../../../domain/tier-diagnosis.js';
import {
  ComponentCreateSchema,
  OperationCreateSchema,
  OperationUpdateSchema,
  SupplierCreateSchema,
  SystemCreateSchema,
} from '../../../shared/inventory.js';
import type { DamageEstimateRow, DependencyEdgeRow, DiagnosisTaskRow } from '../../db/schema.js';
import { newId } from '../../ids.js';
import { biaPresets } from '../bia/content.js';
import * as biaRepo from '../bia/repo.js';
import { recordSignoff } from '../bia/service.js';
import { damageContent } from '../damage/content.js';
import * as damageRepo from '../damage/repo.js';
import { presentEstimate } from '../damage/service.js';
import { managementChecklist, tierMeasures, tierQuestionnaire } from '../diagnosis/content.js';
import * as diagnosisRepo from '../diagnosis/repo.js';
import { auditView, emptyColumns, present, SPECS, toColumns } from '../inventory/registers.js';
import * as inventoryRepo from '../inventory/repo.js';
import type { DemoBiaContent } from './content.js';
import type { DemoContext } from './service.js';

type NodeKind = GraphNodeInput['kind'];

const personId = (c: DemoContext, key: string): string => {
  const id = c.ids.people.get(key);
  if (!id) throw new Error(`demo content: unknown key ${key}`);
  return id;
};

const personName = (c: DemoContext, key: string): string | null =>
  c.content.people.find((p) => p.key === key)?.name ?? null;

/** The organization's BIA scale, priority matrix and RTO table, from the presets the file names. */
export async function loadBiaSettings(c: DemoContext): Promise<void> {
  const s = c.content.bia.bia_settings;
  const matrix = biaPresets().matrices.find((m) => m.id === s.matrix_preset)?.matrix;
  if (!matrix || matrix.scale !== s.scale)
    throw new Error(`demo content: no matrix preset ${s.matrix_preset} for scale ${s.scale}`);
  const rto = biaPresets().rtoTables.find((t) => t.id === s.rto_preset);
  if (!rto) throw new Error(`demo content: unknown RTO preset ${s.rto_preset}`);
  await biaRepo.insertSettings(c.trx, {
    id: newId(),
    org_id: c.orgId,
    scale: s.scale,
    matrix: JSON.stringify(matrix.cells),
    rto_preset: rto.id,
    rto_table: JSON.stringify(rto.table),
    level_definitions: null,
    created_at: c.now,
    updated_at: c.now,
    version: 1,
  });
  await c.audit({
    action: 'bia.settings_update',
    entityType: 'bia_settings',
    entityId: c.orgId,
    after: { scale: s.scale, matrix: matrix.cells, rtoPreset: rto.id, rtoTable: rto.table },
  });
}

/** API-shaped create input of one register item (checked by the inventory module's own schema). */
function inputs(c: DemoContext, bia: DemoBiaContent): { register: Register; key: string; input: object }[] {
  const t = (v: { ja: string; en: string } | undefined) => (v ? v[c.locale] : null);
  const list = (v: { ja: string; en: string }[] | undefined) => (v ?? []).map((x) => x[c.locale]);
  const out: { register: Register; key: string; input: object }[] = [];
  for (const o of bia.operations)
    out.push({
      register: 'operations',
      key: o.key,
      input: OperationCreateSchema.parse({
        name: o.name[c.locale],
        description: t(o.description),
        ownerPersonId: personId(c, o.owner),
        importance: o.importance,
        dependencyLevel: o.dependency ?? null,
        rtoOverride: o.rto_override ?? null,
        needsData: list(o.needs?.data),
        needsTerminals: list(o.needs?.terminals),
        needsProcedureManuals: list(o.needs?.procedure_manuals),
        needsUserManuals: list(o.needs?.user_manuals),
      }),
    });
  for (const s of bia.systems)
    out.push({
      register: 'systems',
      key: s.key,
      input: SystemCreateSchema.parse({
        name: s.name[c.locale],
        description: t(s.description),
        ownerPersonId: personId(c, s.owner),
        vendor: t(s.vendor),
        hosting: s.hosting,
        dataLocation: t(s.data_location),
        eolDate: s.eol_date ?? null,
        dependencyLevel: s.dependency,
        declaredRto: s.declared_rto ?? null,
      }),
    });
  for (const k of bia.components)
    out.push({
      register: 'components',
      key: k.key,
      input: ComponentCreateSchema.parse({
        name: k.name[c.locale],
        description: t(k.description),
        layer: k.layer,
        side: k.side,
        declaredRto: k.declared_rto ?? null,
      }),
    });
  for (const s of bia.suppliers)
    out.push({
      register: 'suppliers',
      key: s.key,
      input: SupplierCreateSchema.parse({
        name: s.name[c.locale],
        description: t(s.description),
        kind: s.kind,
        contact: s.contact ?? null,
        contractNotes: t(s.contract_notes),
        declaredRto: s.declared_rto ?? null,
      }),
    });
  return out;
}

/** Operations, systems, components and suppliers, then the dependency edges between them. */
export async function loadInventory(c: DemoContext): Promise<void> {
  const bia = c.content.bia;
  const nodes: (GraphNodeInput & { key: string; name: string })[] = [];
  for (const { register, key, input } of inputs(c, bia)) {
    const spec = SPECS[register];
    const id = newId();
    const row = {
      ...emptyColumns(spec),
      ...toColumns(spec, input as Record<string, unknown>),
      id,
      org_id: c.orgId,
      archived_at: null,
      created_at: c.now,
      updated_at: c.now,
      version: 1,
    };
    await inventoryRepo.insertRows(c.trx, spec.table, [row]);
    const owner =
      bia.operations.find((o) => o.key === key)?.owner ?? bia.systems.find((s) => s.key === key)?.owner;
    const item = present(spec, {
      ...(row as unknown as Parameters<typeof present>[1]),
      owner_person_name: owner ? personName(c, owner) : null,
    });
    await c.audit({
      action: `${spec.entity}.create`,
      entityType: spec.entity,
      entityId: id,
      after: auditView(item),
    });
    c.ids.nodes.set(key, { id, kind: spec.nodeType });
    const component = register === 'components' ? (input as { layer: ItLayer; side: Side }) : null;
    nodes.push({
      id,
      key,
      kind: spec.nodeType,
      name: item.name,
      ...(component ? { layer: component.layer, side: component.side } : {}),
    });
  }

  const edges: GraphEdgeInput[] = [];
  const dependants: { key: string; depends_on: string[] }[] = [
    ...bia.operations,
    ...bia.systems,
    ...bia.components,
  ];
  for (const d of dependants)
    for (const to of d.depends_on) edges.push({ from: node(c, d.key).id, to: node(c, to).id });
  const built = buildDependencyGraph(nodes, edges);
  if (!built.ok) {
    const keyOf = new Map(nodes.map((n) => [n.id, n.key]));
    const named = (id: string) => keyOf.get(id) ?? id;
    const detail = built.issues
      .map(
        (i) =>
          `${i.code}${i.cycle ? ` ${i.cycle.map(named).join(' → ')}` : ''} ${JSON.stringify(i.params ?? {})}`,
      )
      .join('; ');
    throw new Error(
      `demo content: the dependency graph is refused: ${detail.replace(/[0-9a-f-]{36}/g, named)}`,
    );
  }

  const names = new Map(nodes.map((n) => [n.id, n.name]));
  for (const d of dependants)
    for (const to of d.depends_on) {
      const from = node(c, d.key);
      const target = node(c, to);
      const row: DependencyEdgeRow = {
        id: newId(),
        org_id: c.orgId,
        from_type: from.kind,
        from_id: from.id,
        to_type: target.kind,
        to_id: target.id,
        created_at: c.now,
      };
      await inventoryRepo.insertEdge(c.trx, row);
      await c.audit({
        action: 'edge.create',
        entityType: 'dependency_edge',
        entityId: row.id,
        after: { from: `${from.kind}:${names.get(from.id)}`, to: `${target.kind}:${names.get(target.id)}` },
      });
    }
}

function node(c: DemoContext, key: string): { id: string; kind: NodeKind } {
  const n = c.ids.nodes.get(key);
  if (!n) throw new Error(`demo content: unknown key ${key}`);
  return n;
}

/** Damage estimates, attached to the operation or system the file names. */
export async function loadDamageEstimates(c: DemoContext): Promise<void> {
  for (const d of c.content.bia.damage_estimates) {
    const issues = validateDamageInput({ annualSalesYen: d.annual_sales_yen ?? null, amounts: d.amounts });
    if (issues.length) throw new Error(`demo content: damage estimate refused: ${JSON.stringify(issues)}`);
    if (d.preset && !damageContent().presets.some((p) => p.id === d.preset))
      throw new Error(`demo content: unknown damage preset ${d.preset}`);
    const row: DamageEstimateRow = {
      id: newId(),
      org_id: c.orgId,
      name: d.name[c.locale],
      scenario: d.scenario?.[c.locale] ?? null,
      annual_sales_yen: d.annual_sales_yen ?? null,
      amounts: JSON.stringify(d.amounts),
      preset_id: d.preset ?? null,
      operation_id: d.operation ? node(c, d.operation).id : null,
      system_id: d.system ? node(c, d.system).id : null,
      created_at: c.now,
      updated_at: c.now,
      version: 1,
    };
    await damageRepo.insert(c.trx, row);
    const e = presentEstimate(row);
    await c.audit({
      action: 'damage.create',
      entityType: 'damage_estimate',
      entityId: row.id,
      after: { name: e.name, totalYen: e.totalYen, amounts: e.amounts },
    });
  }
}

const userId = (c: DemoContext, personKey: string): string => {
  const id = c.ids.users.get(personKey);
  if (!id) throw new Error(`demo content: no demo login for ${personKey}`);
  return id;
};

/** A past tier diagnosis (scored by the domain, checked against the tier the file expects) and its tasks. */
export async function loadDiagnosis(c: DemoContext): Promise<void> {
  const d = c.content.bia.diagnosis;
  if (!d) return;
  const outcome = diagnoseTier(tierQuestionnaire(), d.answers);
  if (!outcome.ok)
    throw new Error(`demo content: diagnosis answers refused: ${JSON.stringify(outcome.issues)}`);
  const { result } = outcome;
  if (result.tier !== d.expected_tier)
    throw new Error(`demo content: diagnosis gives ${result.tier}, the file expects ${d.expected_tier}`);
  const resultId = newId();
  await diagnosisRepo.insertResult(c.trx, {
    id: resultId,
    org_id: c.orgId,
    taken_by: userId(c, d.taken_by),
    taken_at: d.taken_at,
    tier: result.tier,
    answers: JSON.stringify(d.answers),
    scores: JSON.stringify(result.scores),
    reasons: JSON.stringify(result.reasons),
    tie_broken: result.tieBroken ? 1 : 0,
  });
  await c.audit({
    action: 'diagnosis.take',
    entityType: 'diagnosis_result',
    entityId: resultId,
    after: { tier: result.tier, scores: result.scores },
  });
  const measures = new Map(tierMeasures().tiers.flatMap((t) => t.measures.map((m) => [m.id, m] as const)));
  const rows: DiagnosisTaskRow[] = d.tasks.map((t) => {
    const m = measures.get(t.measure);
    if (!m) throw new Error(`demo content: unknown measure ${t.measure}`);
    return {
      id: newId(),
      org_id: c.orgId,
      measure_id: t.measure,
      result_id: resultId,
      title: m.title[c.locale],
      owner_person_id: personId(c, t.owner),
      due_date: t.due_date,
      status: t.status,
      created_at: c.now,
      updated_at: c.now,
      version: 1,
    };
  });
  if (rows.length) await diagnosisRepo.insertTasks(c.trx, rows);
  for (const r of rows)
    await c.audit({
      action: 'task.create',
      entityType: 'diagnosis_task',
      entityId: r.id,
      after: {
        title: r.title,
        measureId: r.measure_id,
        ownerPersonId: r.owner_person_id,
        dueDate: r.due_date,
      },
    });
}

/** The management checklist items already done (who, when, note). */
export async function loadChecklist(c: DemoContext): Promise<void> {
  const content = managementChecklist();
  const known = new Set([...content.principles, ...content.actions].map((i) => i.id));
  for (const item of c.content.bia.checklist) {
    if (!known.has(item.item)) throw new Error(`demo content: unknown checklist item ${item.item}`);
    const note = item.note?.[c.locale] ?? null;
    await diagnosisRepo.insertChecklist(c.trx, {
      id: newId(),
      org_id: c.orgId,
      item_id: item.item,
      done_at: item.done_at,
      done_by: userId(c, item.done_by),
      note,
      updated_at: c.now,
      version: 1,
    });
    await c.audit({
      action: 'checklist.update',
      entityType: 'management_checklist',
      entityId: item.item,
      before: { done: false, note: null },
      after: { done: true, note },
    });
  }
}

/**
 * The BIA as signed off `days_ago` days before the load, then the operations changed since (each an
 * audited update at its version, as the inventory module makes it): the diff against the signed
 * edition is not empty.
 */
export async function loadBiaSignoff(c: DemoContext): Promise<void> {
  const s = c.content.bia.signoff;
  if (!s) return;
  const signedAt = new Date(Date.parse(c.now) - s.days_ago * 24 * 60 * 60 * 1000).toISOString();
  const signer = { orgId: c.orgId, userId: userId(c, s.signed_by) };
  await recordSignoff({ trx: c.trx, audit: c.audit }, signer, s.note?.[c.locale] ?? null, signedAt);
  const spec = SPECS.operations;
  for (const change of s.changed_since) {
    const { id } = node(c, change.operation);
    const before = await inventoryRepo.findRow(c.trx, c.orgId, spec.table, spec.hasOwner, id);
    if (!before) throw new Error(`demo content: unknown operation ${change.operation}`);
    const input = OperationUpdateSchema.parse({
      importance: change.importance,
      dependencyLevel: change.dependency,
    });
    const changed = await inventoryRepo.updateRow(c.trx, c.orgId, spec.table, id, before.version, {
      ...toColumns(spec, input),
      updated_at: c.now,
    });
    if (changed !== 1) throw new Error(`demo content: operation ${change.operation} not updated`);
    const after = await inventoryRepo.findRow(c.trx, c.orgId, spec.table, spec.hasOwner, id);
    if (!after) throw new Error(`demo content: unknown operation ${change.operation}`);
    await c.audit({
      action: `${spec.entity}.update`,
      entityType: spec.entity,
      entityId: id,
      before: auditView(present(spec, before)),
      after: auditView(present(spec, after)),
    });
  }
}
