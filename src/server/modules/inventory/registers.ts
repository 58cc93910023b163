/**
 * The four inventory registers described once each: which table, which API fields map to which
 * columns, how a row is presented, which levels must fit the organization's scale, and which
 * filters the list takes. The service and the import/export code are generic over these specs.
 */

import { isDeepStrictEqual } from 'node:util';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import { type InventoryFileField, REGISTER_NODE_KIND, type Register } from '../../../domain/inventory.js';
import type { Component, Operation, Supplier, System } from '../../../shared/inventory.js';
import { INVENTORY_FILE_COLUMNS } from '../../../shared/inventory.js';
import type {
  BusinessOperationsTable,
  ItComponentsTable,
  ItSystemsTable,
  SuppliersTable,
} from '../../db/schema.js';
import { parseRto } from '../graph/service.js';

export type InventoryTable = 'business_operations' | 'it_systems' | 'it_components' | 'suppliers';

/** Every column of every register (the tables share the common ones). */
export type WideRow = BusinessOperationsTable & ItSystemsTable & ItComponentsTable & SuppliersTable;
/** A stored row with the owner's name joined (null where the register has no owner). */
export type RegisterRow = Partial<WideRow> &
  Pick<
    WideRow,
    'id' | 'org_id' | 'name' | 'description' | 'archived_at' | 'created_at' | 'updated_at' | 'version'
  > & {
    owner_person_name?: string | null;
  };

export type RegisterItem = Operation | System | Component | Supplier;

/** How a column's value is kept: plain, a JSON list of strings, or a JSON RTO. */
type ColumnKind = 'plain' | 'list' | 'rto';

interface FieldSpec {
  field: string;
  column: keyof WideRow & string;
  kind: ColumnKind;
  /** Text that '' clears to null. */
  blankIsNull?: boolean;
}

export interface RegisterSpec {
  register: Register;
  table: InventoryTable;
  nodeType: NodeKind;
  /** Audit action prefix and entity type. */
  entity: string;
  fields: FieldSpec[];
  /** Level fields checked against the organization's BIA scale. */
  levelFields: string[];
  hasOwner: boolean;
  /** Exact-match filters: query key → column. */
  filters: Record<string, keyof WideRow & string>;
  fileColumns: readonly { field: InventoryFileField; ja: string; en: string }[];
}

const text = (field: string, column: keyof WideRow & string): FieldSpec => ({
  field,
  column,
  kind: 'plain',
  blankIsNull: true,
});
const plain = (field: string, column: keyof WideRow & string): FieldSpec => ({
  field,
  column,
  kind: 'plain',
});

export const SPECS: Record<Register, RegisterSpec> = {
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
      { field: 'rtoOverride', column: 'rto_override', kind: 'rto' },
      { field: 'needsData', column: 'needs_data', kind: 'list' },
      { field: 'needsTerminals', column: 'needs_terminals', kind: 'list' },
      { field: 'needsProcedureManuals', column: 'needs_procedure_manuals', kind: 'list' },
      { field: 'needsUserManuals', column: 'needs_user_manuals', kind: 'list' },
    ],
    levelFields: ['importance', 'dependencyLevel'],
    hasOwner: true,
    filters: { importance: 'importance', ownerPersonId: 'owner_person_id' },
    fileColumns: INVENTORY_FILE_COLUMNS.operations,
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
      { field: 'declaredRto', column: 'declared_rto', kind: 'rto' },
    ],
    levelFields: ['dependencyLevel'],
    hasOwner: true,
    filters: { hosting: 'hosting', dependencyLevel: 'dependency_level' },
    fileColumns: INVENTORY_FILE_COLUMNS.systems,
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
      { field: 'declaredRto', column: 'declared_rto', kind: 'rto' },
    ],
    levelFields: [],
    hasOwner: false,
    filters: { layer: 'layer', side: 'side' },
    fileColumns: INVENTORY_FILE_COLUMNS.components,
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
      { field: 'declaredRto', column: 'declared_rto', kind: 'rto' },
    ],
    levelFields: [],
    hasOwner: false,
    filters: { kind: 'kind' },
    fileColumns: INVENTORY_FILE_COLUMNS.suppliers,
  },
};

export const TABLE_OF_NODE_TYPE: Record<RegisterSpec['nodeType'], InventoryTable> = {
  operation: 'business_operations',
  system: 'it_systems',
  component: 'it_components',
  supplier: 'suppliers',
};

const parseList = (v: string | null | undefined): string[] => (v ? (JSON.parse(v) as string[]) : []);

/** API input (create or update) → column values; fields left out are not touched. */
export function toColumns(spec: RegisterSpec, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
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
export function changedColumns(
  spec: RegisterSpec,
  next: Record<string, unknown>,
  row: RegisterRow,
): Record<string, unknown> | null {
  const stored: Record<string, unknown> = { ...row };
  const changes: Record<string, unknown> = {};
  for (const f of spec.fields) {
    if (!(f.column in next)) continue;
    const a = next[f.column] ?? null;
    const b = stored[f.column] ?? null;
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
export function emptyColumns(spec: RegisterSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) out[f.column] = f.kind === 'list' ? '[]' : null;
  return out;
}

export function present(spec: RegisterSpec, row: RegisterRow): RegisterItem {
  const item: Record<string, unknown> = {
    id: row.id,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
  for (const f of spec.fields) {
    const raw = (row as Record<string, unknown>)[f.column];
    if (f.kind === 'list') item[f.field] = parseList(raw as string | null);
    else if (f.kind === 'rto') item[f.field] = parseRto(raw as string | null);
    else item[f.field] = raw ?? null;
  }
  if (spec.hasOwner) item.ownerPersonName = row.owner_person_name ?? null;
  return item as unknown as RegisterItem;
}

/** What the audit log keeps of an item. */
export function auditView(item: RegisterItem): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = item as unknown as Record<string, unknown>;
  delete rest.ownerPersonName;
  return rest;
}
