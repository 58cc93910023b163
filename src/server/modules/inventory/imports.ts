/**
 * Import of each inventory register (XLSX or CSV, in the user's words), as kinds of the shared
 * import job (modules/imports): `inventory:<register>`. Rows are matched by name (unique per
 * register): a known name is updated with the columns present in the file when something differs,
 * a new one created. Every row is checked with the same schema as the API, plus the
 * organization's BIA scale; nothing is written until the job is committed.
 */
import type { z } from 'zod';
import { inventoryImportKind } from '../../../domain/import-jobs.js';
import type { InventoryFileField, Register } from '../../../domain/inventory.js';
import {
  mapInventoryHeaders,
  ownerOf,
  type PeopleByName,
  readInventoryCells,
} from '../../../domain/inventory-file.js';
import { duplicateInFile, lookupKey, planUpserts, type RowError } from '../../../domain/spreadsheet.js';
import { INVENTORY_IMPORT_MAX_ROWS } from '../../../shared/inventory.js';
import type { Db } from '../../db/database.js';
import { stale } from '../../errors.js';
import { newId } from '../../ids.js';
import type { ImportKindSpec } from '../imports/service.js';
import {
  type ColumnValues,
  type CreateOf,
  changedColumns,
  emptyColumns,
  type RegisterSpec,
  type RowOf,
  specOf,
  toColumns,
  type UpdateOf,
} from './registers.js';
import * as repo from './repo.js';

type Q = Db['kysely'];

/** A checked row: its name (the key) and the API values of the file's columns. */
interface CheckedRow<R extends Register> {
  row: number;
  name: string;
  input: Partial<UpdateOf<R>>;
}

function rowErrorOf(issue: z.core.$ZodIssue): { code: string; params?: Record<string, string | number> } {
  if (issue.code === 'too_big') return { code: issue.origin === 'string' ? 'too_long' : 'too_large' };
  if (issue.code === 'too_small') return { code: 'required' };
  // The shared field rules' own codes (date_does_not_exist, text_invisible_character …).
  if (issue.code === 'custom' && issue.message)
    return { code: issue.message, ...(issue.params ? { params: issue.params } : {}) };
  return { code: 'invalid' };
}

/** The levels of `input` above the organization's scale, as row errors. */
function levelErrors<R extends Register>(
  spec: RegisterSpec<R>,
  input: object,
  row: number,
  scale: number,
): RowError[] {
  const values = new Map<string, unknown>(Object.entries(input));
  const errors: RowError[] = [];
  for (const f of spec.levelFields) {
    const v = values.get(f);
    if (typeof v === 'number' && v > scale)
      errors.push({ row, field: f, code: 'level_unknown', params: { level: v, scale } });
  }
  return errors;
}

/** The fields of `input` that are columns of the file: an update sets only those. */
function pick<T extends object>(input: T, fields: readonly (string | null)[]): Partial<T> {
  const values = new Map<string, unknown>(Object.entries(input));
  const out: Partial<T> = {};
  // A column left out of the parsed row is kept as undefined: toColumns leaves it untouched.
  for (const f of fields) if (f) Object.assign(out, { [f]: values.get(f) });
  return out;
}

async function peopleByName(db: Q, orgId: string): Promise<PeopleByName> {
  const byName = new Map<string, { id: string; active: boolean }[]>();
  for (const p of await repo.peopleNames(db, orgId)) {
    const key = lookupKey(p.name);
    byName.set(key, [...(byName.get(key) ?? []), { id: p.id, active: !p.archived }]);
  }
  return byName;
}

function registerImport<R extends Register>(register: R): ImportKindSpec<InventoryFileField, CheckedRow<R>> {
  const spec = specOf(register);
  return {
    kind: inventoryImportKind(register),
    maxRows: INVENTORY_IMPORT_MAX_ROWS,
    audit: { upload: `${spec.entity}.import_upload`, commit: `${spec.entity}.import` },
    mapHeaders: (header) => mapInventoryHeaders(register, header),

    async checker(q, orgId, fields) {
      const scale = await repo.biaScale(q, orgId);
      const seenNames = new Map<string, number>();
      return (cells, rowNumber) => {
        const read = readInventoryCells(fields, cells, rowNumber);
        const errors: RowError[] = [...read.errors];
        // A cell that could not be read is left out of the checks below; the row stays refused.
        const parsed = spec.createSchema.safeParse(read.input);
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            errors.push({ row: rowNumber, field: String(issue.path[0] ?? ''), ...rowErrorOf(issue) });
          return { value: null, errors };
        }
        const input: CreateOf<R> = parsed.data;
        errors.push(...levelErrors(spec, input, rowNumber, scale));
        const dup = duplicateInFile(seenNames, input.name, rowNumber, 'name');
        if (dup) errors.push(dup);
        if (errors.length) return { value: null, errors };
        // Only the columns present in the file are set on an update.
        return { value: { row: rowNumber, name: input.name, input: pick(input, fields) }, errors };
      };
    },

    async plan(q, orgId, fields, valid) {
      // The scale may have been lowered since the file was checked: upload it again.
      const scale = await repo.biaScale(q, orgId);
      if (valid.some((v) => levelErrors(spec, v.input, v.row, scale).length > 0)) throw stale();
      const stored = await repo.findByNames(
        q,
        orgId,
        spec.table,
        valid.map((v) => v.name),
      );
      const existing = new Map(stored.map((r) => [r.name, r]));
      const people = spec.hasOwner && fields.includes('ownerText') ? await peopleByName(q, orgId) : null;
      // The owner cell names a person of the directory (linked) or is free text.
      const columnsOf = (input: Partial<UpdateOf<R>>, current: RowOf<R> | undefined): ColumnValues => {
        if (!people) return toColumns(spec, input);
        const text = 'ownerText' in input && typeof input.ownerText === 'string' ? input.ownerText : null;
        const stored = current && 'owner_person_id' in current ? current.owner_person_id : null;
        const { ownerText: _, ...rest }: Partial<UpdateOf<R>> & { ownerText?: unknown } = input;
        return toColumns(spec, { ...rest, ...ownerOf(text, people, stored) });
      };
      const plan = planUpserts(
        valid,
        existing,
        (v) => v.name,
        (v, current) => changedColumns(spec, columnsOf(v.input, current), current),
      );
      return {
        created: plan.inserts.length,
        updated: plan.updates.length,
        unchanged: plan.unchanged,
        async apply(now) {
          for (const { current, changes } of plan.updates) {
            const n = await repo.updateRow(q, orgId, spec.table, current.id, current.version, {
              ...changes,
              updated_at: now,
            });
            if (n === 0) throw stale();
          }
          await repo.insertRows(
            q,
            spec.table,
            plan.inserts.map((v) => ({
              ...emptyColumns(spec),
              ...columnsOf(v.input, undefined),
              id: newId(),
              org_id: orgId,
              archived_at: null,
              created_at: now,
              updated_at: now,
              version: 1,
            })),
          );
        },
      };
    },
  };
}

/** The import kind of each register. */
export const REGISTER_IMPORTS: {
  readonly [R in Register]: ImportKindSpec<InventoryFileField, CheckedRow<R>>;
} = {
  operations: registerImport('operations'),
  systems: registerImport('systems'),
  components: registerImport('components'),
  suppliers: registerImport('suppliers'),
};
