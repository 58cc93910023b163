/**
 * The four inventory registers described once each: which table, which API fields map to which
 * columns, how a row is presented, which levels must fit the organization's scale, and which
 * filters the list takes. The service and the import/export code are generic over these specs,
 * each typed by its register's row, item, create, update and list-query types.
 */

import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import { INVENTORY_FILE_COLUMNS, REGISTER_NODE_KIND, type Register } from '../../../domain/inventory.js';
import {
  type Component,
  type ComponentCreate,
  ComponentCreateSchema,
  type ComponentListQuery,
  type ComponentUpdate,
  type Operation,
  type OperationCreate,
  OperationCreateSchema,
  type OperationListQuery,
  type OperationUpdate,
  type Supplier,
  type SupplierCreate,
  SupplierCreateSchema,
  type SupplierListQuery,
  type SupplierUpdate,
  type System,
  type SystemCreate,
  SystemCreateSchema,
  type SystemListQuery,
  type SystemUpdate,
} from '../../../shared/inventory.js';
import { decodeJsonColumn } from '../../db/json-column.js';
import type { Database } from '../../db/schema.js';
import { parseRto } from '../graph/service.js';

/** A register's table and API types: its item, a new item, a change, and its list's query. */
interface Types<Table extends keyof Database, Item, Create, Update, Query> {
  table: Table;
  item: Item;
  create: Create;
  update: Update;
  query: Query;
}

/** Each register's table and API types: the specs below and the service are typed by them. */
interface RegisterTypes {
  operations: Types<'business_operations', Operation, OperationCreate, OperationUpdate, OperationListQuery>;
  systems: Types<'it_systems', System, SystemCreate, SystemUpdate, SystemListQuery>;
  components: Types<'it_components', Component, ComponentCreate, ComponentUpdate, ComponentListQuery>;
  suppliers: Types<'suppliers', Supplier, SupplierCreate, SupplierUpdate, SupplierListQuery>;
}

export type InventoryTable = RegisterTypes[Register]['table'];
type TableOf<R extends Register> = RegisterTypes[R]['table'];
/** A stored row of one of the register tables, with its owner's name joined (null where none). */
export type TableRow<T extends InventoryTable> = Database[T] & { owner_person_name: string | null };
/** A stored row of register R. */
export type RowOf<R extends Register> = TableRow<TableOf<R>>;
/** Register R's item as the API answers it. */
export type ItemOf<R extends Register> = RegisterTypes[R]['item'];
export type CreateOf<R extends Register> = RegisterTypes[R]['create'];
export type UpdateOf<R extends Register> = RegisterTypes[R]['update'];
export type QueryOf<R extends Register> = RegisterTypes[R]['query'];
/** One page of register R (distributes over a union of registers: one list type per register). */
export type ListOf<R extends Register> = R extends Register
  ? { items: ItemOf<R>[]; nextCursor: string | null }
  : never;
export type RegisterItem = ItemOf<Register>;

/** Column name → value, as toColumns gives them for an insert or update. */
export type ColumnValues = Record<string, unknown>;

/** How a column's value is kept: plain, a JSON list of strings, or a JSON RTO. */
type ColumnKind = 'plain' | 'list' | 'rto';

type FieldOf<R extends Register> = keyof UpdateOf<R> & string;
type ColumnOf<R extends Register> = keyof Database[TableOf<R>] & string;

interface FieldSpec<R extends Register> {
  field: FieldOf<R>;
  column: ColumnOf<R>;
  kind: ColumnKind;
  /** Text that '' clears to null. */
  blankIsNull?: boolean;
}

export interface RegisterSpec<R extends Register> {
  register: R;
  table: TableOf<R>;
  nodeType: NodeKind;
  /** Audit action prefix and entity type. */
  entity: string;
  fields: readonly FieldSpec<R>[];
  /** Level fields checked against the organization's BIA scale. */
  levelFields: readonly FieldOf<R>[];
  hasOwner: boolean;
  /** Exact-match filters: query key and column. */
  filters: readonly { key: keyof QueryOf<R> & string; column: ColumnOf<R> }[];
  fileColumns: (typeof INVENTORY_FILE_COLUMNS)[R];
  /** The API's schema of a new item (the import checks each row with it). */
  createSchema: z.ZodType<CreateOf<R>>;
  /** The stored row as the API shows it, field by field. */
  present: (row: RowOf<R>) => ItemOf<R>;
}

/** A builder of one kind of field spec: `plain('name', 'name')` maps the field `name` to its column. */
const fieldSpec =
  (kind: ColumnKind, blankIsNull?: true) =>
  <R extends Register>(field: FieldOf<R>, column: ColumnOf<R>): FieldSpec<R> => ({
    field,
    column,
    kind,
    ...(blankIsNull ? { blankIsNull } : {}),
  });
/** Text that '' clears to null. */
const text = fieldSpec('plain', true);
const plain = fieldSpec('plain');
const list = fieldSpec('list');
const rto = fieldSpec('rto');

const NeedListSchema = z.array(z.string());
const parseList = (v: string, column: string): string[] => decodeJsonColumn(NeedListSchema, v, column);

/** The columns every register has, as the API shows them (in the order items have always had). */
type CommonColumns = 'id' | 'name' | 'description' | 'archived_at' | 'created_at' | 'updated_at' | 'version';
const base = (row: Pick<Database[InventoryTable], CommonColumns>) => ({
  id: row.id,
  archivedAt: row.archived_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
  name: row.name,
  description: row.description,
});

export const SPECS: { readonly [R in Register]: RegisterSpec<R> } = {
  operations: {
    register: 'operations',
    table: 'business_operations',
    nodeType: REGISTER_NODE_KIND.operations,
    entity: 'operation',
    fields: [
      plain('name', 'name'),
      text('description', 'description'),
      text('ownerPersonId', 'owner_person_id'),
      text('ownerText', 'owner_text'),
      plain('importance', 'importance'),
      plain('dependencyLevel', 'dependency_level'),
      rto('rtoOverride', 'rto_override'),
      list('needsData', 'needs_data'),
      list('needsTerminals', 'needs_terminals'),
      list('needsProcedureManuals', 'needs_procedure_manuals'),
      list('needsUserManuals', 'needs_user_manuals'),
    ],
    levelFields: ['importance', 'dependencyLevel'],
    hasOwner: true,
    filters: [
      { key: 'importance', column: 'importance' },
      { key: 'ownerPersonId', column: 'owner_person_id' },
    ],
    fileColumns: INVENTORY_FILE_COLUMNS.operations,
    createSchema: OperationCreateSchema,
    present: (row) => ({
      ...base(row),
      ownerPersonId: row.owner_person_id,
      ownerText: row.owner_text,
      importance: row.importance,
      dependencyLevel: row.dependency_level,
      rtoOverride: parseRto(row.rto_override),
      needsData: parseList(row.needs_data, 'business_operations.needs_data'),
      needsTerminals: parseList(row.needs_terminals, 'business_operations.needs_terminals'),
      needsProcedureManuals: parseList(
        row.needs_procedure_manuals,
        'business_operations.needs_procedure_manuals',
      ),
      needsUserManuals: parseList(row.needs_user_manuals, 'business_operations.needs_user_manuals'),
      ownerPersonName: row.owner_person_name ?? null,
    }),
  },
  systems: {
    register: 'systems',
    table: 'it_systems',
    nodeType: REGISTER_NODE_KIND.systems,
    entity: 'system',
    fields: [
      plain('name', 'name'),
      text('description', 'description'),
      text('ownerPersonId', 'owner_person_id'),
      text('ownerText', 'owner_text'),
      text('vendor', 'vendor'),
      plain('hosting', 'hosting'),
      text('dataLocation', 'data_location'),
      text('eolDate', 'eol_date'),
      plain('dependencyLevel', 'dependency_level'),
      rto('declaredRto', 'declared_rto'),
    ],
    levelFields: ['dependencyLevel'],
    hasOwner: true,
    filters: [
      { key: 'hosting', column: 'hosting' },
      { key: 'dependencyLevel', column: 'dependency_level' },
    ],
    fileColumns: INVENTORY_FILE_COLUMNS.systems,
    createSchema: SystemCreateSchema,
    present: (row) => ({
      ...base(row),
      ownerPersonId: row.owner_person_id,
      ownerText: row.owner_text,
      vendor: row.vendor,
      hosting: row.hosting,
      dataLocation: row.data_location,
      eolDate: row.eol_date,
      dependencyLevel: row.dependency_level,
      declaredRto: parseRto(row.declared_rto),
      ownerPersonName: row.owner_person_name ?? null,
    }),
  },
  components: {
    register: 'components',
    table: 'it_components',
    nodeType: REGISTER_NODE_KIND.components,
    entity: 'component',
    fields: [
      plain('name', 'name'),
      text('description', 'description'),
      plain('layer', 'layer'),
      plain('side', 'side'),
      rto('declaredRto', 'declared_rto'),
    ],
    levelFields: [],
    hasOwner: false,
    filters: [
      { key: 'layer', column: 'layer' },
      { key: 'side', column: 'side' },
    ],
    fileColumns: INVENTORY_FILE_COLUMNS.components,
    createSchema: ComponentCreateSchema,
    present: (row) => ({
      ...base(row),
      layer: row.layer,
      side: row.side,
      declaredRto: parseRto(row.declared_rto),
    }),
  },
  suppliers: {
    register: 'suppliers',
    table: 'suppliers',
    nodeType: REGISTER_NODE_KIND.suppliers,
    entity: 'supplier',
    fields: [
      plain('name', 'name'),
      text('description', 'description'),
      plain('kind', 'kind'),
      text('contact', 'contact'),
      text('contractNotes', 'contract_notes'),
      rto('declaredRto', 'declared_rto'),
    ],
    levelFields: [],
    hasOwner: false,
    filters: [{ key: 'kind', column: 'kind' }],
    fileColumns: INVENTORY_FILE_COLUMNS.suppliers,
    createSchema: SupplierCreateSchema,
    present: (row) => ({
      ...base(row),
      kind: row.kind,
      contact: row.contact,
      contractNotes: row.contract_notes,
      declaredRto: parseRto(row.declared_rto),
    }),
  },
};

/** The spec of one register, typed by it. */
export const specOf = <R extends Register>(register: R): RegisterSpec<R> => SPECS[register];

export const TABLE_OF_NODE_TYPE: Record<NodeKind, InventoryTable> = {
  operation: 'business_operations',
  system: 'it_systems',
  component: 'it_components',
  supplier: 'suppliers',
};

/** API input (create or update) → column values; fields left out are not touched. */
export function toColumns<R extends Register>(
  spec: RegisterSpec<R>,
  input: Partial<UpdateOf<R>>,
): ColumnValues {
  const out: ColumnValues = {};
  for (const f of spec.fields) {
    if (!(f.field in input)) continue;
    const value = input[f.field];
    if (value === undefined) continue;
    if (f.kind === 'list') out[f.column] = JSON.stringify(value ?? []);
    else if (f.kind === 'rto') out[f.column] = value === null ? null : JSON.stringify(value);
    else if (f.blankIsNull) out[f.column] = value === '' || value === null ? null : value;
    else out[f.column] = value;
  }
  return out;
}

/**
 * The columns of `next` (as toColumns gives them) whose value differs from the stored row, or null
 * when none does: a list or RTO is compared by what it holds, not by how its JSON is spelt.
 */
export function changedColumns<R extends Register>(
  spec: RegisterSpec<R>,
  next: ColumnValues,
  row: RowOf<R>,
): ColumnValues | null {
  const stored = new Map<string, unknown>(Object.entries(row));
  const changes: ColumnValues = {};
  for (const f of spec.fields) {
    if (!(f.column in next)) continue;
    const a = next[f.column] ?? null;
    const b = stored.get(f.column) ?? null;
    const same =
      f.kind === 'plain'
        ? a === b
        : isDeepStrictEqual(
            typeof a === 'string' ? JSON.parse(a) : a,
            typeof b === 'string' ? JSON.parse(b) : b,
          );
    if (!same) changes[f.column] = next[f.column];
  }
  return Object.keys(changes).length ? changes : null;
}

/** Defaults for a new row's columns not given in the input. */
export function emptyColumns<R extends Register>(spec: RegisterSpec<R>): ColumnValues {
  const out: ColumnValues = {};
  for (const f of spec.fields) out[f.column] = f.kind === 'list' ? '[]' : null;
  return out;
}

/** What the audit log keeps of an item: everything but its timestamps and the owner's name. */
export function auditView(item: RegisterItem): Record<string, unknown> {
  const fields: Readonly<Record<string, unknown>> = item;
  const { createdAt: _c, updatedAt: _u, ownerPersonName: _o, ...rest } = fields;
  return rest;
}
