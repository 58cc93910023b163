import { dequal } from 'dequal';
import { isApiError } from './api.js';

/** An item the API saves with optimistic concurrency: PATCH sends `If-Match: "<version>"`. */
export interface Versioned {
  id: string;
  version: number;
}

/**
 * How a form edits one kind of item: its fields, the form values for an item (or a new one),
 * and the value the API expects for each field (text trimmed, '' → null, lists split …).
 */
export interface FormModel<T, V extends Record<string, unknown>> {
  fields: readonly (keyof V & string)[];
  valuesOf(item: T | null): V;
  apiValue(field: keyof V & string, value: V[keyof V]): unknown;
}

/** Two API values are the same when they are deeply equal (so [] equals [], null equals null). */
export function sameValue(a: unknown, b: unknown): boolean {
  return dequal(a, b);
}

/** Text as the API takes it: trimmed, and null when nothing is left (so clearing a field clears it). */
export function textOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** Whether a field's value means the same to the API in both sets of values. */
function sameField<V extends Record<string, unknown>>(
  model: FormModel<unknown, V>,
  field: keyof V & string,
  a: V,
  b: V,
): boolean {
  return sameValue(model.apiValue(field, a[field]), model.apiValue(field, b[field]));
}

/**
 * The POST body for a new item: every field that has a value (empty ones are left to the
 * server's defaults).
 *
 * @example
 * createPayload(siteModel, { name: ' 本社 ', kind: 'head_office', prefectureCode: null, address: '' })
 * // { name: '本社', kind: 'head_office' }
 */
export function createPayload<V extends Record<string, unknown>>(
  model: FormModel<unknown, V>,
  values: V,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of model.fields) {
    const value = model.apiValue(field, values[field]);
    if (value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
      body[field] = value;
  }
  return body;
}

/** The PATCH body: only the fields whose value differs from the version being edited. */
export function updatePayload<T, V extends Record<string, unknown>>(
  model: FormModel<T, V>,
  values: V,
  base: T,
): Record<string, unknown> {
  const before = model.valuesOf(base);
  const body: Record<string, unknown> = {};
  for (const field of model.fields) {
    if (!sameField(model, field, values, before)) body[field] = model.apiValue(field, values[field]);
  }
  return body;
}

/**
 * After a version conflict: the fields the user did not touch take the latest saved values (so
 * saving again does not undo the other person's change); the ones they changed keep what they typed.
 */
export function mergeLatest<T, V extends Record<string, unknown>>(
  model: FormModel<T, V>,
  typed: V,
  base: T | null,
  latest: T,
): V {
  const original = model.valuesOf(base);
  const fresh = model.valuesOf(latest);
  const merged = { ...typed };
  for (const field of model.fields) {
    if (sameField(model, field, typed, original)) merged[field] = fresh[field];
  }
  return merged;
}

/** Whether a field shows something other than what is saved now (shown under it after a reload). */
export function differsFromSaved<T, V extends Record<string, unknown>>(
  model: FormModel<T, V>,
  typed: V,
  saved: T,
  field: keyof V & string,
): boolean {
  return !sameField(model, field, typed, model.valuesOf(saved));
}

/** Someone else saved the item since it was read (412 version_conflict). */
export function isVersionConflict(err: unknown): boolean {
  return isApiError(err, 'version_conflict');
}
