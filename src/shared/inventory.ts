import { z } from 'zod';
import { RtoSchema } from '../domain/bia-schemas.js';
import { IT_LAYERS, NODE_KINDS, SIDES } from '../domain/dependency-graph.js';
import { HOSTINGS, INVENTORY_FILE_COLUMNS, SUPPLIER_KINDS } from '../domain/inventory.js';
import { LOCALES } from '../domain/organization.js';
import { isoDate, multilineText, text } from './fields.js';

/**
 * The IT inventory (PRODUCT module 3): business operations, systems, components (five IT layers,
 * client or server side) and suppliers, plus the dependency edges between them. An edge
 * `from → to` reads "from depends on to". Rules live in src/domain/dependency-graph.ts.
 */

// Words (registers, node kinds, hostings, layers, sides, supplier kinds): src/domain/inventory.ts and
// src/domain/dependency-graph.ts.
export const NodeTypeSchema = z.enum(NODE_KINDS);
export const HostingSchema = z.enum(HOSTINGS);
/** 001 §5つのIT構成要素: 1 building, 2 infrastructure, 3 hardware, 4 software, 5 people. */
const LayerSchema = z.number().int().min(1).max(IT_LAYERS.length);
export const SideSchema = z.enum(SIDES);
export const SupplierKindSchema = z.enum(SUPPLIER_KINDS);

// --- RTO: one union for the API, the content files and the domain (src/domain/bia-schemas.ts) ----

export { RtoSchema };
export type RtoValue = z.infer<typeof RtoSchema>;

/** A stored or typed value read as an RTO when it is one, else null. */
export const rtoOrNull = (value: unknown): RtoValue | null => RtoSchema.safeParse(value).data ?? null;

/** Importance / dependency level: 1 (lowest) … scale (3 or 5); checked against the org's scale. */
const LevelSchema = z.number().int().min(1).max(5);

// --- Field limits ----------------------------------------------------------------------------------

const INVENTORY_LIMITS = {
  name: 200,
  description: 2000,
  ownerText: 200,
  vendor: 200,
  dataLocation: 300,
  contact: 500,
  contractNotes: 2000,
  needItem: 200,
  needItems: 50,
} as const;

const Name = text().trim().min(1).max(INVENTORY_LIMITS.name);
const optionalText = (max: number) => text().trim().max(max).nullable().optional();
/** Descriptions and notes: line breaks kept (an Excel cell may hold several lines). */
const optionalLines = (max: number) => multilineText().trim().max(max).nullable().optional();
const NeedList = z.array(text().trim().min(1).max(INVENTORY_LIMITS.needItem)).max(INVENTORY_LIMITS.needItems);
const Id = text().max(64);

const common = {
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  /** Set when archived: hidden from lists and left out of the BIA, kept for history. */
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Send back as `If-Match: "<version>"` when editing or archiving. */
  version: z.number().int(),
};

// --- Business operations ---------------------------------------------------------------------------

const operationFields = {
  name: Name,
  description: optionalLines(INVENTORY_LIMITS.description),
  /** A person of the same organization (field issue 'unknown_person'), or free text below. */
  ownerPersonId: Id.nullable().optional(),
  ownerText: optionalText(INVENTORY_LIMITS.ownerText),
  /** 業務重要度 (1 … scale); field issue 'level_unknown' when above the org's scale. */
  importance: LevelSchema.nullable().optional(),
  /** システム依存度 set by hand; null = derived from the systems it uses (highest of theirs). */
  dependencyLevel: LevelSchema.nullable().optional(),
  /** RTO set by hand instead of the RTO table's value for its priority. */
  rtoOverride: RtoSchema.nullable().optional(),
  needsData: NeedList.optional(),
  needsTerminals: NeedList.optional(),
  needsProcedureManuals: NeedList.optional(),
  needsUserManuals: NeedList.optional(),
};
export const OperationCreateSchema = z.strictObject(operationFields);
export const OperationUpdateSchema = z.strictObject({ ...operationFields, name: Name.optional() });
export type OperationCreate = z.infer<typeof OperationCreateSchema>;
export type OperationUpdate = z.infer<typeof OperationUpdateSchema>;
export const OperationSchema = z.object({
  ...common,
  ownerPersonId: z.string().nullable(),
  ownerPersonName: z.string().nullable(),
  ownerText: z.string().nullable(),
  importance: z.number().int().nullable(),
  dependencyLevel: z.number().int().nullable(),
  rtoOverride: RtoSchema.nullable(),
  needsData: z.array(z.string()),
  needsTerminals: z.array(z.string()),
  needsProcedureManuals: z.array(z.string()),
  needsUserManuals: z.array(z.string()),
});
export type Operation = z.infer<typeof OperationSchema>;

// --- Systems ---------------------------------------------------------------------------------------

const systemFields = {
  name: Name,
  description: optionalLines(INVENTORY_LIMITS.description),
  ownerPersonId: Id.nullable().optional(),
  ownerText: optionalText(INVENTORY_LIMITS.ownerText),
  vendor: optionalText(INVENTORY_LIMITS.vendor),
  hosting: HostingSchema.nullable().optional(),
  dataLocation: optionalText(INVENTORY_LIMITS.dataLocation),
  /** End of life / support, YYYY-MM-DD. */
  eolDate: isoDate().nullable().optional(),
  /** How much work depends on this system (1 … scale); feeds operations' dependency level. */
  dependencyLevel: LevelSchema.nullable().optional(),
  /** What the organization can achieve for it (plan, SLA); used by the RTO inversion check. */
  declaredRto: RtoSchema.nullable().optional(),
};
export const SystemCreateSchema = z.strictObject(systemFields);
export const SystemUpdateSchema = z.strictObject({ ...systemFields, name: Name.optional() });
export type SystemCreate = z.infer<typeof SystemCreateSchema>;
export type SystemUpdate = z.infer<typeof SystemUpdateSchema>;
export const SystemSchema = z.object({
  ...common,
  ownerPersonId: z.string().nullable(),
  ownerPersonName: z.string().nullable(),
  ownerText: z.string().nullable(),
  vendor: z.string().nullable(),
  hosting: HostingSchema.nullable(),
  dataLocation: z.string().nullable(),
  eolDate: z.string().nullable(),
  dependencyLevel: z.number().int().nullable(),
  declaredRto: RtoSchema.nullable(),
});
export type System = z.infer<typeof SystemSchema>;

// --- Components ------------------------------------------------------------------------------------

const componentFields = {
  name: Name,
  description: optionalLines(INVENTORY_LIMITS.description),
  layer: LayerSchema,
  side: SideSchema,
  declaredRto: RtoSchema.nullable().optional(),
};
export const ComponentCreateSchema = z.strictObject(componentFields);
export const ComponentUpdateSchema = z.strictObject({
  ...componentFields,
  name: Name.optional(),
  layer: LayerSchema.optional(),
  side: SideSchema.optional(),
});
export type ComponentCreate = z.infer<typeof ComponentCreateSchema>;
export type ComponentUpdate = z.infer<typeof ComponentUpdateSchema>;
export const ComponentSchema = z.object({
  ...common,
  layer: z.number().int(),
  side: SideSchema,
  declaredRto: RtoSchema.nullable(),
});
export type Component = z.infer<typeof ComponentSchema>;

// --- Suppliers -------------------------------------------------------------------------------------

const supplierFields = {
  name: Name,
  description: optionalLines(INVENTORY_LIMITS.description),
  kind: SupplierKindSchema,
  contact: optionalLines(INVENTORY_LIMITS.contact),
  contractNotes: optionalLines(INVENTORY_LIMITS.contractNotes),
  /** The supplier's committed recovery time (SLA), if any. */
  declaredRto: RtoSchema.nullable().optional(),
};
export const SupplierCreateSchema = z.strictObject(supplierFields);
export const SupplierUpdateSchema = z.strictObject({
  ...supplierFields,
  name: Name.optional(),
  kind: SupplierKindSchema.optional(),
});
export type SupplierCreate = z.infer<typeof SupplierCreateSchema>;
export type SupplierUpdate = z.infer<typeof SupplierUpdateSchema>;
export const SupplierSchema = z.object({
  ...common,
  kind: SupplierKindSchema,
  contact: z.string().nullable(),
  contractNotes: z.string().nullable(),
  declaredRto: RtoSchema.nullable(),
});
export type Supplier = z.infer<typeof SupplierSchema>;

// --- Lists -----------------------------------------------------------------------------------------

/** Sort keys: `name`, `createdAt`, `updatedAt`; a leading '-' sorts descending. Default `name`. */
const SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export const SortSchema = z.enum(SORTS);
export type Sort = z.infer<typeof SortSchema>;

const listBase = {
  /** Part of the name or description, case-insensitive. */
  q: text().trim().max(100).optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  sort: SortSchema.optional(),
  cursor: text().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
};
const LevelQuery = z.coerce.number().int().min(1).max(5).optional();

export const OperationListQuerySchema = z.strictObject({
  ...listBase,
  importance: LevelQuery,
  ownerPersonId: Id.optional(),
});
export type OperationListQuery = z.infer<typeof OperationListQuerySchema>;
export const SystemListQuerySchema = z.strictObject({
  ...listBase,
  hosting: HostingSchema.optional(),
  dependencyLevel: LevelQuery,
  /** Systems whose EOL date is on or before this date (YYYY-MM-DD). */
  eolBefore: isoDate().optional(),
});
export type SystemListQuery = z.infer<typeof SystemListQuerySchema>;
export const ComponentListQuerySchema = z.strictObject({
  ...listBase,
  layer: LevelQuery,
  side: SideSchema.optional(),
});
export type ComponentListQuery = z.infer<typeof ComponentListQuerySchema>;
export const SupplierListQuerySchema = z.strictObject({ ...listBase, kind: SupplierKindSchema.optional() });
export type SupplierListQuery = z.infer<typeof SupplierListQuerySchema>;

const list = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export const OperationListSchema = list(OperationSchema);
export const SystemListSchema = list(SystemSchema);
export const ComponentListSchema = list(ComponentSchema);
export const SupplierListSchema = list(SupplierSchema);

// --- Edges -----------------------------------------------------------------------------------------

/**
 * Allowed: operation → system, system → system | component | supplier, component → supplier.
 * Refused with 409: `edge_duplicate`, `graph_cycle` (params.cycle = "a → b → a", and `cycle` ids);
 * 400 `edge_kind_not_allowed`; an id not in the caller's organization is 404-like issue
 * 'unknown_node' (edges never cross organizations).
 */
export const EdgeCreateSchema = z.strictObject({
  fromType: NodeTypeSchema,
  fromId: Id,
  toType: NodeTypeSchema,
  toId: Id,
});
export type EdgeCreate = z.infer<typeof EdgeCreateSchema>;

export const EdgeSchema = z.object({
  id: z.string(),
  fromType: NodeTypeSchema,
  fromId: z.string(),
  toType: NodeTypeSchema,
  toId: z.string(),
  createdAt: z.string(),
});
export type Edge = z.infer<typeof EdgeSchema>;

export const EdgeListQuerySchema = z.strictObject({
  /** Edges touching this node (either end). */
  nodeId: Id.optional(),
  cursor: text().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type EdgeListQuery = z.infer<typeof EdgeListQuerySchema>;
export const EdgeListSchema = list(EdgeSchema);
export type EdgeList = z.infer<typeof EdgeListSchema>;

/** GET /inventory/graph: every active node (name, type, layer/side) and edge, for the graph view. */
const GraphNodeSchema = z.object({
  id: z.string(),
  type: NodeTypeSchema,
  name: z.string(),
  layer: z.number().int().nullable(),
  side: SideSchema.nullable(),
});
export const GraphSchema = z.object({
  nodes: z.array(GraphNodeSchema),
  edges: z.array(EdgeSchema),
});
export type Graph = z.infer<typeof GraphSchema>;

// --- Import / export -------------------------------------------------------------------------------

// Columns of each register's file: src/domain/inventory.ts.
export { INVENTORY_FILE_COLUMNS };

/** Import file limits of one register (the import job: src/shared/import-jobs.ts). */
export const INVENTORY_IMPORT_MAX_ROWS = 10_000;
export const INVENTORY_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export const InventoryExportQuerySchema = z.strictObject({
  lang: z.enum(LOCALES).default('ja'),
  includeArchived: z.enum(['true', 'false']).optional(),
});
