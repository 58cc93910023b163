/**
 * Import (XLSX or CSV) and export (XLSX) of each inventory register, in the user's words. Rows
 * are matched by name (unique per register): a known name is updated with the columns present in
 * the file when something differs, a new one created. Every row is checked with the same schema
 * as the API, plus the organization's BIA scale.
 */
import type { z } from 'zod';
import { REGISTER_LABELS, type Register } from '../../../domain/inventory.js';
import {
  inventoryCell,
  mapInventoryHeaders,
  ownerOf,
  type PeopleByName,
  readInventoryCells,
} from '../../../domain/inventory-file.js';
import type { Locale } from '../../../domain/organization.js';
import { duplicateInFile, lookupKey, planUpserts } from '../../../domain/spreadsheet.js';
import {
  INVENTORY_IMPORT_MAX_ROWS,
  type InventoryImportMode,
  type InventoryImportReport,
  type InventoryRowError,
} from '../../../shared/inventory.js';
import type { FieldIssue } from '../../../shared/problem.js';
import type { Db } from '../../db/database.js';
import { audited } from '../../db/tx.js';
import { invalid, stale } from '../../errors.js';
import { readImportFile } from '../../files/import-file.js';
import { buildXlsx, XLSX_TYPE } from '../../files/xlsx.js';
import { newId, nowIso } from '../../ids.js';
import { exportFileName } from '../orgs/service.js';
import type { OrgActor } from '../types.js';
import {
  type ColumnValues,
  type CreateOf,
  changedColumns,
  emptyColumns,
  type RowOf,
  specOf,
  toColumns,
  type UpdateOf,
} from './registers.js';
import * as repo from './repo.js';

function rowErrorOf(issue: z.core.$ZodIssue): { code: string; params?: Record<string, string | number> } {
  if (issue.code === 'too_big') return { code: issue.origin === 'string' ? 'too_long' : 'too_large' };
  if (issue.code === 'too_small') return { code: 'required' };
  // The shared field rules' own codes (date_does_not_exist, text_invisible_character …).
  if (issue.code === 'custom' && issue.message)
    return { code: issue.message, ...(issue.params ? { params: issue.params } : {}) };
  return { code: 'invalid' };
}

/**
 * The import pipeline for one register: read the file (XLSX or CSV) and map its headers, read
 * each row's words into API values and check them with the API's schema, then look up the scale,
 * the directory's people and the stored rows once each (no query per row), and write only what
 * changed, with one audit entry. An unchanged row keeps its version and is counted `unchanged`.
 */
export async function importRegister<R extends Register>(
  db: Db,
  actor: OrgActor,
  register: R,
  buf: Buffer,
  mode: InventoryImportMode,
): Promise<InventoryImportReport> {
  const spec = specOf(register);
  const file = await readImportFile(buf, '', INVENTORY_IMPORT_MAX_ROWS, (h) =>
    mapInventoryHeaders(register, h),
  );
  const scale = await repo.biaScale(db.kysely, actor.orgId);
  const errors: InventoryRowError[] = [];
  const valid: { row: number; name: string; input: Partial<UpdateOf<R>> }[] = [];
  const seenNames = new Map<string, number>();
  for (const [rowNumber, cells] of file.rows) {
    const read = readInventoryCells(file.fields, cells, rowNumber);
    const rowErrors: InventoryRowError[] = [...read.errors];
    // A cell that could not be read is left out of the checks below; the row stays refused.
    const parsed = spec.createSchema.safeParse(read.input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        rowErrors.push({ row: rowNumber, field: String(issue.path[0] ?? ''), ...rowErrorOf(issue) });
    } else {
      const input: CreateOf<R> = parsed.data;
      for (const f of spec.levelFields) {
        const v = input[f];
        if (typeof v === 'number' && v > scale)
          rowErrors.push({ row: rowNumber, field: f, code: 'level_unknown', params: { level: v, scale } });
      }
      const dup = duplicateInFile(seenNames, input.name, rowNumber, 'name');
      if (dup) rowErrors.push(dup);
      if (rowErrors.length === 0) {
        // Only the columns present in the file are set on an update.
        valid.push({ row: rowNumber, name: input.name, input: pick(input, file.fields) });
      }
    }
    errors.push(...rowErrors);
  }

  const report: InventoryImportReport = {
    mode,
    totalRows: file.rows.length,
    validCount: valid.length,
    errorCount: file.rows.length - valid.length,
    errors: errors.slice(0, 1000),
    created: 0,
    updated: 0,
    unchanged: 0,
  };
  if (mode === 'validate') return report;
  if (mode === 'all' && report.errorCount > 0) {
    const issues: FieldIssue[] = report.errors.map((e) => ({
      path: ['rows', e.row, ...(e.field ? [e.field] : [])],
      code: e.code,
      ...(e.params ? { params: e.params } : {}),
    }));
    throw invalid('import_has_errors', { params: { errorCount: report.errorCount }, issues });
  }

  await audited(db, actor, async ({ trx, audit }) => {
    const stored = await repo.findByNames(
      trx,
      actor.orgId,
      spec.table,
      valid.map((v) => v.name),
    );
    const existing = new Map(stored.map((r) => [r.name, r]));
    const people =
      spec.hasOwner && file.fields.includes('ownerText') ? await peopleByName(trx, actor.orgId) : null;
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
    const now = nowIso();
    for (const { current, changes } of plan.updates) {
      const n = await repo.updateRow(trx, actor.orgId, spec.table, current.id, current.version, {
        ...changes,
        updated_at: now,
      });
      if (n === 0) throw stale();
    }
    await repo.insertRows(
      trx,
      spec.table,
      plan.inserts.map((v) => ({
        ...emptyColumns(spec),
        ...columnsOf(v.input, undefined),
        id: newId(),
        org_id: actor.orgId,
        archived_at: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })),
    );
    report.created = plan.inserts.length;
    report.updated = plan.updates.length;
    report.unchanged = plan.unchanged;
    await audit({
      action: `${spec.entity}.import`,
      entityType: spec.entity,
      entityId: null,
      details: {
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.errorCount,
        mode,
      },
    });
  });
  return report;
}

/** The fields of `input` that are columns of the file: an update sets only those. */
function pick<T extends object>(input: T, fields: readonly (string | null)[]): Partial<T> {
  const values = new Map<string, unknown>(Object.entries(input));
  const out: Partial<T> = {};
  // A column left out of the parsed row is kept as undefined: toColumns leaves it untouched.
  for (const f of fields) if (f) Object.assign(out, { [f]: values.get(f) });
  return out;
}

async function peopleByName(db: Db['kysely'], orgId: string): Promise<PeopleByName> {
  const byName = new Map<string, { id: string; active: boolean }[]>();
  for (const p of await repo.peopleNames(db, orgId)) {
    const key = lookupKey(p.name);
    byName.set(key, [...(byName.get(key) ?? []), { id: p.id, active: !p.archived }]);
  }
  return byName;
}

/** One register as a table of cell texts in the user's words: the export's and the plan's. */
export async function registerTable<R extends Register>(
  db: Db,
  orgId: string,
  register: R,
  lang: Locale,
  includeArchived: boolean,
): Promise<{ name: string; headers: string[]; rows: string[][] }> {
  const spec = specOf(register);
  const rows: string[][] = [];
  let after: { value: string; id: string } | null = null;
  for (;;) {
    const page: RowOf<R>[] = await repo.listRows(
      db.kysely,
      orgId,
      spec.table,
      spec.hasOwner,
      { includeArchived, equals: [] },
      { column: 'name', desc: false },
      after,
      1000,
    );
    for (const row of page) {
      const item: Readonly<Record<string, unknown>> = spec.present(row);
      rows.push(
        spec.fileColumns.map((c) =>
          c.field === 'ownerText'
            ? inventoryCell(c.field, item.ownerPersonName ?? item.ownerText, lang)
            : inventoryCell(c.field, item[c.field], lang),
        ),
      );
    }
    const last = page[page.length - 1];
    if (page.length < 1000 || !last) break;
    after = { value: last.name, id: last.id };
  }
  return { name: REGISTER_LABELS[register][lang], headers: spec.fileColumns.map((c) => c[lang]), rows };
}

export async function exportRegister<R extends Register>(
  db: Db,
  orgId: string,
  register: R,
  lang: Locale,
  includeArchived: boolean,
): Promise<{ body: Buffer; fileName: string; contentType: string }> {
  const table = await registerTable(db, orgId, register, lang, includeArchived);
  const body = await buildXlsx(table.name, table.headers, table.rows);
  return {
    body,
    fileName: await exportFileName(db, orgId, register, 'xlsx'),
    contentType: XLSX_TYPE,
  };
}
