import { z } from 'zod';
import { PrioritySchema, RtoSchema, ScaleSchema } from '../domain/bia-schemas.js';
import { RTO_SOURCES } from '../domain/dependency-graph.js';
import { multilineText, text } from './fields.js';
import { NodeTypeSchema } from './inventory.js';

/**
 * Business impact analysis API (PRODUCT module 4). Rules: src/domain/bia.ts (matrix, scale
 * change), src/domain/rto.ts (RTO union and table), src/domain/dependency-graph.ts (derivation,
 * inversions, failure impact). Matrix cells are `matrix[dependency - 1][importance - 1]`.
 */

const RtoTableSchema = z.object({
  S: RtoSchema,
  A: RtoSchema,
  B: RtoSchema,
  C: RtoSchema,
  D: RtoSchema,
});

const LevelTextSchema = z.strictObject({
  level: z.number().int().min(1).max(5),
  ja: multilineText().trim().max(500),
  en: multilineText().trim().max(500),
});
/** The organization's own wording of each level; null = the help text of content/bia/scales.yaml. */
const LevelDefinitionsSchema = z.strictObject({
  importance: z.array(LevelTextSchema).max(5),
  dependency: z.array(LevelTextSchema).max(5),
});
/** As stored: read without the input rules, so wording saved before a rule existed still reads. */
const StoredLevelText = z.object({ level: z.number().int(), ja: z.string(), en: z.string() });
const StoredLevelDefinitionsSchema = z.object({
  importance: z.array(StoredLevelText),
  dependency: z.array(StoredLevelText),
});

export const BiaSettingsSchema = z.object({
  scale: ScaleSchema,
  matrix: z.array(z.array(PrioritySchema)),
  /** Id of a content/bia/presets.yaml RTO table, or 'custom' when edited by hand. */
  rtoPreset: z.string(),
  rtoTable: RtoTableSchema,
  levelDefinitions: StoredLevelDefinitionsSchema.nullable(),
  /** 0 while the organization still uses the defaults; send as If-Match. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type BiaSettings = z.infer<typeof BiaSettingsSchema>;

/**
 * PATCH /bia/settings (If-Match). Every matrix cell must be S/A/B/C/D: an empty or unknown cell is
 * refused with issue `matrix_cell_empty` / `matrix_cell_unknown` at ['matrix', dependency-1,
 * importance-1] (params importance, dependency). `rtoPreset` picks a preset table; `rtoTable`
 * sets every cell (the preset becomes 'custom'); issues name the priority (['rtoTable', 'C']).
 */
export const BiaSettingsUpdateSchema = z.strictObject({
  matrix: z
    .array(z.array(text().max(10)).max(5))
    .max(5)
    .optional(),
  rtoPreset: text().max(80).optional(),
  rtoTable: z
    .strictObject({
      S: RtoSchema.optional(),
      A: RtoSchema.optional(),
      B: RtoSchema.optional(),
      C: RtoSchema.optional(),
      D: RtoSchema.optional(),
    })
    .optional(),
  levelDefinitions: LevelDefinitionsSchema.nullable().optional(),
});
export type BiaSettingsUpdate = z.infer<typeof BiaSettingsUpdateSchema>;

/** POST /bia/settings/scale (If-Match): `apply: false` only reports what would move. */
export const ScaleChangeRequestSchema = z.strictObject({
  scale: ScaleSchema,
  apply: z.boolean().default(false),
});
export type ScaleChangeRequest = z.infer<typeof ScaleChangeRequestSchema>;

const LevelsPrioritySchema = z.object({
  importance: z.number().int().nullable(),
  dependency: z.number().int().nullable(),
  priority: PrioritySchema.nullable(),
});
export const ScaleChangeReportSchema = z.object({
  from: ScaleSchema,
  to: ScaleSchema,
  applied: z.boolean(),
  /** Operations whose priority changes (levels are remapped for every operation). */
  moved: z.array(
    z.object({ id: z.string(), name: z.string(), before: LevelsPrioritySchema, after: LevelsPrioritySchema }),
  ),
  /** Operations and systems whose level numbers change. */
  levelsChanged: z.number().int(),
  countsBefore: z.record(PrioritySchema, z.number().int()),
  countsAfter: z.record(PrioritySchema, z.number().int()),
  settings: BiaSettingsSchema,
});
export type ScaleChangeReport = z.infer<typeof ScaleChangeReportSchema>;

// --- Content (GET /bia/content) --------------------------------------------------------------------

const Text = z.object({ ja: z.string(), en: z.string() });
const LevelHelpSchema = z.object({ level: z.number().int(), label: Text, examples: z.array(Text) });

/**
 * The help text and presets of content/bia (scales.yaml, presets.yaml): what each level means per
 * scale, the matrix presets (`matrix.cells[dependency - 1][importance - 1]`, like the settings)
 * and the RTO tables 例1–例3, and what the RTO states mean.
 */
export const BiaContentSchema = z.object({
  scales: z.array(
    z.object({
      scale: ScaleSchema,
      title: Text,
      /** Highest level first. */
      importance: z.array(LevelHelpSchema),
      dependency: z.array(LevelHelpSchema),
      note: Text.nullable(),
    }),
  ),
  matrices: z.array(
    z.object({
      id: z.string(),
      title: Text,
      rule: Text,
      matrix: z.object({ scale: ScaleSchema, cells: z.array(z.array(PrioritySchema)) }),
    }),
  ),
  rtoTables: z.array(z.object({ id: z.string(), title: Text, table: RtoTableSchema })),
  rtoStates: z.object({ risk_accepted: Text, not_set: Text, at_least: Text }),
});
export type BiaContent = z.infer<typeof BiaContentSchema>;

// --- Derived view ----------------------------------------------------------------------------------

const BiaOperationSchema = z.object({
  id: z.string(),
  name: z.string(),
  importance: z.number().int().nullable(),
  /** The dependency level used for the matrix: set by hand, else the highest of its systems'. */
  dependency: z.number().int(),
  dependencySource: z.enum(['manual', 'systems']),
  /** null while importance is not set. */
  priority: PrioritySchema.nullable(),
  rto: RtoSchema,
  rtoSource: z.enum(['table', 'override', 'none']),
});
export type BiaOperation = z.infer<typeof BiaOperationSchema>;

/**
 * A system, component or supplier with what it inherits and why. The path operation → … → node
 * that set its priority (or RTO) is given as links, not spelled out: `priorityVia` is the node
 * just before it on that path (the operation itself for a direct dependency), whose own
 * `priorityVia` continues the path, up to the operation. Rebuild whole paths with
 * `requirementPaths(view)`. Links keep the view O(nodes) where spelled-out paths grow with depth.
 */
const BiaNodeSchema = z.object({
  id: z.string(),
  type: NodeTypeSchema,
  name: z.string(),
  /** Strictest priority of the operations that need it; null if none does. */
  priority: PrioritySchema.nullable(),
  /** The operation that set it, and the previous node on the path from it (null with it). */
  priorityFrom: z.string().nullable(),
  priorityVia: z.string().nullable(),
  requiredRto: RtoSchema.nullable(),
  rtoFrom: z.string().nullable(),
  rtoVia: z.string().nullable(),
  /**
   * Declared for the node itself (plan, SLA). What the inversion check compares is this when set,
   * else `requiredRto`.
   */
  declaredRto: RtoSchema.nullable(),
});
export type BiaNode = z.infer<typeof BiaNodeSchema>;

const BiaInversionSchema = z.object({
  /** The dependant (A in "A depends on B") and what it depends on (B, with the looser RTO). */
  dependant: z.string(),
  dependency: z.string(),
  dependantRto: RtoSchema,
  dependantSource: z.enum(RTO_SOURCES),
  dependencyRto: RtoSchema,
  dependencySource: z.enum([...RTO_SOURCES, 'none']),
  operation: z.string().nullable(),
  /** operation → … → A → B (ids). */
  chain: z.array(z.string()),
});

export const BiaViewSchema = z.object({
  scale: ScaleSchema,
  settingsVersion: z.number().int(),
  operations: z.array(BiaOperationSchema),
  /** Systems, components and suppliers with what they inherit and why. */
  nodes: z.array(BiaNodeSchema),
  inversions: z.array(BiaInversionSchema),
  /** Heat-map: counts[dependency-1][importance-1] and the operation ids of each cell. */
  heatmap: z.object({
    counts: z.array(z.array(z.number().int())),
    operations: z.array(z.array(z.array(z.string()))),
  }),
  /** Operations without an importance level yet (not on the heat-map). */
  unassessed: z.array(z.string()),
});
export type BiaView = z.infer<typeof BiaViewSchema>;

/**
 * Whole paths operation → … → node from the links of a view (see BiaNodeSchema), for any node:
 * `requirementPaths(view)(nasId, 'rto')` → [checkIn, webApp, customerDb, nasId]; [] when nothing
 * sets it. Build once per view; each path then costs its length.
 */
export function requirementPaths(view: Pick<BiaView, 'nodes'>) {
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  return (id: string, what: 'priority' | 'rto'): string[] => {
    const node = byId.get(id);
    if (!node || (what === 'priority' ? node.priorityFrom : node.rtoFrom) === null) return [];
    const path: string[] = [];
    // The links end at the operation (not a node of the list); the bound only guards bad input.
    for (let cur: string | null = id; cur !== null && path.length <= byId.size; ) {
      path.push(cur);
      const n = byId.get(cur);
      cur = n ? (what === 'priority' ? n.priorityVia : n.rtoVia) : null;
    }
    return path.reverse();
  };
}

export const ImpactQuerySchema = z.strictObject({
  nodeType: NodeTypeSchema,
  nodeId: text().max(64),
});
export type ImpactQuery = z.infer<typeof ImpactQuerySchema>;

export const ImpactSchema = z.object({
  node: z.string(),
  nodeType: NodeTypeSchema,
  /** Operations that stop, most urgent first. */
  operations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      priority: PrioritySchema.nullable(),
      rto: RtoSchema.nullable(),
    }),
  ),
  highestPriority: PrioritySchema.nullable(),
  tightestRto: RtoSchema.nullable(),
  tightestRtoOperation: z.string().nullable(),
  /** Affected node ids and edges (for highlighting the graph). */
  nodes: z.array(z.string()),
  edges: z.array(z.tuple([z.string(), z.string()])),
});
export type Impact = z.infer<typeof ImpactSchema>;

// --- Sign-off and diff -----------------------------------------------------------------------------

export const SignoffCreateSchema = z.strictObject({
  note: multilineText().trim().max(1000).nullable().optional(),
});

export const SignoffSchema = z.object({
  id: z.string(),
  signedBy: z.string().nullable(),
  signedByName: z.string().nullable(),
  signedAt: z.string(),
  note: z.string().nullable(),
});
export type Signoff = z.infer<typeof SignoffSchema>;
export const SignoffListSchema = z.object({ items: z.array(SignoffSchema) });

const DiffStateSchema = z.object({ priority: PrioritySchema.nullable(), rto: RtoSchema.nullable() });
const DiffEntrySchema = z.object({ id: z.string(), type: NodeTypeSchema, name: z.string() });
export const BiaDiffSchema = z.object({
  /** null when the BIA was never signed off (then everything is "added"). */
  signoff: SignoffSchema.nullable(),
  added: z.array(DiffEntrySchema),
  removed: z.array(DiffEntrySchema),
  changed: z.array(DiffEntrySchema.extend({ before: DiffStateSchema, after: DiffStateSchema })),
});
export type BiaDiff = z.infer<typeof BiaDiffSchema>;
