/**
 * XLSX import and export of each inventory register. Rows are matched by name (unique per
 * register): a known name is updated with the columns present in the file, a new one created.
 * Every row is checked with the same schema as the API, plus the organization's BIA scale.
 */
import type { z } from 'zod';
import type { Register } from '../../../domain/inventory.js';
import type { Locale } from '../../../domain/organization.js';
import type { Rto } from '../../../domain/rto.js';
import { formatRtoCell, parseRtoCell } from '../../../domain/rto-text.js';
import { showHidden } from '../../../domain/text-rules.js';
import {
  ComponentCreateSchema,
  INVENTORY_IMPORT_MAX_ROWS,
  type InventoryImportMode,
  type InventoryImportReport,
  type InventoryRowError,
  OperationCreateSchema,
  SupplierCreateSchema,
  SystemCreateSchema,
} from '../../../shared/inventory.js';
import type { FieldIssue } from '../../../shared/problem.js';
import type { Db } from '../../db/database.js';
import { audited } from '../../db/tx.js';
import { invalid } from '../../errors.js';
import { buildXlsx, readXlsxTable } from '../../files/xlsx.js';
import { newId, nowIso } from '../../ids.js';
import type { OrgActor } from '../types.js';
import { emptyColumns, present, SPECS, toColumns } from './registers.js';
import * as repo from './repo.js';
import { checkReferences } from './service.js';

const CREATE_SCHEMAS: Record<Register, z.ZodType> = {
  operations: OperationCreateSchema,
  systems: SystemCreateSchema,
  components: ComponentCreateSchema,
  suppliers: SupplierCreateSchema,
};

const NUMBER_FIELDS = new Set(['importance', 'dependencyLevel', 'layer']);
const LIST_FIELDS = new Set(['needsData', 'needsTerminals', 'needsProcedureManuals', 'needsUserManuals']);
const RTO_FIELDS = new Set(['rtoOverride', 'declaredRto']);
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function mapHeaders(register: Register, header: string[]) {
  const columns = SPECS[register].fileColumns;
  const fields: (string | null)[] = [];
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const seen = new Set<string>();
  for (const raw of header) {
    const h = raw.trim();
    if (h === '') {
      fields.push(null);
      continue;
    }
    const col = columns.find((c) => c.ja === h || c.en.toLowerCase() === h.toLowerCase());
    if (!col) unknown.push(h);
    else if (seen.has(col.field)) duplicate.push(h);
    else seen.add(col.field);
    fields.push(col && !duplicate.includes(h) ? col.field : null);
  }
  const [nameColumn] = columns;
  const missing = seen.has('name') || !nameColumn ? [] : [nameColumn.ja];
  return { fields, unknown, duplicate, missing };
}

function cellValue(field: string, text: string): unknown {
  const t = text.trim();
  if (LIST_FIELDS.has(field))
    return t
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean);
  if (t === '') return field === 'name' ? '' : null;
  if (NUMBER_FIELDS.has(field)) return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
  return t;
}

function rowErrorOf(issue: z.core.$ZodIssue): { code: string; params?: Record<string, string | number> } {
  if (issue.code === 'too_big') return { code: issue.origin === 'string' ? 'too_long' : 'too_large' };
  if (issue.code === 'too_small') return { code: 'required' };
  // The shared field rules' own codes (date_does_not_exist, text_invisible_character …).
  if (issue.code === 'custom' && issue.message)
    return { code: issue.message, ...(issue.params ? { params: issue.params } : {}) };
  return { code: 'invalid' };
}

export async function importRegister(
  db: Db,
  actor: OrgActor,
  register: Register,
  buf: Buffer,
  mode: InventoryImportMode,
): Promise<InventoryImportReport> {
  if (!ZIP_MAGIC.every((b, i) => buf[i] === b))
    throw invalid('file_unreadable', { params: { reason: 'not_xlsx' } });
  const spec = SPECS[register];
  const [header = [], ...data] = await readXlsxTable(buf, INVENTORY_IMPORT_MAX_ROWS);
  const mapping = mapHeaders(register, header);
  if (mapping.unknown.length || mapping.duplicate.length || mapping.missing.length) {
    const params: Record<string, string> = {};
    if (mapping.missing.length) params.missing = mapping.missing.join(', ');
    if (mapping.unknown.length) params.unknown = mapping.unknown.map(showHidden).join(', ');
    if (mapping.duplicate.length) params.duplicate = mapping.duplicate.map(showHidden).join(', ');
    throw invalid('file_headers_invalid', { params });
  }

  const scale = await repo.biaScale(db.kysely, actor.orgId);
  const errors: InventoryRowError[] = [];
  const valid: { row: number; input: Record<string, unknown> }[] = [];
  const firstRowOfName = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    const cells = data[i] ?? [];
    if (cells.every((c) => c.trim() === '')) continue;
    total++;
    const rowNumber = i + 2;
    const raw: Record<string, unknown> = {};
    const rowErrors: InventoryRowError[] = [];
    mapping.fields.forEach((field, c) => {
      if (!field) return;
      if (!RTO_FIELDS.has(field)) {
        raw[field] = cellValue(field, cells[c] ?? '');
        return;
      }
      const read = parseRtoCell(cells[c] ?? '');
      if (read.ok) raw[field] = read.rto;
      else
        rowErrors.push({
          row: rowNumber,
          field,
          code: read.code,
          ...(read.params ? { params: read.params } : {}),
        });
    });
    // An RTO that could not be read is left out of the checks below; the row stays refused.
    const parsed = CREATE_SCHEMAS[register].safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        rowErrors.push({ row: rowNumber, field: String(issue.path[0] ?? ''), ...rowErrorOf(issue) });
    } else {
      const input = parsed.data as Record<string, unknown>;
      for (const issue of await checkReferences(db.kysely, actor.orgId, spec, input, scale))
        rowErrors.push({
          row: rowNumber,
          field: String(issue.path[0]),
          code: issue.code,
          ...(issue.params ? { params: issue.params } : {}),
        });
      const name = String(input.name);
      const first = firstRowOfName.get(name);
      if (first !== undefined)
        rowErrors.push({
          row: rowNumber,
          field: 'name',
          code: 'duplicate_in_file',
          params: { firstRow: first },
        });
      else firstRowOfName.set(name, rowNumber);
      if (rowErrors.length === 0) {
        // Only the columns present in the file are set on an update.
        const present_: Record<string, unknown> = {};
        for (const f of mapping.fields) if (f) present_[f] = input[f];
        valid.push({ row: rowNumber, input: present_ });
      }
    }
    errors.push(...rowErrors);
  }

  const report: InventoryImportReport = {
    mode,
    totalRows: total,
    validCount: valid.length,
    errorCount: total - valid.length,
    errors: errors.slice(0, 1000),
    created: 0,
    updated: 0,
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
    const existing = new Map(
      (
        await repo.findByNames(
          trx,
          actor.orgId,
          spec.table,
          valid.map((v) => String(v.input.name)),
        )
      ).map((r) => [r.name, r]),
    );
    const now = nowIso();
    const inserts: Record<string, unknown>[] = [];
    for (const { input } of valid) {
      const before = existing.get(String(input.name));
      if (before) {
        await repo.updateRow(trx, actor.orgId, spec.table, before.id, before.version, {
          ...toColumns(spec, input),
          updated_at: now,
        });
        report.updated++;
      } else {
        inserts.push({
          ...emptyColumns(spec),
          ...toColumns(spec, input),
          id: newId(),
          org_id: actor.orgId,
          archived_at: null,
          created_at: now,
          updated_at: now,
          version: 1,
        });
      }
    }
    await repo.insertRows(trx, spec.table, inserts);
    report.created = inserts.length;
    await audit({
      action: `${spec.entity}.import`,
      entityType: spec.entity,
      entityId: null,
      details: { created: report.created, updated: report.updated, skipped: report.errorCount, mode },
    });
  });
  return report;
}

function cellOut(field: string, value: unknown, lang: Locale): string {
  if (value === null || value === undefined) return '';
  if (RTO_FIELDS.has(field)) return formatRtoCell(value as Rto, lang);
  if (Array.isArray(value)) return value.join('\n');
  return String(value);
}

export async function exportRegister(
  db: Db,
  orgId: string,
  register: Register,
  lang: Locale,
  includeArchived: boolean,
): Promise<{ body: Buffer; fileName: string; contentType: string }> {
  const spec = SPECS[register];
  const rows: string[][] = [];
  let after: { value: string; id: string } | null = null;
  for (;;) {
    const page = await repo.listRows(
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
      const item = present(spec, row) as unknown as Record<string, unknown>;
      rows.push(
        spec.fileColumns.map((c) =>
          c.field === 'ownerText'
            ? cellOut(c.field, item.ownerPersonName ?? item.ownerText, lang)
            : cellOut(c.field, item[c.field], lang),
        ),
      );
    }
    const last = page[page.length - 1];
    if (page.length < 1000 || !last) break;
    after = { value: last.name, id: last.id };
  }
  const body = await buildXlsx(
    register,
    spec.fileColumns.map((c) => c[lang]),
    rows,
  );
  return {
    body,
    fileName: `${register}-${nowIso().slice(0, 10)}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
