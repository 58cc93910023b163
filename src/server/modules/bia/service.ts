import { dequal } from 'dequal';
import {
  isLevel,
  LevelError,
  mapLevel,
  matrixCounts,
  operationDependencyLevel,
  type Priority,
  type PriorityMatrix,
  planScaleChange,
  priorityFor,
  type Scale,
  sumRuleMatrix,
  validatePriorityMatrix,
} from '../../../domain/bia.js';
import { type BiaEdition, diffBiaEditions } from '../../../domain/bia-edition.js';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import {
  buildDependencyGraph,
  type Derivation,
  deriveRequirements,
  failureImpact,
  findRtoInversions,
  listRequirements,
  type OperationRequirement,
} from '../../../domain/dependency-graph.js';
import { type Rto, type RtoTable, validateRtoTable } from '../../../domain/rto.js';
import {
  type BiaContent,
  type BiaDiff,
  type BiaNode,
  type BiaOperation,
  type BiaSettings,
  type BiaSettingsUpdate,
  type BiaView,
  BiaViewSchema,
  type Impact,
  type ImpactQuery,
  type LevelDefinitions,
  type ScaleChangeReport,
  type ScaleChangeRequest,
  type Signoff,
} from '../../../shared/bia-api.js';
import type { FieldIssue } from '../../../shared/problem.js';
import type { Db } from '../../db/database.js';
import type { BiaSettingsRow } from '../../db/schema.js';
import { type AuditedTx, audited, isUniqueViolation } from '../../db/tx.js';
import { changeVersioned } from '../../db/versioned.js';
import { conflict, invalid, notFound, stale } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import {
  activeGraphInput,
  type LoadedGraph,
  type LoadedNode,
  loadGraph,
  parseRto,
} from '../graph/service.js';
import * as inventory from '../inventory/service.js';
import type { OrgActor } from '../types.js';
import { RevisionCache } from './cache.js';
import { biaPresets, biaScales, DEFAULT_RTO_PRESET } from './content.js';
import { type PreparedJson, prepareJson } from './prepared-json.js';
import * as repo from './repo.js';

type Q = Db['kysely'];

// --- Content ---

/** GET /bia/content: level help per scale, matrix and RTO presets, RTO states (content/bia). */
export function content(): BiaContent {
  const presets = biaPresets();
  return {
    scales: biaScales().scales.map((s) => ({
      scale: s.scale,
      title: s.title,
      importance: s.importance,
      dependency: s.dependency,
      note: s.note ?? null,
    })),
    matrices: presets.matrices.map((m) => ({ id: m.id, title: m.title, rule: m.rule, matrix: m.matrix })),
    rtoTables: presets.rtoTables.map((t) => ({ id: t.id, title: t.title, table: t.table })),
    rtoStates: presets.rtoStates,
  };
}

// --- Settings ---

function presetMatrix(scale: Scale): PriorityMatrix {
  return biaPresets().matrices.find((m) => m.matrix.scale === scale)?.matrix ?? sumRuleMatrix(scale);
}

function presetRtoTable(id: string): RtoTable | null {
  return (biaPresets().rtoTables.find((t) => t.id === id)?.table as RtoTable | undefined) ?? null;
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
    matrix: JSON.parse(row.matrix) as Priority[][],
    rtoPreset: row.rto_preset,
    rtoTable: JSON.parse(row.rto_table) as RtoTable,
    levelDefinitions: row.level_definitions ? (JSON.parse(row.level_definitions) as LevelDefinitions) : null,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export async function getSettings(db: Q, orgId: string): Promise<BiaSettings> {
  return presentSettings(await repo.findSettings(db, orgId));
}

async function saveSettings(
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

// --- Derivation ---

/** Dependency levels of the active systems each active operation uses directly. */
function systemLevelsByOperation(g: LoadedGraph): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of g.edges) {
    // Most edges do not start at an operation: one lookup settles them.
    const f = g.byId.get(e.from_id);
    if (f?.kind !== 'operation' || f.archived) continue;
    const t = g.byId.get(e.to_id);
    if (!t || t.archived || t.kind !== 'system') continue;
    if (t.dependencyLevel === null) continue;
    const list = out.get(f.id) ?? [];
    list.push(t.dependencyLevel);
    out.set(f.id, list);
  }
  return out;
}

/** An organization's BIA derived from its data as one read saw it. */
interface BiaState {
  settings: BiaSettings;
  /** Every node, archived ones flagged (names, kinds). The edges are not kept. */
  byId: Map<string, LoadedNode>;
  operations: BiaOperation[];
  derivation: Derivation;
  /** GET /bia serialized, made on its first request. */
  body?: Promise<PreparedJson>;
}

async function compute(db: Q, orgId: string): Promise<BiaState> {
  const settings = await getSettings(db, orgId);
  const loaded = await loadGraph(db, orgId);
  const matrix: PriorityMatrix = { scale: settings.scale, cells: settings.matrix as Priority[][] };
  const systemLevels = systemLevelsByOperation(loaded);
  const operations: BiaOperation[] = [];
  const requirements = new Map<string, OperationRequirement>();
  const declared = new Map<string, Rto>();
  for (const n of loaded.nodes) {
    if (n.archived) continue;
    if (n.kind !== 'operation') {
      const d = parseRto(n.declaredRto);
      if (d) declared.set(n.id, d as Rto);
      continue;
    }
    const manual = n.dependencyLevel;
    const dependency = manual ?? operationDependencyLevel(systemLevels.get(n.id) ?? []);
    let priority: Priority | null = null;
    if (n.importance !== null && isLevel(settings.scale, n.importance) && isLevel(settings.scale, dependency))
      priority = priorityFor(matrix, { importance: n.importance, dependency });
    const override = parseRto(n.rtoOverride) as Rto | null;
    const rto: Rto = override ?? (priority ? settings.rtoTable[priority] : { kind: 'not_set' });
    operations.push({
      id: n.id,
      name: n.name,
      importance: n.importance,
      dependency,
      dependencySource: manual === null ? 'systems' : 'manual',
      priority,
      rto,
      rtoSource: override ? 'override' : priority ? 'table' : 'none',
    });
    requirements.set(n.id, { priority, rto });
  }
  const input = activeGraphInput(loaded);
  const built = buildDependencyGraph(input.nodes, input.edges);
  if (!built.ok) throw conflict('conflict', { params: { reason: built.issues[0]?.code ?? 'graph_invalid' } });
  const derivation = deriveRequirements(built.graph, { operations: requirements, declaredRto: declared });
  return { settings, byId: loaded.byId, operations, derivation };
}

/** What the cache keeps: the state and the revision it was derived from. */
interface CachedState extends BiaState {
  revision: string;
}

// One cache per database handle (each app, and each test app, has its own).
const caches = new WeakMap<Db, RevisionCache<CachedState>>();
/**
 * A few organizations. Weight = nodes + edges: the 10,000-system benchmark organization weighs
 * ~65,000 and holds ~22 MB once its GET /bia body is prepared, so the budget is ~70 MB at most.
 */
const CACHE_LIMITS = { maxEntries: 16, maxWeight: 200_000 };

function cacheOf(db: Db): RevisionCache<CachedState> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new RevisionCache<CachedState>(CACHE_LIMITS);
    caches.set(db, cache);
  }
  return cache;
}

/**
 * The organization's derived BIA at the database's current revision: rebuilt only when the data
 * changed. The revision is the head of the organization's audit chain, which every write moves
 * in its own transaction (src/server/db/tx.ts `audited`), so it is proven fresh by the database
 * itself — writes from other processes and restores included. A build during which the revision
 * moved is answered but not kept.
 */
async function current(db: Db, orgId: string): Promise<CachedState> {
  const revision = await repo.revision(db.kysely, orgId);
  return cacheOf(db).get(orgId, revision, async () => {
    const state = await compute(db.kysely, orgId);
    const g = state.derivation.graph;
    const cacheable = (await repo.revision(db.kysely, orgId)) === revision;
    return {
      // Built while the data moved: a one-off whose ETag no later request can match.
      value: { ...state, revision: cacheable ? revision : `${revision}+${newId()}` },
      weight: g.ids.length + g.edgeCount,
      cacheable,
    };
  });
}

function presentView({ settings, byId, operations, derivation }: BiaState): BiaView {
  const g = derivation.graph;
  const idAt = (i: number) => (i >= 0 ? (g.ids[i] ?? null) : null);
  const nodes: BiaNode[] = [];
  for (const r of listRequirements(derivation)) {
    if (r.kind === 'operation') continue;
    const i = g.index.get(r.id) ?? -1;
    nodes.push({
      id: r.id,
      type: r.kind,
      name: byId.get(r.id)?.name ?? r.id,
      priority: r.priority,
      priorityFrom: r.priorityFrom,
      priorityVia: r.priorityFrom ? idAt(derivation.priorityVia[i] ?? -1) : null,
      requiredRto: r.requiredRto,
      rtoFrom: r.rtoFrom,
      rtoVia: r.rtoFrom ? idAt(derivation.rtoVia[i] ?? -1) : null,
      declaredRto: r.declaredRto,
    });
  }
  const scale = settings.scale;
  const assessed = operations.filter(
    (o): o is BiaOperation & { importance: number } => o.importance !== null && isLevel(scale, o.importance),
  );
  const counts = matrixCounts(scale, assessed);
  const cells: string[][][] = Array.from({ length: scale }, () => Array.from({ length: scale }, () => []));
  for (const o of assessed) cells[o.dependency - 1]?.[o.importance - 1]?.push(o.id);
  return {
    scale,
    settingsVersion: settings.version,
    operations,
    nodes,
    inversions: findRtoInversions(derivation),
    heatmap: { counts, operations: cells },
    unassessed: operations.filter((o) => o.importance === null).map((o) => o.id),
  };
}

export async function view(db: Db, orgId: string): Promise<BiaView> {
  return presentView(await current(db, orgId));
}

/**
 * GET /bia ready to send: checked against BiaViewSchema and serialized (and compressed) once per
 * revision, with an ETag that changes with the organization, the revision and the process.
 */
export async function viewBody(db: Db, orgId: string): Promise<PreparedJson> {
  const state = await current(db, orgId);
  state.body ??= prepareJson(BiaViewSchema, presentView(state), `bia:${orgId}:${state.revision}`);
  try {
    return await state.body;
  } catch (err) {
    delete state.body;
    throw err;
  }
}

export async function impact(db: Db, orgId: string, query: ImpactQuery): Promise<Impact> {
  const { byId, derivation } = await current(db, orgId);
  const node = byId.get(query.nodeId);
  if (!node || node.kind !== query.nodeType || node.archived) throw notFound();
  const result = failureImpact(derivation, query.nodeId);
  if (!result) throw notFound();
  return {
    node: result.node,
    nodeType: query.nodeType,
    operations: result.operations.map((o) => ({ ...o, name: byId.get(o.id)?.name ?? o.id })),
    highestPriority: result.highestPriority,
    tightestRto: result.tightestRto,
    tightestRtoOperation: result.tightestRtoOperation,
    nodes: result.nodes,
    edges: result.edges,
  };
}

// --- Sign-off and diff ---

interface SnapshotEntry {
  id: string;
  type: NodeKind;
  name: string;
  priority: Priority | null;
  rto: Rto | null;
}

function snapshotOf({ byId, operations, derivation }: BiaState): SnapshotEntry[] {
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

function presentSignoff(row: repo.SignoffView): Signoff {
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
  const entries = snapshotOf(await compute(trx, actor.orgId));
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

/** The BIA as the diff compares it: the settings, and each item's priority and RTO. */
function editionOf(
  settings: Pick<BiaSettings, 'scale' | 'matrix' | 'rtoTable'>,
  entries: SnapshotEntry[],
): BiaEdition {
  return {
    scale: settings.scale,
    matrix: settings.matrix as Priority[][],
    rtoTable: settings.rtoTable as RtoTable,
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
    ? (JSON.parse(last.snapshot) as { settings: BiaSettings; entries: SnapshotEntry[] })
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
