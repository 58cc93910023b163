/**
 * Demo sections for content/demo/demo-bia.yaml: BIA settings, the four inventory registers, the
 * dependency edges, damage estimates, the diagnosis, the checklist and the sign-off. Each is written
 * through the owning module's service inside the demo's one transaction, so the rows and audit
 * entries are the modules' own. A graph the domain refuses (cycle, edge kind not allowed) fails the
 * whole load.
 */
import type { z } from 'zod';
import {
  buildDependencyGraph,
  type GraphEdgeInput,
  type GraphNodeInput,
} from '../../../domain/dependency-graph.js';
import { REGISTER_NODE_KIND, type Register } from '../../../domain/inventory.js';
import { DamageEstimateCreateSchema } from '../../../shared/damage.js';
import {
  ComponentCreateSchema,
  OperationCreateSchema,
  OperationUpdateSchema,
  SupplierCreateSchema,
  SystemCreateSchema,
} from '../../../shared/inventory.js';
import * as bia from '../bia/index.js';
import * as damage from '../damage/service.js';
import * as diagnosis from '../diagnosis/service.js';
import * as inventory from '../inventory/service.js';
import type { DemoContext } from './service.js';

type NodeKind = GraphNodeInput['kind'];

const personId = (c: DemoContext, key: string): string => {
  const id = c.ids.people.get(key);
  if (!id) throw new Error(`demo content: unknown key ${key}`);
  return id;
};

/** The organization's BIA scale, priority matrix and RTO table, from the presets the file names. */
export async function loadBiaSettings(c: DemoContext): Promise<void> {
  const s = c.content.bia.bia_settings;
  const presets = bia.content();
  const matrix = presets.matrices.find((m) => m.id === s.matrix_preset)?.matrix;
  if (!matrix || matrix.scale !== s.scale)
    throw new Error(`demo content: no matrix preset ${s.matrix_preset} for scale ${s.scale}`);
  const rto = presets.rtoTables.find((t) => t.id === s.rto_preset);
  if (!rto) throw new Error(`demo content: unknown RTO preset ${s.rto_preset}`);
  await bia.startSettings(c.tx, c.actor, {
    scale: s.scale,
    matrix: matrix.cells,
    rtoPreset: rto.id,
    rtoTable: rto.table,
  });
}

type Localized = { ja: string; en: string };

/** Operations, systems, components and suppliers, then the dependency edges between them. */
export async function loadInventory(c: DemoContext): Promise<void> {
  const bia = c.content.bia;
  const t = (v: Localized | undefined) => (v ? v[c.locale] : null);
  const list = (v: Localized[] | undefined) => (v ?? []).map((x) => x[c.locale]);
  const nodes: (GraphNodeInput & { key: string; name: string })[] = [];
  /** Add one item through the inventory module, its API-shaped input checked by the module's own schema. */
  const add = async <R extends Register>(
    register: R,
    schema: z.ZodType<inventory.CreateOf<R>>,
    entry: { key: string; name: Localized; description?: Localized | undefined },
    fields: Record<string, unknown>,
    place: Pick<GraphNodeInput, 'layer' | 'side'> = {},
  ) => {
    const input = schema.parse({ name: entry.name[c.locale], description: t(entry.description), ...fields });
    const item = await inventory.addItem(c.tx, c.actor, register, input);
    const kind = REGISTER_NODE_KIND[register];
    c.ids.nodes.set(entry.key, { id: item.id, kind });
    nodes.push({ id: item.id, key: entry.key, kind, name: item.name, ...place });
  };
  for (const o of bia.operations)
    await add('operations', OperationCreateSchema, o, {
      ownerPersonId: personId(c, o.owner),
      importance: o.importance,
      dependencyLevel: o.dependency ?? null,
      rtoOverride: o.rto_override ?? null,
      needsData: list(o.needs?.data),
      needsTerminals: list(o.needs?.terminals),
      needsProcedureManuals: list(o.needs?.procedure_manuals),
      needsUserManuals: list(o.needs?.user_manuals),
    });
  for (const s of bia.systems)
    await add('systems', SystemCreateSchema, s, {
      ownerPersonId: personId(c, s.owner),
      vendor: t(s.vendor),
      hosting: s.hosting,
      dataLocation: t(s.data_location),
      eolDate: s.eol_date ?? null,
      dependencyLevel: s.dependency,
      declaredRto: s.declared_rto ?? null,
    });
  for (const k of bia.components)
    await add(
      'components',
      ComponentCreateSchema,
      k,
      { layer: k.layer, side: k.side, declaredRto: k.declared_rto ?? null },
      { layer: k.layer, side: k.side },
    );
  for (const s of bia.suppliers)
    await add('suppliers', SupplierCreateSchema, s, {
      kind: s.kind,
      contact: s.contact ?? null,
      contractNotes: t(s.contract_notes),
      declaredRto: s.declared_rto ?? null,
    });

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

  for (const d of dependants)
    for (const to of d.depends_on) {
      const from = node(c, d.key);
      const target = node(c, to);
      await inventory.addEdge(c.tx, c.actor, {
        fromType: from.kind,
        fromId: from.id,
        toType: target.kind,
        toId: target.id,
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
    const input = DamageEstimateCreateSchema.parse({
      name: d.name[c.locale],
      scenario: d.scenario?.[c.locale] ?? null,
      annualSalesYen: d.annual_sales_yen ?? null,
      amounts: d.amounts,
      presetId: d.preset ?? null,
      operationId: d.operation ? node(c, d.operation).id : null,
      systemId: d.system ? node(c, d.system).id : null,
    });
    await damage.addEstimate(c.tx, c.actor, input);
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
  const taker = { orgId: c.orgId, userId: userId(c, d.taken_by) };
  const result = await diagnosis.takeDiagnosis(c.tx, taker, d.answers, d.taken_at);
  if (result.tier !== d.expected_tier)
    throw new Error(`demo content: diagnosis gives ${result.tier}, the file expects ${d.expected_tier}`);
  const measures = new Map(
    diagnosis.measuresByTier().tiers.flatMap((t) => t.measures.map((m) => [m.id, m] as const)),
  );
  await diagnosis.addTasks(c.tx, c.actor, {
    resultId: result.id,
    items: d.tasks.map((t) => {
      const m = measures.get(t.measure);
      if (!m) throw new Error(`demo content: unknown measure ${t.measure}`);
      return {
        measureId: t.measure,
        title: m.title[c.locale],
        ownerPersonId: personId(c, t.owner),
        dueDate: t.due_date,
        status: t.status,
      };
    }),
  });
}

/** The management checklist items already done (who, when, note). */
export async function loadChecklist(c: DemoContext): Promise<void> {
  const known = new Set((await diagnosis.checklist(c.trx, c.orgId)).items.map((i) => i.itemId));
  for (const item of c.content.bia.checklist) {
    if (!known.has(item.item)) throw new Error(`demo content: unknown checklist item ${item.item}`);
    const doer = { orgId: c.orgId, userId: userId(c, item.done_by) };
    const note = item.note?.[c.locale] ?? null;
    await diagnosis.markChecklistItem(c.tx, doer, item.item, 0, { done: true, note }, item.done_at);
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
  await bia.recordSignoff(c.tx, signer, s.note?.[c.locale] ?? null, signedAt);
  for (const change of s.changed_since) {
    const { id } = node(c, change.operation);
    const before = await inventory.findItem(c.trx, c.orgId, 'operations', id);
    const input = OperationUpdateSchema.parse({
      importance: change.importance,
      dependencyLevel: change.dependency,
    });
    await inventory.changeItem(c.tx, c.actor, 'operations', id, before.version, input);
  }
}
