/**
 * People import, as one kind of the shared import job (modules/imports): the file's columns, the
 * check of a row (against the organization's sites and departments, employee numbers once per
 * file) and the writes (an employee number already in the directory updates that person, with
 * only the columns the file has; other rows are created). Export lives here too: it writes the
 * same columns.
 */

import type { Locale } from '../../../domain/organization.js';
import {
  exportCells,
  exportHeaders,
  type ImportedPerson,
  mapHeaders,
  validateRow,
} from '../../../domain/people-import.js';
import { duplicateInFile, lookupKey } from '../../../domain/spreadsheet.js';
import { IMPORT_MAX_ROWS, type PeopleFileField } from '../../../shared/people.js';
import type { Db } from '../../db/database.js';
import type { PersonRow } from '../../db/schema.js';
import { stale } from '../../errors.js';
import { newId } from '../../ids.js';
import type { ImportKindSpec } from '../imports/service.js';
import { exportFileName } from '../orgs/service.js';
import { buildCsv, buildXlsx, type FileFormat } from './files.js';
import * as repo from './repo.js';

export const peopleImport: ImportKindSpec<PeopleFileField, ImportedPerson> = {
  kind: 'people',
  maxRows: IMPORT_MAX_ROWS,
  audit: { upload: 'people.import_upload', commit: 'people.import' },
  mapHeaders,

  async checker(q, orgId, fields) {
    const names = await repo.activeStructureNames(q, orgId);
    const lookups = {
      sites: new Map(names.sites.map((s) => [lookupKey(s.name), s.id])),
      departments: new Map(names.departments.map((d) => [lookupKey(d.name), d.id])),
    };
    const seen = new Map<string, number>();
    return (cells, rowNumber) => {
      const result = validateRow(cells, fields, rowNumber, lookups);
      // A bad row still claims its employee number, so a later row with the same number is reported too.
      const dup = duplicateInFile(
        seen,
        result.value?.employeeNumber ?? employeeNumberOf(cells, fields),
        rowNumber,
        'employeeNumber',
      );
      const errors = dup ? [...result.errors, dup] : result.errors;
      return { value: errors.length ? null : (result.value ?? null), errors };
    };
  },

  async plan(q, orgId, fields, valid) {
    const has = new Set(fields);
    const existing = await repo.peopleByEmployeeNumber(q, orgId);
    const updates: { current: PersonRow; changes: Partial<PersonRow> }[] = [];
    const creates: ImportedPerson[] = [];
    let unchanged = 0;
    for (const p of valid) {
      const current = p.employeeNumber ? existing.get(p.employeeNumber) : undefined;
      if (!current) {
        creates.push(p);
        continue;
      }
      const changes: Partial<PersonRow> = { name: p.name };
      if (has.has('nameKana')) changes.name_kana = p.nameKana;
      if (has.has('email')) changes.email = p.email;
      if (has.has('phone')) changes.phone = p.phone;
      if (has.has('chatHandle')) changes.chat_handle = p.chatHandle;
      if (has.has('site')) changes.site_id = p.siteId;
      if (has.has('department')) changes.department_id = p.departmentId;
      if (has.has('homePrefecture')) changes.home_prefecture = p.homePrefecture;
      if (has.has('employmentStatus')) changes.employment_status = p.employmentStatus;
      // Re-importing unchanged data writes nothing (and leaves versions alone for open editors).
      const differs = (Object.keys(changes) as (keyof PersonRow)[]).some((k) => changes[k] !== current[k]);
      if (differs) updates.push({ current, changes });
      else unchanged++;
    }
    return {
      created: creates.length,
      updated: updates.length,
      unchanged,
      async apply(now) {
        for (const { current, changes } of updates) {
          const n = await repo.updatePerson(q, orgId, current.id, current.version, {
            ...changes,
            updated_at: now,
          });
          if (n === 0) throw stale();
        }
        await repo.insertPeople(
          q,
          creates.map((p) => ({
            id: newId(),
            org_id: orgId,
            employee_number: p.employeeNumber,
            name: p.name,
            name_kana: p.nameKana,
            email: p.email,
            phone: p.phone,
            chat_handle: p.chatHandle,
            site_id: p.siteId,
            department_id: p.departmentId,
            home_prefecture: p.homePrefecture,
            employment_status: p.employmentStatus,
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

function employeeNumberOf(cells: string[], fields: (PeopleFileField | null)[]): string | null {
  const i = fields.indexOf('employeeNumber');
  const v = i >= 0 ? (cells[i] ?? '').normalize('NFKC').trim() : '';
  return v || null;
}

export async function exportPeople(
  db: Db,
  orgId: string,
  format: FileFormat,
  lang: Locale,
  includeArchived: boolean,
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const people = await repo.peopleForExport(db.kysely, orgId, includeArchived);
  const rows = people.map((p) =>
    exportCells(
      {
        employeeNumber: p.employee_number,
        name: p.name,
        nameKana: p.name_kana,
        email: p.email,
        phone: p.phone,
        chatHandle: p.chat_handle,
        siteName: p.site_name,
        departmentName: p.department_name,
        homePrefecture: p.home_prefecture,
        employmentStatus: p.employment_status,
      },
      lang,
    ),
  );
  const headers = exportHeaders(lang);
  const fileName = await exportFileName(db, orgId, 'people', format);
  if (format === 'xlsx') {
    return {
      body: await buildXlsx(lang === 'ja' ? '従業員' : 'People', headers, rows),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName,
    };
  }
  return {
    body: buildCsv(headers, rows),
    contentType: 'text/csv; charset=utf-8',
    fileName,
  };
}
