import { IT_LAYERS, SIDES } from '../../../domain/dependency-graph.js';
import { HOSTINGS, type Register, SUPPLIER_KINDS } from '../../../domain/inventory.js';
import { type RtoValue, rtoOrNull } from '../../../shared/inventory.js';
import { type FormModel, textOrNull } from '../../app/versioned-edit.js';
import type { InventoryItem } from './api.js';

type FieldKind = 'text' | 'textarea' | 'level' | 'select' | 'date' | 'rto' | 'list' | 'person';
export interface FieldDef {
  name: string;
  kind: FieldKind;
  required?: boolean;
  max?: number;
  options?: readonly (string | number)[];
  /** Key under inventory.options.<optionsKey>.<value> for select labels. */
  optionsKey?: string;
  /** The API takes the chosen option as a number (a component's layer). */
  numeric?: boolean;
}

const common: FieldDef[] = [
  { name: 'name', kind: 'text', required: true, max: 200 },
  { name: 'description', kind: 'textarea', max: 2000 },
];

/** The form of each register, in the order shown. */
export const FORM_FIELDS: Record<Register, FieldDef[]> = {
  operations: [
    ...common,
    { name: 'ownerPersonId', kind: 'person' },
    { name: 'ownerText', kind: 'text', max: 200 },
    { name: 'importance', kind: 'level' },
    { name: 'dependencyLevel', kind: 'level' },
    { name: 'rtoOverride', kind: 'rto' },
    { name: 'needsData', kind: 'list' },
    { name: 'needsTerminals', kind: 'list' },
    { name: 'needsProcedureManuals', kind: 'list' },
    { name: 'needsUserManuals', kind: 'list' },
  ],
  systems: [
    ...common,
    { name: 'ownerPersonId', kind: 'person' },
    { name: 'ownerText', kind: 'text', max: 200 },
    { name: 'vendor', kind: 'text', max: 200 },
    { name: 'hosting', kind: 'select', options: HOSTINGS, optionsKey: 'hosting' },
    { name: 'dataLocation', kind: 'text', max: 300 },
    { name: 'eolDate', kind: 'date' },
    { name: 'dependencyLevel', kind: 'level' },
    { name: 'declaredRto', kind: 'rto' },
  ],
  components: [
    ...common,
    { name: 'layer', kind: 'select', required: true, options: IT_LAYERS, optionsKey: 'layer', numeric: true },
    { name: 'side', kind: 'select', required: true, options: SIDES, optionsKey: 'side' },
    { name: 'declaredRto', kind: 'rto' },
  ],
  suppliers: [
    ...common,
    { name: 'kind', kind: 'select', required: true, options: SUPPLIER_KINDS, optionsKey: 'supplierKind' },
    { name: 'contact', kind: 'textarea', max: 500 },
    { name: 'contractNotes', kind: 'textarea', max: 2000 },
    { name: 'declaredRto', kind: 'rto' },
  ],
};

/** What a new item of each register starts with (the required choices). */
const NEW_ITEM_DEFAULTS: Partial<Record<Register, ItemValues>> = {
  components: { layer: '4', side: 'server' },
  suppliers: { kind: 'vendor' },
};

/** Form values: text and dates as strings, levels and choices as strings (Select), lists one item a line. */
export type ItemValues = Record<string, string | RtoValue | null>;

/** An RTO field's form value: the only values of a form that are objects are RTOs. */
export const rtoFieldValue = (value: ItemValues[string] | undefined): RtoValue | null =>
  typeof value === 'object' && value !== null ? value : null;

/** One form value → what the API takes. */
function apiValueOf(f: FieldDef, v: ItemValues[string] | undefined): unknown {
  if (f.kind === 'rto') return v ?? null;
  if (f.kind === 'list')
    return String(v ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  if (f.kind === 'level' || f.numeric) return v ? Number(v) : null;
  if (f.kind === 'select' || f.kind === 'person') return v ?? null;
  return textOrNull(v);
}

/** One API value → the form's value. */
function formValueOf(f: FieldDef, v: unknown): ItemValues[string] {
  if (f.kind === 'rto') return rtoOrNull(v);
  if (f.kind === 'list') return Array.isArray(v) ? v.join('\n') : '';
  if (f.kind === 'level' || f.kind === 'select' || f.kind === 'person')
    return v === null || v === undefined ? null : String(v);
  return typeof v === 'string' ? v : '';
}

/** How the item form of one register reads an item and writes its fields. */
export function itemModel(register: Register): FormModel<InventoryItem, ItemValues> {
  const defs = FORM_FIELDS[register];
  const byName = new Map(defs.map((f) => [f.name, f]));
  return {
    fields: defs.map((f) => f.name),
    valuesOf(item) {
      const src = new Map<string, unknown>(Object.entries(item ?? {}));
      const out: ItemValues = Object.fromEntries(defs.map((f) => [f.name, formValueOf(f, src.get(f.name))]));
      return item ? out : { ...out, ...NEW_ITEM_DEFAULTS[register] };
    },
    apiValue(field, value) {
      const def = byName.get(field);
      return def ? apiValueOf(def, value) : value;
    },
  };
}
